/**
 * Pure helpers for the storage IO parts of the Storage panel: IOPS, throughput and latency in
 * words, a series' latest value and peak, a workload described the way a DiskSpd command line
 * reads, and the resync and mirror-accelerated parity jobs in words. No DOM, so they are
 * unit-tested without rendering.
 */
import { VM_SIZES } from '$lib/sim/storage/io/params';
import type { DriveContentsView, IoSeries, IoWorkloadView } from '$lib/worker/protocol';
import { formatBytes, type VolumeRepair } from './storage-view';

export type { DriveContentsView, IoSeries, IoWorkloadView };
export type DriveExtent = DriveContentsView['extents'][number];

/** The units a chart can show; each has its own way of writing a value. */
export type IoUnit = 'IOPS' | 'MB/s' | 'ms' | '%' | 'IOs/s';

/** English digit grouping, fixed so tests and screen readers get the same text everywhere. */
const WHOLE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

const finite = (n: number) => (Number.isFinite(n) ? Math.max(0, n) : 0);

/** The newest point of a series (the last one), or null when it has none yet. */
export function latestValue(values: readonly number[]): number | null {
	return values.length > 0 ? values[values.length - 1] : null;
}

/** The largest point of a series, or null when it has none yet. */
export function peakValue(values: readonly number[]): number | null {
	return values.length > 0 ? Math.max(...values) : null;
}

/** IOs per second as a whole number with digit grouping: "12,345 IOPS". */
export function formatIops(iops: number): string {
	return `${WHOLE.format(finite(iops))} IOPS`;
}

/** A plain count with digit grouping, e.g. "1,204". */
export function formatCount(n: number): string {
	return WHOLE.format(finite(n));
}

/** Megabytes (10⁶ bytes) per second: three significant digits below 1000, "1,250 MB/s" above. */
export function formatMbps(mbps: number): string {
	const v = finite(mbps);
	return `${v >= 1000 ? WHOLE.format(v) : Number(v.toPrecision(3))} MB/s`;
}

/**
 * Milliseconds with two significant digits below 100 ("0.42 ms", "8.1 ms", "0.031 ms"), whole
 * above ("120 ms"): flash answers in hundredths of a millisecond, an HDD in several ms.
 */
export function formatLatency(ms: number): string {
	const v = finite(ms);
	return `${v >= 100 ? WHOLE.format(v) : Number(v.toPrecision(2))} ms`;
}

/** A share 0–1 as a whole percentage: "37 %". */
export function formatShare(share: number): string {
	return `${Math.round(Math.min(1, finite(share)) * 100)} %`;
}

/** One value in the unit a chart shows it in. */
export function formatMeasure(value: number, unit: IoUnit): string {
	switch (unit) {
		case 'IOPS':
			return formatIops(value);
		case 'MB/s':
			return formatMbps(value);
		case 'ms':
			return formatLatency(value);
		case '%':
			return formatShare(value);
		case 'IOs/s':
			return `${formatCount(value)} IOs/s`;
	}
}

/**
 * What a chart says to a screen reader: its label, the latest value and the peak over the seconds
 * it covers, e.g. "IOPS of vm01: 480 IOPS now, peak 500 IOPS over the last 12 s".
 */
export function describeSeries(label: string, values: readonly number[], unit: IoUnit): string {
	const now = latestValue(values);
	const top = peakValue(values);
	if (now === null || top === null) return `${label}: no data yet`;
	const span = values.length === 1 ? 'in the last second' : `over the last ${values.length} s`;
	return `${label}: ${formatMeasure(now, unit)} now, peak ${formatMeasure(top, unit)} ${span}`;
}

/** A block size in KiB as DiskSpd writes it: "4 KiB", "256 KiB", "1 MiB". */
export function formatBlock(blockKB: number): string {
	return blockKB >= 1024 && blockKB % 1024 === 0 ? `${blockKB / 1024} MiB` : `${blockKB} KiB`;
}

function readShare(readPercent: number): string {
	if (readPercent >= 100) return 'reads only';
	if (readPercent <= 0) return 'writes only';
	return `${readPercent} % reads`;
}

/**
 * A workload in words, e.g. "4 KiB random, 70 % reads, 8 outstanding, capped at 500 IOPS
 * (Standard_A2 × 1 disk)". The disk count is the cap over the size's per-disk cap.
 */
export function describeWorkload(
	w: Pick<
		IoWorkloadView,
		'blockKB' | 'pattern' | 'readPercent' | 'outstanding' | 'targetIops' | 'vmSize' | 'capIops'
	>
): string {
	const parts = [
		`${formatBlock(w.blockKB)} ${w.pattern}`,
		readShare(w.readPercent),
		`${w.outstanding} outstanding`
	];
	if (w.targetIops !== null) parts.push(`target ${formatIops(w.targetIops)}`);
	if (w.capIops === null) {
		parts.push('no IOPS cap');
	} else {
		const size = w.vmSize && Object.hasOwn(VM_SIZES, w.vmSize) ? w.vmSize : null;
		const perDisk = size ? VM_SIZES[size as keyof typeof VM_SIZES].iopsPerDisk : 0;
		const disks = perDisk > 0 ? Math.round(w.capIops / perDisk) : 0;
		const why = size
			? ` (${size} × ${disks} ${disks === 1 ? 'disk' : 'disks'})`
			: w.vmSize
				? ` (${w.vmSize})`
				: '';
		parts.push(`capped at ${formatIops(w.capIops)}${why}`);
	}
	return parts.join(', ');
}

/** A resync of stale regions in words: "Resyncing 1.2 GB of 3.4 GB", "Resync done: 3.4 GB". */
export function resyncText(resync: VolumeRepair): string {
	switch (resync.state) {
		case 'none':
			return 'No resync';
		case 'waiting':
			return 'Resync waiting to start';
		case 'running':
			return `Resyncing ${formatBytes(resync.bytesDone)} of ${formatBytes(resync.bytesTotal)}`;
		case 'done':
			return `Resync done: ${formatBytes(resync.bytesTotal)} copied`;
	}
}

/** Stale bytes in words, or null when nothing is stale. */
export function staleText(staleBytes: number): string | null {
	return staleBytes > 0
		? `${formatBytes(staleBytes)} stale: written while a copy was away, not yet resynced`
		: null;
}

/**
 * The mirror part of a mirror-accelerated parity volume in words, e.g. "Mirror part 62 % full;
 * 12 GB moved to parity so far", or null for any other volume.
 */
export function mirrorText(mirrorFull: number | null, movedToParityBytes: number): string | null {
	if (mirrorFull === null) return null;
	const moved =
		movedToParityBytes > 0
			? `${formatBytes(movedToParityBytes)} moved to parity so far`
			: 'nothing moved to parity yet';
	return `Mirror part ${formatShare(mirrorFull)} full; ${moved}`;
}

/** The state of one extent on a drive in words: "current", "stale", "12 MB dirty in cache". */
export function extentState(extent: Pick<DriveExtent, 'stale' | 'dirtyBytes'>): string {
	const parts: string[] = [];
	if (extent.stale) parts.push('stale (missed writes)');
	if (extent.dirtyBytes > 0) parts.push(`${formatBytes(extent.dirtyBytes)} dirty in cache`);
	return parts.length > 0 ? parts.join(', ') : 'current';
}

/** A workload's last acknowledged IO (protocol.ts LastIoView). */
export type LastIo = NonNullable<IoWorkloadView['lastIo']>;

/** The last IO's headline: what, how big, where, and how long until the VM had its answer. */
export function lastIoHeadline(last: LastIo): string {
	const n = last.transfers.length;
	const what = `${formatBlock(last.bytes / 1024)} ${last.kind}`;
	const at = `at ${formatBytes(last.offsetBytes)} into the volume`;
	const sent = `${n} transfer${n === 1 ? '' : 's'} of at most 256 KiB`;
	const ack = last.kind === 'write' ? 'acknowledged once every online copy had it' : 'answered';
	return `${what} ${at}: ${sent}, ${ack} after ${formatLatency(last.ackMs - last.requestedMs)}.`;
}

/** One transfer of the last IO in words, with its time after issue. */
export function lastIoTransfer(last: LastIo, t: LastIo['transfers'][number]): string {
	const via = t.viaCache ? ', in its cache drive' : '';
	const verb = last.kind === 'write' ? 'landed on' : 'read from';
	return `Slab ${t.slab}, ${t.role}: ${verb} ${t.drive}${via} (${t.server}) after ${formatLatency(t.landedMs - last.issuedMs)}`;
}

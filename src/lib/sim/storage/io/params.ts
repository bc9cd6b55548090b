/**
 * The numbers of the IO model in one place: how long a drive and a link take, the platform's
 * per-disk IOPS caps by VM size (FACTS §6.5), and the background jobs' rates. Where FACTS gives a
 * figure it is cited; everything else is a CHOICE, listed for learners in IO_SIMPLIFICATIONS.
 */
import type { DriveMedia } from '../../topology';
import type { Simplification } from '../../simplifications';

/** How a drive serves one request: a fixed cost per request plus the bytes at its bandwidth. */
export interface MediaService {
	/** Per request when the access is random (seek and rotation on an HDD), ms. */
	readonly randomMs: number;
	/** Per request when the access continues the previous one, ms. */
	readonly sequentialMs: number;
	/** Transfer rate, bytes per ms (1 000 000 bytes/ms = 1 GB/s). */
	readonly bytesPerMs: number;
}

/**
 * CHOICE (FACTS is silent on drive speeds): round, illustrative figures of the three media,
 * not measurements of any product. An HDD's 8 ms random access gives it about 125 random IOPS;
 * flash is 100 to 400 times quicker per request.
 */
export const MEDIA_SERVICE: Readonly<Record<DriveMedia, MediaService>> = {
	nvme: { randomMs: 0.02, sequentialMs: 0.01, bytesPerMs: 3_000_000 },
	ssd: { randomMs: 0.08, sequentialMs: 0.03, bytesPerMs: 500_000 },
	hdd: { randomMs: 8, sequentialMs: 0.1, bytesPerMs: 200_000 }
};

/** Milliseconds a drive of `media` is busy serving `bytes`. */
export function driveServiceMs(media: DriveMedia, bytes: number, random: boolean): number {
	const m = MEDIA_SERVICE[media];
	return (random ? m.randomMs : m.sequentialMs) + bytes / m.bytesPerMs;
}

/**
 * CHOICE: each server sends and receives east-west storage traffic (SMB Direct over RDMA) on one
 * 25 Gb/s link each way, with 5 µs of latency per transfer. Real scale units have two or more
 * ports; FACTS gives no figure.
 */
export const LINK_BYTES_PER_MS = 3_125_000;
export const LINK_LATENCY_MS = 0.005;

/**
 * The platform's per-data-disk IOPS caps by VM size, FACTS §6.5 (CONFIRMED): 300 on Basic A,
 * 500 on standard sizes, 2300 on premium-capable "s" sizes; with each size's data-disk count.
 */
export const VM_SIZES = {
	Basic_A1: { dataDisks: 2, iopsPerDisk: 300 },
	Standard_A2: { dataDisks: 4, iopsPerDisk: 500 },
	Standard_D2_v2: { dataDisks: 8, iopsPerDisk: 500 },
	Standard_DS2_v2: { dataDisks: 8, iopsPerDisk: 2300 },
	Standard_F64s_v2: { dataDisks: 32, iopsPerDisk: 2300 }
} as const;
export type VmSizeName = keyof typeof VM_SIZES;
export const VM_SIZE_NAMES = Object.keys(VM_SIZES) as VmSizeName[];

/**
 * CHOICE: a workload's IOs go to one data disk unless it names more; its cap is the disk count
 * times the size's per-disk cap (the platform caps each disk, FACTS §6.5). Without a VM size the
 * workload runs uncapped, as DiskSpd on a host or VMFleet on Azure Local does.
 */
export function iopsCap(size: VmSizeName | undefined, dataDisks: number): number {
	return size === undefined ? Infinity : VM_SIZES[size].iopsPerDisk * dataDisks;
}

/**
 * CHOICE: the cache de-stages dirty data to its capacity drives at 200 MB/s per cache drive,
 * in passes every 250 ms, sequentially (FACTS §1.7: HDD writes are de-randomized first).
 */
export const DESTAGE_BYTES_PER_MS = 200_000;
export const DESTAGE_TICK_MS = 250;

/**
 * CHOICE (FACTS §7 "Node returns": a throttled resync of changed regions only; no rate given):
 * a resync copies 200 MB of stale regions per simulated second per volume.
 */
export const RESYNC_BYTES_PER_MS = 200_000;
export const RESYNC_TICK_MS = 1000;

/**
 * CHOICE (FACTS §1.1 says writes land in mirror and later move to parity, not when): a
 * mirror-accelerated parity volume starts moving its oldest data to parity when its mirror part
 * is 85 % full and moves 100 MB per simulated second until it is below that.
 */
export const MAP_ROTATE_AT = 0.85;
export const MAP_ROTATE_BYTES_PER_MS = 100_000;
export const MAP_ROTATE_TICK_MS = 1000;

/**
 * CHOICE: background work (de-staging, resync, rotation) takes a share of a drive's or link's
 * time over its tick, slowing VM IO there in proportion, at most 80 % so VM IO always moves.
 */
export const MAX_BACKGROUND_SHARE = 0.8;

/** The read cache of a cache drive remembers at most this many extents (each partly cached). */
export const READ_CACHE_RING = 1024;

/** Charts keep this many one-second points. */
export const STATS_SECONDS = 60;
/** The last interleave transfers kept for drawing (the frame's IO section). */
export const FLIGHT_RING = 96;

/** Where the IO model departs from the real system (shown to learners). */
export const IO_SIMPLIFICATIONS: readonly Simplification[] = [
	{
		id: 'storage.io-speeds',
		title: 'Drive and network speeds',
		detail: `Drives and links are queues served in the order IOs are issued; background work (de-staging, resync, rotation) instead takes a share of their time (at most ${MAX_BACKGROUND_SHARE * 100} %) and slows VM IO in proportion. Each request costs a fixed time plus its bytes at the medium's rate: NVMe ${MEDIA_SERVICE.nvme.randomMs} ms, SSD ${MEDIA_SERVICE.ssd.randomMs} ms, HDD ${MEDIA_SERVICE.hdd.randomMs} ms per random request at ${MEDIA_SERVICE.nvme.bytesPerMs / 1e6}, ${MEDIA_SERVICE.ssd.bytesPerMs / 1e6} and ${MEDIA_SERVICE.hdd.bytesPerMs / 1e6} GB/s. Each server has one 25 Gb/s east-west link each way. These are round illustrative figures, not measurements; only the caps per VM size are documented.`,
		source: 'FACTS.md §6.5 (caps); speeds are our choice'
	},
	{
		id: 'storage.io-cache',
		title: 'Cache tier',
		detail: `A write lands in the cache drive bound to each copy's capacity drive (or straight on the capacity drive when the server has no cache) and is de-staged later at ${DESTAGE_BYTES_PER_MS / 1000} MB/s per cache drive. Dirty bytes are tracked per extent (1 GiB), not per block. The read cache of HDD capacity counts how many 256 KiB regions of each extent it holds, not which: a read hits with the share of the extent held, and a miss adds one region; when the cache drive is full the extent read longest ago leaves.`,
		source: 'FACTS.md §1.7; granularity and rates are our choice'
	},
	{
		id: 'storage.io-stale',
		title: 'Stale regions and resync',
		detail: `A write that cannot reach a copy marks that copy's extent stale and counts the 256 KiB interleaves written while it was away (a spot written twice counts twice). When the copy is reachable again a resync job copies those interleaves at ${RESYNC_BYTES_PER_MS / 1000} MB per simulated second per volume; a stale copy does not count as a current copy meanwhile.`,
		source: 'FACTS.md §1.9 (Degraded), §7 (Node returns); rate is our choice'
	},
	{
		id: 'storage.io-parity',
		title: 'Parity writes',
		detail:
			'A parity write reads and rewrites its data column and every parity column of the slab (read-modify-write); full-stripe writes are not detected. A read of a missing column reads the other data columns instead.',
		source: 'Our choice; FACTS.md §1.2 gives only the layouts'
	},
	{
		id: 'storage.io-map',
		title: 'Mirror-accelerated parity',
		detail: `Writes go to the mirror part; when it is ${MAP_ROTATE_AT * 100} % full the oldest slabs move to the parity part at ${MAP_ROTATE_BYTES_PER_MS / 1000} MB per simulated second. Reads of moved data are served by the parity part.`,
		source: 'FACTS.md §1.1; threshold and rate are our choice'
	},
	{
		id: 'storage.io-caps',
		title: 'IOPS caps',
		detail:
			'A workload with a VM size is held to its data disks × the per-disk cap (300 Basic A, 500 standard, 2300 premium "s" sizes); IOs over the cap wait in the host and the wait counts in their latency. The 145 MB/s premium throughput cap is not applied. A workload without a VM size is uncapped.',
		source: 'FACTS.md §6.5'
	},
	{
		id: 'storage.io-vm-server',
		title: 'Where a workload runs',
		detail:
			"A workload runs in a VM of the cluster that takes 8 GB of memory and starts on the workload's server even when the placement rules would choose another. It sends its IO from wherever the cluster runs that VM: a drain live-migrates it, a failure stops its IO until it restarts elsewhere, and on an isolated server its IO waits. Defining a new workload creates its VM, so it is refused while the Network Controller has lost its majority, like other northbound changes.",
		source:
			'Our choice (FACTS.md §7: drains live-migrate VMs, failures restart them; §6.3 placement)'
	}
];

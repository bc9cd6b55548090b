/**
 * The IO part of the Storage panel's view (protocol.ts): per-second series of every workload,
 * volume and drive from the IO model's meters, each volume's resync and stale regions, and what
 * one drive holds (the drive view of slabs and copies).
 */
import type { Simulation } from '../sim/index';
import { INTERLEAVE_BYTES } from '../sim/storage/layout';
import {
	M_BUSY,
	M_BYTES,
	M_IOS,
	M_LATENCY_MAX,
	M_LATENCY_SUM,
	M_WAITED,
	meterSeries,
	type Meters
} from '../sim/storage/io/meters';
import { NO_DRIVE } from '../sim/storage/placement';
import type { IoState } from '../sim/storage/io/state';
import { locateExtent } from '../sim/storage/io/geometry';
import type {
	DriveContentsView,
	IoSeries,
	IoWorkloadView,
	LastIoView,
	StorageView
} from './protocol';

/** Object i's IO series from a set of meters. */
function series(m: Meters, i: number): IoSeries {
	const ios = meterSeries(m, i, M_IOS);
	const bytes = meterSeries(m, i, M_BYTES);
	const latency = meterSeries(m, i, M_LATENCY_SUM);
	return {
		iops: ios,
		mbps: bytes.map((b) => b / 1e6),
		latencyMs: latency.map((sum, k) => (ios[k] > 0 ? sum / ios[k] : 0)),
		latencyMaxMs: meterSeries(m, i, M_LATENCY_MAX)
	};
}

export function workloadViews(sim: Simulation, io: IoState): IoWorkloadView[] {
	const { storage } = sim.state;
	const { cluster } = sim.state;
	return io.workloads.map((w, i) => {
		const vm = cluster.vms[cluster.workloadVms[w.name]];
		const at = vm?.server ?? w.server;
		return {
			name: w.name,
			volume: storage!.volumes[w.volume]?.name ?? '?',
			server: sim.topology.nodes[at]?.name ?? `server ${at}`,
			serverIndex: w.server,
			vmState: vm?.state ?? 'running',
			vmReason: vm?.reason ?? 'running',
			blockKB: w.blockBytes / 1024,
			readPercent: w.readPercent,
			pattern: w.random ? 'random' : 'sequential',
			outstanding: w.outstanding,
			targetIops: Number.isFinite(w.targetIops) ? w.targetIops : null,
			vmSize: w.vmSize,
			capIops: Number.isFinite(w.cap) ? w.cap : null,
			running: w.running,
			inFlight: w.inFlight,
			io: series(io.meters.workloads, i),
			throttled: meterSeries(io.meters.workloads, i, M_WAITED),
			lastIo: lastIoView(sim, io, i)
		};
	});
}

/** Workload w's last acknowledged IO, interleave by interleave. */
function lastIoView(sim: Simulation, io: IoState, w: number): LastIoView | null {
	const last = io.lastIo[w];
	if (!last) return null;
	const { rec, ackMs } = last;
	const drives = sim.topology.drives;
	return {
		kind: rec.write ? 'write' : 'read',
		bytes: rec.bytes,
		offsetBytes: rec.offset,
		requestedMs: rec.requestedMs,
		issuedMs: rec.issuedMs,
		ackMs,
		transfers: rec.extents.map((ext, k) => {
			const { volume, g, slab, j } = locateExtent(io.geometry, ext);
			const before = io.geometry[volume]
				.filter((part) => part.slabBase < g.slabBase)
				.reduce((n, part) => n + part.placement.slabCount, 0);
			const d = rec.drives[k];
			return {
				slab: before + slab,
				role: roleOf(j, g.placement.extentsPerSlab, g.dataExtents),
				drive: drives[d].name,
				server: sim.topology.nodes[drives[d].node].name,
				viaCache: rec.devices[k] !== d,
				landedMs: rec.landMs[k]
			};
		})
	};
}

/** Per volume: its IO series, stale bytes and mirror-accelerated parity state. */
export function volumeIo(io: IoState, v: number) {
	let stale = 0;
	for (const g of io.geometry[v]) {
		const n = g.placement.slabCount * g.placement.extentsPerSlab;
		for (let k = 0; k < n; k++) stale += io.stale[g.extentBase + k];
	}
	const parts = io.geometry[v];
	return {
		io: series(io.meters.volumes, v),
		staleBytes: stale * INTERLEAVE_BYTES,
		mirrorFull: parts.length > 1 ? io.mirrorFull[v] / parts[0].placement.slabCount : null,
		movedToParityBytes: io.rotatedBytes[v]
	};
}

/** Per topology drive: requests per second, busy share, queue now and dirty cache bytes. */
export function driveIo(io: IoState, d: number, nowMs: number) {
	return {
		iops: meterSeries(io.meters.drives, d, M_IOS),
		busy: meterSeries(io.meters.drives, d, M_BUSY).map((ms) => Math.min(1, ms / 1000)),
		queueMs: Math.max(0, io.busyUntil[d] - nowMs),
		dirtyBytes: io.cacheDirty[d]
	};
}

/** The IO totals of the view. */
export function ioTotals(io: IoState): Pick<StorageView, 'completedIos' | 'failedIos'> {
	return { completedIos: io.completed, failedIos: io.errors };
}

/** Extents listed per drive at most. */
export const DRIVE_CONTENTS_LIMIT = 200;

/** What topology drive `drive` holds, or null when it holds nothing a volume placed. */
export function driveContents(sim: Simulation, drive: number): DriveContentsView | null {
	const storage = sim.state.storage;
	const info = sim.topology.drives[drive];
	if (!storage || !info || !Number.isInteger(drive)) return null;
	const pool = storage.poolIndex[drive];
	const out: DriveContentsView = { drive: info.name, extents: [], more: 0 };
	if (pool < 0) return out;
	const { io } = storage;
	const name = (poolDrive: number) =>
		poolDrive === NO_DRIVE
			? 'nowhere (no room)'
			: sim.topology.drives[storage.pool.topologyDrive[poolDrive]].name;
	storage.volumes.forEach((volume, v) => {
		let slabOffset = 0;
		io.geometry[v].forEach((g, part) => {
			const p = volume.parts[part];
			const e = p.extentsPerSlab;
			for (let s = 0; s < p.slabCount; s++) {
				for (let j = 0; j < e; j++) {
					if (p.extentDrive[s * e + j] !== pool) continue;
					if (out.extents.length >= DRIVE_CONTENTS_LIMIT) {
						out.more++;
						continue;
					}
					const ext = g.extentBase + s * e + j;
					const others: string[] = [];
					for (let k = 0; k < e; k++) if (k !== j) others.push(name(p.extentDrive[s * e + k]));
					out.extents.push({
						volume: volume.name,
						slab: slabOffset + s,
						role: roleOf(j, e, g.dataExtents),
						others,
						stale: io.stale[ext] > 0,
						dirtyBytes: io.dirty[ext]
					});
				}
			}
			slabOffset += p.slabCount;
		});
	});
	return out;
}

/** A slab extent's role in words. */
function roleOf(j: number, extents: number, data: number): string {
	if (data === 1) return `copy ${j + 1} of ${extents}`;
	return j < data
		? `data column ${j + 1} of ${data}`
		: `parity column ${j - data + 1} of ${extents - data}`;
}

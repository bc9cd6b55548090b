/**
 * The IO model's state, all plain data and typed arrays so checkpoints can clone it:
 * the workloads, one FIFO queue per drive and per server link (as the time it is busy until),
 * per-extent stale regions and dirty cache bytes, the read cache, the IOs in flight, the
 * per-second meters behind the charts and the last interleave transfers for the 3D view.
 */
import type { DriveMedia, TopologyInfo } from '../../topology';
import { assignCache, bindCache } from '../cache';
import { FLIGHT_RING, iopsCap, READ_CACHE_RING, STATS_SECONDS, type VmSizeName } from './params';
import type { PartGeometry } from './geometry';
import { createMeters, type Meters } from './meters';
import { geometryEnd } from './volumes';

/** A workload as a scenario or an input describes it (schema-storage-io.ts validates it). */
export interface WorkloadSpecLike {
	name: string;
	volume: string;
	/** The server whose VM runs it (node index). */
	server: number;
	blockKB: number;
	readPercent: number;
	pattern: 'random' | 'sequential';
	outstanding: number;
	/** IOs per second to aim for (DiskSpd's rate limit), or none: as fast as it goes. */
	targetIops?: number;
	vmSize?: VmSizeName;
	dataDisks?: number;
	/** The test file: this many GB of the volume from its start. */
	spanGB?: number;
}

export interface WorkloadState {
	name: string;
	volume: number;
	server: number;
	blockBytes: number;
	readPercent: number;
	random: boolean;
	outstanding: number;
	targetIops: number;
	/** The platform cap (FACTS §6.5), IOs per second, or Infinity. */
	cap: number;
	vmSize: string | null;
	spanBytes: number;
	running: boolean;
	inFlight: number;
	/** Earliest time the next IO may start under the rate limit and the cap. */
	nextAllowedMs: number;
	/** Next offset of a sequential workload. */
	cursor: number;
}

/** One IO between issue and completion. */
export interface IoRecord {
	id: number;
	workload: number;
	/** The server its VM ran on when it was issued. */
	server: number;
	write: boolean;
	bytes: number;
	/** When the VM asked for it (latency counts from here), and when it was issued. */
	requestedMs: number;
	issuedMs: number;
	/** Byte offset within the volume part it went to. */
	offset: number;
	/** Per target: storage-wide extent index, topology drive, interleaves, and landing time. */
	extents: number[];
	drives: number[];
	/** The drive that took or served it: the cache drive bound to `drives[k]`, or that drive. */
	devices: number[];
	interleaves: number[];
	landMs: number[];
	/** Storage-wide slabs written (for the no-acknowledged-write-lost check). */
	slabs: number[];
}

export const FLIGHT_WRITE = 0;
export const FLIGHT_READ = 1;
export const FLIGHT_DESTAGE = 2;
export const FLIGHT_RESYNC = 3;
export const FLIGHT_ROTATE = 4;

/** The last FLIGHT_RING interleave transfers: a ring of parallel arrays. */
export interface Flights {
	head: number;
	count: number;
	startMs: Float64Array;
	landMs: Float64Array;
	fromNode: Uint16Array;
	drive: Uint16Array;
	kind: Uint8Array;
	volume: Uint8Array;
}

const MEDIA_CODE: Record<DriveMedia, number> = { nvme: 0, ssd: 1, hdd: 2 };
export const MEDIA_OF_CODE: readonly DriveMedia[] = ['nvme', 'ssd', 'hdd'];

export interface IoState {
	workloads: WorkloadState[];
	/** Per volume, its parts' geometry (mirror part first). */
	geometry: PartGeometry[][];
	/** Per topology drive: media code (MEDIA_OF_CODE), size in bytes. */
	driveMedia: Uint8Array;
	driveBytes: Float64Array;
	/** Per topology drive: the working cache drive bound to it (capacity drives), or −1. */
	cacheOf: Int32Array;
	/** Per topology drive: 1 when its server's capacity media has a read cache (HDD, FACTS §1.7). */
	readCached: Uint8Array;
	/** Queue ends, simulated ms: drives first, then each server's send link, then its receive link. */
	busyUntil: Float64Array;
	/** Per resource (same index): share of its time background work holds, and until when. */
	bgShare: Float64Array;
	bgUntil: Float64Array;
	/** Per storage-wide extent: interleave regions written while the copy was away. */
	stale: Uint16Array;
	/** Per storage-wide extent: bytes written into the cache and not yet de-staged. */
	dirty: Float64Array;
	/**
	 * Extents that may have stale regions or dirty bytes (added when the count leaves 0, dropped
	 * by the background jobs once it is 0 again), so no job scans every extent.
	 */
	staleList: number[];
	dirtyList: number[];
	/** Per storage-wide extent: how many of its 256 KiB regions its server's read cache holds. */
	resident: Uint16Array;
	/**
	 * Per topology drive (cache drives): dirty bytes held; the extents with regions in its read
	 * cache, oldest first (a ring); and the regions it holds for reads.
	 */
	cacheDirty: Float64Array;
	cacheRing: Int32Array[];
	cacheRingHead: Uint32Array;
	cacheRegions: Float64Array;
	/** Per storage-wide slab: 1 once a write to it was acknowledged. */
	written: Uint8Array;
	/** Per mirror-accelerated parity volume's mirror slab: 1 while it holds data not yet moved. */
	inMirror: Uint8Array;
	/** Per volume: bytes moved from mirror to parity, and the rotation job's state. */
	rotatedBytes: number[];
	rotating: boolean[];
	/** Per volume: rotation bytes earned but not yet spent on a whole slab. */
	rotateCarry: number[];
	/** Per volume: mirror slabs holding data not yet moved (the count of inMirror flags). */
	mirrorFull: number[];
	/** Volumes that gained a stale region since the controller last looked. */
	newlyStale: number[];
	/** Per topology drive: the time it stopped being reachable (Infinity while reachable). */
	awaySinceMs: Float64Array;
	/** IOs between issue and completion, in issue order, which is id order (path.ts inFlightIndex). */
	inFlight: IoRecord[];
	/** Per workload: its last acknowledged IO and when (for the text view of the IO path). */
	lastIo: ({ rec: IoRecord; ackMs: number } | null)[];
	nextIoId: number;
	/** Background ticks scheduled (so each is scheduled once). */
	ticking: { second: boolean; destage: boolean; resync: boolean; rotate: boolean };
	meters: { workloads: Meters; volumes: Meters; drives: Meters };
	flights: Flights;
	/** Completed IOs and their total since the start, for reports and the bench. */
	completed: number;
	errors: number;
}

/** Adds `regions` stale interleave regions to extent ext (at most `max`); notes new ones. */
export function addStale(io: IoState, ext: number, regions: number, max: number, volume: number) {
	if (io.stale[ext] === 0) {
		io.staleList.push(ext);
		io.newlyStale.push(volume);
	}
	io.stale[ext] = Math.min(max, io.stale[ext] + regions);
}

/** Resource index of server s's send link and receive link in `busyUntil`. */
export const sendLink = (io: IoState, s: number) => io.driveMedia.length + 2 * s;
export const receiveLink = (io: IoState, s: number) => io.driveMedia.length + 2 * s + 1;

/** The IO state for a pool whose volumes have the given parts. */
export function createIoState(
	topology: TopologyInfo,
	geometry: PartGeometry[][],
	workloads: readonly WorkloadSpecLike[],
	volumeNames: readonly string[]
): IoState {
	const drives = topology.drives.length;
	const { extents, slabs } = geometryEnd(geometry);
	const driveBytes = Float64Array.from(topology.drives, (d) => d.sizeGB * 1e9);
	const ring = READ_CACHE_RING;
	const cacheRing = topology.drives.map((d) =>
		d.role === 'cache' ? new Int32Array(ring).fill(-1) : new Int32Array(0)
	);
	const io: IoState = {
		workloads: workloads.map((w) => workloadState(w, volumeNames)),
		geometry,
		driveMedia: Uint8Array.from(topology.drives, (d) => MEDIA_CODE[d.media]),
		driveBytes,
		cacheOf: new Int32Array(drives).fill(-1),
		readCached: new Uint8Array(drives),
		busyUntil: new Float64Array(drives + 2 * topology.nodes.length),
		bgShare: new Float64Array(drives + 2 * topology.nodes.length),
		bgUntil: new Float64Array(drives + 2 * topology.nodes.length),
		stale: new Uint16Array(extents),
		dirty: new Float64Array(extents),
		staleList: [],
		dirtyList: [],
		resident: new Uint16Array(extents),
		cacheDirty: new Float64Array(drives),
		cacheRing,
		cacheRingHead: new Uint32Array(drives),
		cacheRegions: new Float64Array(drives),
		written: new Uint8Array(slabs),
		inMirror: new Uint8Array(slabs),
		rotatedBytes: volumeNames.map(() => 0),
		rotating: volumeNames.map(() => false),
		rotateCarry: volumeNames.map(() => 0),
		mirrorFull: volumeNames.map(() => 0),
		newlyStale: [],
		awaySinceMs: new Float64Array(drives).fill(Infinity),
		inFlight: [],
		lastIo: workloads.map(() => null),
		nextIoId: 1,
		ticking: { second: false, destage: false, resync: false, rotate: false },
		meters: {
			workloads: createMeters(workloads.length, STATS_SECONDS),
			volumes: createMeters(volumeNames.length, STATS_SECONDS),
			drives: createMeters(drives, STATS_SECONDS)
		},
		flights: {
			head: 0,
			count: 0,
			startMs: new Float64Array(FLIGHT_RING),
			landMs: new Float64Array(FLIGHT_RING),
			fromNode: new Uint16Array(FLIGHT_RING),
			drive: new Uint16Array(FLIGHT_RING),
			kind: new Uint8Array(FLIGHT_RING),
			volume: new Uint8Array(FLIGHT_RING)
		},
		completed: 0,
		errors: 0
	};
	bindCaches(
		io,
		topology.drives.map((d) => d.node),
		() => true
	);
	return io;
}

export function workloadState(w: WorkloadSpecLike, volumeNames: readonly string[]): WorkloadState {
	return {
		name: w.name,
		volume: volumeNames.indexOf(w.volume),
		server: w.server,
		blockBytes: w.blockKB * 1024,
		readPercent: w.readPercent,
		random: w.pattern === 'random',
		outstanding: w.outstanding,
		targetIops: w.targetIops ?? Infinity,
		cap: iopsCap(w.vmSize, w.dataDisks ?? 1),
		vmSize: w.vmSize ?? null,
		spanBytes: (w.spanGB ?? 10) * 1e9,
		running: false,
		inFlight: 0,
		nextAllowedMs: 0,
		cursor: 0
	};
}

/**
 * Binds each capacity drive to a working cache drive of its server (cache.ts, FACTS §1.7), and
 * marks the drives whose server caches reads (HDD capacity). Called at the start and after every
 * storage change; `working` says whether a topology drive is in service.
 */
export function bindCaches(
	io: IoState,
	driveServer: ArrayLike<number>,
	working: (drive: number) => boolean
): void {
	io.cacheOf.fill(-1);
	io.readCached.fill(0);
	const byServer = new Map<number, { id: number; media: DriveMedia }[]>();
	for (let d = 0; d < io.driveMedia.length; d++) {
		const list = byServer.get(driveServer[d]) ?? [];
		list.push({ id: d, media: MEDIA_OF_CODE[io.driveMedia[d]] });
		byServer.set(driveServer[d], list);
	}
	for (const drives of byServer.values()) {
		const assignment = assignCache(drives);
		const caches = assignment.cacheDriveIds.filter(working);
		const binding = bindCache(caches, assignment.capacityDriveIds);
		for (const e of binding.entries) {
			for (const c of e.capacityDriveIds) {
				io.cacheOf[c] = e.cacheDriveId;
				const mode = assignment.modeByMedia[MEDIA_OF_CODE[io.driveMedia[c]]];
				if (mode === 'read-write') io.readCached[c] = 1;
			}
		}
	}
}

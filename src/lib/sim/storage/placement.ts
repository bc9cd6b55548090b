/**
 * Where every extent of a volume lives, stored flat: one Uint16 drive index per slab × extent.
 * A 10 TB three-way mirror in 1 GiB slabs is about 28 000 entries (56 KB); there are no objects
 * per slab or per interleave. Drives are pool drives (capacity drives only), numbered 0..n−1.
 */
import type { Rng } from '../kernel/types';
import type { TopologyInfo } from '../topology';
import type { SlabLayout } from './layout';

/** Marks an extent with no drive (repair found nowhere to put it). */
export const NO_DRIVE = 0xffff;

/** The capacity drives of a pool, flat. Index i is pool drive i. */
export interface PoolDrives {
	readonly serverCount: number;
	/** Server (fault domain) of each pool drive. */
	readonly driveServer: Uint16Array;
	/** Size of each pool drive in bytes. */
	readonly driveBytes: Float64Array;
	/** Index into `TopologyInfo.drives` of each pool drive. */
	readonly topologyDrive: Uint32Array;
}

/** The pool drives of a topology: every capacity drive (cache adds no capacity, FACTS §1.7). */
export function poolFromTopology(topology: TopologyInfo): PoolDrives {
	const ids = topology.drives.filter((d) => d.role === 'capacity').map((d) => d.id);
	const byId = new Map(topology.drives.map((d) => [d.id, d]));
	return makePool(
		topology.nodes.length,
		ids.map((id) => byId.get(id)!.node),
		ids.map((id) => byId.get(id)!.sizeGB * 1e9),
		ids
	);
}

/** A pool from parallel lists (server of each drive, size of each drive in bytes). */
export function makePool(
	serverCount: number,
	servers: readonly number[],
	sizesBytes: readonly number[],
	topologyIds: readonly number[] = servers.map((_, i) => i)
): PoolDrives {
	if (servers.length >= NO_DRIVE)
		throw new RangeError(`a pool holds at most ${NO_DRIVE - 1} drives`);
	if (servers.some((s) => !Number.isInteger(s) || s < 0 || s >= serverCount)) {
		throw new RangeError('every drive needs a server index below serverCount');
	}
	return {
		serverCount,
		driveServer: Uint16Array.from(servers),
		driveBytes: Float64Array.from(sizesBytes),
		topologyDrive: Uint32Array.from(topologyIds)
	};
}

/** A volume's placement: numbers and typed arrays only, so it is cheap to copy or transfer. */
export interface Placement {
	readonly slabCount: number;
	readonly extentsPerSlab: number;
	readonly slabBytes: number;
	/** Extents a slab may lose and still be read (from the layout). */
	readonly faultTolerance: number;
	readonly serverCount: number;
	/** Pool drive of extent j of slab s at [s × extentsPerSlab + j], or NO_DRIVE. */
	readonly extentDrive: Uint16Array;
	/** Extents of this volume on each pool drive. */
	readonly driveFill: Uint32Array;
	/** Extents each pool drive holds when full (its size ÷ slabBytes). */
	readonly driveCapacity: Uint32Array;
	/** Extents of other volumes on each pool drive (they count for room and for balance). */
	readonly driveBase: Uint32Array;
	/** Server of each pool drive (shared with the pool, not copied). */
	readonly driveServer: Uint16Array;
	/** 1 for servers this volume may use: all, or the delimited subset (FACTS §1.4). */
	readonly allowedServers: Uint8Array;
}

export interface PlaceOptions {
	/** Delimited allocation: the servers to pin the volume to (FACTS §1.4). */
	readonly servers?: readonly number[];
	/** Extents other volumes already hold on each pool drive; they count against room and fill. */
	readonly usedExtents?: Uint32Array;
}

/** Checks delimited allocation's documented limits and returns the allowed-server mask. */
function allowedMask(
	pool: PoolDrives,
	layout: SlabLayout,
	servers?: readonly number[]
): Uint8Array {
	const mask = new Uint8Array(pool.serverCount);
	if (servers === undefined) return mask.fill(1);
	// FACTS §1.4: three-way mirror only, on 6 or more servers, pinned to 3 or more of them.
	if (layout.resiliency !== 'three-way-mirror' || pool.serverCount < 6) {
		throw new RangeError('delimited allocation is for three-way mirror on 6 or more servers');
	}
	for (const s of servers) {
		if (!Number.isInteger(s) || s < 0 || s >= pool.serverCount || mask[s]) {
			throw new RangeError(`delimited allocation: bad or repeated server ${s}`);
		}
		mask[s] = 1;
	}
	if (servers.length < 3) throw new RangeError('delimited allocation needs at least 3 servers');
	return mask;
}

/**
 * Picks the least-filled drive with room (used ÷ capacity, compared exactly by cross-multiplying)
 * on an allowed server whose `serverTaken` entry is 0. The scan starts at a random drive and keeps
 * the first of equals, so ties fall to the seeded random source. NO_DRIVE if none qualifies.
 */
export function pickDrive(
	p: Placement,
	serverTaken: Uint8Array,
	skip: Uint8Array | null,
	rng: Rng
): number {
	const n = p.driveFill.length;
	let best = NO_DRIVE;
	let bestUsed = 0;
	let bestCap = 1;
	const start = rng.int(0, n - 1);
	for (let i = 0; i < n; i++) {
		const d = start + i < n ? start + i : start + i - n;
		const server = p.driveServer[d];
		if (serverTaken[server] || !p.allowedServers[server] || (skip !== null && skip[d])) continue;
		const cap = p.driveCapacity[d];
		const used = p.driveBase[d] + p.driveFill[d];
		if (used >= cap) continue;
		if (best === NO_DRIVE || used * bestCap < bestUsed * cap) {
			best = d;
			bestUsed = used;
			bestCap = cap;
		}
	}
	return best;
}

/**
 * Places `slabs` slabs: each extent on a distinct server (FACTS §1.1, §1.5), spread over the
 * least-filled drives. Throws if the allowed drives run out of room or servers.
 */
export function placeVolume(
	pool: PoolDrives,
	layout: SlabLayout,
	slabs: number,
	rng: Rng,
	options: PlaceOptions = {}
): Placement {
	const allowed = allowedMask(pool, layout, options.servers);
	const e = layout.extentsPerSlab;
	const n = pool.driveServer.length;
	const driveCapacity = new Uint32Array(n);
	for (let d = 0; d < n; d++) driveCapacity[d] = Math.floor(pool.driveBytes[d] / layout.slabBytes);
	const p: Placement = {
		slabCount: slabs,
		extentsPerSlab: e,
		slabBytes: layout.slabBytes,
		faultTolerance: layout.faultTolerance,
		serverCount: pool.serverCount,
		extentDrive: new Uint16Array(slabs * e),
		driveFill: new Uint32Array(n),
		driveCapacity,
		driveBase: options.usedExtents ? options.usedExtents.slice() : new Uint32Array(n),
		driveServer: pool.driveServer,
		allowedServers: allowed
	};
	const taken = new Uint8Array(pool.serverCount);
	for (let s = 0; s < slabs; s++) {
		taken.fill(0);
		for (let j = 0; j < e; j++) {
			const d = pickDrive(p, taken, null, rng);
			if (d === NO_DRIVE) {
				throw new RangeError(`no room for slab ${s} extent ${j}: too few servers or full drives`);
			}
			p.extentDrive[s * e + j] = d;
			p.driveFill[d]++;
			taken[p.driveServer[d]] = 1;
		}
	}
	return p;
}

/** The pool drives of slab `slab`'s extents, in extent order (a view into the placement). */
export function slabDrives(p: Placement, slab: number): Uint16Array {
	return p.extentDrive.subarray(slab * p.extentsPerSlab, (slab + 1) * p.extentsPerSlab);
}

/** Extents per drive in compressed rows: drive d holds ids[offsets[d] .. offsets[d + 1]). */
export interface DriveIndex {
	readonly offsets: Uint32Array;
	/** Extent ids, slab × extentsPerSlab + extent, ascending within a drive. */
	readonly ids: Uint32Array;
}

/** Builds the drive → extents index in two passes over the placement (count, then fill). */
export function buildDriveIndex(p: Placement): DriveIndex {
	const n = p.driveFill.length;
	const offsets = new Uint32Array(n + 1);
	const all = p.extentDrive;
	for (let i = 0; i < all.length; i++) if (all[i] !== NO_DRIVE) offsets[all[i] + 1]++;
	for (let d = 0; d < n; d++) offsets[d + 1] += offsets[d];
	const cursor = offsets.slice(0, n);
	const ids = new Uint32Array(offsets[n]);
	for (let i = 0; i < all.length; i++) if (all[i] !== NO_DRIVE) ids[cursor[all[i]]++] = i;
	return { offsets, ids };
}

/** Extent ids on drive `d` (a view); the slab of id i is ⌊i ÷ extentsPerSlab⌋. */
export function extentsOnDrive(index: DriveIndex, d: number): Uint32Array {
	return index.ids.subarray(index.offsets[d], index.offsets[d + 1]);
}

/**
 * The read side of the IO path (FACTS §1.7): a mirror read takes one current copy, the VM's own
 * server first; a parity read takes its data column, or rebuilds it from the others. Hybrid
 * servers serve reads from the cache drive while it holds the data.
 */
import { INTERLEAVE_BYTES } from '../layout';
import { NO_DRIVE } from '../placement';
import { extentIndex, pieces, type PartGeometry } from './geometry';
import { recordFlight, serve, transfer } from './queues';
import { FLIGHT_READ, type IoRecord, type IoState } from './state';
import { reachable, regionsPerExtent, type IoWorld } from './world';

/** Whether extent j of the piece's slab is current and reachable; its topology drive if so. */
function currentDrive(world: IoWorld, g: PartGeometry, slab: number, j: number): number {
	const p = g.placement;
	const pool = p.extentDrive[slab * p.extentsPerSlab + j];
	if (pool === NO_DRIVE || world.storage.io!.stale[extentIndex(g, slab, j)] > 0) return -1;
	const d = world.storage.pool.topologyDrive[pool];
	return reachable(world, d) ? d : -1;
}

/** Reads piece `piece` of read `rec` from the copies that can serve it. */
export function readPiece(
	world: IoWorld,
	g: PartGeometry,
	rec: IoRecord,
	piece: ReturnType<typeof pieces>[number],
	now: number
): void {
	const { storage } = world;
	const io = storage.io!;
	const ws = io.workloads[rec.workload];
	const here = rec.server;
	const e = g.placement.extentsPerSlab;
	const sources: number[] = [];
	if (g.dataExtents === 1) {
		// A mirror read takes one current copy: the VM's own server if it holds one, else the
		// copies in turn (spread by IO id).
		let pick = -1;
		for (let k = 0; k < e; k++) {
			const j = (rec.id + k) % e;
			const d = currentDrive(world, g, piece.slab, j);
			if (d < 0) continue;
			if (pick < 0 || storage.driveServer[d] === here) pick = j;
			if (storage.driveServer[d] === here) break;
		}
		if (pick >= 0) sources.push(pick);
	} else if (currentDrive(world, g, piece.slab, piece.column) >= 0) {
		sources.push(piece.column);
	} else {
		// The data column is missing: read enough other columns to rebuild it.
		for (let j = 0; j < e && sources.length < g.dataExtents; j++) {
			if (j !== piece.column && currentDrive(world, g, piece.slab, j) >= 0) sources.push(j);
		}
		if (sources.length < g.dataExtents) sources.length = 0;
	}
	for (const j of sources) {
		const d = currentDrive(world, g, piece.slab, j);
		const ext = extentIndex(g, piece.slab, j);
		const device = readDevice(io, d, ext, piece.region, regionsPerExtent(g));
		const served = serve(io, device, now, piece.bytes, ws.random);
		const land = transfer(io, storage.driveServer[d], here, served, piece.bytes);
		rec.extents.push(ext);
		rec.drives.push(d);
		rec.devices.push(device);
		rec.interleaves.push(1);
		rec.landMs.push(land);
		recordFlight(io, FLIGHT_READ, here, device, ws.volume, now, land);
	}
}

/**
 * Which drive serves a read of region `region` of extent `ext` on capacity drive d (FACTS §1.7):
 * its cache drive while the extent has writes not yet de-staged, or (HDD capacity) when the read
 * cache holds the region; else the capacity drive, and the region joins the read cache. Which
 * regions are held is decided by a fixed hash of the region against the count held (params.ts
 * CHOICE), so no per-region state is kept.
 */
function readDevice(io: IoState, d: number, ext: number, region: number, regions: number): number {
	const cache = io.cacheOf[d];
	if (cache < 0) return d;
	if (io.dirty[ext] > 0) return cache;
	if (!io.readCached[d]) return d;
	if (regionRank(ext, region, regions) < io.resident[ext]) return cache;
	if (io.resident[ext] === 0) {
		const ring = io.cacheRing[cache];
		const head = io.cacheRingHead[cache];
		if (ring[head] >= 0) evictExtent(io, cache, ring[head]);
		ring[head] = ext;
		io.cacheRingHead[cache] = (head + 1) % ring.length;
	}
	if (io.resident[ext] < regions) {
		io.resident[ext]++;
		io.cacheRegions[cache]++;
	}
	// A full cache drive lets go of the extents read longest ago.
	const capacity = io.driveBytes[cache] / INTERLEAVE_BYTES;
	const ring = io.cacheRing[cache];
	for (let k = 0; io.cacheRegions[cache] > capacity && k < ring.length; k++) {
		const oldest = ring[(io.cacheRingHead[cache] + k) % ring.length];
		if (oldest >= 0 && oldest !== ext) evictExtent(io, cache, oldest);
	}
	return d;
}

/** Drops extent `ext` from cache drive `cache`'s read cache. */
function evictExtent(io: IoState, cache: number, ext: number): void {
	io.cacheRegions[cache] -= io.resident[ext];
	io.resident[ext] = 0;
}

/** A region's fixed place (0 … regions − 1) in the order an extent's regions are cached. */
function regionRank(ext: number, region: number, regions: number): number {
	let h = Math.imul(ext ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(region + 1, 0xc2b2ae35);
	h ^= h >>> 16;
	h = Math.imul(h, 0x27d4eb2f);
	h ^= h >>> 15;
	return (h >>> 0) % regions;
}

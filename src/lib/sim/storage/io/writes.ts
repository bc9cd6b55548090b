/**
 * The write side of the IO path (FACTS §1.7 "Write path"): each piece of a write goes over the
 * east-west network to every online copy (or its data and parity columns) and lands in the cache
 * drive bound to that copy's capacity drive; a copy that is away goes stale.
 */
import { NO_DRIVE } from '../placement';
import { extentIndex, locateExtent, pieces, writeExtents, type PartGeometry } from './geometry';
import { recordFlight, serve, transfer } from './queues';
import { addStale, FLIGHT_WRITE, type IoRecord } from './state';
import { reachable, regionsPerExtent, type IoWorld } from './world';

/** Sends piece `piece` of write `rec` to every online copy of its slab. */
export function writePiece(
	world: IoWorld,
	g: PartGeometry,
	rec: IoRecord,
	piece: ReturnType<typeof pieces>[number],
	now: number
): void {
	const { storage } = world;
	const io = storage.io!;
	const ws = io.workloads[rec.workload];
	const p = g.placement;
	const parity = g.dataExtents > 1;
	rec.slabs.push(g.slabBase + piece.slab);
	for (const j of writeExtents(g, piece)) {
		const pool = p.extentDrive[piece.slab * p.extentsPerSlab + j];
		if (pool === NO_DRIVE) continue;
		const ext = extentIndex(g, piece.slab, j);
		const d = storage.pool.topologyDrive[pool];
		if (!reachable(world, d)) {
			// The copy is away: the others take the write and this region becomes stale.
			addStale(io, ext, 1, regionsPerExtent(g), ws.volume);
			continue;
		}
		const server = storage.driveServer[d];
		const from = rec.server;
		const arrive = transfer(io, from, server, now, piece.bytes);
		const cache = io.cacheOf[d];
		let device = d;
		if (cache >= 0 && io.cacheDirty[cache] + piece.bytes <= io.driveBytes[cache]) {
			device = cache;
			if (io.dirty[ext] === 0) io.dirtyList.push(ext);
			io.dirty[ext] += piece.bytes;
			io.cacheDirty[cache] += piece.bytes;
		}
		// A parity column is read before it is rewritten (params.ts CHOICE: read-modify-write).
		const land = serve(io, device, arrive, piece.bytes, ws.random, parity ? 2 : 1);
		rec.extents.push(ext);
		rec.drives.push(d);
		rec.devices.push(device);
		rec.interleaves.push(1);
		rec.landMs.push(land);
		recordFlight(io, FLIGHT_WRITE, from, device, ws.volume, now, land);
	}
}

/**
 * A write lost some of its copies (their drives went away before the data landed): each lost copy
 * is stale if another copy of its slab took the write. If no copy of a slab took it, the write
 * changed nothing there (it fails), so the copies keep the data they had.
 */
export function staleMissedCopies(world: IoWorld, rec: IoRecord): void {
	const io = world.storage.io!;
	const slabs = rec.extents.map((ext) => {
		const { g, slab } = locateExtent(io.geometry, ext);
		return { g, key: g.slabBase + slab };
	});
	const kept = rec.extents.map(
		(_, k) => reachable(world, rec.drives[k]) || io.awaySinceMs[rec.drives[k]] > rec.landMs[k]
	);
	const took = new Set(slabs.filter((_, k) => kept[k]).map((s) => s.key));
	rec.extents.forEach((ext, k) => {
		if (kept[k] || !took.has(slabs[k].key)) return;
		const volume = io.workloads[rec.workload].volume;
		addStale(io, ext, rec.interleaves[k], regionsPerExtent(slabs[k].g), volume);
	});
}

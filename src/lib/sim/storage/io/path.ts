/**
 * The IO path (FACTS §1.7 "Write path"): a VM's IO is cut into 256 KiB interleave pieces; each
 * piece of a write goes over the east-west network to every copy (or to its data and parity
 * columns) on distinct servers and lands in the cache drive bound to that copy's capacity drive;
 * the write is acknowledged only when every copy that was online has it. A read is served by one
 * current copy, the VM's own server first. Drives and links are FIFO queues (their busy-until
 * times), so latency grows with load, failures and background traffic.
 *
 * The queues themselves are in queues.ts. Each IO costs two kernel events at most: an issue (only when it has to wait for the rate limit
 * or the IOPS cap) and a completion.
 */
import type { SimContext } from '../../kernel/types';
import { INTERLEAVE_BYTES } from '../layout';
import { NO_DRIVE } from '../placement';
import { DRIVE_OK, type StorageState } from '../model/state';
import {
	extentIndex,
	locateExtent,
	partBytes,
	pieces,
	writeExtents,
	type PartGeometry
} from './geometry';
import {
	M_BUSY,
	M_BYTES,
	M_IOS,
	M_LATENCY_MAX,
	M_LATENCY_SUM,
	M_READS,
	M_WAITED,
	meterAdd,
	meterMax
} from './meters';
import { LINK_LATENCY_MS } from './params';
import { recordFlight, serve, transfer } from './queues';
import { addStale, FLIGHT_READ, FLIGHT_WRITE, type IoRecord, type IoState } from './state';

export const IO_ISSUE = 'io.issue';
export const IO_DONE = 'io.done';

/**
 * CHOICE (FACTS §7 "VM loses storage: pauses, resumes when storage returns"): an IO to an offline
 * volume waits and is tried again every second; its latency includes the wait.
 */
export const STALL_RETRY_MS = 1000;

export interface IoWorld {
	storage: StorageState;
	nodeUp: readonly boolean[];
	/**
	 * The server workload w's VM runs on now, or -1 while it does not run (down, booting, or
	 * unmonitored on an isolated server). model.ts asks the cluster's VMs (cluster/model/vms.ts);
	 * without it (storage-only tests) the VM stays on its own server while that serves storage.
	 */
	vmHost?: (w: number) => number;
}

/** Whether topology drive `d` can be read and written now. */
export function reachable(world: IoWorld, d: number): boolean {
	const { storage } = world;
	return storage.driveState[d] === DRIVE_OK && world.nodeUp[storage.driveServer[d]];
}

/** The server workload w's VM runs on now, or -1 while it does not run. */
export function vmServer(world: IoWorld, w: number): number {
	if (world.vmHost) return world.vmHost(w);
	const home = world.storage.io!.workloads[w].server;
	return world.nodeUp[home] ? home : -1;
}

/** Interleave regions an extent can be stale by (all of it). */
const regionsPerExtent = (g: PartGeometry) => g.placement.slabBytes / INTERLEAVE_BYTES;

/** Which part of the volume an IO at `offset` goes to, and the offset within it. */
function route(io: IoState, volume: number, offset: number, write: boolean) {
	const parts = io.geometry[volume];
	if (parts.length === 1) return { g: parts[0], offset };
	// Mirror-accelerated parity: writes land in the mirror part; a read goes to the mirror part
	// while its slab holds data not yet moved to parity (params.ts CHOICE).
	const [mirror, parity] = parts;
	const inMirror = offset % partBytes(mirror);
	const slab = Math.floor(inMirror / mirror.placement.slabBytes);
	if (write) {
		if (!io.inMirror[mirror.slabBase + slab]) io.mirrorFull[volume]++;
		io.inMirror[mirror.slabBase + slab] = 1;
		return { g: mirror, offset: inMirror };
	}
	return io.inMirror[mirror.slabBase + slab]
		? { g: mirror, offset: inMirror }
		: { g: parity, offset };
}

/** The next offset of workload w: random blocks of its test file, or the next block in turn. */
function nextOffset(io: IoState, w: number, ctx: SimContext): number {
	const ws = io.workloads[w];
	const blocks = Math.max(1, Math.floor(ws.spanBytes / ws.blockBytes));
	if (ws.random) return ctx.rng.int(0, blocks - 1) * ws.blockBytes;
	const at = ws.cursor;
	ws.cursor = (ws.cursor + ws.blockBytes) % (blocks * ws.blockBytes);
	return at;
}

/** Starts the IO of workload w that the VM asked for at `requestedMs`. */
export function issueIo(world: IoWorld, w: number, requestedMs: number, ctx: SimContext): void {
	const { storage } = world;
	const io = storage.io!;
	const ws = io.workloads[w];
	const server = vmServer(world, w);
	if (server < 0) {
		// The VM does not run, so it asks for nothing: the IO slot waits for it, and its latency
		// will count from when the VM asks again.
		const later = ctx.nowMs + STALL_RETRY_MS;
		ctx.schedule(STALL_RETRY_MS, IO_ISSUE, { w, requested: later });
		return;
	}
	const volume = storage.volumes[ws.volume];
	if (volume.health !== 'Healthy' && volume.health !== 'Warning') {
		ctx.schedule(STALL_RETRY_MS, IO_ISSUE, { w, requested: requestedMs });
		return;
	}
	const write = ctx.rng.float() * 100 >= ws.readPercent;
	const { g, offset } = route(io, ws.volume, nextOffset(io, w, ctx), write);
	const rec: IoRecord = {
		id: io.nextIoId++,
		workload: w,
		server,
		write,
		bytes: ws.blockBytes,
		requestedMs,
		issuedMs: ctx.nowMs,
		offset,
		extents: [],
		drives: [],
		devices: [],
		interleaves: [],
		landMs: [],
		slabs: []
	};
	for (const piece of pieces(g, offset, ws.blockBytes)) {
		if (write) writePiece(world, g, rec, piece, ctx.nowMs);
		else readPiece(world, g, rec, piece, ctx.nowMs);
	}
	if (rec.landMs.length === 0) {
		// Nothing could take the IO (no current copy reachable): the VM waits, as for an offline
		// volume.
		ctx.schedule(STALL_RETRY_MS, IO_ISSUE, { w, requested: requestedMs });
		return;
	}
	io.inFlight.push(rec);
	const done = Math.max(...rec.landMs) + (write ? LINK_LATENCY_MS : 0);
	ctx.schedule(done - ctx.nowMs, IO_DONE, { id: rec.id });
}

function writePiece(
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

/** Whether extent j of the piece's slab is current and reachable; its topology drive if so. */
function currentDrive(world: IoWorld, g: PartGeometry, slab: number, j: number): number {
	const p = g.placement;
	const pool = p.extentDrive[slab * p.extentsPerSlab + j];
	if (pool === NO_DRIVE || world.storage.io!.stale[extentIndex(g, slab, j)] > 0) return -1;
	const d = world.storage.pool.topologyDrive[pool];
	return reachable(world, d) ? d : -1;
}

function readPiece(
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

/**
 * Completes IO `id`: a write copy whose drive went away before the data landed becomes stale;
 * the write is acknowledged if any copy has it, and its slabs count as written. Then the
 * workload's slot issues its next IO. Returns the completed record (null for an unknown id).
 */
export function completeIo(world: IoWorld, id: number, ctx: SimContext): IoRecord | null {
	const io = world.storage.io!;
	const at = io.inFlight.findIndex((r) => r.id === id);
	if (at < 0) return null;
	const [rec] = io.inFlight.splice(at, 1);
	const ws = io.workloads[rec.workload];
	let landed = 0;
	for (let k = 0; k < rec.extents.length; k++) {
		const d = rec.drives[k];
		if (reachable(world, d) || io.awaySinceMs[d] > rec.landMs[k]) landed++;
	}
	if (rec.write && landed < rec.extents.length) staleMissedCopies(world, rec);
	if (landed === 0) io.errors++;
	else {
		if (rec.write) for (const s of rec.slabs) io.written[s] = 1;
		const latency = ctx.nowMs - rec.requestedMs;
		for (const [m, i] of [
			[io.meters.workloads, rec.workload],
			[io.meters.volumes, ws.volume]
		] as const) {
			meterAdd(m, i, M_IOS, 1);
			if (!rec.write) meterAdd(m, i, M_READS, 1);
			meterAdd(m, i, M_BYTES, rec.bytes);
			meterAdd(m, i, M_LATENCY_SUM, latency);
			meterMax(m, i, M_LATENCY_MAX, latency);
		}
		io.completed++;
		io.lastIo[rec.workload] = { rec, ackMs: ctx.nowMs };
	}
	ws.inFlight--;
	nextIo(world, rec.workload, ctx);
	return rec;
}

/**
 * A write lost some of its copies (their drives went away before the data landed): each lost copy
 * is stale if another copy of its slab took the write. If no copy of a slab took it, the write
 * changed nothing there (it fails), so the copies keep the data they had.
 */
function staleMissedCopies(world: IoWorld, rec: IoRecord): void {
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

/**
 * Fills one of workload w's outstanding slots: now, or when the rate limit (DiskSpd's target
 * rate) or the platform's IOPS cap lets it. Time spent waiting on the cap counts as latency
 * (the host holds the IO); waiting on the workload's own rate does not (it has not asked yet).
 */
export function nextIo(world: IoWorld, w: number, ctx: SimContext): void {
	const io = world.storage.io!;
	const ws = io.workloads[w];
	if (!ws.running || ws.inFlight >= ws.outstanding) return;
	ws.inFlight++;
	const rate = Math.min(ws.targetIops, ws.cap);
	let at = ctx.nowMs;
	if (Number.isFinite(rate)) {
		at = Math.max(at, ws.nextAllowedMs);
		ws.nextAllowedMs = at + 1000 / rate;
	}
	if (at <= ctx.nowMs) return issueIo(world, w, ctx.nowMs, ctx);
	const capped = ws.cap < ws.targetIops;
	if (capped) {
		meterAdd(io.meters.workloads, w, M_BUSY, at - ctx.nowMs);
		meterAdd(io.meters.workloads, w, M_WAITED, 1);
	}
	ctx.schedule(at - ctx.nowMs, IO_ISSUE, { w, requested: capped ? ctx.nowMs : at });
}

/**
 * The IO path (FACTS §1.7 "Write path"): a VM's IO is cut into 256 KiB interleave pieces; each
 * piece of a write goes over the east-west network to every copy (or to its data and parity
 * columns) on distinct servers and lands in the cache drive bound to that copy's capacity drive;
 * the write is acknowledged only when every copy that was online has it. A read is served by one
 * current copy, the VM's own server first. Drives and links are FIFO queues (their busy-until
 * times), so latency grows with load, failures and background traffic.
 *
 * The queues themselves are in queues.ts, the two sides of a piece in writes.ts and reads.ts.
 * Each IO costs two kernel events at most: an issue (only when it has to wait for the rate limit
 * or the IOPS cap) and a completion.
 */
import type { SimContext } from '../../kernel/types';
import { partBytes, pieces } from './geometry';
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
import { readPiece } from './reads';
import type { IoRecord, IoState } from './state';
import { reachable, vmServer, type IoWorld } from './world';
import { staleMissedCopies, writePiece } from './writes';

export const IO_ISSUE = 'io.issue';
export const IO_DONE = 'io.done';

/**
 * CHOICE (FACTS §7 "VM loses storage: pauses, resumes when storage returns"): an IO to an offline
 * volume waits and is tried again every second; its latency includes the wait.
 */
export const STALL_RETRY_MS = 1000;

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

/**
 * Where IO `id` is in the in-flight list, or -1. The list is in issue order and ids grow with
 * every issue, so it is sorted by id: a binary search instead of a scan at every completion.
 */
export function inFlightIndex(list: readonly IoRecord[], id: number): number {
	let lo = 0;
	let hi = list.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		const at = list[mid].id;
		if (at === id) return mid;
		if (at < id) lo = mid + 1;
		else hi = mid - 1;
	}
	return -1;
}

/**
 * Completes IO `id`: a write copy whose drive went away before the data landed becomes stale;
 * the write is acknowledged if any copy has it, and its slabs count as written. Then the
 * workload's slot issues its next IO. Returns the completed record (null for an unknown id).
 */
export function completeIo(world: IoWorld, id: number, ctx: SimContext): IoRecord | null {
	const io = world.storage.io!;
	const at = inFlightIndex(io.inFlight, id);
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

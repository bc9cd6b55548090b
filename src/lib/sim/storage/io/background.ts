/**
 * The storage's background work on the virtual clock, each a periodic tick that runs only while
 * it has something to do: the cache de-staging dirty data to capacity drives (FACTS §1.7), the
 * resync of stale regions once their copies are reachable again (FACTS §7 "Node returns"), the
 * mirror-accelerated parity rotation into parity (FACTS §1.1), and the one-second roll of the
 * meters behind the charts. Their traffic goes through the same drive and link queues as VM IO.
 */
import type { SimContext } from '../../kernel/types';
import { INTERLEAVE_BYTES } from '../layout';
import { NO_DRIVE } from '../placement';
import type { RepairJob } from '../model/state';
import { extentIndex, locateExtent, type PartGeometry } from './geometry';
import { meterRoll, M_WAITED, meterAdd } from './meters';
import {
	DESTAGE_BYTES_PER_MS,
	DESTAGE_TICK_MS,
	MAP_ROTATE_AT,
	MAP_ROTATE_BYTES_PER_MS,
	MAP_ROTATE_TICK_MS,
	RESYNC_BYTES_PER_MS,
	RESYNC_TICK_MS
} from './params';
import { reachable, type IoWorld } from './world';
import { backgroundServe, backgroundTransfer, recordFlight } from './queues';
import { FLIGHT_DESTAGE, FLIGHT_RESYNC, FLIGHT_ROTATE, type IoState } from './state';

export const IO_SECOND = 'io.second';
export const IO_DESTAGE = 'io.destage';
export const IO_RESYNC = 'io.resync';
export const IO_ROTATE = 'io.rotate';

const TICKS = {
	second: [IO_SECOND, 1000],
	destage: [IO_DESTAGE, DESTAGE_TICK_MS],
	resync: [IO_RESYNC, RESYNC_TICK_MS],
	rotate: [IO_ROTATE, MAP_ROTATE_TICK_MS]
} as const;

/** Schedules background tick `which` unless it is already scheduled. */
export function ensureTick(io: IoState, which: keyof typeof TICKS, ctx: SimContext): void {
	if (io.ticking[which]) return;
	io.ticking[which] = true;
	const [type, every] = TICKS[which];
	// The meters roll on whole seconds of simulated time.
	const delay = which === 'second' ? every - (ctx.nowMs % every) : every;
	ctx.schedule(delay, type);
}

/** The topology drive of extent j of slab s, or −1. */
function driveOf(world: IoWorld, g: PartGeometry, s: number, j: number): number {
	const pool = g.placement.extentDrive[s * g.placement.extentsPerSlab + j];
	return pool === NO_DRIVE ? -1 : world.storage.pool.topologyDrive[pool];
}

/** One second of charts: roll every meter; keep ticking while anything runs. */
export function secondTick(world: IoWorld, ctx: SimContext): void {
	const io = world.storage.io!;
	io.ticking.second = false;
	meterRoll(io.meters.workloads);
	meterRoll(io.meters.volumes);
	meterRoll(io.meters.drives);
	const busy =
		io.workloads.some((w) => w.running || w.inFlight > 0) ||
		io.ticking.destage ||
		io.ticking.resync ||
		io.ticking.rotate;
	if (busy) ensureTick(io, 'second', ctx);
}

/**
 * De-stages up to DESTAGE_BYTES_PER_MS × tick from each cache drive of an up server to the
 * capacity drives it serves, sequentially (FACTS §1.7: HDD writes are de-randomized first).
 */
export function destageTick(world: IoWorld, ctx: SimContext): void {
	const io = world.storage.io!;
	io.ticking.destage = false;
	const budget = new Float64Array(io.driveMedia.length).fill(
		DESTAGE_BYTES_PER_MS * DESTAGE_TICK_MS
	);
	const moved = new Float64Array(io.driveMedia.length);
	let again = false;
	io.dirtyList = io.dirtyList.filter((ext) => {
		if (io.dirty[ext] <= 0) return false;
		const { g, slab, j } = locateExtent(io.geometry, ext);
		const d = driveOf(world, g, slab, j);
		const cache = d < 0 ? -1 : io.cacheOf[d];
		if (cache < 0 || !reachable(world, d) || !reachable(world, cache)) return true;
		const take = Math.min(io.dirty[ext], budget[cache]);
		io.dirty[ext] -= take;
		io.cacheDirty[cache] -= take;
		budget[cache] -= take;
		moved[d] += take;
		if (io.dirty[ext] > 0) again = true;
		return io.dirty[ext] > 0;
	});
	moved.forEach((bytes, d) => {
		if (bytes <= 0) return;
		const cache = io.cacheOf[d];
		backgroundServe(io, cache, ctx.nowMs, bytes, DESTAGE_TICK_MS);
		const land = backgroundServe(io, d, ctx.nowMs, bytes, DESTAGE_TICK_MS);
		meterAdd(io.meters.drives, d, M_WAITED, bytes);
		recordFlight(io, FLIGHT_DESTAGE, world.storage.driveServer[d], d, 0, ctx.nowMs, land);
	});
	if (again) ensureTick(io, 'destage', ctx);
}

/** Bytes of stale regions on reachable drives, per volume. */
export function resyncableBytes(world: IoWorld): number[] {
	const io = world.storage.io!;
	const out = io.geometry.map(() => 0);
	for (const ext of io.staleList) {
		if (io.stale[ext] === 0) continue;
		const { volume, g, slab, j } = locateExtent(io.geometry, ext);
		if (reachable(world, driveOf(world, g, slab, j)))
			out[volume] += io.stale[ext] * INTERLEAVE_BYTES;
	}
	return out;
}

/** Starts a resync job for every volume with stale regions that can now be reached. */
export function startResyncs(world: IoWorld, ctx: SimContext): void {
	const { storage } = world;
	const io = storage.io!;
	resyncableBytes(world).forEach((bytes, v) => {
		const volume = storage.volumes[v];
		if (bytes === 0 || volume.resync.state === 'running') return;
		volume.resync = { state: 'running', bytesTotal: bytes, bytesDone: 0, startsAtMs: null };
		ctx.log('resync.started', { volume: volume.name, bytes });
		ensureTick(io, 'resync', ctx);
	});
}

/**
 * Copies up to RESYNC_BYTES_PER_MS × tick of stale regions per volume from a current copy to the
 * returned one. Returns whether a volume finished (its health may change).
 */
export function resyncTick(world: IoWorld, ctx: SimContext): boolean {
	const { storage } = world;
	const io = storage.io!;
	io.ticking.resync = false;
	const budget = io.geometry.map(() => RESYNC_BYTES_PER_MS * RESYNC_TICK_MS);
	io.staleList = io.staleList.filter((ext) => {
		if (io.stale[ext] === 0) return false;
		const { volume: v, g, slab, j } = locateExtent(io.geometry, ext);
		if (budget[v] < INTERLEAVE_BYTES) return true;
		const d = driveOf(world, g, slab, j);
		if (d < 0 || !reachable(world, d)) return true;
		const source = currentSource(world, g, slab, j);
		if (source < 0) return true;
		const regions = Math.min(io.stale[ext], Math.floor(budget[v] / INTERLEAVE_BYTES));
		const bytes = regions * INTERLEAVE_BYTES;
		io.stale[ext] -= regions;
		budget[v] -= bytes;
		storage.volumes[v].resync.bytesDone += bytes;
		const [from, to] = [storage.driveServer[source], storage.driveServer[d]];
		backgroundServe(io, source, ctx.nowMs, bytes, RESYNC_TICK_MS);
		const arrive = backgroundTransfer(io, from, to, ctx.nowMs, bytes, RESYNC_TICK_MS);
		const land = Math.max(arrive, backgroundServe(io, d, ctx.nowMs, bytes, RESYNC_TICK_MS));
		meterAdd(io.meters.drives, d, M_WAITED, bytes);
		recordFlight(io, FLIGHT_RESYNC, storage.driveServer[source], d, v, ctx.nowMs, land);
		return io.stale[ext] > 0;
	});
	const left = resyncableBytes(world);
	let finished = false;
	storage.volumes.forEach((volume, v) => {
		const job: RepairJob = volume.resync;
		if (job.state !== 'running') return;
		job.bytesTotal = job.bytesDone + left[v];
		if (left[v] > 0) return;
		job.state = 'done';
		finished = true;
		ctx.log('resync.completed', { volume: volume.name, bytes: job.bytesDone });
	});
	if (left.some((b) => b > 0)) ensureTick(io, 'resync', ctx);
	return finished;
}

/** A current, reachable extent of slab s other than j (the resync source), or −1. */
function currentSource(world: IoWorld, g: PartGeometry, s: number, j: number): number {
	const io = world.storage.io!;
	for (let k = 0; k < g.placement.extentsPerSlab; k++) {
		if (k === j || io.stale[extentIndex(g, s, k)] > 0) continue;
		const d = driveOf(world, g, s, k);
		if (d >= 0 && reachable(world, d)) return d;
	}
	return -1;
}

/**
 * Mirror-accelerated parity: while a volume's mirror part is more than MAP_ROTATE_AT full, move
 * its lowest slabs to the parity part at MAP_ROTATE_BYTES_PER_MS (read a copy, write the
 * columns of a parity slab).
 */
export function rotateTick(world: IoWorld, ctx: SimContext): void {
	const { storage } = world;
	const io = storage.io!;
	io.ticking.rotate = false;
	let again = false;
	io.geometry.forEach((parts, v) => {
		if (parts.length < 2) return;
		const [mirror, parity] = parts;
		const slabs = mirror.placement.slabCount;
		const flags = io.inMirror.subarray(mirror.slabBase, mirror.slabBase + slabs);
		let full = io.mirrorFull[v];
		if (full <= MAP_ROTATE_AT * slabs) return;
		if (!io.rotating[v]) ctx.log('map.rotation-started', { volume: storage.volumes[v].name });
		io.rotating[v] = true;
		io.rotateCarry[v] += MAP_ROTATE_BYTES_PER_MS * MAP_ROTATE_TICK_MS;
		const slabBytes = mirror.placement.slabBytes;
		for (
			let s = 0;
			s < slabs && io.rotateCarry[v] >= slabBytes && full > MAP_ROTATE_AT * slabs;
			s++
		) {
			if (!flags[s]) continue;
			const source = currentSource(world, mirror, s, -1);
			if (source < 0) continue;
			flags[s] = 0;
			full--;
			io.mirrorFull[v]--;
			io.rotateCarry[v] -= slabBytes;
			io.rotatedBytes[v] += slabBytes;
			// The slab's move is spread over the time it takes at the rotation rate.
			const period = slabBytes / MAP_ROTATE_BYTES_PER_MS;
			backgroundServe(io, source, ctx.nowMs, slabBytes, period);
			const target = s % parity.placement.slabCount;
			const share = slabBytes / parity.dataExtents;
			const from = storage.driveServer[source];
			for (let j = 0; j < parity.placement.extentsPerSlab; j++) {
				const d = driveOf(world, parity, target, j);
				if (d < 0 || !reachable(world, d)) continue;
				const to = storage.driveServer[d];
				const arrive = backgroundTransfer(io, from, to, ctx.nowMs, share, period);
				const land = Math.max(arrive, backgroundServe(io, d, ctx.nowMs, share, period));
				recordFlight(io, FLIGHT_ROTATE, from, d, v, ctx.nowMs, land);
			}
		}
		if (full > MAP_ROTATE_AT * slabs) again = true;
		else {
			io.rotating[v] = false;
			io.rotateCarry[v] = 0;
			ctx.log('map.rotation-paused', {
				volume: storage.volumes[v].name,
				movedBytes: io.rotatedBytes[v]
			});
		}
	});
	if (again) ensureTick(io, 'rotate', ctx);
}

/**
 * Load of a repair job's `bytes` over `periodMs` (storage/model/events.ts): CHOICE: the rebuild
 * reads and writes are spread evenly over every reachable capacity drive and every up server's
 * links, since the new homes are chosen only when the job completes.
 */
export function repairLoad(world: IoWorld, bytes: number, periodMs: number, now: number): void {
	const { storage } = world;
	const io = storage.io;
	const drives = Array.from(storage.pool.topologyDrive).filter((d) => reachable(world, d));
	const servers = world.nodeUp.map((up, s) => (up ? s : -1)).filter((s) => s >= 0);
	if (drives.length === 0 || servers.length < 2) return;
	for (const d of drives) backgroundServe(io, d, now, (2 * bytes) / drives.length, periodMs);
	const perServer = bytes / servers.length;
	servers.forEach((s, i) => {
		const to = servers[(i + 1) % servers.length];
		const land = backgroundTransfer(io, s, to, now, perServer, periodMs);
		const target = drives.find((d) => storage.driveServer[d] === to);
		if (target !== undefined) recordFlight(io, FLIGHT_RESYNC, s, target, 0, now, land);
	});
}

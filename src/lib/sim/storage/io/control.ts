/**
 * The IO model's entry points for the storage model (storage/model/events.ts): its events, the
 * workload inputs (`workload.start`, `workload.stop`, `workload.define`) and the reaction to
 * every storage change (a drive or server going away or coming back, a cache drive lost).
 */
import type { EventData, InputEvent, SimContext } from '../../kernel/types';
import { INTERLEAVE_BYTES } from '../layout';
import { DRIVE_OK } from '../model/state';
import { NO_DRIVE } from '../placement';
import {
	destageTick,
	ensureTick,
	IO_DESTAGE,
	IO_RESYNC,
	IO_ROTATE,
	IO_SECOND,
	resyncTick,
	rotateTick,
	secondTick,
	startResyncs
} from './background';
import { growMeters } from './meters';
import { MAP_ROTATE_AT, VM_SIZE_NAMES, type VmSizeName } from './params';
import { completeIo, IO_DONE, IO_ISSUE, issueIo, nextIo } from './path';
import { reachable, type IoWorld } from './world';
import { addStale, bindCaches, workloadState, type WorkloadSpecLike } from './state';
import { locateExtent } from './geometry';

export const IO_WORKLOAD_START = 'io.workload-start';
export const IO_WORKLOAD_STOP = 'io.workload-stop';

/** Schedules the start and stop of the scenario's workloads that give times. */
export function scheduleWorkloads(
	workloads: readonly { startMs?: number; stopMs?: number }[],
	ctx: SimContext
): void {
	workloads.forEach((w, i) => {
		if (w.startMs !== undefined) ctx.schedule(w.startMs, IO_WORKLOAD_START, { w: i });
		if (w.stopMs !== undefined) ctx.schedule(w.stopMs, IO_WORKLOAD_STOP, { w: i });
	});
}

/** Handles the IO events; false for any other. `changed` re-judges the storage. */
export function handleIoEvent(
	world: IoWorld,
	type: string,
	data: EventData,
	ctx: SimContext,
	changed: () => void
): boolean {
	const io = world.storage.io;
	if (!io) return false;
	switch (type) {
		case IO_ISSUE: {
			const w = data.w as number;
			const ws = io.workloads[w];
			if (!ws.running) ws.inFlight--;
			else issueIo(world, w, data.requested as number, ctx);
			afterIo(world, ws.volume, ctx);
			return true;
		}
		case IO_DONE: {
			const rec = completeIo(world, data.id as number, ctx);
			if (rec) afterIo(world, io.workloads[rec.workload].volume, ctx);
			return true;
		}
		case IO_WORKLOAD_START:
			if (!io.workloads[data.w as number].running) startWorkload(world, data.w as number, ctx);
			return true;
		case IO_WORKLOAD_STOP:
			stopWorkload(world, data.w as number, ctx);
			return true;
		case IO_SECOND:
			secondTick(world, ctx);
			return true;
		case IO_DESTAGE:
			destageTick(world, ctx);
			return true;
		case IO_RESYNC:
			if (resyncTick(world, ctx)) changed();
			return true;
		case IO_ROTATE:
			rotateTick(world, ctx);
			return true;
	}
	return false;
}

/** After an IO of volume v: report newly stale copies, start de-staging and rotation. */
function afterIo(world: IoWorld, v: number, ctx: SimContext): void {
	const { storage } = world;
	const io = storage.io!;
	for (const stale of io.newlyStale) {
		const volume = storage.volumes[stale];
		// FACTS §1.9: the missing copies now hold stale data, so Incomplete becomes Degraded.
		if (volume.health === 'Warning' && volume.operational === 'Incomplete') {
			volume.operational = 'Degraded';
			ctx.log('volume.health', {
				volume: volume.name,
				health: volume.health,
				operational: volume.operational,
				reason: 'writes went on without the missing copies, which are now stale'
			});
		}
	}
	io.newlyStale.length = 0;
	if (!io.ticking.destage && io.cacheDirty.some((b) => b > 0)) ensureTick(io, 'destage', ctx);
	const parts = io.geometry[v];
	if (parts.length > 1 && io.mirrorFull[v] > MAP_ROTATE_AT * parts[0].placement.slabCount) {
		ensureTick(io, 'rotate', ctx);
	}
}

const WORKLOAD_INPUTS = ['workload.start', 'workload.stop', 'workload.define'];

/** The workload inputs; false for any other input. */
export function handleIoInput(world: IoWorld, input: InputEvent, ctx: SimContext): boolean {
	if (!WORKLOAD_INPUTS.includes(input.type)) return false;
	const { storage } = world;
	const io = storage.io!;
	const name = String(input.name);
	let w = io.workloads.findIndex((x) => x.name === name);
	if (input.type === 'workload.define') {
		if (w >= 0 && io.workloads[w].running) {
			ctx.log('input.ignored', { reason: `workload ${name} is running; stop it first` });
			return true;
		}
		const spec = specOf(input);
		const state = workloadState(
			spec,
			storage.volumes.map((v) => v.name)
		);
		if (state.volume < 0) {
			ctx.log('input.ignored', { reason: `no volume named ${spec.volume} for workload ${name}` });
			return true;
		}
		if (w < 0) {
			w = io.workloads.length;
			io.workloads.push(state);
			io.lastIo.push(null);
			growMeters(io.meters.workloads, io.workloads.length);
		} else io.workloads[w] = { ...state, inFlight: io.workloads[w].inFlight };
	}
	if (w < 0) {
		ctx.log('input.ignored', { reason: `no workload named ${name}` });
		return true;
	}
	const ws = io.workloads[w];
	if (input.type === 'workload.stop') {
		if (!ws.running) ctx.log('input.ignored', { reason: `workload ${name} is not running` });
		else stopWorkload(world, w, ctx);
		return true;
	}
	if (ws.running) {
		ctx.log('input.ignored', { reason: `workload ${name} is already running` });
		return true;
	}
	startWorkload(world, w, ctx);
	return true;
}

/** Starts workload w: its outstanding IOs go out now (or as its rate allows). */
export function startWorkload(world: IoWorld, w: number, ctx: SimContext): void {
	const io = world.storage.io!;
	const ws = io.workloads[w];
	ws.running = true;
	ws.nextAllowedMs = ctx.nowMs;
	ctx.log('workload.started', {
		workload: ws.name,
		volume: world.storage.volumes[ws.volume].name,
		blockKB: ws.blockBytes / 1024,
		readPercent: ws.readPercent,
		outstanding: ws.outstanding,
		cap: Number.isFinite(ws.cap) ? ws.cap : 'none'
	});
	ensureTick(io, 'second', ctx);
	for (let k = 0; k < ws.outstanding; k++) nextIo(world, w, ctx);
}

/** Stops workload w: IOs in flight complete, no new ones start. */
function stopWorkload(world: IoWorld, w: number, ctx: SimContext): void {
	const ws = world.storage.io!.workloads[w];
	if (!ws.running) return;
	ws.running = false;
	ctx.log('workload.stopped', { workload: ws.name });
}

/** A workload from the flat fields of a `workload.define` input (already validated). */
function specOf(input: InputEvent): WorkloadSpecLike {
	const num = (key: string) =>
		typeof input[key] === 'number' ? (input[key] as number) : undefined;
	const size = VM_SIZE_NAMES.find((s) => s === input.vmSize) as VmSizeName | undefined;
	return {
		name: String(input.name),
		volume: String(input.volume),
		server: num('server') ?? 0,
		blockKB: num('blockKB') ?? 4,
		readPercent: num('readPercent') ?? 70,
		pattern: input.pattern === 'sequential' ? 'sequential' : 'random',
		outstanding: num('outstanding') ?? 8,
		targetIops: num('targetIops'),
		vmSize: size,
		dataDisks: num('dataDisks'),
		spanGB: num('spanGB')
	};
}

/**
 * After any storage change: note when drives went away or came back, turn the un-de-staged
 * writes of a lost cache drive into stale regions (FACTS §1.7 "Cache-drive failure": lost on that
 * server only), drop the dirty data of lost capacity drives (repair rebuilds it from the other
 * copies), rebind the caches, and start de-staging and resyncs that can run now.
 */
export function ioAfterChange(world: IoWorld, ctx: SimContext): void {
	const { storage } = world;
	const io = storage.io;
	if (!io) return;
	for (let d = 0; d < io.awaySinceMs.length; d++) {
		const away = !reachable(world, d);
		if (away && io.awaySinceMs[d] === Infinity) io.awaySinceMs[d] = ctx.nowMs;
		if (!away) io.awaySinceMs[d] = Infinity;
	}
	const lost = (d: number) => storage.driveState[d] !== DRIVE_OK;
	for (const ext of io.dirtyList) {
		if (io.dirty[ext] <= 0) continue;
		const { volume, g, slab, j } = locateExtent(io.geometry, ext);
		const pool = g.placement.extentDrive[slab * g.placement.extentsPerSlab + j];
		if (pool === NO_DRIVE) continue;
		const d = storage.pool.topologyDrive[pool];
		const cache = io.cacheOf[d];
		if (cache < 0) continue;
		if (lost(d)) io.cacheDirty[cache] -= io.dirty[ext];
		else if (lost(cache)) {
			const max = g.placement.slabBytes / INTERLEAVE_BYTES;
			addStale(io, ext, Math.ceil(io.dirty[ext] / INTERLEAVE_BYTES), max, volume);
			io.cacheDirty[cache] -= io.dirty[ext];
		} else continue;
		io.dirty[ext] = 0;
	}
	io.cacheRing.forEach((ring, c) => {
		if (!lost(c) || ring.length === 0) return;
		for (const ext of ring) if (ext >= 0) io.resident[ext] = 0;
		ring.fill(-1);
		io.cacheDirty[c] = 0;
		io.cacheRegions[c] = 0;
	});
	bindCaches(io, storage.driveServer, (d) => !lost(d));
	if (io.cacheDirty.some((b) => b > 0)) ensureTick(io, 'destage', ctx);
	startResyncs(world, ctx);
}

/** After a repair moved extents: the rebuilt copies are current and hold nothing in a cache. */
export function ioAfterRepair(world: IoWorld, volume: number): void {
	const { storage } = world;
	const io = storage.io;
	if (!io) return;
	storage.volumes[volume].parts.forEach((p, i) => {
		const g = io.geometry[volume][i];
		for (let k = 0; k < p.extentDrive.length; k++) {
			if (p.extentDrive[k] === g.placement.extentDrive[k]) continue;
			const ext = g.extentBase + k;
			const old = g.placement.extentDrive[k];
			const cache = old === NO_DRIVE ? -1 : io.cacheOf[storage.pool.topologyDrive[old]];
			if (cache >= 0) io.cacheRegions[cache] -= io.resident[ext];
			io.stale[ext] = 0;
			io.dirty[ext] = 0;
			io.resident[ext] = 0;
		}
		io.geometry[volume][i] = { ...g, placement: p };
	});
}

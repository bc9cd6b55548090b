/**
 * Storage on the virtual clock: drive inputs (`drive.fail`, `drive.pull`, `drive.restore`), the
 * health service retiring a lost drive after AutoRetire.DelayMs (FACTS §7), the repair job that
 * rebuilds its copies elsewhere with visible progress, and a log entry whenever a volume's health
 * or the pool's quorum changes (also after servers fail or return).
 */
import { checkStorageInvariants } from '../../invariants/storage';
import type { EventData, InputEvent, SimContext } from '../../kernel/types';
import type { Simplification } from '../../simplifications';
import { bindCache, rebindAfterCacheFailure } from '../cache';
import { repairPlacement } from '../repair';
import { repairLoad } from '../io/background';
import { createVolume } from './create';
import { handleIoEvent, handleIoInput, ioAfterChange, ioAfterRepair } from '../io/control';
import { IO_SIMPLIFICATIONS } from '../io/params';
import { DRIVE_FAILED, DRIVE_OK, DRIVE_PULLED, DRIVE_RETIRED, type StorageState } from './state';
import { failureSet, poolQuorum, volumeVerdicts } from './verdict';

/** FACTS §7: AutoRetire.DelayMs = 900000 (15 min), CONFIRMED. */
export const AUTO_RETIRE_DELAY_MS = 900_000;
/**
 * CHOICE: a repair rebuilds 500 MB of copies per simulated second per volume. FACTS §7 gives the
 * repair queue depth setting (default 4, "Medium"), not a speed.
 */
export const REPAIR_BYTES_PER_MS = 500_000;
/** CHOICE: the repair job reports progress once per simulated second. */
export const REPAIR_TICK_MS = 1000;

export const STORAGE_RETIRE = 'storage.retire';
export const STORAGE_REPAIR_TICK = 'storage.repair-tick';

export interface StorageWorld {
	storage: StorageState;
	nodeUp: readonly boolean[];
	/** Where workload w's VM runs now, or -1 (storage/io/world.ts IoWorld). */
	vmHost?: (w: number) => number;
}

/** The storage inputs; false for any other input. */
export function handleStorageInput(
	world: StorageWorld,
	input: InputEvent,
	ctx: SimContext
): boolean {
	const { storage } = world;
	const drive = input.drive as number;
	if (handleIoInput(world, input, ctx)) return true;
	if (input.type === 'volume.create') {
		if (createVolume(storage, input, ctx)) storageChanged(world, ctx);
		return true;
	}
	if (
		input.type !== 'drive.fail' &&
		input.type !== 'drive.pull' &&
		input.type !== 'drive.restore'
	) {
		return false;
	}
	const name = world.storage.driveNames[drive];
	const state = storage.driveState[drive];
	if (input.type === 'drive.restore') {
		if (state === DRIVE_OK || state === DRIVE_RETIRED) {
			const why = state === DRIVE_OK ? 'has not failed' : 'was retired; its copies were rebuilt';
			ctx.log('input.ignored', { reason: `${name} ${why}` });
			return true;
		}
		storage.driveState[drive] = DRIVE_OK;
		storage.failSeq[drive]++;
		for (const v of storage.volumes) if (v.repair.state === 'waiting') v.repair = idleRepair();
		ctx.log('drive.restored', { drive: name });
	} else {
		if (state !== DRIVE_OK) {
			ctx.log('input.ignored', { reason: `${name} is already out of service` });
			return true;
		}
		storage.driveState[drive] = input.type === 'drive.fail' ? DRIVE_FAILED : DRIVE_PULLED;
		const seq = ++storage.failSeq[drive];
		ctx.log(input.type === 'drive.fail' ? 'drive.failed' : 'drive.pulled', { drive: name });
		if (storage.poolIndex[drive] < 0) logRebind(storage, drive, ctx);
		if (storage.poolIndex[drive] >= 0) {
			ctx.schedule(AUTO_RETIRE_DELAY_MS, STORAGE_RETIRE, { drive, seq });
			for (const v of holders(storage, drive)) {
				if (v.repair.state !== 'running') {
					v.repair = {
						...idleRepair(),
						state: 'waiting',
						startsAtMs: ctx.nowMs + AUTO_RETIRE_DELAY_MS
					};
				}
			}
		}
	}
	storageChanged(world, ctx);
	return true;
}

/** Handles the storage events; false for any other event. */
export function handleStorageEvent(
	world: StorageWorld,
	type: string,
	data: EventData,
	ctx: SimContext
) {
	const { storage } = world;
	if (handleIoEvent(world, type, data, ctx, () => storageChanged(world, ctx))) return true;
	if (type === STORAGE_RETIRE) {
		const drive = data.drive as number;
		if (storage.failSeq[drive] !== data.seq || storage.driveState[drive] === DRIVE_OK) return true;
		storage.driveState[drive] = DRIVE_RETIRED;
		ctx.log('drive.retired', {
			drive: world.storage.driveNames[drive],
			afterMs: AUTO_RETIRE_DELAY_MS
		});
		const pool = storage.poolIndex[drive];
		for (const v of holders(storage, drive)) {
			const extents = v.parts.reduce((n, p) => n + p.driveFill[pool] * p.slabBytes, 0);
			const total = (v.repair.state === 'running' ? v.repair.bytesTotal : 0) + extents;
			v.repair = {
				state: 'running',
				bytesTotal: total,
				bytesDone: v.repair.bytesDone,
				startsAtMs: null
			};
			ctx.log('repair.started', { volume: v.name, bytes: total });
		}
		ctx.schedule(REPAIR_TICK_MS, STORAGE_REPAIR_TICK);
		storageChanged(world, ctx);
		return true;
	}
	if (type === STORAGE_REPAIR_TICK) {
		repairTick(world, ctx);
		return true;
	}
	return false;
}

function repairTick(world: StorageWorld, ctx: SimContext): void {
	const { storage } = world;
	const running = storage.volumes.filter((v) => v.repair.state === 'running');
	if (running.length === 0) return;
	const retired = new Uint8Array(storage.pool.topologyDrive.length);
	storage.pool.topologyDrive.forEach(
		(d, i) => (retired[i] = storage.driveState[d] === DRIVE_RETIRED ? 1 : 0)
	);
	const { downServers } = failureSet(storage, world.nodeUp);
	let completed = false;
	for (const v of running) {
		const before = v.repair.bytesDone;
		v.repair.bytesDone = Math.min(
			v.repair.bytesTotal,
			v.repair.bytesDone + REPAIR_BYTES_PER_MS * REPAIR_TICK_MS
		);
		repairLoad(world, v.repair.bytesDone - before, REPAIR_TICK_MS, ctx.nowMs);
		if (v.repair.bytesDone < v.repair.bytesTotal) continue;
		v.parts = v.parts.map((p) => repairPlacement(p, retired, ctx.rng, downServers).placement);
		ioAfterRepair(world, storage.volumes.indexOf(v));
		v.repair.state = 'done';
		completed = true;
		ctx.log('repair.completed', { volume: v.name, bytes: v.repair.bytesTotal });
	}
	if (storage.volumes.some((v) => v.repair.state === 'running')) {
		ctx.schedule(REPAIR_TICK_MS, STORAGE_REPAIR_TICK);
	}
	// Progress alone changes no verdict; the copies move (and health may change) on completion.
	if (completed) storageChanged(world, ctx);
}

/** A cache drive went away: its capacity drives move to the server's other cache drives. */
function logRebind(storage: StorageState, drive: number, ctx: SimContext): void {
	const server = storage.driveServer[drive];
	const onServer = (d: number) => storage.driveServer[d] === server;
	const ids = Array.from(storage.driveServer.keys()).filter(onServer);
	const working = (d: number) => storage.driveState[d] === DRIVE_OK || d === drive;
	const cache = ids.filter((d) => storage.poolIndex[d] < 0 && working(d));
	const capacity = ids.filter((d) => storage.poolIndex[d] >= 0);
	const { binding } = rebindAfterCacheFailure(bindCache(cache, capacity), drive);
	const name = (d: number) => storage.driveNames[d];
	const served = binding.entries.map(
		(e) => `${name(e.cacheDriveId)} caches ${e.capacityDriveIds.map(name).join(', ')}`
	);
	if (binding.uncached.length > 0) {
		served.push(`${binding.uncached.map(name).join(', ')} run uncached`);
	}
	ctx.log('cache.rebound', { drive: name(drive), binding: served.join('; ') });
}

/** Volumes with an extent on topology drive `drive`. */
function holders(storage: StorageState, drive: number) {
	const pool = storage.poolIndex[drive];
	if (pool < 0) return [];
	return storage.volumes.filter((v) => v.parts.some((p) => p.driveFill[pool] > 0));
}

const idleRepair = () => ({
	state: 'none' as const,
	bytesTotal: 0,
	bytesDone: 0,
	startsAtMs: null
});

/**
 * Re-judges the pool and every volume after a change, logging what changed, and checks the
 * storage invariants. Call after drive inputs, retirement, repair and server failures.
 */
export function storageChanged(world: StorageWorld, ctx: SimContext): void {
	const { storage, nodeUp } = world;
	ioAfterChange(world, ctx);
	const quorum = poolQuorum(storage, nodeUp);
	if (quorum.hasQuorum !== storage.poolQuorum) {
		storage.poolQuorum = quorum.hasQuorum;
		ctx.log(quorum.hasQuorum ? 'pool.quorum-regained' : 'pool.quorum-lost', {
			explanation: quorum.explanation
		});
	}
	const verdicts = volumeVerdicts(storage, nodeUp, quorum);
	storage.volumes.forEach((v, i) => {
		const now = verdicts[i];
		if (now.health === v.health && now.operational === v.operational) return;
		v.health = now.health;
		v.operational = now.operational;
		const entry: Record<string, string | number> = {
			volume: v.name,
			health: now.health,
			operational: now.operational,
			reducedSlabs: now.reduced,
			lostSlabs: now.lost
		};
		if (now.reason) entry.reason = now.reason;
		ctx.log('volume.health', entry);
	});
	checkStorageInvariants(storage, nodeUp, verdicts, ctx);
}

/** Where the storage model departs from the real system (shown to learners). */
export const STORAGE_MODEL_SIMPLIFICATIONS: readonly Simplification[] = [
	{
		id: 'storage.repair',
		title: 'Retirement and repair',
		detail: `A failed or pulled capacity drive is retired after ${AUTO_RETIRE_DELAY_MS / 60_000} min (the documented AutoRetire.DelayMs); each volume with copies on it then rebuilds them at ${REPAIR_BYTES_PER_MS / 1000} MB per simulated second, and the copies move when the job completes. A down server's copies are not rebuilt (the delay is undocumented); they are resynced when it returns (see Stale regions and resync).`,
		source: 'FACTS.md §7 (AutoRetire.DelayMs, repair speed setting), §1.8'
	},
	...IO_SIMPLIFICATIONS
];

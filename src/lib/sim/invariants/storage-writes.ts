/**
 * no-acknowledged-write-lost (FACTS §1.3, §1.7 "Write path"): a write is acknowledged only once
 * every online copy has it, so while failures stay within what a layout tolerates, every slab
 * that took an acknowledged write still has enough current extents (not stale, on a drive whose
 * data exists) to be read once its servers are back. "Within tolerance" counts the servers that
 * are impaired for the part: down, holding a failed, pulled or retired drive that still has
 * extents of it, or holding one of its stale extents.
 */
import type { SimContext } from '../kernel/types';
import { recordCheck } from './record';
import { NO_DRIVE } from '../storage/placement';
import { DRIVE_OK, DRIVE_PULLED, type StorageState } from '../storage/model/state';

export const ACKED_WRITES_INVARIANT = {
	name: 'no-acknowledged-write-lost',
	description:
		'While failures stay within what the layout tolerates, every slab that took an acknowledged write keeps enough current copies to be read.'
} as const;

/** The first slab that lost acknowledged data within tolerance, in words, or undefined. */
export function ackedWriteViolation(
	storage: StorageState,
	nodeUp: readonly boolean[]
): string | undefined {
	const { io, pool } = storage;
	for (let v = 0; v < storage.volumes.length; v++) {
		const volume = storage.volumes[v];
		for (let k = 0; k < volume.parts.length; k++) {
			const p = volume.parts[k];
			const { extentBase, slabBase } = io.geometry[v][k];
			const e = p.extentsPerSlab;
			const impaired = new Set<number>();
			nodeUp.forEach((up, s) => up || impaired.add(s));
			for (let d = 0; d < pool.topologyDrive.length; d++) {
				const state = storage.driveState[pool.topologyDrive[d]];
				if (state !== DRIVE_OK && p.driveFill[d] > 0) impaired.add(pool.driveServer[d]);
			}
			for (let i = 0; i < p.slabCount * e; i++) {
				const d = p.extentDrive[i];
				if (io.stale[extentBase + i] > 0 && d !== NO_DRIVE) impaired.add(pool.driveServer[d]);
			}
			if (impaired.size > p.faultTolerance) continue;
			for (let s = 0; s < p.slabCount; s++) {
				if (!io.written[slabBase + s]) continue;
				let current = 0;
				for (let j = 0; j < e; j++) {
					const d = p.extentDrive[s * e + j];
					if (d === NO_DRIVE || io.stale[extentBase + s * e + j] > 0) continue;
					const state = storage.driveState[pool.topologyDrive[d]];
					if (state === DRIVE_OK || state === DRIVE_PULLED) current++;
				}
				if (current < e - p.faultTolerance) {
					return `${volume.name}: slab ${s} took acknowledged writes but has ${current} current extent${current === 1 ? '' : 's'} with ${impaired.size} server${impaired.size === 1 ? '' : 's'} impaired`;
				}
			}
		}
	}
	return undefined;
}

/** Checks the invariant and records it in storage.invariants.ackedWrites. */
export function checkAckedWrites(
	storage: StorageState,
	nodeUp: readonly boolean[],
	ctx: SimContext
): void {
	const violation = ackedWriteViolation(storage, nodeUp);
	recordCheck(storage.invariants.ackedWrites, ACKED_WRITES_INVARIANT.name, violation, ctx);
}

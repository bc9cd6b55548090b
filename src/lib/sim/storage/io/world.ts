/**
 * What the IO path reads of the model (IoWorld) and the questions every part of it asks: whether
 * a drive can be reached, and where a workload's VM runs.
 */
import { INTERLEAVE_BYTES } from '../layout';
import { DRIVE_OK, type StorageState } from '../model/state';
import type { PartGeometry } from './geometry';

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
export const regionsPerExtent = (g: PartGeometry) => g.placement.slabBytes / INTERLEAVE_BYTES;

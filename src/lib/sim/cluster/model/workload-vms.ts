/**
 * The VMs that run the storage workloads (DiskSpd / VMFleet): each workload gets a tenant VM of
 * the cluster, and its IO comes from wherever the cluster runs that VM (storage/io/world.ts asks
 * `workloadHost` through model.ts).
 */
import type { VmState } from './vms';

/** CHOICE: a storage workload's VM takes 8 GB (the sources give no memory for the VM sizes). */
export const WORKLOAD_VM_MEMORY_GB = 8;

/**
 * Gives every storage workload a VM of the cluster (storage/io runs its IO from that VM's
 * server): a new workload's VM starts running on the workload's server (CHOICE: even where the
 * placement rules would put it elsewhere); a workload redefined with another server while its VM
 * runs moves its VM there at once (it is not running IO).
 */
export function syncWorkloadVms(
	cluster: { vms: VmState[]; workloadVms: Record<string, number> },
	workloads: readonly { name: string; server: number }[]
): void {
	for (const w of workloads) {
		const at = cluster.workloadVms[w.name];
		if (at !== undefined) {
			const vm = cluster.vms[at];
			if (vm.state === 'running' && vm.server !== w.server) vm.server = w.server;
			continue;
		}
		cluster.workloadVms[w.name] = cluster.vms.length;
		cluster.vms.push({
			name: `${w.name}-vm`,
			memoryGB: WORKLOAD_VM_MEMORY_GB,
			server: w.server,
			state: 'running',
			reason: 'running',
			availabilitySet: null,
			role: null,
			workload: w.name,
			move: null
		});
	}
}

/**
 * The server workload `name`'s VM runs on at `nowMs`, or -1 while it does not run (down,
 * booting, unmonitored on an isolated server). A live-migrating VM runs on its old server until
 * its own migration ends.
 */
export function workloadHost(
	cluster: { vms: readonly VmState[]; workloadVms: Record<string, number> },
	name: string,
	nowMs: number
): number {
	const at = cluster.workloadVms[name];
	if (at === undefined) return -1;
	const vm = cluster.vms[at];
	if (vm.state === 'running') return vm.server;
	if (vm.state !== 'migrating') return -1;
	return vm.move && nowMs < vm.move.endMs ? vm.move.from : vm.server;
}

/**
 * A tenant VM deployed into an availability set while the simulation runs (`vm.create`): placed
 * by the same rules as the scenario's VMs (cluster/vms/sets.ts: fault domain k mod FDs, away from
 * set peers, within the placement memory left after the resiliency reserve and the 60 / 700 VM
 * limits, FACTS §6.3, §6.4), or refused with Azure Stack Hub's error and the arithmetic.
 * CHOICE: a VM that is placed runs at once (deployment and boot time are not modelled).
 */
import type { SimContext } from '../../kernel/types';
import { addSetVm, memoryOf } from './vms';
import type { ClusterWorld } from './world';

/** Creates one VM in availability set `setName`, or logs why not (`input.ignored`). */
export function createSetVm(world: ClusterWorld, setName: string, ctx: SimContext): void {
	const { cluster } = world;
	const set = cluster.sets.find((s) => s.name === setName);
	if (!set) {
		const known = cluster.sets.map((s) => s.name).join(', ') || 'none';
		ctx.log('input.ignored', {
			reason: `no availability set named ${setName} (the scenario's sets: ${known})`
		});
		return;
	}
	let k = cluster.vms.filter((v) => v.availabilitySet === set.name).length + 1;
	while (cluster.vms.some((v) => v.name === `${set.name}-vm${k}`)) k++;
	const name = `${set.name}-vm${k}`;
	const placed = addSetVm(cluster.vms, world.nodeUp, memoryOf(world), set, name);
	if (!placed.ok) {
		ctx.log('input.ignored', {
			vm: name,
			code: placed.code,
			reason: `${placed.code}: ${placed.reason}`
		});
		return;
	}
	ctx.log('vm.created', {
		vm: name,
		node: world.nodeNames[placed.server],
		faultDomain: placed.faultDomain,
		memoryGB: set.memoryGB
	});
}

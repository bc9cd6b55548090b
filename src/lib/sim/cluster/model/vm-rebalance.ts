/**
 * Rebalancing when a server returns (FACTS §6.4, CONFIRMED "rebalanced on return"): VMs that
 * share a server with a peer of their group live-migrate back to spread the group again.
 */
import type { SimContext } from '../../kernel/types';
import { liveMigrationMs } from '../vms/moves';
import { VM_LIMIT_PER_SERVER } from '../vms/placement';
import { memoryOf, scheduleMigration, serversOf } from './vms';
import type { ClusterWorld } from './world';

/** Queue event: a VM's live migration back to a returned server is over. */
export const VM_MIGRATED = 'cluster.vm-migrated';

/**
 * Server `node` serves again: VMs that share a server with a peer of their availability set (or
 * infrastructure role) while `node` holds none of that group live-migrate back to it, one after
 * another (FACTS §6.4, CONFIRMED: "rebalanced on return"). CHOICE: one VM per group, the last
 * listed on the most crowded server, and only if it fits in `node`'s memory and VM limit.
 */
export function rebalanceOnto(world: ClusterWorld, node: number, ctx: SimContext): void {
	const { cluster } = world;
	const groups = [...new Set(cluster.vms.flatMap((v) => v.antiAffinityGroup ?? []))];
	let startMs = ctx.nowMs;
	for (const group of groups) {
		const members = cluster.vms.filter((v) => v.antiAffinityGroup === group && v.state !== 'down');
		if (members.some((v) => v.server === node)) continue;
		const count = new Map<number, number>();
		for (const v of members) count.set(v.server, (count.get(v.server) ?? 0) + 1);
		const crowded = members.filter((v) => v.state === 'running' && count.get(v.server)! >= 2);
		if (crowded.length === 0) continue;
		const most = Math.max(...crowded.map((v) => count.get(v.server)!));
		const vm = crowded.filter((v) => count.get(v.server) === most).at(-1)!;
		const target = serversOf(cluster.vms, world.nodeUp, memoryOf(world))[node];
		const full = !vm.infrastructure && target.vmCount >= VM_LIMIT_PER_SERVER;
		if (full || target.usedGB + vm.memoryGB > target.memoryGB) continue;
		const ms = liveMigrationMs(vm.memoryGB);
		vm.move = { from: vm.server, startMs, endMs: startMs + ms };
		scheduleMigration(vm, ctx);
		vm.server = node;
		vm.state = 'migrating';
		vm.reason = `live-migrating back from ${world.nodeNames[vm.move.from]} to spread ${group} again (no downtime)`;
		ctx.log('vm.rebalancing', {
			vm: vm.name,
			from: world.nodeNames[vm.move.from],
			to: world.nodeNames[node],
			ms
		});
		ctx.schedule(startMs + ms - ctx.nowMs, VM_MIGRATED, { vm: vm.name, endMs: startMs + ms });
		startMs += ms;
	}
}

/** A live migration back (rebalanceOnto) is over, unless the VM has moved on since. */
export function vmMigrated(world: ClusterWorld, name: string, endMs: number, ctx: SimContext) {
	const vm = world.cluster.vms.find((v) => v.name === name);
	if (!vm || vm.state !== 'migrating' || vm.move?.endMs !== endMs) return;
	vm.state = 'running';
	vm.reason = 'running';
	vm.move = null;
	ctx.log('vm.migrated', { vm: vm.name, node: world.nodeNames[vm.server] });
}

/**
 * Transient isolation (FACTS §7): the VMs of a server cut off from the network run on,
 * unmonitored, for ResiliencyDefaultPeriod; if the server is still cut off then, they fail over.
 */
import type { SimContext } from '../../kernel/types';
import { restartElsewhere, vmsStop } from './vms';
import type { ClusterWorld } from './world';

/** Queue event: an isolated server's ResiliencyDefaultPeriod is over. */
export const VM_RESILIENCY_OVER = 'cluster.resiliency-over';

/**
 * FACTS §7 (CONFIRMED, `WSD: fc/whats-new-in-failover-clustering.md`): an isolated server's VMs
 * keep running, unmonitored, for ResiliencyDefaultPeriod before the cluster fails them over.
 */
export const RESILIENCY_DEFAULT_PERIOD_MS = 240_000;

/**
 * Server `node` was cut off from the network (FACTS §7 transient isolation): its VMs run on,
 * unmonitored, and the cluster waits ResiliencyDefaultPeriod before failing them over.
 */
export function vmsUnmonitored(world: ClusterWorld, node: number, ctx: SimContext): void {
	const name = world.nodeNames[node];
	for (const vm of world.cluster.vms) {
		if (vm.server !== node || vm.state === 'down') continue;
		vm.state = 'unmonitored';
		vm.move = null;
		vm.reason = `running unmonitored on isolated ${name}: out of reach, its disk IO waits; failed over if ${name} is still cut off after ${RESILIENCY_DEFAULT_PERIOD_MS / 1000} s`;
		ctx.log('vm.unmonitored', { vm: vm.name, node: name });
	}
	ctx.schedule(RESILIENCY_DEFAULT_PERIOD_MS, VM_RESILIENCY_OVER, {
		node,
		seq: world.cluster.seq[node]
	});
}

/**
 * ResiliencyDefaultPeriod is over and server `node` is still isolated: its VMs are failed over.
 * CHOICE: they stop on the isolated server at that instant, so no VM ever runs twice.
 */
export function resiliencyOver(world: ClusterWorld, node: number, ctx: SimContext): void {
	const why = `its server stayed isolated past ResiliencyDefaultPeriod (${RESILIENCY_DEFAULT_PERIOD_MS / 1000} s)`;
	vmsStop(world, node, why, ctx);
	if (!world.cluster.quorum.nodeRunning[node]) restartElsewhere(world, node, ctx);
}

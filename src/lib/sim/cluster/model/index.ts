/**
 * The cluster control plane wired into the model (model.ts): server inputs (`node.fail`,
 * `node.restore`, `node.drain`, `node.resume`, `node.shutdown`, `node.isolate`), `update.start`,
 * `vm.create`,
 * and the control plane's timers.
 */
import type { EventData, InputEvent, SimContext } from '../../kernel/types';
import { sendMachine, stateName } from '../machines/runner';
import { serverMachine, type ServerEvent } from '../machines/server.machine';
import { declareDown, flapping, sendServer, serverTimer } from './servers';
import { pollUpdate, startUpdate } from './update';
import { createSetVm } from './vm-create';
import { resiliencyOver, VM_RESILIENCY_OVER } from './vm-isolation';
import { VM_MIGRATED, vmMigrated } from './vm-rebalance';
import { drainRefusal, migrationStarts, VM_MIGRATION_START, VM_STARTED, vmStarted } from './vms';
import { ncChanged } from './nc';
import { handleWitnessInput, WITNESS_INPUTS } from './witness';
import { CLUSTER_DECLARE_DOWN, CLUSTER_TIMER, UPDATE_POLL, type ClusterWorld } from './world';

export { createClusterState, type ClusterState } from './state';
export { CLUSTER_INVARIANTS, type ClusterInvariant } from './invariants';
export type { ClusterWorld } from './world';
export { NC_WRITES, ncWriteRefusal } from './nc';
export { syncWorkloadVms, workloadHost } from './workload-vms';

const SERVER_INPUTS: Record<string, ServerEvent['type'][]> = {
	'node.fail': ['FAIL'],
	// Whichever applies: a failed server restarts, an isolated one reconnects, an off one starts.
	// A quarantined one is let back in (Start-ClusterNode -ClearQuarantine).
	'node.restore': ['RESTORE', 'RECONNECT', 'START', 'RELEASE'],
	'node.drain': ['DRAIN'],
	'node.resume': ['RESUME'],
	'node.shutdown': ['SHUTDOWN'],
	'node.isolate': ['ISOLATE']
};

/** The cluster inputs; false for any other. Inputs that do not apply are logged as ignored. */
export function handleClusterInput(
	world: ClusterWorld,
	input: InputEvent,
	ctx: SimContext
): boolean {
	if (WITNESS_INPUTS.includes(input.type)) {
		handleWitnessInput(world, input, ctx);
		return true;
	}
	if (input.type === 'vm.create') {
		createSetVm(world, String(input.set), ctx);
		return true;
	}
	if (input.type === 'update.start') {
		if (!startUpdate(world, ctx)) {
			const state = stateName(world.cluster.update);
			ctx.log('input.ignored', { reason: `patch and update is already ${state}` });
		}
		return true;
	}
	const events = SERVER_INPUTS[input.type];
	if (!events) return false;
	const node = input.node as number;
	const name = world.nodeNames[node];
	if (input.type === 'node.drain') {
		const stuck = drainRefusal(world, node);
		if (stuck) {
			ctx.log('input.ignored', { node: name, reason: `a drain is refused: ${stuck}` });
			return true;
		}
		const unhealthy = world.storage?.volumes.find((v) => v.health !== 'Healthy');
		if (unhealthy) {
			// FACTS §7: Suspend-ClusterNode -Drain refuses while a volume is unhealthy.
			ctx.log('input.ignored', {
				node: name,
				reason: `a drain is refused while ${unhealthy.name} is ${unhealthy.health} / ${unhealthy.operational}`
			});
			return true;
		}
	}
	for (const type of events) {
		const event = (
			type === 'DRAIN'
				? { type, reason: 'drained by the operator' }
				: type === 'RESTORE' || type === 'RECONNECT'
					? { type, flapping: flapping(world, node, ctx.nowMs) }
					: { type }
		) as ServerEvent;
		// A dry run first (transitions are pure), so the input's own log entry comes first.
		if (!sendMachine(serverMachine, world.cluster.servers[node], event).handled) continue;
		if (input.type === 'node.fail') ctx.log('node.failed', { node: name });
		if (input.type === 'node.restore') ctx.log('node.restored', { node: name });
		sendServer(world, node, event, ctx);
		return true;
	}
	const state = stateName(world.cluster.servers[node]);
	const reason =
		input.type === 'node.fail' && state === 'failed'
			? `${name} is already failed`
			: input.type === 'node.restore'
				? `${name} is not failed`
				: `${name} is ${state}, so ${input.type} does not apply`;
	ctx.log('input.ignored', { node: name, reason });
	return true;
}

/** The queue events of the control plane (so the model builds its world only for them). */
export const CLUSTER_EVENTS: ReadonlySet<string> = new Set([
	CLUSTER_TIMER,
	CLUSTER_DECLARE_DOWN,
	UPDATE_POLL,
	VM_RESILIENCY_OVER,
	VM_MIGRATION_START,
	VM_MIGRATED,
	VM_STARTED
]);

/** The control plane's events; false for any other. */
export function handleClusterEvent(
	world: ClusterWorld,
	type: string,
	data: EventData,
	ctx: SimContext
): boolean {
	if (type === CLUSTER_TIMER) serverTimer(world, data, ctx);
	else if (type === CLUSTER_DECLARE_DOWN) declareDown(world, data, ctx);
	else if (type === UPDATE_POLL) pollUpdate(world, ctx);
	else if (type === VM_RESILIENCY_OVER) {
		const node = data.node as number;
		if (world.cluster.seq[node] !== data.seq) return true;
		resiliencyOver(world, node, ctx);
		ncChanged(world.cluster.nc, world.cluster.vms, world.nodeNames, ctx);
	} else if (type === VM_MIGRATION_START) {
		migrationStarts(world, data);
	} else if (type === VM_MIGRATED) {
		vmMigrated(world, data.vm as string, data.endMs as number, ctx);
	} else if (type === VM_STARTED) {
		vmStarted(world, data.vm as string, ctx);
		ncChanged(world.cluster.nc, world.cluster.vms, world.nodeNames, ctx);
	} else return false;
	return true;
}

/**
 * The patch-and-update orchestrator in the running model (machines/update.machine.ts): it is told
 * when the server it updates changes state, carries out the machine's actions (drain, update,
 * resume the current server), and looks at the storage once a second while it waits for the
 * resync or is paused. FACTS §9.20: one server at a time; drain → update → resume → wait for
 * storage jobs and healthy volumes → next.
 */
import type { SimContext } from '../../kernel/types';
import { DRIVE_FAILED, DRIVE_PULLED } from '../../storage/model/state';
import { sendMachine, stateName } from '../machines/runner';
import { updateMachine, type UpdateEvent } from '../machines/update.machine';
import { sendServer } from './servers';
import { drainRefusal } from './vms';
import { UPDATE_POLL, UPDATE_POLL_MS, type ClusterWorld } from './world';

/** Sends `event` to the orchestrator and carries out its actions. */
export function sendUpdate(world: ClusterWorld, event: UpdateEvent, ctx: SimContext): boolean {
	const { cluster } = world;
	const before = stateName(cluster.update);
	const step = sendMachine(updateMachine, cluster.update, event);
	if (!step.handled) return false;
	cluster.update = step.record;
	const after = stateName(step.record);
	const { order, index, reason } = step.record.context;
	const current = order[index];
	if (before !== after) {
		ctx.log('update.state', {
			from: before,
			to: after,
			server: current === undefined ? '' : world.nodeNames[current]
		});
	}
	for (const action of step.actions) {
		switch (action.type) {
			case 'checkSafety': {
				const unsafe =
					safetyProblem(world, true) ??
					(current === undefined ? null : drainRefusal(world, current));
				sendUpdate(world, unsafe ? { type: 'UNSAFE', reason: unsafe } : { type: 'SAFE' }, ctx);
				break;
			}
			case 'drainServer':
				sendServer(world, current, { type: 'DRAIN', reason: 'drained for the update' }, ctx);
				break;
			case 'updateServer':
				sendServer(world, current, { type: 'UPDATE' }, ctx);
				break;
			case 'resumeServer':
				sendServer(world, current, { type: 'RESUME' }, ctx);
				break;
			case 'awaitStorage':
				ctx.schedule(UPDATE_POLL_MS, UPDATE_POLL);
				break;
			case 'announcePause':
				ctx.log('update.paused', { reason: reason ?? '' });
				ctx.schedule(UPDATE_POLL_MS, UPDATE_POLL);
				break;
			case 'announceDone':
				ctx.log('update.completed', {
					servers: step.record.context.updated.map((n) => world.nodeNames[n]).join(', ')
				});
				break;
		}
	}
	return true;
}

/** Starts patch and update over every server in order; false if one is already running. */
export function startUpdate(world: ClusterWorld, ctx: SimContext): boolean {
	const order = world.nodeNames.map((_, i) => i);
	return sendUpdate(world, { type: 'START', order }, ctx);
}

/** Tells the orchestrator what the server it is updating just did. */
export function notifyUpdate(
	world: ClusterWorld,
	node: number,
	before: string,
	after: string,
	ctx: SimContext
): void {
	const { update } = world.cluster;
	if (!stateName(update).startsWith('running')) return;
	if (update.context.order[update.context.index] !== node) return;
	if (after === 'paused' && before === 'draining') sendUpdate(world, { type: 'NODE_PAUSED' }, ctx);
	if (after === 'paused' && before === 'rebooting') sendUpdate(world, { type: 'NODE_BOOTED' }, ctx);
	if (after === 'up' && before === 'paused') sendUpdate(world, { type: 'NODE_RESUMED' }, ctx);
}

/** The once-a-second look at the storage while the orchestrator waits or is paused. */
export function pollUpdate(world: ClusterWorld, ctx: SimContext): void {
	const state = stateName(world.cluster.update);
	if (state === 'running.resyncing') {
		const problem = safetyProblem(world, false);
		if (problem) sendUpdate(world, { type: 'PROBLEM', reason: problem }, ctx);
		else if (safetyProblem(world, true) === null)
			sendUpdate(world, { type: 'STORAGE_HEALTHY' }, ctx);
		else ctx.schedule(UPDATE_POLL_MS, UPDATE_POLL);
	} else if (state === 'paused') {
		if (safetyProblem(world, true) === null) sendUpdate(world, { type: 'CLEARED' }, ctx);
		else ctx.schedule(UPDATE_POLL_MS, UPDATE_POLL);
	}
}

/**
 * What stops the update, in words, or null. Always: the cluster without quorum, a server not up,
 * a failed or pulled drive, an offline volume. When `strict` (before a server is drained, FACTS
 * §7 "Drain refuses if a volume is unhealthy"): also any volume not Healthy or a resync or repair
 * still running.
 */
export function safetyProblem(world: ClusterWorld, strict: boolean): string | null {
	const { cluster, storage } = world;
	if (!cluster.quorum.up) return 'the cluster has lost quorum';
	const allowed = strict ? ['up'] : ['up', 'draining', 'paused', 'updating', 'rebooting'];
	const down = cluster.servers.findIndex((r) => !allowed.includes(stateName(r)));
	if (down >= 0) {
		const r = cluster.servers[down];
		return `${world.nodeNames[down]} is ${stateName(r)} (${r.context.reason})`;
	}
	if (!storage) return null;
	const drive = storage.driveState.findIndex((s) => s === DRIVE_FAILED || s === DRIVE_PULLED);
	if (drive >= 0) {
		return `${storage.driveNames[drive]} is out of service: replace or restore it and let the volumes heal`;
	}
	const offline = storage.volumes.find((v) => v.health === 'Unknown' || v.health === 'Unhealthy');
	if (offline) return `${offline.name} is offline (${offline.operational})`;
	if (!strict) return null;
	const busy = storage.volumes.find(
		(v) => v.health !== 'Healthy' || v.resync.state === 'running' || v.repair.state === 'running'
	);
	return busy
		? `${busy.name} is ${busy.health} / ${busy.operational}: wait for its resync or repair`
		: null;
}

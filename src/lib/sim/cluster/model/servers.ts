/**
 * A server's lifecycle in the running model: events go to its machine (machines/server.machine.ts)
 * and the model carries out what the new state means: whether it serves storage and sends
 * heartbeats, its cluster vote (quorum.ts), the timers of a drain, an update and a reboot, the
 * cluster declaring a silent server down, and telling the update orchestrator.
 */
import type { SimContext } from '../../kernel/types';
import { restartHeartbeats, stopHeartbeats } from '../heartbeat';
import { sendMachine, stateName } from '../machines/runner';
import {
	QUARANTINE_DURATION_MS,
	QUARANTINE_THRESHOLD,
	QUARANTINE_WINDOW_MS,
	RUNS,
	SERVES_STORAGE,
	serverMachine,
	type ServerEvent
} from '../machines/server.machine';
import { clusterMachine } from '../machines/cluster.machine';
import { explain, join, leave, type QuorumStep } from '../quorum';
import { checkClusterInvariants } from './invariants';
import { ncChanged } from './nc';
import { vmsUnmonitored } from './vm-isolation';
import { rebalanceOnto } from './vm-rebalance';
import { migrateOff, migrationsDone, restartElsewhere, vmsStartHere, vmsStop } from './vms';
import { notifyUpdate } from './update';
import {
	CLUSTER_DECLARE_DOWN,
	CLUSTER_TIMER,
	INSTALL_MS,
	MIN_DRAIN_MS,
	REBOOT_MS,
	type ClusterWorld
} from './world';

/** Sends `event` to server `node`'s machine; false (nothing changes) if its state ignores it. */
export function sendServer(
	world: ClusterWorld,
	node: number,
	event: ServerEvent,
	ctx: SimContext
): boolean {
	const { cluster } = world;
	const before = stateName(cluster.servers[node]);
	const step = sendMachine(serverMachine, cluster.servers[node], event);
	if (!step.handled) return false;
	cluster.servers[node] = step.record;
	const seq = ++cluster.seq[node];
	const after = stateName(step.record);
	const name = world.nodeNames[node];
	ctx.log('server.state', {
		node: name,
		from: before,
		to: after,
		reason: step.record.context.reason
	});
	checkClusterInvariants(world, node, before, after, ctx);

	const runs = RUNS.includes(after);
	if (runs) cluster.silentSinceMs[node] = null;
	if (runs !== world.serverRuns[node]) {
		world.serverRuns[node] = runs;
		if (runs) restartHeartbeats(world.heartbeat, node, ctx);
		else stopHeartbeats(world.heartbeat, node);
	}
	const serves = SERVES_STORAGE.includes(after);
	const storageMoved = serves !== world.nodeUp[node];
	world.nodeUp[node] = serves;

	const timer = (ms: number, next: ServerEvent['type']) =>
		ctx.schedule(ms, CLUSTER_TIMER, { node, seq, event: next });
	for (const action of step.actions) {
		if (action.type === 'startDrain') {
			timer(Math.max(MIN_DRAIN_MS, migrateOff(world, node, ctx)), 'DRAINED');
		} else if (action.type === 'enterMaintenance') migrationsDone(world, node);
		else if (action.type === 'installUpdate') timer(INSTALL_MS, 'INSTALLED');
		else if (action.type === 'reboot') timer(REBOOT_MS, 'BOOTED');
		else if (action.type === 'quarantine') {
			// CHOICE: the count starts afresh, so a server let back in is not caught at once.
			cluster.departuresMs[node] = [];
			ctx.log('server.quarantined', { node: name, ms: QUARANTINE_DURATION_MS });
			timer(QUARANTINE_DURATION_MS, 'RELEASE');
			// VMs that ran on unmonitored through its isolation fail over now.
			vmsStop(world, node, 'its server was quarantined', ctx);
			restartElsewhere(world, node, ctx);
		} else if (action.type === 'crash' || action.type === 'isolate') {
			// An isolated server that now fails was already declared down: no second detection.
			const declared = !cluster.quorum.nodeRunning[node];
			if (action.type === 'crash') vmsStop(world, node, 'its server failed', ctx);
			else vmsUnmonitored(world, node, ctx);
			if (declared) restartElsewhere(world, node, ctx);
			else {
				// Silent since now, or since it was cut off if it fails while isolated.
				const since = cluster.silentSinceMs[node] ?? ctx.nowMs;
				cluster.silentSinceMs[node] = since;
				const delay = Math.max(0, since + cluster.detectMs - ctx.nowMs);
				ctx.schedule(delay, CLUSTER_DECLARE_DOWN, { node, seq });
			}
		} else if (action.type === 'shutDown') {
			vmsStop(world, node, 'its server was shut down', ctx);
			restartElsewhere(world, node, ctx);
		}
	}
	// Cluster membership: a running server is a member; a graceful stop gives up the vote at
	// once; a crash or isolation costs it only when the cluster declares the server down.
	const member = cluster.quorum.nodeRunning[node];
	if (runs && !member) vote(world, join(cluster.quorum, node), ctx);
	const leaves = after === 'off' || after === 'rebooting' || after === 'quarantined';
	if (!runs && member && leaves) {
		vote(world, leave(cluster.quorum, [node], 'graceful'), ctx);
	}
	if (storageMoved) {
		if (serves) {
			vmsStartHere(world, node, ctx);
			rebalanceOnto(world, node, ctx);
		}
		world.storageChanged();
	}
	// CHOICE: a server restored, reconnected or started joins at once (boot time not modelled).
	if (after === 'joining') sendServer(world, node, { type: 'JOINED' }, ctx);
	ncChanged(cluster.nc, cluster.vms, world.nodeNames, ctx);
	notifyUpdate(world, node, before, after, ctx);
	return true;
}

/**
 * Whether server `node` has left the cluster ungracefully QuarantineThreshold times within the
 * window (FACTS §7), so that bringing it back quarantines it instead.
 */
export function flapping(world: ClusterWorld, node: number, nowMs: number): boolean {
	const recent = world.cluster.departuresMs[node].filter((t) => t > nowMs - QUARANTINE_WINDOW_MS);
	return recent.length >= QUARANTINE_THRESHOLD;
}

/** A scheduled server timer: delivered only if the server has not changed state since. */
export function serverTimer(world: ClusterWorld, data: Record<string, unknown>, ctx: SimContext) {
	const node = data.node as number;
	if (world.cluster.seq[node] !== data.seq) return;
	sendServer(world, node, { type: data.event } as ServerEvent, ctx);
}

/**
 * The cluster declares silent servers down: they lose their votes (a crash, FACTS §2.1). Servers
 * that went silent together are judged together, as failures "at once".
 */
export function declareDown(world: ClusterWorld, data: Record<string, unknown>, ctx: SimContext) {
	const node = data.node as number;
	const { cluster } = world;
	if (cluster.seq[node] !== data.seq || !cluster.quorum.nodeRunning[node]) return;
	const due = cluster.silentSinceMs.flatMap((since, i) =>
		since !== null && cluster.quorum.nodeRunning[i] && since + cluster.detectMs <= ctx.nowMs
			? [i]
			: []
	);
	for (const i of due) {
		cluster.departuresMs[i].push(ctx.nowMs);
		ctx.log('cluster.node-down', {
			node: world.nodeNames[i],
			afterMs: cluster.detectMs,
			reason: cluster.servers[i].context.reason
		});
	}
	vote(world, leave(cluster.quorum, due, 'crash'), ctx);
	for (const i of due) restartElsewhere(world, i, ctx);
	ncChanged(cluster.nc, cluster.vms, world.nodeNames, ctx);
}

/**
 * Applies a quorum step: logs the vote arithmetic and tells the cluster machine, which says
 * whether the cluster went down or came back up.
 */
export function vote(world: ClusterWorld, step: QuorumStep, ctx: SimContext): void {
	const { cluster } = world;
	cluster.quorum = step.state;
	const reason = explain(step.state);
	ctx.log('cluster.votes', { explanation: reason });
	checkClusterInvariants(world, -1, '', '', ctx);
	const allMembers = step.state.nodeRunning.every(Boolean);
	const next = sendMachine(clusterMachine, cluster.machine, {
		type: 'VOTES',
		up: step.up,
		allMembers,
		reason
	});
	cluster.machine = next.record;
	for (const action of next.actions) {
		if (action.type !== 'loseQuorum' && action.type !== 'regainQuorum') continue;
		const up = action.type === 'regainQuorum';
		ctx.log(up ? 'cluster.quorum-regained' : 'cluster.quorum-lost', { explanation: reason });
		if (world.storage) world.storage.clusterUp = up;
		world.storageChanged();
	}
}

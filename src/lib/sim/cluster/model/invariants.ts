/**
 * Cluster invariants checked as the simulation runs (issue: rolling patch and update):
 * - one-server-in-maintenance: while the update runs, at most one server is drained for it
 *   (paused, updating or rebooting);
 * - drained-before-reboot: a server starts installing (and so rebooting for) an update only
 *   from the paused state, after its drain;
 * - cluster-up-with-majority: the cluster reports up only with more than half of the votes
 *   (checked against the votes themselves, not the quorum module's own verdict).
 */
import type { SimContext } from '../../kernel/types';
import { recordCheck, type InvariantRecord } from '../../invariants/record';
import { stateName } from '../machines/runner';
import type { ClusterWorld } from './world';

export const CLUSTER_INVARIANTS = {
	oneInMaintenance: {
		name: 'one-server-in-maintenance',
		description: 'While an update runs, at most one server is drained for it at a time.'
	},
	drainedBeforeReboot: {
		name: 'drained-before-reboot',
		description: 'A server installs an update (and reboots) only after it was drained and paused.'
	},
	upWithMajority: {
		name: 'cluster-up-with-majority',
		description: 'The cluster reports up only with more than half of the votes present.'
	}
} as const;

export type ClusterInvariant = keyof typeof CLUSTER_INVARIANTS;

const MAINTENANCE = ['paused', 'updating', 'rebooting'];

const record = (
	rec: InvariantRecord,
	which: ClusterInvariant,
	violation: string | undefined,
	ctx: SimContext
) => recordCheck(rec, CLUSTER_INVARIANTS[which].name, violation, ctx);

/** Checks the three invariants after server `node` went from `before` to `after` (or −1). */
export function checkClusterInvariants(
	world: ClusterWorld,
	node: number,
	before: string,
	after: string,
	ctx: SimContext
): void {
	const { cluster } = world;
	const { invariants } = cluster;
	if (stateName(cluster.update).startsWith('running')) {
		const held = cluster.servers
			.map((r, i) => (MAINTENANCE.includes(stateName(r)) ? world.nodeNames[i] : null))
			.filter((n): n is string => n !== null);
		const many = held.length > 1 ? `${held.join(' and ')} are drained at once` : undefined;
		record(invariants.oneInMaintenance, 'oneInMaintenance', many, ctx);
	}
	if (node >= 0 && after === 'updating') {
		const wrong =
			before === 'paused' ? undefined : `${world.nodeNames[node]} began updating from ${before}`;
		record(invariants.drainedBeforeReboot, 'drainedBeforeReboot', wrong, ctx);
	}
	const q = cluster.quorum;
	const votes = q.nodeVote.reduce((n, v, i) => n + (q.nodeRunning[i] ? v : 0), 0);
	const total = q.nodeVote.reduce((n, v) => n + v, 0) + q.witnessVote;
	const present = votes + (q.witnessRunning ? q.witnessVote : 0);
	const bad =
		q.up && present * 2 <= total
			? `the cluster reports up with ${present} of ${total} votes`
			: undefined;
	record(invariants.upWithMajority, 'upWithMajority', bad, ctx);
}

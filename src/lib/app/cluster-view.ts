/**
 * Pure helpers for the Cluster panel: server lifecycle states and votes in words, which server
 * controls apply to a state, each server's step in patch and update, the statecharts' trees and
 * active states, and what a screen reader user should hear when the cluster view changes. No
 * DOM, so they are unit-tested without rendering.
 */
import type { HealthName } from '$lib/sim/health';
import { CLUSTER_INVARIANTS } from '$lib/sim/cluster/model/invariants';
import type { ClusterView, InvariantResult } from '$lib/worker/protocol';

export type { ClusterView, InvariantResult };

export type ClusterServer = ClusterView['servers'][number];
export type ClusterQuorum = ClusterView['quorum'];
export type ClusterUpdate = ClusterView['update'];

/** What the servers table can do to a server; each is the input `node.<action>`. */
export type ServerAction = 'drain' | 'resume' | 'shutdown' | 'isolate' | 'restore' | 'fail';

/** The controls in the order the table shows them, with their button words. */
export const SERVER_ACTIONS: readonly { action: ServerAction; label: string }[] = [
	{ action: 'drain', label: 'Drain' },
	{ action: 'resume', label: 'Resume' },
	{ action: 'shutdown', label: 'Shut down' },
	{ action: 'isolate', label: 'Isolate' },
	{ action: 'restore', label: 'Restore' },
	{ action: 'fail', label: 'Fail' }
];

/**
 * The inputs each lifecycle state accepts (the server machine's transitions, server.machine.ts):
 * an up server can be drained, shut down, cut off or failed; a paused one resumed or shut down;
 * a failed, isolated, quarantined or shut-down one restored; any running one can fail. A drain the model
 * refuses (a volume unhealthy) is still offered: the event log says why it was refused.
 */
const ACTIONS_BY_STATE: Readonly<Record<string, readonly ServerAction[]>> = {
	up: ['drain', 'shutdown', 'isolate', 'fail'],
	draining: ['fail'],
	paused: ['resume', 'shutdown', 'fail'],
	updating: ['fail'],
	rebooting: ['fail'],
	joining: ['fail'],
	failed: ['restore'],
	isolated: ['restore', 'fail'],
	quarantined: ['restore', 'fail'],
	off: ['restore']
};

/** The controls that apply to a server in `state`, in SERVER_ACTIONS order (none if unknown). */
export function serverActions(state: string): ServerAction[] {
	const allowed = ACTIONS_BY_STATE[state] ?? [];
	return SERVER_ACTIONS.map((a) => a.action).filter((a) => allowed.includes(a));
}

/** Each lifecycle state in words (FACTS §6.1 node states). */
export const SERVER_STATE_WORDS: Readonly<Record<string, string>> = {
	up: 'Up',
	draining: 'Draining',
	paused: 'Paused (maintenance)',
	updating: 'Installing the update',
	rebooting: 'Rebooting',
	joining: 'Joining',
	failed: 'Failed',
	isolated: 'Isolated',
	quarantined: 'Quarantined',
	off: 'Shut down'
};

/** A lifecycle state in words; an unknown state is shown as it is. */
export function serverStateWords(state: string): string {
	return SERVER_STATE_WORDS[state] ?? state;
}

/** The health marker of a lifecycle state: deliberate maintenance is not a failure. */
export function serverHealth(state: string): HealthName {
	if (state === 'up') return 'healthy';
	if (state === 'failed') return 'failed';
	if (state === 'isolated') return 'unreachable';
	if (state === 'quarantined') return 'warning';
	return 'maintenance';
}

/**
 * A server's vote in words: "1", "0", or "0 (zeroed)" for a running member whose vote dynamic
 * quorum took away to keep the total odd (FACTS §2.1).
 */
export function voteWords(server: Pick<ClusterServer, 'vote' | 'member'>): string {
	if (server.vote === 1) return '1';
	return server.member ? '0 (zeroed)' : '0';
}

const WITNESS_NAMES: Readonly<Record<ClusterQuorum['witness'], string>> = {
	none: 'No witness',
	cloud: 'Cloud witness',
	'file-share': 'File share witness'
};

/** The witness, whether it is reachable and its vote, in words. */
export function witnessWords(quorum: ClusterQuorum): string {
	if (quorum.witness === 'none') return 'No witness: only the servers vote.';
	const reach = quorum.witnessRunning ? 'reachable' : 'unreachable';
	const vote =
		quorum.witnessVote === 1
			? 'it votes'
			: 'it does not vote now (it votes only while the server votes are even)';
	return `${WITNESS_NAMES[quorum.witness]}: ${reach}, ${vote}.`;
}

/** The update is under way (running or paused): another start is refused. */
export function updateInProgress(update: Pick<ClusterUpdate, 'state'>): boolean {
	return update.state.startsWith('running') || update.state === 'paused';
}

/** The orchestrator's state in words, naming the server it works on. */
export function updateStateWords(update: ClusterUpdate): string {
	const on = update.current ? ` ${update.current}` : ' the next server';
	switch (update.state) {
		case 'idle':
			return 'Not started';
		case 'running.checking':
			return `Running: checking that it is safe to update${on}`;
		case 'running.draining':
			return `Running: draining${on} (its VMs move to other servers)`;
		case 'running.updating':
			return `Running: updating${on} (install, then reboot)`;
		case 'running.resuming':
			return `Running: resuming${on}`;
		case 'running.resyncing':
			return `Running: waiting for the storage to resync after${on}`;
		case 'paused':
			return `Paused before${on}`;
		case 'done':
			return `Done: ${update.updated.length} ${update.updated.length === 1 ? 'server' : 'servers'} updated`;
		default:
			return update.state;
	}
}

/** Where one server is in patch and update. */
export type UpdateStepKind =
	| 'idle'
	| 'waiting'
	| 'checking'
	| 'draining'
	| 'updating'
	| 'rebooting'
	| 'resuming'
	| 'resyncing'
	| 'paused'
	| 'done';

export interface UpdateStep {
	/** The server's name and its index in `ClusterView.servers` (−1 if not listed). */
	server: string;
	index: number;
	kind: UpdateStepKind;
	/** The step in words (a paused step carries the reason). */
	text: string;
}

/** The server being updated: where it is, from the orchestrator's state and its own. */
function currentStep(update: ClusterUpdate, serverState: string | undefined): UpdateStep['kind'] {
	switch (update.state) {
		case 'running.checking':
			return 'checking';
		case 'running.draining':
			return 'draining';
		case 'running.updating':
			return serverState === 'rebooting' ? 'rebooting' : 'updating';
		case 'running.resuming':
			return 'resuming';
		case 'running.resyncing':
			return 'resyncing';
		case 'paused':
			return 'paused';
		default:
			return 'waiting';
	}
}

const STEP_WORDS: Readonly<Record<Exclude<UpdateStepKind, 'paused'>, string>> = {
	idle: 'Not started',
	waiting: 'Waiting for its turn',
	checking: 'Checking that it is safe to go on',
	draining: 'Draining: its VMs move to other servers',
	updating: 'Installing the update',
	rebooting: 'Rebooting after the update',
	resuming: 'Resuming: back in service',
	resyncing: 'Waiting for the storage resync',
	done: 'Done'
};

/**
 * One row per server in update order (the servers' own order before the first start): finished
 * servers are done, the current one shows the orchestrator's step (a pause with its reason), the
 * rest wait.
 */
export function updateSteps(view: Pick<ClusterView, 'servers' | 'update'>): UpdateStep[] {
	const { servers, update } = view;
	const order = update.order.length > 0 ? update.order : servers.map((s) => s.name);
	return order.map((server) => {
		const index = servers.findIndex((s) => s.name === server);
		let kind: UpdateStepKind;
		if (update.updated.includes(server)) kind = 'done';
		else if (update.state === 'idle') kind = 'idle';
		else if (server === update.current) kind = currentStep(update, servers[index]?.state);
		else kind = 'waiting';
		const text =
			kind === 'paused'
				? `Paused: ${update.reason ?? 'waiting for the problem to clear'}`
				: STEP_WORDS[kind];
		return { server, index, kind, text };
	});
}

/** Servers updated so far and in all, for the progress bar. */
export function updateProgress(view: Pick<ClusterView, 'servers' | 'update'>): {
	done: number;
	total: number;
} {
	const total = view.update.order.length || view.servers.length;
	return { done: Math.min(view.update.updated.length, total), total };
}

/** One state of a statechart, with its children (dotted paths, parents first). */
export interface ChartNode {
	/** The dotted path ("running.draining") and its last part ("draining"). */
	path: string;
	name: string;
	children: ChartNode[];
}

/** The states of a machine as a tree, from dotted paths listed parents first. */
export function chartTree(states: readonly string[]): ChartNode[] {
	const roots: ChartNode[] = [];
	const byPath = new Map<string, ChartNode>();
	for (const path of states) {
		const cut = path.lastIndexOf('.');
		const node: ChartNode = { path, name: path.slice(cut + 1), children: [] };
		byPath.set(path, node);
		const parent = cut < 0 ? undefined : byPath.get(path.slice(0, cut));
		(parent ? parent.children : roots).push(node);
	}
	return roots;
}

/**
 * How state `path` relates to the machine's active state (`active` as the view gives it: a dotted
 * path, several joined by commas for parallel regions): 'active' for the active leaf itself,
 * 'within' for a parent that contains it, null otherwise.
 */
export function chartActivity(path: string, active: string): 'active' | 'within' | null {
	const leaves = active.split(',').filter(Boolean);
	if (leaves.includes(path)) return 'active';
	if (leaves.some((leaf) => leaf.startsWith(`${path}.`))) return 'within';
	return null;
}

/** The server the statecharts show unless the learner picks one: the one being updated, or the first. */
export function defaultChartServer(view: Pick<ClusterView, 'servers' | 'update'>): string | null {
	const current = view.update.current;
	if (current && view.servers.some((s) => s.name === current)) return current;
	return view.servers[0]?.name ?? null;
}

/**
 * What changed between two views that a screen reader user should hear: the cluster losing or
 * regaining quorum (with the vote arithmetic), patch and update pausing (with the reason) or
 * completing, an availability set's running VMs going down or back up, and the Network
 * Controller refusing or accepting writes again. Server states are left out: the frame's health
 * changes announce those.
 */
export function clusterChanges(before: ClusterView | null, after: ClusterView | null): string[] {
	if (!before || !after) return [];
	const out: string[] = [];
	if (before.quorum.up !== after.quorum.up) {
		out.push(
			after.quorum.up
				? `Cluster quorum regained: ${after.quorum.explanation}`
				: `Cluster quorum lost: ${after.quorum.explanation}`
		);
	}
	const was = before.update.state;
	const now = after.update.state;
	if (now === 'paused' && (was !== 'paused' || before.update.reason !== after.update.reason)) {
		out.push(`Patch and update paused: ${after.update.reason ?? 'a safety check failed'}`);
	}
	if (now === 'done' && was !== 'done') {
		const servers = after.update.updated;
		out.push(
			`Patch and update complete: ${servers.length} ${servers.length === 1 ? 'server' : 'servers'} updated (${servers.join(', ')})`
		);
	}
	for (const set of after.availabilitySets) {
		const old = before.availabilitySets.find((s) => s.name === set.name);
		if (old && old.running !== set.running) {
			out.push(`Availability set ${set.name}: ${set.running} of ${set.total} VMs running`);
		}
	}
	const refused = after.networkController.writesRefused;
	if (refused !== before.networkController.writesRefused) {
		out.push(
			refused
				? `Network Controller changes refused: ${refused}`
				: 'Network Controller accepts changes again'
		);
	}
	return out;
}

/** Names of the invariants the cluster model checks (shown in the Cluster panel). */
export const CLUSTER_INVARIANT_NAMES: readonly string[] = Object.values(CLUSTER_INVARIANTS).map(
	(i) => i.name
);

/** The cluster invariants among all of a run's. */
export const clusterInvariants = (all: readonly InvariantResult[]): InvariantResult[] =>
	all.filter((i) => CLUSTER_INVARIANT_NAMES.includes(i.name));

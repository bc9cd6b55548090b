/**
 * Failover Cluster quorum for Storage Spaces Direct / Azure Stack Hub (FACTS §2.1, CONFIRMED,
 * `ASD: hci/concepts/quorum.md`, `WSD: ss/understand-quorum.md`).
 *
 * Every server has a vote and the cluster runs only while the votes present are MORE than half of
 * the current vote total. Two dynamic mechanisms keep that total small and odd:
 * - dynamic quorum: once the survivors of a failure confirm a majority, the total is recomputed
 *   over the survivors (the failed servers' votes are removed);
 * - dynamic witness: the witness votes only while the node votes are even; without a witness one
 *   node's vote is zeroed instead.
 *
 * This module is the vote arithmetic only, as pure functions over plain data: every transition
 * returns a new `ClusterQuorum` (structured-cloneable, no classes) and a list of what changed in
 * words. Failure detection (heartbeats, FACTS §7) lives in `heartbeat.ts`; pool quorum and copies
 * are judged separately (FACTS §9.8, `storage/pool-quorum.ts`) and the worst result wins.
 */
import type { Simplification } from '../simplifications';

/** Witness types of FACTS §2.1 "Witness types"; `'none'` for a cluster without one. */
export type WitnessKind = 'none' | 'cloud' | 'file-share' | 'disk';

/** The witness types a Storage Spaces Direct cluster accepts (no disk witness). */
export type S2dWitnessKind = Exclude<WitnessKind, 'disk'>;

/**
 * How servers leave the cluster. `'crash'`: unannounced (power, hardware, network); the cluster
 * judges the survivors against the votes it had. `'graceful'`: an orderly shutdown; the cluster
 * removes the server's vote before it goes, so its vote "passes over" (FACTS §2.1, 2 nodes).
 */
export type DepartureKind = 'crash' | 'graceful';

/**
 * Largest cluster this module accepts, in servers: an Azure Stack Hub scale unit has 4–16
 * (FACTS §6.1). Smaller clusters (1–3) are accepted for the generic S2D rows of FACTS §2.1.
 */
export const MAX_CLUSTER_NODES = 16;

/**
 * The quorum state of one cluster. Plain data: index i is server i (shown as Node01 for i = 0),
 * votes are 0 or 1. Never mutated by this module; each transition returns a new object.
 */
export interface ClusterQuorum {
	/** The configured witness (`'none'` if there is none). */
	readonly witness: S2dWitnessKind;
	/** Per server: running and a member of the cluster. */
	readonly nodeRunning: readonly boolean[];
	/**
	 * Per server: its vote, 0 or 1. While the cluster is up these are the current dynamic votes
	 * (only running servers vote). While it is down they are frozen at the votes the cluster had
	 * when it went down, which is what a recovery is judged against.
	 */
	readonly nodeVote: readonly number[];
	/** Whether the witness is reachable (always false without a witness). */
	readonly witnessRunning: boolean;
	/** The witness's vote, 0 or 1 (frozen like `nodeVote` while the cluster is down). */
	readonly witnessVote: number;
	/** Whether the cluster has quorum (is up). */
	readonly up: boolean;
}

/** The result of one transition. */
export interface QuorumStep {
	readonly state: ClusterQuorum;
	/** Same as `state.up`. */
	readonly up: boolean;
	/** What happened, in order, in words for the event log and the UI. Empty if nothing did. */
	readonly changed: readonly string[];
}

/** One input to the quorum model (dot-namespaced, as the scenario's input log names events). */
export type QuorumEvent =
	| {
			readonly type: 'node.leave';
			readonly nodes: readonly number[];
			readonly kind: DepartureKind;
			/** The witness is lost at the same instant (see `LeaveOptions`). */
			readonly witness?: boolean;
	  }
	| { readonly type: 'node.join'; readonly node: number }
	| { readonly type: 'witness.down' }
	| { readonly type: 'witness.up' };

/** Outcome of `validateWitness`. `advice` repeats FACTS §2.1's recommendation, if any. */
export type WitnessCheck =
	| { readonly ok: true; readonly advice?: string }
	| { readonly ok: false; readonly reason: string; readonly facts: string };

/** Display name of server `index` (0-based): Node01, Node02, … Node16. */
export function nodeName(index: number): string {
	return `Node${String(index + 1).padStart(2, '0')}`;
}

/** Display name of a witness, e.g. "the cloud witness". */
export function witnessName(witness: S2dWitnessKind): string {
	return witness === 'file-share' ? 'the file share witness' : `the ${witness} witness`;
}

/**
 * Whether `witness` may be used with Storage Spaces Direct. A disk witness holds a copy of the
 * cluster database and is not supported with S2D (FACTS §2.1 "Witness types"), so it is refused.
 * With `nodes` given, the answer also carries FACTS §2.1's advice: a witness is required for 2
 * servers, strongly recommended for 3–4 and unnecessary from 5.
 */
export function validateWitness(witness: WitnessKind, nodes?: number): WitnessCheck {
	if (witness === 'disk') {
		return {
			ok: false,
			reason:
				'A disk witness holds a copy of the cluster database and is not supported with Storage Spaces Direct; use a cloud witness or a file share witness.',
			facts: 'FACTS.md §2.1 "Witness types"'
		};
	}
	if (nodes === undefined) return { ok: true };
	if (witness === 'none' && nodes === 2) {
		return {
			ok: true,
			advice:
				'A witness is required for 2 servers: without one, losing the server that holds the only vote stops the cluster.'
		};
	}
	if (witness === 'none' && (nodes === 3 || nodes === 4)) {
		return { ok: true, advice: 'A witness is strongly recommended for 3 or 4 servers.' };
	}
	if (witness !== 'none' && nodes >= 5) {
		return { ok: true, advice: 'A witness is unnecessary from 5 servers on.' };
	}
	return { ok: true };
}

/**
 * A cluster of `nodes` servers (1…16), all running, with the given witness running. Throws a
 * RangeError for a disk witness (see `validateWitness`) or a node count out of range.
 */
export function createQuorum(nodes: number, witness: WitnessKind = 'none'): ClusterQuorum {
	if (!Number.isInteger(nodes) || nodes < 1 || nodes > MAX_CLUSTER_NODES) {
		throw new RangeError(`A cluster has 1 to ${MAX_CLUSTER_NODES} servers, not ${nodes}.`);
	}
	const check = validateWitness(witness);
	if (!check.ok) throw new RangeError(check.reason);
	const kind = witness as S2dWitnessKind;
	const nodeRunning = new Array<boolean>(nodes).fill(true);
	const votes = assignVotes(nodeRunning, kind !== 'none');
	return {
		witness: kind,
		nodeRunning,
		nodeVote: votes.nodeVote,
		witnessRunning: kind !== 'none',
		witnessVote: votes.witnessVote,
		up: true
	};
}

/** Number of servers in the cluster, running or not. */
export function nodeCount(state: ClusterQuorum): number {
	return state.nodeRunning.length;
}

/** The vote total the cluster is judged against (frozen while it is down). */
export function voteTotal(state: ClusterQuorum): number {
	let total = state.witnessVote;
	for (const vote of state.nodeVote) total += vote;
	return total;
}

/** Votes of the running servers and the reachable witness. */
export function presentVotes(state: ClusterQuorum): number {
	return countPresent(state, state.nodeRunning, state.witnessRunning);
}

/** Votes needed for quorum: the smallest whole number more than half of `voteTotal`. */
export function votesNeeded(state: ClusterQuorum): number {
	return Math.floor(voteTotal(state) / 2) + 1;
}

/** Whether the cluster has quorum. */
export function isUp(state: ClusterQuorum): boolean {
	return state.up;
}

/** Options of `leave`. */
export interface LeaveOptions {
	/**
	 * The witness is lost at the same instant (e.g. a power failure that also takes the file share
	 * witness). Judged together with the servers, against the votes before any of them.
	 */
	readonly witness?: boolean;
}

/**
 * Servers `nodes` leave the cluster at once (`kind` for all of them). Servers already down are
 * ignored. A crash is judged against the votes before any of these departures; if the survivors
 * keep a majority, dynamic quorum recomputes the votes over them. A graceful departure from an up
 * cluster removes the leavers' votes first (recomputed over the servers that stay), so the cluster
 * stays up as long as one server remains, unless the witness is lost at the same time.
 */
export function leave(
	state: ClusterQuorum,
	nodes: readonly number[],
	kind: DepartureKind = 'crash',
	options: LeaveOptions = {}
): QuorumStep {
	for (const node of nodes) checkNode(state, node);
	const leaving = [...new Set(nodes)].filter((n) => state.nodeRunning[n]).sort((a, b) => a - b);
	const witnessLost = options.witness === true && state.witnessRunning;
	if (leaving.length === 0 && !witnessLost) return { state, up: state.up, changed: [] };
	const running = state.nodeRunning.map((r, i) => r && !leaving.includes(i));
	const witnessRunning = state.witnessRunning && !witnessLost;
	const parts: string[] = [];
	if (leaving.length > 0) {
		const names = listNames(leaving.map(nodeName));
		const verb =
			kind === 'crash'
				? 'crashed'
				: state.up
					? `shut${leaving.length > 1 ? '' : 's'} down gracefully`
					: 'shut down';
		parts.push(`${names} ${verb}`);
	}
	if (witnessLost) parts.push(`${witnessName(state.witness)} was lost`);
	const atOnce = leaving.length + (witnessLost ? 1 : 0) > 1 ? ' at once' : '';
	const changed = [`${capitalise(listNames(parts))}${atOnce}.`];
	// CHOICE (FACTS §2.1 documents the graceful hand-over for 2 servers only): generalised to any
	// size, several graceful departures at once act like one after another. A down cluster cannot
	// hand votes over, so there a graceful shutdown counts like a crash. A witness lost at the same
	// instant is lost after the hand-over.
	if (kind === 'graceful' && state.up && leaving.length > 0) {
		if (!running.some(Boolean)) {
			changed.push('No server is left running: the cluster is down.');
			const down = { ...state, nodeRunning: running, witnessRunning, up: false };
			return { state: down, up: false, changed };
		}
		const handed = withVotes(state, running, state.witnessRunning);
		const votes = leaving.length > 1 ? 'their votes before they go' : 'its vote before it goes';
		changed.push(`The cluster removes ${votes}: ${describeVotes(handed)}`);
		return judge(handed, running, witnessRunning, changed);
	}
	return judge(state, running, witnessRunning, changed);
}

/**
 * Server `node` comes back. In an up cluster it gets its vote back and the vote rules are applied
 * again. A down cluster comes back once the votes it had when it went down are a majority again.
 */
export function join(state: ClusterQuorum, node: number): QuorumStep {
	checkNode(state, node);
	if (state.nodeRunning[node]) return { state, up: state.up, changed: [] };
	const running = state.nodeRunning.map((r, i) => r || i === node);
	return judge(state, running, state.witnessRunning, [`${nodeName(node)} is back.`]);
}

/**
 * The witness fails or becomes unreachable. CHOICE (FACTS §2.1 does not describe it): treated
 * like a voter crashing, judged against the votes before, then the even/odd rule re-applied.
 */
export function witnessDown(state: ClusterQuorum): QuorumStep {
	if (state.witness === 'none' || !state.witnessRunning) {
		return { state, up: state.up, changed: [] };
	}
	const had = state.witnessVote === 1 ? 'it had a vote' : 'it had no vote';
	const what = `${capitalise(witnessName(state.witness))} is down (${had}).`;
	return judge(state, state.nodeRunning, false, [what]);
}

/** The witness is back. CHOICE: treated like a voter returning (see `witnessDown`). */
export function witnessUp(state: ClusterQuorum): QuorumStep {
	if (state.witness === 'none' || state.witnessRunning) return { state, up: state.up, changed: [] };
	const what = `${capitalise(witnessName(state.witness))} is back.`;
	return judge(state, state.nodeRunning, true, [what]);
}

/** Applies one `QuorumEvent`. */
export function applyQuorumEvent(state: ClusterQuorum, event: QuorumEvent): QuorumStep {
	switch (event.type) {
		case 'node.leave':
			return leave(state, event.nodes, event.kind, { witness: event.witness });
		case 'node.join':
			return join(state, event.node);
		case 'witness.down':
			return witnessDown(state);
		case 'witness.up':
			return witnessUp(state);
	}
}

/**
 * The vote arithmetic of `state` in one sentence for the UI, e.g. "3 of 3 votes (Node01, Node02
 * and Node03; Node04's vote zeroed to keep the total odd): 3 > 1.5, the cluster is up." A down
 * cluster's sentence names the votes present and missing and what it needs to come back.
 */
export function explain(state: ClusterQuorum): string {
	const total = voteTotal(state);
	const present = presentVotes(state);
	const half = total / 2;
	const count = `${present} of ${plural(total, 'vote')}`;
	const witness = witnessName(state.witness);
	if (state.up) {
		const voters = state.nodeRunning
			.map((r, i) => (r && state.nodeVote[i] === 1 ? nodeName(i) : ''))
			.filter(Boolean);
		if (state.witnessRunning && state.witnessVote === 1) voters.push(witness);
		const notes = [...upNotes(state), ...downNotes(state)];
		const detail = [listNames(voters), ...notes].join('; ');
		return `${count} (${detail}): ${present} > ${half}, the cluster is up.`;
	}
	const here: string[] = [];
	const missing: string[] = [];
	state.nodeVote.forEach((vote, i) => {
		if (vote === 1) (state.nodeRunning[i] ? here : missing).push(nodeName(i));
	});
	if (state.witnessVote === 1) (state.witnessRunning ? here : missing).push(witness);
	const parts = [
		`present: ${here.length > 0 ? listNames(here) : 'none'}`,
		`missing: ${listNames(missing)}`
	];
	if (!state.nodeRunning.some(Boolean)) parts.push('no server is running');
	return (
		`${count} (${parts.join('; ')}): ${present} is not more than ${half}, the cluster is down. ` +
		`It comes back when more than ${half} of the votes it had when it went down are present again.`
	);
}

/** A row of FACTS §2.1's table: can the cluster survive this failure pattern? */
export interface ClusterQuorumTableRow {
	readonly nodes: string;
	readonly oneFailure: TableCell;
	readonly oneThenAnother: TableCell;
	readonly twoAtOnce: TableCell;
}

/** 'yes' = whichever servers fail; '50/50' = depends on which servers fail. */
export type TableCell = 'yes' | 'no' | '50/50';

/** The failure patterns of FACTS §2.1's table (all crashes). */
export type FailurePattern = 'one' | 'one-then-another' | 'two-at-once';

/** FACTS §2.1's table, verbatim. `quorumTableCell` computes the same cells from the rules. */
export const CLUSTER_QUORUM_TABLE: readonly ClusterQuorumTableRow[] = [
	{ nodes: '2', oneFailure: '50/50', oneThenAnother: 'no', twoAtOnce: 'no' },
	{ nodes: '2 + witness', oneFailure: 'yes', oneThenAnother: 'no', twoAtOnce: 'no' },
	{ nodes: '3', oneFailure: 'yes', oneThenAnother: '50/50', twoAtOnce: 'no' },
	{ nodes: '3 + witness', oneFailure: 'yes', oneThenAnother: 'yes', twoAtOnce: 'no' },
	{ nodes: '4', oneFailure: 'yes', oneThenAnother: 'yes', twoAtOnce: '50/50' },
	{ nodes: '4 + witness', oneFailure: 'yes', oneThenAnother: 'yes', twoAtOnce: 'yes' },
	{ nodes: '≥5', oneFailure: 'yes', oneThenAnother: 'yes', twoAtOnce: 'yes' }
];

/**
 * A cell of FACTS §2.1's table computed from the rules: try every choice (and order) of crashing
 * servers on a fresh cluster of `nodes` servers, with a cloud witness if `withWitness`.
 */
export function quorumTableCell(
	nodes: number,
	withWitness: boolean,
	pattern: FailurePattern
): TableCell {
	const fresh = createQuorum(nodes, withWitness ? 'cloud' : 'none');
	const outcomes: boolean[] = [];
	for (let a = 0; a < nodes; a++) {
		if (pattern === 'one') outcomes.push(leave(fresh, [a]).up);
		for (let b = 0; b < nodes; b++) {
			if (b === a) continue;
			if (pattern === 'one-then-another') outcomes.push(leave(leave(fresh, [a]).state, [b]).up);
			if (pattern === 'two-at-once' && a < b) outcomes.push(leave(fresh, [a, b]).up);
		}
	}
	if (outcomes.every(Boolean)) return 'yes';
	return outcomes.some(Boolean) ? '50/50' : 'no';
}

/** The modelling choices of this module, for the "what is simplified" list. */
export const CLUSTER_QUORUM_SIMPLIFICATIONS: readonly Simplification[] = [
	{
		id: 'cluster.zeroed-vote',
		title: 'Which vote is zeroed',
		detail:
			'With an even number of running servers and no working witness, one server loses its vote so the total stays odd. Microsoft does not say which; the simulator zeroes the highest-numbered running server (Node04 of Node01–Node04).',
		source: 'FACTS.md §2.1 "Dynamic witness", §9.2'
	},
	{
		id: 'cluster.dynamic-quorum',
		title: 'Instant vote adjustment',
		detail:
			'After every failure the cluster survives, and whenever a server or the witness returns to an up cluster, the votes are recomputed at once over the running servers: each has a vote, then the even/odd rule applies. Servers that fail within one step are judged together against the votes before any of them ("at once"); the real adjustment takes a moment after the survivors agree.',
		source: 'FACTS.md §2.1 "Dynamic quorum"'
	},
	{
		id: 'cluster.graceful',
		title: 'Graceful shutdowns',
		detail:
			'A server shut down gracefully gives up its vote before it leaves, so an up cluster stays up as long as one server runs. Microsoft documents this for 2 servers; the simulator applies it to any size. Several graceful shutdowns at once act like one after another; when the cluster is already down, a shutdown counts like a crash.',
		source: 'FACTS.md §2.1 "2 nodes, no witness"'
	},
	{
		id: 'cluster.recovery',
		title: 'Coming back after losing quorum',
		detail:
			'A cluster that lost quorum comes back on its own once more than half of the votes it had when it went down are present again; forcing quorum by hand is not modelled.',
		source: 'FACTS.md §2.1 (recovery is not described)'
	},
	{
		id: 'cluster.witness-failure',
		title: 'Witness failure',
		detail:
			'A failed or unreachable witness is treated like a voter leaving (and returning): judged against the votes before, then the even/odd rule applies again. Cloud and file share witnesses count the same.',
		source: 'FACTS.md §2.1 "Dynamic witness", "Witness types"'
	},
	{
		id: 'cluster.no-partition',
		title: 'No network partitions',
		detail:
			'A running server always reaches the others and the witness; split networks, where two groups of servers each claim the cluster, are not modelled.',
		source: 'FACTS.md §2.1'
	},
	{
		id: 'cluster.quorum-only',
		title: 'Cluster quorum alone',
		detail:
			'This is cluster quorum only: it may let a 4-server cluster outlive a third server lost one after another, while Storage Spaces Direct stops at 2 failed servers. Pool quorum and data copies are checked separately and the worst result wins.',
		source: 'FACTS.md §2.1 "S2D limit", §9.8'
	}
];

// ---- internals ----

interface Votes {
	nodeVote: number[];
	witnessVote: number;
}

/**
 * The votes of an up cluster, from scratch over the running servers (FACTS §2.1): every running
 * server has a vote; with an odd count the witness does not vote; with an even count a working
 * witness votes, and without one a server's vote is zeroed.
 */
function assignVotes(running: readonly boolean[], witnessAvailable: boolean): Votes {
	const nodeVote = running.map((r): number => (r ? 1 : 0));
	const count = nodeVote.reduce((a, b) => a + b, 0);
	if (count === 0 || count % 2 === 1) return { nodeVote, witnessVote: 0 };
	if (witnessAvailable) return { nodeVote, witnessVote: 1 };
	// CHOICE (FACTS §9.2: which vote is zeroed is not stated): the highest-numbered running server.
	nodeVote[nodeVote.lastIndexOf(1)] = 0;
	return { nodeVote, witnessVote: 0 };
}

function withVotes(
	state: ClusterQuorum,
	running: readonly boolean[],
	witnessRunning: boolean
): ClusterQuorum {
	const votes = assignVotes(running, state.witness !== 'none' && witnessRunning);
	return { ...state, nodeRunning: running, witnessRunning, ...votes, up: true };
}

function countPresent(
	state: ClusterQuorum,
	running: readonly boolean[],
	witnessRunning: boolean
): number {
	let present = witnessRunning ? state.witnessVote : 0;
	running.forEach((r, i) => {
		if (r) present += state.nodeVote[i];
	});
	return present;
}

/**
 * The one quorum decision. The membership changes to `running`/`witnessRunning`; the votes present
 * are counted with the votes of `before` (the votes before the event, or frozen ones if the cluster
 * is down). With more than half of them present and a server running, the cluster is (or stays)
 * up and dynamic quorum recomputes the votes over the survivors; otherwise it is (or stays) down
 * with its votes frozen.
 */
function judge(
	before: ClusterQuorum,
	running: readonly boolean[],
	witnessRunning: boolean,
	changed: string[]
): QuorumStep {
	// CHOICE (FACTS §2.1 "2 at once": several failures in one step are judged together): the votes
	// present are counted with the votes before the step, never with votes adjusted mid-step.
	// CHOICE (FACTS §2.1 does not say how a cluster recovers): a down cluster keeps the votes it had
	// when it went down and comes back once more than half of them are present again.
	const total = voteTotal(before);
	const present = countPresent(before, running, witnessRunning);
	const quorate = running.some(Boolean) && 2 * present > total;
	const arithmetic = `${present} of ${plural(total, 'vote')} present`;
	if (!quorate) {
		const state = { ...before, nodeRunning: running, witnessRunning, up: false };
		const verdict = before.up ? 'the cluster loses quorum and goes down' : 'the cluster stays down';
		changed.push(`${arithmetic}: ${present} is not more than ${total / 2}, ${verdict}.`);
		return { state, up: false, changed };
	}
	const verdict = before.up ? 'the cluster stays up' : 'the cluster has quorum again and is up';
	changed.push(`${arithmetic}: ${present} > ${total / 2}, ${verdict}.`);
	const state = withVotes(before, running, witnessRunning);
	if (!sameVotes(before, state)) changed.push(`Votes recomputed: ${describeVotes(state)}`);
	return { state, up: true, changed };
}

function sameVotes(a: ClusterQuorum, b: ClusterQuorum): boolean {
	return a.witnessVote === b.witnessVote && a.nodeVote.every((v, i) => v === b.nodeVote[i]);
}

/** The vote assignment of an up cluster in words, e.g. "Node01 and Node02 vote; …; 3 votes." */
function describeVotes(state: ClusterQuorum): string {
	const voters = state.nodeVote.map((v, i) => (v === 1 ? nodeName(i) : '')).filter(Boolean);
	if (state.witnessVote === 1) voters.push(witnessName(state.witness));
	const who = `${listNames(voters)} ${voters.length === 1 ? 'votes' : 'vote'}`;
	return `${[who, ...upNotes(state)].join('; ')}; ${plural(voteTotal(state), 'vote')} in all.`;
}

/** Why running servers or the witness have no vote in an up cluster. */
function upNotes(state: ClusterQuorum): string[] {
	const notes: string[] = [];
	const zeroed = state.nodeRunning
		.map((r, i) => (r && state.nodeVote[i] === 0 ? `${nodeName(i)}'s` : ''))
		.filter(Boolean);
	if (zeroed.length > 0) notes.push(`${listNames(zeroed)} vote zeroed to keep the total odd`);
	if (state.witness !== 'none' && state.witnessRunning && state.witnessVote === 0) {
		notes.push(`${witnessName(state.witness)} does not vote while the node votes are odd`);
	}
	return notes;
}

/** Which servers (and witness) are down, for `explain` of an up cluster. */
function downNotes(state: ClusterQuorum): string[] {
	const down = state.nodeRunning.map((r, i) => (r ? '' : nodeName(i))).filter(Boolean);
	const notes: string[] = [];
	if (down.length > 0) notes.push(`${listNames(down)} ${down.length === 1 ? 'is' : 'are'} down`);
	if (state.witness !== 'none' && !state.witnessRunning) {
		notes.push(`${witnessName(state.witness)} is down`);
	}
	return notes;
}

function checkNode(state: ClusterQuorum, node: number): void {
	if (!Number.isInteger(node) || node < 0 || node >= state.nodeRunning.length) {
		throw new RangeError(`No server ${node} in a cluster of ${state.nodeRunning.length}.`);
	}
}

/** "A", "A and B", "A, B and C". */
function listNames(names: readonly string[]): string {
	if (names.length <= 1) return names.join('');
	return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Failover-cluster heartbeats between the servers of a scale unit (FACTS §7).
 *
 * Every running server sends a heartbeat to every other server every `delayMs` (the same-subnet
 * delay: all servers share the infrastructure network). Real clusters send these as UDP datagrams
 * on port 3343 (well known; not in FACTS.md). A server that has heard nothing from a peer for
 * `threshold` consecutive heartbeats considers the peer lost; FACTS §7 derives "node declared down
 * ≈ delay × threshold" (~10 s on WS2016+, ~5 s on WS2012).
 *
 * This is only failure detection as each server sees it. Cluster membership and quorum (FACTS
 * §2.1) are cluster/model's and quorum.ts's: the cluster declares a silent server down on its own
 * timer (cluster/model/state.ts), not by a regroup among these views.
 *
 * State is plain data (arrays of numbers and booleans) so the engine can checkpoint it.
 */
import type { SimContext, SimEvent } from '../kernel/types';
import type { Simplification } from '../simplifications';

/**
 * One-way latency of a heartbeat across the rack's switches, drawn uniformly per packet, in ms.
 * Modelling choice: FACTS §7 gives heartbeat timing but no latency; tens to hundreds of
 * microseconds is typical of a top-of-rack hop. It only orders deliveries; detection takes
 * seconds (FACTS §7).
 */
export const HEARTBEAT_LATENCY_MIN_MS = 0.05;
export const HEARTBEAT_LATENCY_MAX_MS = 0.25;

/**
 * Slack when counting missed heartbeats, in ms. Modelling choice: a heartbeat counts as missed
 * only once it is later than its period plus the spread of network latency, so jitter alone never
 * looks like a miss (FACTS §7 counts missed heartbeats; it does not say how lateness is judged).
 */
export const HEARTBEAT_MISS_GRACE_MS = HEARTBEAT_LATENCY_MAX_MS - HEARTBEAT_LATENCY_MIN_MS;

/** UDP port of cluster heartbeats. Well known; not in FACTS.md (shown for orientation only). */
export const CLUSTER_HEARTBEAT_UDP_PORT = 3343;

/** Queue event: server `from` sends its heartbeats (and checks its peers); data {from, gen}. */
export const HEARTBEAT_SEND = 'heartbeat.send';
/** Queue event: one heartbeat reaches server `to`; data {from, to}. */
export const HEARTBEAT_DELIVER = 'heartbeat.deliver';

/** What one server knows about heartbeats. */
export interface HeartbeatNode {
	/**
	 * Bumped whenever the server fails or is restored; a queued `heartbeat.send` of an older
	 * generation is dropped, so a server never runs two heartbeat chains.
	 */
	generation: number;
	/** Simulated ms of this server's latest heartbeat (0 before its first). */
	lastSentMs: number;
	/** Per peer (by node index): simulated ms this server last heard from it. Own entry unused. */
	lastHeardMs: number[];
	/** Per peer: whether this server currently considers it lost. Own entry always false. */
	peerLost: boolean[];
}

export interface HeartbeatState {
	/** Heartbeat period in ms (SameSubnetDelay). */
	delayMs: number;
	/** Missed heartbeats before a peer is lost (SameSubnetThreshold). */
	threshold: number;
	nodes: HeartbeatNode[];
}

/** The heartbeat state of `count` servers at time 0 (each has "just heard" from every peer). */
export function createHeartbeatState(
	count: number,
	delayMs: number,
	threshold: number
): HeartbeatState {
	const nodes: HeartbeatNode[] = [];
	for (let i = 0; i < count; i++) {
		nodes.push({
			generation: 0,
			lastSentMs: 0,
			lastHeardMs: new Array<number>(count).fill(0),
			peerLost: new Array<boolean>(count).fill(false)
		});
	}
	return { delayMs, threshold, nodes };
}

/**
 * Schedules the first heartbeat of server `node` at a random offset within one period, so that
 * servers do not all send at the same instant (they start independently in reality).
 */
export function scheduleFirstHeartbeat(state: HeartbeatState, node: number, ctx: SimContext): void {
	ctx.schedule(ctx.rng.float() * state.delayMs, HEARTBEAT_SEND, {
		from: node,
		gen: state.nodes[node].generation
	});
}

/** Number of peers server `node` currently considers lost. */
export function peersLost(state: HeartbeatState, node: number): number {
	let lost = 0;
	for (const flag of state.nodes[node].peerLost) if (flag) lost++;
	return lost;
}

/** A server stopped: its heartbeat chain ends and its view of its peers is gone. */
export function stopHeartbeats(state: HeartbeatState, node: number): void {
	const hb = state.nodes[node];
	hb.generation++;
	hb.peerLost.fill(false);
}

/**
 * A server came back: it starts a fresh view (as if it had just heard from every peer, so it does
 * not declare them lost at once) and a new heartbeat chain within one period.
 */
export function restartHeartbeats(state: HeartbeatState, node: number, ctx: SimContext): void {
	const hb = state.nodes[node];
	hb.generation++;
	hb.lastHeardMs.fill(ctx.nowMs);
	hb.peerLost.fill(false);
	scheduleFirstHeartbeat(state, node, ctx);
}

/**
 * Handles `heartbeat.send` and `heartbeat.deliver`. `up[i]` says whether server i runs; `names[i]`
 * is its display name for the log. Returns false for an event that is not a heartbeat event.
 */
export function handleHeartbeatEvent(
	state: HeartbeatState,
	up: readonly boolean[],
	names: readonly string[],
	event: SimEvent,
	ctx: SimContext
): boolean {
	if (event.type === HEARTBEAT_SEND) {
		const from = event.data.from as number;
		const hb = state.nodes[from];
		// A chain from before a failure or restore: the server is not sending on it any more.
		if (!up[from] || event.data.gen !== hb.generation) return true;
		send(state, from, names, ctx);
		checkPeers(state, from, names, ctx);
		ctx.schedule(state.delayMs, HEARTBEAT_SEND, { from, gen: hb.generation });
		return true;
	}
	if (event.type === HEARTBEAT_DELIVER) {
		const from = event.data.from as number;
		const to = event.data.to as number;
		if (!up[to]) {
			// The receiver is down: the datagram is lost (UDP, no retransmission).
			ctx.log('heartbeat.lost', { from: names[from], to: names[to] });
			return true;
		}
		ctx.log('heartbeat.deliver', { from: names[from], to: names[to] });
		const receiver = state.nodes[to];
		receiver.lastHeardMs[from] = ctx.nowMs;
		if (receiver.peerLost[from]) {
			receiver.peerLost[from] = false;
			ctx.log('cluster.peer-regained', { node: names[to], peer: names[from] });
		}
		return true;
	}
	return false;
}

function send(state: HeartbeatState, from: number, names: readonly string[], ctx: SimContext) {
	const count = state.nodes.length;
	state.nodes[from].lastSentMs = ctx.nowMs;
	ctx.log('heartbeat.send', { node: names[from], peers: count - 1 });
	const spread = HEARTBEAT_LATENCY_MAX_MS - HEARTBEAT_LATENCY_MIN_MS;
	for (let to = 0; to < count; to++) {
		if (to === from) continue;
		const latencyMs = HEARTBEAT_LATENCY_MIN_MS + ctx.rng.float() * spread;
		ctx.schedule(latencyMs, HEARTBEAT_DELIVER, { from, to });
	}
}

/**
 * Marks peers lost that have missed `threshold` consecutive heartbeats: nothing heard for
 * threshold × delay plus the latency slack. Runs at each of the observer's own heartbeat ticks,
 * so detection lands within one period after that point.
 */
function checkPeers(
	state: HeartbeatState,
	observer: number,
	names: readonly string[],
	ctx: SimContext
) {
	const hb = state.nodes[observer];
	const silentLimitMs = state.threshold * state.delayMs + HEARTBEAT_MISS_GRACE_MS;
	for (let peer = 0; peer < state.nodes.length; peer++) {
		if (peer === observer || hb.peerLost[peer]) continue;
		if (ctx.nowMs - hb.lastHeardMs[peer] > silentLimitMs) {
			hb.peerLost[peer] = true;
			ctx.log('cluster.peer-lost', { node: names[observer], peer: names[peer] });
		}
	}
}

/** Where the heartbeat model departs from the real system (shown to learners). */
export const HEARTBEAT_SIMPLIFICATIONS: readonly Simplification[] = [
	{
		id: 'heartbeat.latency',
		title: 'Heartbeat latency',
		detail: `Each heartbeat takes ${HEARTBEAT_LATENCY_MIN_MS}–${HEARTBEAT_LATENCY_MAX_MS} ms to arrive, drawn at random. Real latency depends on the switches and their load; it is far below the heartbeat period either way.`,
		source: 'FACTS.md §7 (heartbeat timing; latency is not documented)'
	},
	{
		id: 'heartbeat.detection',
		title: 'Detecting a lost server',
		detail:
			'Each server checks its peers once per heartbeat period and marks a peer lost after it has missed the threshold number of heartbeats in a row (about delay × threshold). Real clusters then regroup and agree on membership; here the cluster declares the server down one heartbeat period after delay × threshold, without a regroup.',
		source: 'FACTS.md §7 "Node declared down ≈ delay × threshold" (derived), §2.1'
	},
	{
		id: 'heartbeat.profile',
		title: 'Heartbeat settings',
		detail:
			'The default is the WS2016+ same-subnet setting, 1 s × 10 (from a secondary source); the WS2012 profile, 1 s × 5, is documented by Microsoft. All servers are on one subnet, so cross-subnet settings do not apply.',
		source: 'FACTS.md §7, §9.17'
	},
	{
		id: 'heartbeat.restore',
		title: 'Restoring a server',
		detail:
			'A restored server is back at once (no boot time) and sends its first heartbeat within one period, with a fresh view of its peers.',
		source: 'FACTS.md §7 (restart time undocumented), §9.19'
	}
];

/**
 * Small plain snapshots of a frame for the panels. The FrameReader itself stays out of reactive
 * state (it is rebound to every new buffer); the panels get these copies instead, and the health
 * copy is replaced only when a code actually changed, so playback that changes only the clock
 * does not re-render the tables.
 */
import { FrameFlags, VM_FROM_NONE, type FrameReader } from '$lib/sim/frame';
import { Health, healthName } from '$lib/sim/health';
import type { TopologyInfo } from '$lib/sim/topology';

/** The frame's header numbers the UI shows. */
export interface ClockView {
	simTimeMs: number;
	logCount: number;
	inputCount: number;
	/** Nothing is left to simulate (the event queue is empty). */
	idle: boolean;
}

/** Health codes (see sim/health) of every object, indexed like TopologyInfo's arrays. */
export interface HealthView {
	nodes: readonly number[];
	/** How many peers each server has lost contact with. */
	peersLost: readonly number[];
	drives: readonly number[];
	switches: readonly number[];
}

export const EMPTY_CLOCK: ClockView = { simTimeMs: 0, logCount: 0, inputCount: 0, idle: false };
export const EMPTY_HEALTH: HealthView = { nodes: [], peersLost: [], drives: [], switches: [] };

/** Copies the header numbers out of the reader's current frame. */
export function readClock(reader: FrameReader): ClockView {
	return {
		simTimeMs: reader.simTimeMs,
		logCount: reader.logCount,
		inputCount: reader.inputCount,
		idle: (reader.flags & FrameFlags.idle) !== 0
	};
}

function sameCodes(a: readonly number[], read: (i: number) => number, count: number): boolean {
	if (a.length !== count) return false;
	for (let i = 0; i < count; i++) if (a[i] !== read(i)) return false;
	return true;
}

function copyCodes(read: (i: number) => number, count: number): number[] {
	return Array.from({ length: count }, (_, i) => read(i));
}

/** Reads every health code from the frame; returns `previous` itself when nothing changed. */
export function readHealth(reader: FrameReader, previous: HealthView): HealthView {
	const node = (i: number) => reader.nodeHealth(i);
	const lost = (i: number) => reader.nodePeersLost(i);
	const drive = (i: number) => reader.driveHealth(i);
	const sw = (i: number) => reader.switchHealth(i);
	if (
		sameCodes(previous.nodes, node, reader.nodeCount) &&
		sameCodes(previous.peersLost, lost, reader.nodeCount) &&
		sameCodes(previous.drives, drive, reader.driveCount) &&
		sameCodes(previous.switches, sw, reader.switchCount)
	) {
		return previous;
	}
	return {
		nodes: copyCodes(node, reader.nodeCount),
		peersLost: copyCodes(lost, reader.nodeCount),
		drives: copyCodes(drive, reader.driveCount),
		switches: copyCodes(sw, reader.switchCount)
	};
}

/**
 * How far a VM's live migration (or restart) has got, as the text views tell it: not started
 * (still on its old server, waiting its turn), under way, or done. The frame's progress is
 * reduced to these three so the snapshot changes only when the text would.
 */
export const VmPhase = { waiting: 0, underWay: 1, done: 2 } as const;
export type VmPhase = (typeof VmPhase)[keyof typeof VmPhase];

/** The cluster's VMs in frame order (infrastructure roles first), one entry per VM in each array. */
export interface VmsView {
	/** Server index it runs on, is moving to, or last ran on. */
	servers: readonly number[];
	/** Index in FRAME_VM_ROLES (0 tenant). */
	roles: readonly number[];
	/** VmFrameState code. */
	states: readonly number[];
	/** Server index it is moving from, or -1. */
	from: readonly number[];
	/** VmPhase of its migration or restart (waiting when it is doing neither). */
	phases: readonly number[];
}

export const EMPTY_VMS: VmsView = { servers: [], roles: [], states: [], from: [], phases: [] };

const vmPhase = (progress: number): VmPhase =>
	progress <= 0 ? VmPhase.waiting : progress >= 1 ? VmPhase.done : VmPhase.underWay;

/** Reads every VM from the frame; returns `previous` itself when nothing the text shows changed. */
export function readVms(reader: FrameReader, previous: VmsView): VmsView {
	const n = reader.vmCount;
	const server = (i: number) => reader.vmServer(i);
	const role = (i: number) => reader.vmRole(i);
	const state = (i: number) => reader.vmState(i);
	const from = (i: number) => (reader.vmFrom(i) === VM_FROM_NONE ? -1 : reader.vmFrom(i));
	const phase = (i: number) => vmPhase(reader.vmProgress(i));
	if (
		sameCodes(previous.servers, server, n) &&
		sameCodes(previous.roles, role, n) &&
		sameCodes(previous.states, state, n) &&
		sameCodes(previous.from, from, n) &&
		sameCodes(previous.phases, phase, n)
	) {
		return previous;
	}
	return {
		servers: copyCodes(server, n),
		roles: copyCodes(role, n),
		states: copyCodes(state, n),
		from: copyCodes(from, n),
		phases: copyCodes(phase, n)
	};
}

const NODE_PHRASES: Record<string, string> = {
	healthy: 'is healthy',
	warning: 'has a warning',
	failed: 'failed',
	unreachable: 'is unreachable',
	maintenance: 'is in maintenance'
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Most separate sentences in one announcement before it is summarised instead. */
const MAX_SENTENCES = 4;

/**
 * Sentences describing what changed between two health snapshots, for the live region: one per
 * server whose health changed, one per server whose lost-peer count changed, and a count per
 * health state for drives and switches (a failed server takes all its drives with it, which
 * would otherwise be a dozen sentences). Too many changes at once (a seek) become a summary.
 */
export function describeHealthChanges(
	topology: TopologyInfo,
	before: HealthView,
	after: HealthView
): string[] {
	const sentences: string[] = [];
	for (let i = 0; i < after.nodes.length; i++) {
		const name = topology.nodes[i]?.name ?? `Server ${i + 1}`;
		if (before.nodes[i] !== after.nodes[i]) {
			const wasFailed = before.nodes[i] === Health.failed;
			const phrase =
				wasFailed && after.nodes[i] === Health.healthy
					? 'was restored'
					: NODE_PHRASES[healthName(after.nodes[i])];
			sentences.push(`${name} ${phrase}.`);
		}
		const lostBefore = before.peersLost[i] ?? 0;
		const lostAfter = after.peersLost[i] ?? 0;
		if (lostAfter !== lostBefore) {
			if (lostAfter === 0) sentences.push(`${name} regained contact with all its peers.`);
			else if (lostAfter > lostBefore)
				sentences.push(`${name} lost contact with ${plural(lostAfter, 'peer')}.`);
			else sentences.push(`${name} regained contact; ${plural(lostAfter, 'peer')} still lost.`);
		}
	}
	for (const [label, b, a] of [
		['drive', before.drives, after.drives],
		['switch', before.switches, after.switches]
	] as const) {
		const byState = new Map<string, number>();
		for (let i = 0; i < a.length; i++) {
			if (b[i] === a[i]) continue;
			const state = healthName(a[i]);
			byState.set(state, (byState.get(state) ?? 0) + 1);
		}
		for (const [state, n] of byState) {
			const noun = label === 'switch' ? (n === 1 ? 'switch' : 'switches') : plural(n, label);
			sentences.push(`${label === 'switch' ? `${n} ${noun}` : noun} now ${state}.`);
		}
	}
	if (sentences.length > MAX_SENTENCES) {
		return [
			`Health changed for several objects: ${sentences.length} changes. See the Objects tab.`
		];
	}
	return sentences;
}

/**
 * Where the name callouts go (pure arithmetic, no three.js): one label per server, switch and
 * the HLH, in a column just left of its rack at the unit's height, joined to the unit by a thin
 * leader line. Labels are drawn at a fixed size in screen pixels (callout-mesh.ts), so they stay
 * readable at any zoom; here they get a world anchor (the label's right edge) and a leader.
 */
import type { RackSlot, TopologyInfo } from '../sim/topology';
import { FACE_W, FACE_Z, rackX, RACK, U_M, unitSpan } from './layout';
import { encodePick, type PickKind } from './picking';

/** Label size in CSS pixels; the text is 13 px, comfortably above the ~11 px floor. */
export const CALLOUT_PX = {
	w: 92,
	h: 19,
	/** Between the anchor (the leader's end) and the label's right edge. */
	gap: 3,
	font: 13,
	/** Square for the health symbol, at the label's left. */
	symbol: 12,
	pad: 5
} as const;

/** Labels in one column are at least two rack units apart, the pitch of 2U servers. */
export const CALLOUT_PITCH_M = 2 * U_M;
/** Smallest label scale when zoomed far out (below it, labels may overlap). */
export const MIN_LABEL_SCALE = 0.5;

/**
 * Label scale for a column pitch of `pitchPx` on screen: full size (the first view and closer),
 * shrinking only when the camera is so far out that full-size labels would overlap.
 */
export function labelScale(pitchPx: number): number {
	return Math.min(1, Math.max(MIN_LABEL_SCALE, pitchPx / (CALLOUT_PX.h + 2)));
}
/** The leader's anchor, left of the cabinet's outer side. */
export const ANCHOR_OUT_M = 0.07;
/** Leaders run just in front of the cabinet's front edge, so side panels never hide them. */
export const LEADER_Z = RACK.depthM / 2 + 0.006;

export type Vec3 = [number, number, number];

export interface Callout {
	kind: Exclude<PickKind, 'drive'>;
	index: number;
	code: number;
	text: string;
	/** The label's right edge, vertically centred: where the leader ends. */
	anchor: Vec3;
	/** The leader, unit end first: a polyline of world points. */
	leader: Vec3[];
}

/** What drawing a callout needs: scenery (the border router) has no pick code. */
export type CalloutShape = Pick<Callout, 'text' | 'anchor' | 'leader'>;

/** x of the label anchors of a rack (also used by framing). */
export function anchorX(rack: number, rackCount: number): number {
	return rackX(rack, rackCount) - RACK.widthM / 2 - ANCHOR_OUT_M;
}

/** Every callout: servers, then switches, then the HLH. */
export function callouts(topo: TopologyInfo): Callout[] {
	const n = Math.max(1, topo.racks.length);
	const items: { kind: Callout['kind']; index: number; text: string; slot: RackSlot }[] = [
		...topo.nodes.map((s, index) => ({ kind: 'node' as const, index, text: s.name, slot: s })),
		...topo.switches.map((s, index) => ({ kind: 'switch' as const, index, text: s.name, slot: s })),
		{ kind: 'hlh', index: 0, text: topo.hlh.name, slot: topo.hlh }
	];
	const unitY = items.map(({ slot }) => {
		const [y0, y1] = unitSpan(slot.slotU, slot.heightU);
		return (y0 + y1) / 2;
	});
	const labelY = spread(
		unitY,
		items.map((it) => it.slot.rack)
	);
	return items.map((it, k) => {
		const rx = rackX(it.slot.rack, n);
		const ax = anchorX(it.slot.rack, n);
		const uy = unitY[k];
		const ly = labelY[k];
		const leader: Vec3[] = [
			[rx - FACE_W / 2 + 0.004, uy, FACE_Z + 0.001],
			[rx - RACK.widthM / 2 + 0.025, uy, LEADER_Z],
			[ax + 0.02, ly, LEADER_Z],
			[ax, ly, LEADER_Z]
		];
		return {
			kind: it.kind,
			index: it.index,
			code: encodePick(it.kind, it.index),
			text: it.text,
			anchor: [ax, ly, LEADER_Z],
			leader
		};
	});
}

/**
 * Label heights: each at its unit's height unless that is closer than the pitch to the label
 * above it in the same column, in which case it moves down (1U switches stack into a fan).
 */
export function spread(unitY: readonly number[], column: readonly number[]): number[] {
	const order = unitY.map((_, k) => k).sort((a, b) => unitY[b] - unitY[a]);
	const out = unitY.slice();
	const last = new Map<number, number>();
	for (const k of order) {
		const above = last.get(column[k]);
		out[k] = above === undefined ? unitY[k] : Math.min(unitY[k], above - CALLOUT_PITCH_M);
		last.set(column[k], out[k]);
	}
	return out;
}

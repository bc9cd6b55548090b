/**
 * What the camera frames (pure arithmetic): the whole row of cabinets for the stage's floor and
 * fog, and the occupied units with their labels for the first view; in SLB scenes also the border
 * router and the Internet sign beside the row.
 */
import type { TopologyInfo } from '../sim/topology';
import { borderFocus, borderLayout } from './border-layout';
import { anchorX, callouts, LEADER_Z } from './callouts';
import { box, FACE_Z, rackBox, rackX, RACK, unitSpan, type Box } from './layout';
import { rackSignBox } from './rack-parts';

/** The box around every cabinet and its sign (the stage sizes its floor and fog from it). */
export function sceneBounds(topology: TopologyInfo): Box {
	const n = Math.max(1, topology.racks.length);
	const boxes = topology.racks.flatMap((r, i) => [
		rackBox(i, n, r.heightU),
		rackSignBox(i, n, r.heightU)
	]);
	const border = borderLayout(topology);
	if (border) boxes.push(...border.frame, border.chassis, ...borderFocus(border));
	return union(boxes.length ? boxes : [rackBox(0, 1, 42)]);
}

/**
 * What the first view must show: per rack, the fronts of its occupied units from the label
 * anchors to the cable channel, and its sign (so nothing is clipped).
 */
export function focusBoxes(topology: TopologyInfo): Box[] {
	const n = Math.max(1, topology.racks.length);
	const lo = new Array<number>(n).fill(Infinity);
	const hi = new Array<number>(n).fill(-Infinity);
	for (const u of [...topology.nodes, ...topology.switches, topology.hlh]) {
		const [y0, y1] = unitSpan(u.slotU, u.heightU);
		lo[u.rack] = Math.min(lo[u.rack], y0);
		hi[u.rack] = Math.max(hi[u.rack], y1);
	}
	for (const c of callouts(topology)) {
		const r = racksOf(topology, c);
		lo[r] = Math.min(lo[r], c.anchor[1]);
		hi[r] = Math.max(hi[r], c.anchor[1]);
	}
	const out: Box[] = [];
	for (let r = 0; r < n; r++) {
		if (lo[r] > hi[r]) continue;
		const x1 = rackX(r, n) + RACK.widthM / 2;
		out.push(box(anchorX(r, n), x1, lo[r], hi[r], FACE_Z - 0.03, LEADER_Z));
		out.push(rackSignBox(r, n, topology.racks[r]?.heightU ?? 42));
	}
	// The border router and the Internet (SLB scenes), right of the row.
	const border = borderLayout(topology);
	if (border) out.push(...borderFocus(border));
	return out;
}

function racksOf(topology: TopologyInfo, c: { kind: string; index: number }): number {
	if (c.kind === 'node') return topology.nodes[c.index].rack;
	if (c.kind === 'switch') return topology.switches[c.index].rack;
	return topology.hlh.rack;
}

export function union(boxes: readonly Box[]): Box {
	const lo = [Infinity, Infinity, Infinity];
	const hi = [-Infinity, -Infinity, -Infinity];
	for (const b of boxes) {
		for (const c of corners(b)) {
			for (let k = 0; k < 3; k++) {
				lo[k] = Math.min(lo[k], c[k]);
				hi[k] = Math.max(hi[k], c[k]);
			}
		}
	}
	return box(lo[0], hi[0], lo[1], hi[1], lo[2], hi[2]);
}

export function corners(b: Box): [number, number, number][] {
	const out: [number, number, number][] = [];
	for (const sx of [-0.5, 0.5])
		for (const sy of [-0.5, 0.5])
			for (const sz of [-0.5, 0.5]) out.push([b.x + sx * b.w, b.y + sy * b.h, b.z + sz * b.d]);
	return out;
}

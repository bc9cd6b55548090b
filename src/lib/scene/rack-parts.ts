/**
 * The cabinet itself, as boxes (pure arithmetic): plinth, cap, side panels, rear door and the
 * four mounting posts. The front stays open so learners see the equipment.
 */
import { box, FACE_W, rackBox, rackX, RACK, U_M, unitSpan, type Box } from './layout';

/** Which look a cabinet part gets (hardware.ts maps it to a colour). */
export type RackPartKind = 'plinth' | 'cap' | 'panel' | 'post' | 'door';

export interface RackPart {
	kind: RackPartKind;
	box: Box;
}

/** All boxes of one cabinet. */
export function rackParts(rack: number, rackCount: number, heightU: number): RackPart[] {
	const outer = rackBox(rack, rackCount, heightU);
	const x0 = outer.x - outer.w / 2;
	const x1 = outer.x + outer.w / 2;
	const z0 = -RACK.depthM / 2;
	const z1 = RACK.depthM / 2;
	const yIn0 = RACK.plinthM;
	const yIn1 = RACK.plinthM + heightU * U_M;
	const p = RACK.panelM;
	const parts: RackPart[] = [
		{ kind: 'plinth', box: box(x0, x1, 0, yIn0, z0, z1) },
		{ kind: 'cap', box: box(x0, x1, yIn1, yIn1 + RACK.capM, z0, z1) },
		{ kind: 'panel', box: box(x0, x0 + p, yIn0, yIn1, z0, z1) },
		{ kind: 'panel', box: box(x1 - p, x1, yIn0, yIn1, z0, z1) },
		{ kind: 'door', box: box(x0 + p, x1 - p, yIn0, yIn1, z0, z0 + p) }
	];
	for (const side of [-1, 1]) {
		for (const front of [-1, 1]) {
			const px = outer.x + side * RACK.postX;
			const pz = front * RACK.postZ;
			const w = RACK.postW / 2;
			const d = RACK.postD / 2;
			parts.push({ kind: 'post', box: box(px - w, px + w, yIn0, yIn1, pz - d, pz + d) });
		}
	}
	return parts;
}

/** The name sign standing on the cabinet's cap, at its front edge (a plane, d = 0). */
export function rackSignBox(rack: number, rackCount: number, heightU: number): Box {
	const outer = rackBox(rack, rackCount, heightU);
	const w = RACK.widthM * 0.8;
	const h = w * (96 / 512);
	return {
		x: outer.x,
		y: outer.y + outer.h / 2 + h / 2 + 0.01,
		z: RACK.depthM / 2 - 0.02,
		w,
		h,
		d: 0
	};
}

/** A blanking plate covering free units (what real cabinets have in empty slots). */
export function blankBox(rack: number, rackCount: number, slotU: number, heightU: number): Box {
	const x = rackX(rack, rackCount);
	const [y0, y1] = unitSpan(slotU, heightU);
	const z0 = RACK.postZ + RACK.postD / 2;
	return box(x - FACE_W / 2, x + FACE_W / 2, y0, y1, z0, z0 + 0.002);
}

/** Runs of free units in a rack, as [slotU, heightU] pairs, for blanking panels. */
export function freeRuns(occupied: readonly boolean[]): [number, number][] {
	const runs: [number, number][] = [];
	let start = -1;
	for (let u = 0; u <= occupied.length; u++) {
		const free = u < occupied.length && !occupied[u];
		if (free && start < 0) start = u;
		if (!free && start >= 0) {
			runs.push([start + 1, u - start]);
			start = -1;
		}
	}
	return runs;
}

/**
 * Where everything sits, in world metres: pure arithmetic (no three.js) so it can be unit-tested.
 * y is up, the floor is y = 0, racks stand in one row along x and face +z (towards the default
 * camera). Sizes follow real hardware: 1U = 44.45 mm, 600 × 1000 mm 42U cabinets, 19" fronts.
 */
import type { RackSlot } from '../sim/topology';

/** An axis-aligned box: centre (x, y, z) and full size (w along x, h along y, d along z). */
export interface Box {
	x: number;
	y: number;
	z: number;
	w: number;
	h: number;
	d: number;
}

/** One rack unit in metres. */
export const U_M = 0.04445;

export const RACK = {
	widthM: 0.6,
	depthM: 1.0,
	/**
	 * Space between neighbouring cabinets in the row: one 600 mm floor tile. Real cabinets are
	 * often bayed together; the drawing leaves an aisle so each rack's name labels fit at its left.
	 */
	aisleM: 0.6,
	plinthM: 0.06,
	capM: 0.05,
	panelM: 0.02,
	/** Vertical mounting posts: centre x, width, centre z (front; rear is mirrored), depth. */
	postX: 0.2375,
	postW: 0.025,
	postZ: 0.42,
	postD: 0.03
} as const;

/** A 19" front panel is 482.6 mm wide; the chassis behind it 440 mm. */
export const FACE_W = 0.4826;
const BODY_W = 0.44;
const BEZEL_D = 0.02;
/** z of the front faces of all equipment: in front of the posts' flanges. */
export const FACE_Z = RACK.postZ + RACK.postD / 2 + BEZEL_D;
const BODY_BACK_Z = -0.38;
/** Clearance between stacked units so their boxes never touch. */
const SLOT_GAP = 0.0006;

export function box(x0: number, x1: number, y0: number, y1: number, z0: number, z1: number): Box {
	return {
		x: (x0 + x1) / 2,
		y: (y0 + y1) / 2,
		z: (z0 + z1) / 2,
		w: x1 - x0,
		h: y1 - y0,
		d: z1 - z0
	};
}

/** Centre x of a rack in a row of `rackCount`, the row centred on x = 0. */
export function rackX(rack: number, rackCount: number): number {
	return (rack - (rackCount - 1) / 2) * (RACK.widthM + RACK.aisleM);
}

/** Total cabinet height in metres for `heightU` units. */
export function rackHeightM(heightU: number): number {
	return RACK.plinthM + heightU * U_M + RACK.capM;
}

/** The cabinet's outer box. */
export function rackBox(rack: number, rackCount: number, heightU: number): Box {
	const x = rackX(rack, rackCount);
	const half = RACK.widthM / 2;
	return box(x - half, x + half, 0, rackHeightM(heightU), -RACK.depthM / 2, RACK.depthM / 2);
}

/** The space equipment may use: inside the side panels, plinth, cap and rear door. */
export function rackInside(rack: number, rackCount: number, heightU: number): Box {
	const x = rackX(rack, rackCount);
	const half = RACK.widthM / 2 - RACK.panelM;
	const zBack = -RACK.depthM / 2 + RACK.panelM;
	return box(
		x - half,
		x + half,
		RACK.plinthM,
		RACK.plinthM + heightU * U_M,
		zBack,
		RACK.depthM / 2
	);
}

/** Bottom and top y of `heightU` units starting at `slotU` (1-based from the bottom). */
export function unitSpan(slotU: number, heightU: number): [number, number] {
	const y0 = RACK.plinthM + (slotU - 1) * U_M;
	return [y0 + SLOT_GAP, y0 + heightU * U_M - SLOT_GAP];
}

/** The chassis body behind the front panel. */
export function chassisBox(slot: RackSlot, rackCount: number): Box {
	const x = rackX(slot.rack, rackCount);
	const [y0, y1] = unitSpan(slot.slotU, slot.heightU);
	return box(x - BODY_W / 2, x + BODY_W / 2, y0, y1, BODY_BACK_Z, FACE_Z - BEZEL_D);
}

/** The front panel (bezel) with its rack ears; its front face is at z = FACE_Z. */
export function bezelBox(slot: RackSlot, rackCount: number): Box {
	const x = rackX(slot.rack, rackCount);
	const [y0, y1] = unitSpan(slot.slotU, slot.heightU);
	return box(x - FACE_W / 2, x + FACE_W / 2, y0, y1, FACE_Z - BEZEL_D, FACE_Z);
}

/** Depth of what stands proud of a face (drives, LEDs, ports); fronts.ts stays within it. */
export const FRONT_PARTS_M = 0.005;

/** Chassis, bezel and front parts together: what a selection outline surrounds. */
export function equipmentBox(slot: RackSlot, rackCount: number): Box {
	const body = chassisBox(slot, rackCount);
	const face = bezelBox(slot, rackCount);
	const z0 = body.z - body.d / 2;
	return box(
		face.x - face.w / 2,
		face.x + face.w / 2,
		body.y - body.h / 2,
		body.y + body.h / 2,
		z0,
		FACE_Z + FRONT_PARTS_M
	);
}

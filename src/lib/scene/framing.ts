/**
 * Initial camera placement and orbit limits for a row of racks (pure arithmetic, no three.js):
 * a three-quarter view from the front right, slightly above, just far enough that the whole row
 * (signs included) fits the view at the canvas's aspect ratio.
 */
import type { TopologyInfo } from '../sim/topology';
import { rackBox, type Box } from './layout';
import { rackSignBox } from './rack-parts';

export interface Framing {
	position: [number, number, number];
	target: [number, number, number];
	/** Radius of the sphere around the bounds, in metres (limits how far panning may go). */
	radius: number;
	near: number;
	far: number;
	minDistance: number;
	maxDistance: number;
}

/** Direction from the target to the camera (front, a little right, a little up). */
const VIEW_DIR: [number, number, number] = [0.32, 0.3, 1];
/** Breathing room around the fitted box. */
const MARGIN = 1.1;

/** The box around every cabinet and its sign. */
export function sceneBounds(topology: TopologyInfo): Box {
	const n = Math.max(1, topology.racks.length);
	let x0 = Infinity;
	let x1 = -Infinity;
	let y1 = 0;
	let z0 = Infinity;
	let z1 = -Infinity;
	for (let r = 0; r < n; r++) {
		const heightU = topology.racks[r]?.heightU ?? 42;
		const outer = rackBox(r, n, heightU);
		const sign = rackSignBox(r, n, heightU);
		x0 = Math.min(x0, outer.x - outer.w / 2);
		x1 = Math.max(x1, outer.x + outer.w / 2);
		y1 = Math.max(y1, sign.y + sign.h / 2);
		z0 = Math.min(z0, outer.z - outer.d / 2);
		z1 = Math.max(z1, outer.z + outer.d / 2);
	}
	return { x: (x0 + x1) / 2, y: y1 / 2, z: (z0 + z1) / 2, w: x1 - x0, h: y1, d: z1 - z0 };
}

/**
 * Camera placement that shows all of `bounds` with a vertical field of view `fovDeg`: the
 * distance along the view direction at which every corner of the box falls inside the frustum.
 */
export function frameCamera(bounds: Box, aspect: number, fovDeg: number): Framing {
	const [fx, fy, fz] = normalize(VIEW_DIR);
	// Camera basis: right = up × back (world up is +y), up' = back × right.
	const [rx, , rz] = normalize([fz, 0, -fx]);
	const [ux, uy, uz] = [fy * rz, fz * rx - fx * rz, -fy * rx];
	const tanV = Math.tan((fovDeg * Math.PI) / 360);
	const tanH = tanV * Math.max(aspect, 0.1);
	let distance = 0;
	for (const sx of [-0.5, 0.5]) {
		for (const sy of [-0.5, 0.5]) {
			for (const sz of [-0.5, 0.5]) {
				const [px, py, pz] = [sx * bounds.w, sy * bounds.h, sz * bounds.d];
				const towardCamera = px * fx + py * fy + pz * fz;
				const right = Math.abs(px * rx + pz * rz);
				const up = Math.abs(px * ux + py * uy + pz * uz);
				distance = Math.max(distance, towardCamera + right / tanH, towardCamera + up / tanV);
			}
		}
	}
	distance *= MARGIN;
	const radius = 0.5 * Math.hypot(bounds.w, bounds.h, bounds.d);
	const target: [number, number, number] = [bounds.x, bounds.y, bounds.z];
	const position: [number, number, number] = [
		target[0] + fx * distance,
		target[1] + fy * distance,
		target[2] + fz * distance
	];
	return {
		position,
		target,
		radius,
		near: Math.max(0.02, (distance - radius) * 0.05),
		far: distance + radius * 8 + 20,
		minDistance: 0.25,
		maxDistance: Math.max(distance * 2.5, 4)
	};
}

function normalize([x, y, z]: readonly number[]): [number, number, number] {
	const len = Math.hypot(x, y, z);
	return [x / len, y / len, z / len];
}

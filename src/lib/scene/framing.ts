/**
 * Initial camera placement and orbit limits (pure arithmetic, no three.js): a view slightly from
 * the front right and slightly above, close enough that the occupied units (focus.ts: servers,
 * switches, HLH, with their name labels and the rack signs) fill the canvas, not whole cabinets.
 */
import { CALLOUT_PX } from './callouts';
import { corners, union } from './focus';
import type { Box } from './layout';

export interface Framing {
	position: [number, number, number];
	target: [number, number, number];
	/** Radius of the sphere around the framed boxes, in metres (limits how far panning may go). */
	radius: number;
	near: number;
	far: number;
	minDistance: number;
	maxDistance: number;
}

/** Canvas size in CSS pixels. */
export interface Viewport {
	width: number;
	height: number;
}

/** Direction from the target to the camera (front, a little right, a little up). */
const VIEW_DIR: [number, number, number] = [0.2, 0.16, 1];
/**
 * CSS px kept clear at each canvas edge: labels reach past their anchors on the left, and the
 * page lays its legend over the canvas's bottom-left corner.
 */
const PAD_PX = { left: CALLOUT_PX.w + CALLOUT_PX.gap + 10, right: 16, top: 16, bottom: 44 };
/** Pads never take more than this share of the canvas per side (narrow phone screens). */
const MAX_PAD = 0.3;

/**
 * Camera placement that shows every corner of `boxes` on a canvas of `viewport` CSS px with a
 * vertical field of view `fovDeg`, keeping the edge pads clear, with the composition centred.
 */
export function frameCamera(boxes: readonly Box[], viewport: Viewport, fovDeg: number): Framing {
	const bounds = union(boxes);
	const f = normalize(VIEW_DIR);
	// Camera basis: right = up × back (world up is +y), up' = back × right.
	const r = normalize([f[2], 0, -f[0]]);
	const u: [number, number, number] = [f[1] * r[2], f[2] * r[0] - f[0] * r[2], -f[1] * r[0]];
	const width = Math.max(1, viewport.width);
	const height = Math.max(1, viewport.height);
	const tanV = Math.tan((fovDeg * Math.PI) / 360);
	const tanH = tanV * (width / height);
	// Tangent of the half-angle each side may use once its pad is kept clear.
	const fit = (px: number, size: number, tan: number) =>
		tan * (1 - 2 * Math.min(px / size, MAX_PAD));
	const left = fit(PAD_PX.left, width, tanH);
	const right = fit(PAD_PX.right, width, tanH);
	const top = fit(PAD_PX.top, height, tanV);
	const bottom = fit(PAD_PX.bottom, height, tanV);
	const points = boxes.flatMap(corners);
	let target: [number, number, number] = [bounds.x, bounds.y, bounds.z];
	let distance = 0;
	// Two passes: fit, then move the target so the unequal pads leave the composition centred.
	for (let pass = 0; pass < 2; pass++) {
		distance = 0;
		const lo = [Infinity, Infinity];
		const hi = [-Infinity, -Infinity];
		for (const p of points) {
			const d = [p[0] - target[0], p[1] - target[1], p[2] - target[2]];
			const toward = dot(d, f);
			const side = dot(d, r);
			const lift = dot(d, u);
			distance = Math.max(distance, toward + (side >= 0 ? side / right : -side / left));
			distance = Math.max(distance, toward + (lift >= 0 ? lift / top : -lift / bottom));
			[lo[0], hi[0]] = [Math.min(lo[0], side), Math.max(hi[0], side)];
			[lo[1], hi[1]] = [Math.min(lo[1], lift), Math.max(hi[1], lift)];
		}
		if (pass === 1) break;
		// Metres per CSS px at the target's depth; the content's centre sits off the canvas's
		// centre by half the difference of opposite pads.
		const mPerPx = (2 * distance * tanV) / height;
		const dx = (lo[0] + hi[0]) / 2 - ((PAD_PX.left - PAD_PX.right) / 2) * mPerPx;
		const dy = (lo[1] + hi[1]) / 2 - ((PAD_PX.bottom - PAD_PX.top) / 2) * mPerPx;
		target = [0, 1, 2].map((k) => target[k] + r[k] * dx + u[k] * dy) as typeof target;
	}
	const radius = 0.5 * Math.hypot(bounds.w, bounds.h, bounds.d);
	const position: [number, number, number] = [
		target[0] + f[0] * distance,
		target[1] + f[1] * distance,
		target[2] + f[2] * distance
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

const dot = (a: readonly number[], b: readonly number[]) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

function normalize([x, y, z]: readonly number[]): [number, number, number] {
	const len = Math.hypot(x, y, z);
	return [x / len, y / len, z / len];
}

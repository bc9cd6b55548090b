/**
 * Small parts on equipment fronts (drive bays, status badge and NIC LED, switch ports), placed
 * inside the zones of layout.ts. Pure arithmetic, like layout.ts.
 */
import { box, FACE_Z, type Box } from './layout';

/** Depth of the z layers in front of a face, in metres, back to front. */
export const LAYER = {
	trim: 0.002,
	slab: 0.004,
	led: 0.0048,
	driveCue: 0.0054,
	/** A whole-face pattern lies in front of drives, so a failed server's hatch covers them. */
	faceCue: 0.0062,
	flat: 0.0008
} as const;

/** Front-face regions of a bezel, left to right: name label, bays or ports, status. */
export interface FaceZones {
	label: Box;
	bays: Box;
	status: Box;
}

const EAR_W = 0.024;
const LABEL_W = 0.09;
const STATUS_W = 0.045;
const ZONE_PAD = 0.005;
/** Bottom band of the face kept free for the health strip. */
export const STRIP_H = 0.003;

/** Splits a bezel's face into zones; each zone is a flat box (d = 0) on the face. */
export function faceZones(bezel: Box): FaceZones {
	const x0 = bezel.x - bezel.w / 2 + EAR_W;
	const x1 = bezel.x + bezel.w / 2 - EAR_W;
	const y0 = bezel.y - bezel.h / 2 + STRIP_H + 0.002;
	const y1 = bezel.y + bezel.h / 2 - 0.003;
	const z = bezel.z + bezel.d / 2;
	const labelEnd = x0 + LABEL_W;
	const statusStart = x1 - STATUS_W;
	return {
		label: box(x0, labelEnd, y0, y1, z, z),
		bays: box(labelEnd + ZONE_PAD, statusStart - ZONE_PAD, y0, y1, z, z),
		status: box(statusStart, x1, y0, y1, z, z)
	};
}

/** The health strip along the bottom of a bezel's face. */
export function healthStrip(bezel: Box): Box {
	const y0 = bezel.y - bezel.h / 2 + 0.0008;
	const x0 = bezel.x - bezel.w / 2 + EAR_W;
	const x1 = bezel.x + bezel.w / 2 - EAR_W;
	return box(x0, x1, y0, y0 + STRIP_H, FACE_Z, FACE_Z + 0.001);
}

/** A plane just in front of a surface whose front face is at `frontZ`. */
export function facePlane(b: Box, frontZ: number): Box {
	return { x: b.x, y: b.y, z: frontZ, w: b.w, h: b.h, d: 0 };
}

/** Bays in one row before a second row starts (2.5" bays in a 2U front). */
const MAX_COLS = 12;

/** Rows and columns of a bay grid: one row up to 12 bays, then rows fill evenly. */
export function bayGrid(bayCount: number): { cols: number; rows: number } {
	const rows = Math.max(1, Math.ceil(bayCount / MAX_COLS));
	return { rows, cols: Math.max(1, Math.ceil(bayCount / rows)) };
}

export interface BayParts {
	/** Carrier frame around the drive (its colour tells cache from capacity). */
	trim: Box;
	/** The drive itself. */
	slab: Box;
	/** Status LED across the top of the drive. */
	led: Box;
	/** Plane for the drive's pattern cue. */
	cue: Box;
}

/** The parts of bay `bay` in a grid of `bayCount` bays filling `zone`; bay 0 is top left. */
export function bayParts(zone: Box, bayCount: number, bay: number): BayParts {
	const { cols, rows } = bayGrid(bayCount);
	const cellW = zone.w / cols;
	const cellH = zone.h / rows;
	const col = bay % cols;
	const row = Math.floor(bay / cols);
	const x0 = zone.x - zone.w / 2 + col * cellW;
	const y1 = zone.y + zone.h / 2 - row * cellH;
	const face = zone.z;
	const tx = Math.min(0.0012, cellW * 0.06);
	const trim = box(x0 + tx, x0 + cellW - tx, y1 - cellH + tx, y1 - tx, face, face + LAYER.trim);
	const inset = Math.min(0.0015, cellW * 0.08);
	const sx0 = trim.x - trim.w / 2 + inset;
	const sx1 = trim.x + trim.w / 2 - inset;
	const sy0 = trim.y - trim.h / 2 + inset;
	const sy1 = trim.y + trim.h / 2 - inset;
	const slab = box(sx0, sx1, sy0, sy1, face, face + LAYER.slab);
	const ledH = Math.max(0.0025, slab.h * 0.1);
	const led = box(sx0, sx1, sy1 - ledH, sy1, face + LAYER.slab, face + LAYER.led);
	const cue = { x: slab.x, y: slab.y, z: face + LAYER.driveCue, w: slab.w, h: slab.h, d: 0 };
	return { trim, slab, led, cue };
}

/** Health badge (a square plane at the top of the status zone) and NIC LED (below it). */
export function statusParts(zone: Box): { badge: Box; nic: Box } {
	const side = Math.min(0.018, zone.h * 0.55, zone.w * 0.6);
	const top = zone.y + zone.h / 2;
	const badge = { x: zone.x, y: top - side / 2, z: zone.z + LAYER.flat, w: side, h: side, d: 0 };
	const nicW = 0.007;
	const nicH = 0.004;
	const ny1 = top - side - 0.003;
	const nx = zone.x + zone.w / 2 - nicW / 2 - 0.002;
	const nic = box(nx - nicW / 2, nx + nicW / 2, ny1 - nicH, ny1, zone.z, zone.z + 0.0015);
	return { badge, nic };
}

/** A switch port: its socket and the link LED above it. Two rows, port 0 top left. */
export function portParts(zone: Box, ports: number, port: number): { socket: Box; led: Box } {
	const cols = Math.max(1, Math.ceil(ports / 2));
	const cellW = zone.w / cols;
	const cellH = zone.h / 2;
	const col = port % cols;
	const row = Math.floor(port / cols);
	const x0 = zone.x - zone.w / 2 + col * cellW + cellW * 0.12;
	const x1 = x0 + cellW * 0.76;
	const y1 = zone.y + zone.h / 2 - row * cellH - cellH * 0.08;
	const ledH = Math.min(0.0018, cellH * 0.18);
	const led = box(x0, x0 + (x1 - x0) * 0.4, y1 - ledH, y1, zone.z, zone.z + 0.0009);
	const socketTop = y1 - ledH - cellH * 0.06;
	const socket = box(x0, x1, y1 - cellH * 0.84, socketTop, zone.z, zone.z + 0.0012);
	return { socket, led };
}

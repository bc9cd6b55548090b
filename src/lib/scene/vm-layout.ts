/**
 * Where the VM tiles go on a server's front (pure arithmetic, no three.js): a grid in the name
 * zone at the left of the face, under the name plate (and under the MUX tag on servers that host
 * a MUX), so each server shows which roles run on it. The grid fills from the top left, a row at
 * a time, and shrinks its tiles as the count grows so that every VM fits: a few VMs get one row
 * of tiles at most MAX_TILE_PITCH_M apart, a full server (60 tenant VMs and a share of the
 * infrastructure's) about 8 mm squares in 7 rows.
 */
import type { TopologyInfo } from '../sim/topology';
import { faceZones } from './fronts';
import { LABEL_CELL } from './labels';
import { bezelBox, box, FACE_Z, type Box } from './layout';
import { muxTags } from './mux-tags';
import type { Vec3Out } from './packet-paths';

/** Gap between the name plate (or MUX tag) and the first row of tiles, in metres. */
const ZONE_GAP_M = 0.002;
/** Tiles are never further apart than this (centre to centre), in metres, however few. */
export const MAX_TILE_PITCH_M = 0.012;
/** A tile fills this fraction of its cell; the rest is the gap between tiles. */
export const TILE_FILL = 0.78;
/** A tile's thickness and how far its centre stands in front of the face, in metres. */
export const TILE_D_M = 0.0015;
export const TILE_Z = FACE_Z + TILE_D_M / 2;

/** The free area under the name plate (and MUX tag) of each server, as flat boxes on the face. */
export function vmZones(topo: TopologyInfo): Box[] {
	const n = Math.max(1, topo.racks.length);
	const { w: cellW, h: cellH } = LABEL_CELL.plate;
	const tagBottom = new Map(muxTags(topo).map((t) => [t.node, t.tag.y - t.tag.h / 2]));
	return topo.nodes.map((node, i) => {
		const zone = faceZones(bezelBox(node, n)).label;
		// The name plate (equipment.ts) fills the zone's width at the plate cell's aspect.
		const plateBottom = zone.y + zone.h / 2 - (zone.w * cellH) / cellW;
		const top = Math.min(plateBottom, tagBottom.get(i) ?? plateBottom) - ZONE_GAP_M;
		const bottom = zone.y - zone.h / 2;
		const x0 = zone.x - zone.w / 2;
		return box(x0, x0 + zone.w, bottom, Math.max(bottom, top), FACE_Z, FACE_Z);
	});
}

/** A grid of tiles: columns, centre-to-centre distance and tile side, in metres. */
export interface TileGrid {
	cols: number;
	pitchM: number;
	sideM: number;
}

/**
 * The grid that fits `count` tiles in a `widthM` × `heightM` area with the largest tiles (at
 * most MAX_TILE_PITCH_M apart), then as many columns as that pitch allows, so rows wrap.
 */
export function tileGrid(count: number, widthM: number, heightM: number): TileGrid {
	let best = 0;
	for (let cols = 1; cols <= Math.max(1, count); cols++) {
		const cell = Math.min(widthM / cols, heightM / Math.ceil(Math.max(1, count) / cols));
		if (cell > best) best = cell;
	}
	const pitchM = Math.min(best, MAX_TILE_PITCH_M);
	// The small epsilon keeps float noise from losing the last column of a tight fit.
	const cols = pitchM > 0 ? Math.max(1, Math.floor(widthM / pitchM + 1e-6)) : 1;
	return { cols, pitchM, sideM: pitchM * TILE_FILL };
}

/** Writes the centre of tile `k` of a grid filling `zone` from its top left into `out`. */
export function tileCentre(zone: Box, cols: number, pitchM: number, k: number, out: Vec3Out): void {
	const col = k % cols;
	const row = Math.floor(k / cols);
	out.x = zone.x - zone.w / 2 + (col + 0.5) * pitchM;
	out.y = zone.y + zone.h / 2 - (row + 0.5) * pitchM;
	out.z = TILE_Z;
}

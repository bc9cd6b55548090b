/**
 * Where the MUX tags go (pure arithmetic): a small coloured tag on the front of each server that
 * hosts a MUX VM, just under the server's name plate, carrying the MUX names. One tag per server,
 * however many MUXes it hosts, so tags never stack off the face.
 */
import type { TopologyInfo } from '../sim/topology';
import { faceZones } from './fronts';
import { LABEL_CELL } from './labels';
import { bezelBox, box, FACE_Z, type Box } from './layout';

/** Gap between the name plate and the tag, in metres. */
const TAG_GAP_M = 0.002;
/** Tag thickness: proud of the face, under the whole-face health pattern (fronts.ts LAYER). */
const TAG_D_M = 0.0012;

export interface MuxTag {
	node: number;
	/** "MUX01" or "MUX01 MUX02". */
	text: string;
	/** The coloured tag, and the plane its text is drawn on (just in front of it). */
	tag: Box;
	label: Box;
}

/** A tag for every server that hosts at least one MUX, in node order. */
export function muxTags(topo: TopologyInfo): MuxTag[] {
	const names = new Map<number, string[]>();
	for (const mux of topo.slb?.muxes ?? []) {
		if (!topo.nodes[mux.host]) continue;
		names.set(mux.host, [...(names.get(mux.host) ?? []), mux.name]);
	}
	const n = Math.max(1, topo.racks.length);
	const { w: cellW, h: cellH } = LABEL_CELL.plate;
	return [...names.keys()]
		.sort((a, b) => a - b)
		.map((node) => {
			const zone = faceZones(bezelBox(topo.nodes[node], n)).label;
			// The name plate (equipment.ts) fills the zone's width at the plate cell's aspect.
			const plateH = (zone.w * cellH) / cellW;
			const top = zone.y + zone.h / 2 - plateH - TAG_GAP_M;
			const free = top - (zone.y - zone.h / 2);
			const h = Math.max(0, Math.min(plateH, free));
			const x0 = zone.x - zone.w / 2;
			const w = (h * cellW) / cellH;
			const tag = box(x0, x0 + w, top - h, top, FACE_Z, FACE_Z + TAG_D_M);
			const label = { ...tag, z: FACE_Z + TAG_D_M + 0.0003, d: 0 };
			return { node, text: (names.get(node) ?? []).join(' '), tag, label };
		});
}

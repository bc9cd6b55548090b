/**
 * Cable routes (pure arithmetic): from each server's NIC to a port on every switch (TOR1, TOR2:
 * data; BMC: management), along the vertical cable channel at the right of the rack, in front of
 * the mounting posts. Servers in other racks climb their own channel, cross over the cabinet
 * tops and come down the first rack's channel to the switches.
 */
import type { TopologyInfo } from '../sim/topology';
import { faceZones, portParts, statusParts } from './fronts';
import { bezelBox, FACE_W, FACE_Z, rackHeightM, rackX, RACK } from './layout';
import type { Vec3 } from './callouts';

/** The channel between the equipment's right edge and the side panel, as offsets from rackX. */
const CHANNEL_X0 = FACE_W / 2 + 0.005;
export const CHANNEL_X1 = RACK.widthM / 2 - RACK.panelM - 0.003;
/** Cables lie just in front of the faces (and behind the leader lines). */
export const CABLE_Z = FACE_Z + 0.007;
/** Depth at which cables cross over the cabinet tops, behind the rack signs. */
export const OVER_TOP_Z = 0.2;

export interface CableRoutes {
	/** Line segment end points (x, y, z pairs of vertices). */
	positions: Float32Array;
	/** Distance along the cable at each vertex, in metres (for the dashed look). */
	distances: Float32Array;
	/** First vertex and vertex count of each cable. */
	start: Int32Array;
	count: Int32Array;
	/** Server and switch index of each cable. */
	node: Int32Array;
	sw: Int32Array;
}

/**
 * Port of node `i` on a switch: from the right end of the bottom row, nearest the channel, so
 * cables reach their ports under the switch's health badge rather than across it.
 */
export function portFor(i: number, ports: number): number {
	const cols = Math.max(1, Math.ceil(ports / 2));
	const row = 1 - (Math.floor(i / cols) % 2);
	return Math.min(ports - 1, row * cols + (cols - 1 - (i % cols)));
}

/** The polyline of each cable, node-major (node 0: switch 0, 1, 2; node 1: ...). */
export function cablePolylines(topo: TopologyInfo): Vec3[][] {
	const n = Math.max(1, topo.racks.length);
	const S = topo.switches.length;
	// Lanes across each rack's channel: its own cables, then the ones passing down from others.
	const lanes = new Array<number>(n).fill(0);
	for (const node of topo.nodes) {
		for (const sw of topo.switches) {
			lanes[node.rack]++;
			if (sw.rack !== node.rack) lanes[sw.rack]++;
		}
	}
	const step = lanes.map((l) => Math.min(0.0016, (CHANNEL_X1 - CHANNEL_X0) / Math.max(1, l)));
	const used = new Array<number>(n).fill(0);
	const laneX = (rack: number) => rackX(rack, n) + CHANNEL_X0 + used[rack]++ * step[rack];
	const topY = (rack: number) => rackHeightM(topo.racks[rack]?.heightU ?? 42) + 0.015;
	const out: Vec3[][] = [];
	topo.nodes.forEach((node, i) => {
		const nic = statusParts(faceZones(bezelBox(node, n)).status).nic;
		topo.switches.forEach((sw, s) => {
			const zones = faceZones(bezelBox(sw, n));
			const port = portParts(zones.bays, sw.ports, portFor(i, sw.ports)).socket;
			const y0 = nic.y + (s - (S - 1) / 2) * 0.003;
			const py = port.y;
			const x = laneX(node.rack);
			const points: Vec3[] = [
				[nic.x, y0, nic.z + nic.d / 2],
				[x, y0, CABLE_Z]
			];
			if (sw.rack === node.rack) {
				points.push([x, py, CABLE_Z]);
			} else {
				const top = Math.max(topY(node.rack), topY(sw.rack)) + (i * S + s) * 0.0008;
				const down = laneX(sw.rack);
				points.push(
					[x, top, CABLE_Z],
					[x, top, OVER_TOP_Z],
					[down, top, OVER_TOP_Z],
					[down, top, CABLE_Z],
					[down, py, CABLE_Z]
				);
			}
			points.push([port.x, py, port.z + port.d / 2]);
			out.push(points);
		});
	});
	return out;
}

/** Flattens the polylines into line-segment vertices, one range per cable. */
export function cableRoutes(topo: TopologyInfo): CableRoutes {
	const lines = cablePolylines(topo);
	const verts = lines.reduce((sum, l) => sum + 2 * (l.length - 1), 0);
	const positions = new Float32Array(verts * 3);
	const distances = new Float32Array(verts);
	const S = topo.switches.length;
	const r: CableRoutes = {
		positions,
		distances,
		start: new Int32Array(lines.length),
		count: new Int32Array(lines.length),
		node: Int32Array.from(lines, (_, c) => Math.floor(c / Math.max(1, S))),
		sw: Int32Array.from(lines, (_, c) => c % Math.max(1, S))
	};
	let v = 0;
	lines.forEach((line, c) => {
		r.start[c] = v;
		r.count[c] = 2 * (line.length - 1);
		let dist = 0;
		for (let k = 0; k + 1 < line.length; k++) {
			const [a, b] = [line[k], line[k + 1]];
			positions.set(a, v * 3);
			distances[v++] = dist;
			dist += Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]);
			positions.set(b, v * 3);
			distances[v++] = dist;
		}
	});
	return r;
}

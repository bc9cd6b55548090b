import { describe, expect, it } from 'vitest';
import type { TopologyInfo } from '../sim/topology';
import { bayParts, faceZones, portParts, statusParts } from './fronts';
import { bezelBox, equipmentBox, rackBox, rackInside, type Box } from './layout';
import { freeRuns } from './rack-parts';
import { nodeBayCount } from './target-box';
import { makeTopology } from './test-topology';

const EPS = 1e-9;
const lo = (b: Box) => [b.x - b.w / 2, b.y - b.h / 2, b.z - b.d / 2];
const hi = (b: Box) => [b.x + b.w / 2, b.y + b.h / 2, b.z + b.d / 2];
/** True if `inner` lies within `outer` (faces may touch). */
const inside = (inner: Box, outer: Box) =>
	[0, 1, 2].every((k) => lo(inner)[k] >= lo(outer)[k] - EPS && hi(inner)[k] <= hi(outer)[k] + EPS);
/** True if two boxes share volume (or area, for planes) rather than just touching. */
const overlap = (a: Box, b: Box, axes = [0, 1, 2]) =>
	axes.every((k) => Math.min(hi(a)[k], hi(b)[k]) - Math.max(lo(a)[k], lo(b)[k]) > EPS);
const noPairOverlaps = (boxes: Box[], axes?: number[]) => {
	for (let i = 0; i < boxes.length; i++) {
		for (let j = i + 1; j < boxes.length; j++) {
			if (overlap(boxes[i], boxes[j], axes)) return `${i} and ${j}`;
		}
	}
	return null;
};

/** Every topology shape the product supports: 4..16 servers in 1..4 racks. */
const topologies: [string, TopologyInfo][] = [];
for (const n of [4, 5, 8, 12, 13, 16]) {
	for (const perRack of [4, 6, 16]) {
		const topo = makeTopology(n, { serversPerRack: perRack });
		topologies.push([`${n} nodes in ${topo.racks.length} rack(s)`, topo]);
	}
}
// Large drive counts need a second row of bays; 1U-dense switches need narrow ports.
topologies.push([
	'16 nodes with 4 cache + 20 capacity drives, 54-port switches',
	makeTopology(16, {
		cache: { count: 4, media: 'ssd' },
		capacity: { count: 20, media: 'hdd' },
		ports: 54
	})
]);

/** Footprint on the front face (x and y only), as a plane at z = 0. */
const face = (b: Box): Box => ({ ...b, z: 0, d: 0 });

describe.each(topologies)('layout of %s', (_, topo) => {
	const racks = topo.racks.length;
	const units = [...topo.nodes, ...topo.switches, topo.hlh];

	it('keeps racks apart and every unit inside its own rack', () => {
		expect(noPairOverlaps(topo.racks.map((r, i) => rackBox(i, racks, r.heightU)))).toBeNull();
		for (const u of units)
			expect(inside(equipmentBox(u, racks), rackInside(u.rack, racks, 42))).toBe(true);
	});

	it('never overlaps two units', () => {
		expect(noPairOverlaps(units.map((u) => equipmentBox(u, racks)))).toBeNull();
	});

	it('puts every drive in its server’s bay zone, without overlaps', () => {
		topo.nodes.forEach((node, i) => {
			const zone = faceZones(bezelBox(node, racks)).bays;
			const bays = nodeBayCount(topo, i);
			const parts = node.drives.map((d) => bayParts(zone, bays, topo.drives[d].bay));
			for (const p of parts) {
				expect(inside(face(p.trim), face(zone))).toBe(true);
				expect(inside(face(p.slab), face(p.trim))).toBe(true);
				expect(inside(face(p.led), face(p.slab))).toBe(true);
				// Nothing sinks into the bezel; the slab stands proud of its trim.
				expect(p.trim.z - p.trim.d / 2).toBeGreaterThanOrEqual(zone.z - EPS);
				expect(hi(p.slab)[2]).toBeGreaterThan(hi(p.trim)[2]);
			}
			// Bays are side by side on the face: compare their footprints (x and y).
			expect(
				noPairOverlaps(
					parts.map((p) => p.trim),
					[0, 1]
				)
			).toBeNull();
		});
	});

	it('places label, bays and status zones side by side on every face', () => {
		for (const u of units) {
			const bezel = bezelBox(u, racks);
			const z = faceZones(bezel);
			for (const zone of [z.label, z.bays, z.status]) {
				expect(inside(face(zone), face(bezel))).toBe(true);
			}
			expect(noPairOverlaps([z.label, z.bays, z.status], [0, 1])).toBeNull();
			const { badge, nic } = statusParts(z.status);
			expect(inside(face(badge), face(z.status))).toBe(true);
			expect(inside(face(nic), face(z.status))).toBe(true);
			expect(overlap(badge, nic, [0, 1])).toBe(false);
		}
	});

	it('fits every switch port in its zone without overlaps', () => {
		for (const sw of topo.switches) {
			const zone = faceZones(bezelBox(sw, racks)).bays;
			const parts = Array.from({ length: sw.ports }, (_, p) => portParts(zone, sw.ports, p));
			const flat = parts.flatMap((p) => [p.socket, p.led]);
			for (const b of flat) expect(inside(face(b), face(zone))).toBe(true);
			expect(noPairOverlaps(flat, [0, 1])).toBeNull();
		}
	});
});

describe('free rack units', () => {
	it('finds the runs that need blanking plates', () => {
		const occupied = [true, true, false, false, true, false];
		expect(freeRuns(occupied)).toEqual([
			[3, 2],
			[6, 1]
		]);
		expect(freeRuns([])).toEqual([]);
	});
});

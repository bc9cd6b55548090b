import { describe, expect, it } from 'vitest';
import { faceZones } from './fronts';
import { bezelBox, FACE_Z } from './layout';
import { muxTags } from './mux-tags';
import { makeTopology, withSlb } from './test-topology';
import { MAX_TILE_PITCH_M, tileCentre, tileGrid, TILE_D_M, TILE_FILL, vmZones } from './vm-layout';

const topo = makeTopology(4);
const zones = vmZones(topo);
const zone = zones[0];

/** Every tile of a `count`-tile grid in `zone`: centres and the side. */
function tiles(count: number, box = zone) {
	const grid = tileGrid(count, box.w, box.h);
	return Array.from({ length: count }, (_, k) => {
		const out = { x: 0, y: 0, z: 0 };
		tileCentre(box, grid.cols, grid.pitchM, k, out);
		return { ...out, side: grid.sideM };
	});
}

describe('VM zones', () => {
	it('lie on each server face, inside its name zone and under the name plate', () => {
		expect(zones).toHaveLength(4);
		zones.forEach((z, i) => {
			const label = faceZones(bezelBox(topo.nodes[i], 1)).label;
			expect(z.z).toBe(FACE_Z);
			expect(z.x - z.w / 2).toBeCloseTo(label.x - label.w / 2, 9);
			expect(z.w).toBeCloseTo(label.w, 9);
			expect(z.y - z.h / 2).toBeCloseTo(label.y - label.h / 2, 9);
			// The name plate takes the zone's top quarter or so; the tiles get more than half.
			expect(z.y + z.h / 2).toBeLessThan(label.y + label.h / 2 - 0.02);
			expect(z.h).toBeGreaterThan(label.h / 2);
		});
	});

	it('stop under the MUX tag on servers that host a MUX', () => {
		const slb = withSlb(topo);
		const withMux = vmZones(slb);
		for (const tag of muxTags(slb)) {
			const z = withMux[tag.node];
			expect(z.y + z.h / 2).toBeLessThan(tag.tag.y - tag.tag.h / 2);
			expect(z.h).toBeGreaterThan(0.02);
		}
		// Servers without a MUX keep the taller zone.
		expect(withMux[1].h).toBeCloseTo(zones[1].h, 9);
	});
});

describe('tile grid', () => {
	it('puts a few VMs in one row of the largest tiles', () => {
		const grid = tileGrid(7, zone.w, zone.h);
		expect(grid.pitchM).toBe(MAX_TILE_PITCH_M);
		expect(grid.sideM).toBeCloseTo(MAX_TILE_PITCH_M * TILE_FILL, 9);
		const ys = new Set(tiles(7).map((t) => t.y.toFixed(6)));
		expect(ys.size).toBe(1);
	});

	it('shrinks tiles and wraps rows as the count grows, always inside the zone', () => {
		let previous = Infinity;
		for (const count of [1, 7, 20, 40, 70, 90, 120, 200]) {
			const list = tiles(count);
			const side = list[0].side;
			expect(side).toBeLessThanOrEqual(previous);
			previous = side;
			for (const t of list) {
				expect(t.x - side / 2).toBeGreaterThanOrEqual(zone.x - zone.w / 2 - 1e-9);
				expect(t.x + side / 2).toBeLessThanOrEqual(zone.x + zone.w / 2 + 1e-9);
				expect(t.y - side / 2).toBeGreaterThanOrEqual(zone.y - zone.h / 2 - 1e-9);
				expect(t.y + side / 2).toBeLessThanOrEqual(zone.y + zone.h / 2 + 1e-9);
				expect(t.z).toBeCloseTo(FACE_Z + TILE_D_M / 2, 9);
			}
			// No two tiles share a place.
			expect(new Set(list.map((t) => `${t.x.toFixed(6)},${t.y.toFixed(6)}`)).size).toBe(count);
		}
	});

	it('still shows a full server (60 tenant VMs and a share of the infrastructure) legibly', () => {
		const list = tiles(70);
		expect(list[0].side).toBeGreaterThan(0.005);
		expect(new Set(list.map((t) => t.y.toFixed(6))).size).toBeGreaterThan(1);
		// A MUX server's smaller zone too.
		const slbZone = vmZones(withSlb(topo))[0];
		expect(tiles(70, slbZone)[0].side).toBeGreaterThan(0.003);
	});

	it('fills from the top left, a row at a time', () => {
		const list = tiles(20);
		const grid = tileGrid(20, zone.w, zone.h);
		expect(list[0].x).toBeLessThan(list[1].x);
		expect(list[0].y).toBeCloseTo(list[1].y, 9);
		expect(list[grid.cols].y).toBeLessThan(list[0].y);
		expect(list[grid.cols].x).toBeCloseTo(list[0].x, 9);
	});

	it('copes with no tiles and a zone with no room', () => {
		expect(tileGrid(0, zone.w, zone.h).cols).toBeGreaterThanOrEqual(1);
		expect(tileGrid(5, 0.05, 0)).toMatchObject({ cols: 1, pitchM: 0, sideM: 0 });
	});
});

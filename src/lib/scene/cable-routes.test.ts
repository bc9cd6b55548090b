import { describe, expect, it } from 'vitest';
import { cablePolylines, cableRoutes, portFor } from './cable-routes';
import { faceZones, portParts, statusParts } from './fronts';
import { bezelBox, FACE_W, rackHeightM, rackX, RACK } from './layout';
import { makeTopology } from './test-topology';

describe('cable routes', () => {
	it('gives each server its own port, bottom row nearest the channel first', () => {
		const ports = Array.from({ length: 48 }, (_, i) => portFor(i, 48));
		expect(new Set(ports).size).toBe(48);
		expect(Math.min(...ports)).toBe(0);
		expect(Math.max(...ports)).toBe(47);
		expect(portFor(0, 48)).toBe(47);
		expect(portFor(24, 48)).toBe(23);
	});

	it.each([
		[4, 8],
		[16, 8],
		[16, 4]
	])('runs %i servers (%i a rack) from the NIC to their port on every switch', (n, perRack) => {
		const topo = makeTopology(n, { serversPerRack: perRack });
		const racks = topo.racks.length;
		const lines = cablePolylines(topo);
		expect(lines).toHaveLength(n * topo.switches.length);
		lines.forEach((line, c) => {
			const node = topo.nodes[Math.floor(c / topo.switches.length)];
			const sw = topo.switches[c % topo.switches.length];
			const nic = statusParts(faceZones(bezelBox(node, racks)).status).nic;
			const zones = faceZones(bezelBox(sw, racks));
			const port = portParts(zones.bays, sw.ports, portFor(node.id, sw.ports)).socket;
			const [start, end] = [line[0], line.at(-1)!];
			expect(start[0]).toBeCloseTo(nic.x);
			expect(Math.abs(start[1] - nic.y)).toBeLessThan(bezelBox(node, racks).h / 2);
			expect(end[0]).toBeCloseTo(port.x);
			expect(end[1]).toBeCloseTo(port.y);
			// Between the ends a cable stays in a rack's side channel or above the cabinets.
			for (const [x, y] of line.slice(1, -1)) {
				const inChannel = topo.racks.some((_, r) => {
					const dx = x - rackX(r, racks);
					return dx > FACE_W / 2 && dx < RACK.widthM / 2 - RACK.panelM;
				});
				expect(inChannel || y > rackHeightM(42)).toBe(true);
			}
			// Servers in other racks reach the switches across the top.
			const top = Math.max(...line.map((p) => p[1]));
			expect(top > rackHeightM(42)).toBe(node.rack !== sw.rack);
		});
	});

	it('flattens polylines into segments with a running length', () => {
		const topo = makeTopology(5, { serversPerRack: 4 });
		const lines = cablePolylines(topo);
		const routes = cableRoutes(topo);
		expect(routes.start[0]).toBe(0);
		lines.forEach((line, c) => {
			expect(routes.count[c]).toBe(2 * (line.length - 1));
			expect(routes.node[c]).toBe(Math.floor(c / 3));
			expect(routes.sw[c]).toBe(c % 3);
			const v = routes.start[c];
			expect(routes.distances[v]).toBe(0);
			expect(Array.from(routes.positions.subarray(v * 3, v * 3 + 3))).toEqual(
				line[0].map(Math.fround)
			);
			const last = routes.distances[v + routes.count[c] - 1];
			expect(last).toBeGreaterThan(0.1);
		});
		expect(routes.positions.length).toBe(3 * routes.distances.length);
	});
});

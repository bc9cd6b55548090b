import { describe, expect, it } from 'vitest';
import { borderLayout, internetText, ROUTER_GAP_M } from './border-layout';
import { cablePolylines } from './cable-routes';
import { faceZones } from './fronts';
import { LABEL_CELL } from './labels';
import { bezelBox, rackHeightM, rackX, RACK, type Box } from './layout';
import { muxTags } from './mux-tags';
import { makeTopology, withSlb } from './test-topology';

const inside = (p: readonly number[], b: Box, slack = 1e-6) =>
	Math.abs(p[0] - b.x) <= b.w / 2 + slack && Math.abs(p[1] - b.y) <= b.h / 2 + slack;

describe('border router layout', () => {
	it('exists only with an SLB and a TOR to cable it to', () => {
		const plain = makeTopology(4);
		expect(borderLayout(plain)).toBeNull();
		expect(borderLayout({ ...withSlb(plain), switches: [] })).toBeNull();
		expect(borderLayout(withSlb(plain))).not.toBeNull();
	});

	it.each([
		[4, 16],
		[16, 8]
	])(
		'stands right of the row, level with TOR1, the Internet beyond it (%i servers)',
		(nodes, per) => {
			const topo = withSlb(makeTopology(nodes, { serversPerRack: per }));
			const b = borderLayout(topo)!;
			const n = topo.racks.length;
			const rowRight = rackX(n - 1, n) + RACK.widthM / 2;
			expect(b.bezel.x - b.bezel.w / 2).toBeCloseTo(rowRight + ROUTER_GAP_M, 6);
			const tor = bezelBox(topo.switches[0], n);
			expect(b.bezel.y).toBeCloseTo(tor.y, 6);
			expect(b.internet.x - b.internet.w / 2).toBeGreaterThan(b.bezel.x + b.bezel.w / 2);
			// The frame stands on the floor and holds the router.
			for (const post of b.frame.slice(0, 2)) {
				expect(post.y - post.h / 2).toBe(0);
				expect(post.y + post.h / 2).toBeGreaterThan(b.bezel.y + b.bezel.h / 2);
			}
		}
	);

	it('cables TOR1 to the router’s first port over the cabinet tops, on a port no server uses', () => {
		const topo = withSlb(makeTopology(16, { serversPerRack: 8 }));
		const b = borderLayout(topo)!;
		const n = topo.racks.length;
		const tor = topo.switches[0];
		const start = b.cable[0];
		expect(inside(start, faceZones(bezelBox(tor, n)).bays)).toBe(true);
		const end = b.cable.at(-1)!;
		expect(inside(end, b.sockets[0])).toBe(true);
		// Server cables end on TOR1 ports elsewhere (the last point of each cable to switch 0).
		const S = topo.switches.length;
		const lines = cablePolylines(topo);
		for (let i = 0; i < topo.nodes.length; i++) {
			const p = lines[i * S].at(-1)!;
			expect(Math.hypot(p[0] - start[0], p[1] - start[1])).toBeGreaterThan(0.005);
		}
		// Wherever the cable is outside rack 1's width, it runs above every cabinet.
		const top = rackHeightM(42);
		const rack0Right = rackX(0, n) + RACK.widthM / 2;
		for (let k = 0; k + 1 < b.cable.length; k++) {
			const [p, q] = [b.cable[k], b.cable[k + 1]];
			if (Math.max(p[0], q[0]) > rack0Right && p[0] < b.bezel.x - b.bezel.w / 2) {
				expect(Math.min(p[1], q[1])).toBeGreaterThan(top);
			}
		}
	});

	it('labels the router with its name, left of it, and lists the clients on the Internet sign', () => {
		const topo = withSlb(makeTopology(4), { router: { name: 'Edge7' } });
		const b = borderLayout(topo)!;
		expect(b.callout.text).toBe('Edge7');
		expect(b.routerName).toBe('Edge7');
		expect(b.callout.leader.at(-1)).toEqual(b.callout.anchor);
		expect(b.callout.anchor[0]).toBeLessThan(b.bezel.x - b.bezel.w / 2);
		expect(inside(b.callout.leader[0], b.bezel)).toBe(true);
		expect(b.internetText).toBe('Internet: client1, client2');
		expect(internetText([])).toBe('Internet');
		expect(b.internet.w / b.internet.h).toBeCloseTo(LABEL_CELL.sign.w / LABEL_CELL.sign.h, 6);
	});
});

describe('MUX tags', () => {
	it('puts one tag per MUX host under its name plate, naming every MUX there', () => {
		const base = makeTopology(6);
		const topo = withSlb(base, {
			muxes: [
				{ name: 'MUX01', host: 3 },
				{ name: 'MUX02', host: 1 },
				{ name: 'MUX03', host: 3 },
				{ name: 'MUX04', host: 99 }
			]
		});
		const tags = muxTags(topo);
		expect(tags.map((t) => [t.node, t.text])).toEqual([
			[1, 'MUX02'],
			[3, 'MUX01 MUX03']
		]);
		for (const t of tags) {
			const zone = faceZones(bezelBox(topo.nodes[t.node], 1)).label;
			expect(inside([t.tag.x, t.tag.y + t.tag.h / 2], zone)).toBe(true);
			expect(inside([t.tag.x, t.tag.y - t.tag.h / 2], zone)).toBe(true);
			// Below the name plate (which fills the top of the zone at the plate cell's aspect).
			const plateBottom = zone.y + zone.h / 2 - (zone.w * LABEL_CELL.plate.h) / LABEL_CELL.plate.w;
			expect(t.tag.y + t.tag.h / 2).toBeLessThan(plateBottom);
			expect(t.tag.h).toBeGreaterThan(0.01);
			expect(t.label.z).toBeGreaterThan(t.tag.z + t.tag.d / 2);
		}
		expect(muxTags(base)).toEqual([]);
	});
});

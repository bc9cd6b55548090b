import { describe, expect, it } from 'vitest';
import { equipmentBox } from './layout';
import { makeTopology } from './test-topology';
import { VmRoutes } from './vm-paths';

const topo = makeTopology(4);
const routes = new VmRoutes(topo);
const a = { x: -0.2, y: 0.2, z: 0.46 };
const b = { x: -0.2, y: 0.4, z: 0.46 };
const at = (from: number, to: number, f: number) => {
	const out = { x: 0, y: 0, z: 0 };
	expect(routes.positionAt(a, from, b, to, f, out)).toBe(true);
	return out;
};

describe('VmRoutes', () => {
	it('runs from one place to the other, up through the top-of-rack switch', () => {
		expect(at(0, 3, 0)).toEqual(a);
		const end = at(0, 3, 1);
		for (const k of ['x', 'y', 'z'] as const) expect(end[k]).toBeCloseTo(b[k], 6);
		const tor = topo.switches.findIndex((s) => s.kind === 'tor');
		const box = equipmentBox(topo.switches[tor], 1);
		const top = Math.max(...Array.from({ length: 21 }, (_, k) => at(0, 3, k / 20).y));
		expect(top).toBeGreaterThan(box.y - box.h / 2 - 0.005);
		expect(routes.length(a, 0, b, 3)).toBeGreaterThan(2 * (top - b.y));
	});

	it('keeps one speed: equal steps of progress cover equal distances', () => {
		const length = routes.length(a, 1, b, 2);
		const p = at(1, 2, 0.2);
		const q = at(1, 2, 0.22);
		// On the straight climb up the cable channel a step of 0.02 is 2 % of the route.
		expect(Math.hypot(q.x - p.x, q.y - p.y, q.z - p.z)).toBeCloseTo(0.02 * length, 3);
	});

	it('goes straight within one server, and refuses unknown servers', () => {
		const mid = at(2, 2, 0.5);
		expect(mid.y).toBeCloseTo((a.y + b.y) / 2, 9);
		expect(routes.length(a, 2, b, 2)).toBeCloseTo(0.2, 9);
		expect(routes.positionAt(a, 0, b, 9, 0.5, { x: 0, y: 0, z: 0 })).toBe(false);
	});
});

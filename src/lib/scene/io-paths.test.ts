import { describe, expect, it } from 'vitest';
import { IoKind } from '../sim/frame';
import type { TopologyInfo } from '../sim/topology';
import { cablePolylines } from './cable-routes';
import { IO_LIFT_M, IoPaths } from './io-paths';
import type { Vec3Out } from './packet-paths';
import { targetAnchor } from './target-box';
import { makeTopology } from './test-topology';

// Two racks of four, so some remote transfers also cross over the cabinet tops.
const topo = makeTopology(8, { serversPerRack: 4 });
const paths = new IoPaths(topo);
const S = topo.switches.length;
const tor = topo.switches.findIndex((s) => s.kind === 'tor');

const at = (p: IoPaths, node: number, drive: number, kind: number, t: number): Vec3Out => {
	const out = { x: NaN, y: NaN, z: NaN };
	expect(p.positionAt(node, drive, kind, t, out)).toBe(true);
	return out;
};
const lifted = (t: TopologyInfo, kind: 'node' | 'drive', index: number) => {
	const a = targetAnchor(t, { kind, index });
	if (!a) throw new Error(`no ${kind} ${index}`);
	return [a[0], a[1], a[2] + IO_LIFT_M];
};
const near = (p: Vec3Out, q: readonly number[], digits = 5) => {
	expect(p.x).toBeCloseTo(q[0], digits);
	expect(p.y).toBeCloseTo(q[1], digits);
	expect(p.z).toBeCloseTo(q[2], digits);
};
const dist = (p: Vec3Out, q: readonly number[]) => Math.hypot(p.x - q[0], p.y - q[1], p.z - q[2]);
/** A drive of `node` with `role`. */
const driveOf = (node: number, role: 'cache' | 'capacity', k = 0) =>
	topo.nodes[node].drives.filter((d) => topo.drives[d].role === role)[k];
/** Samples a path at `steps` + 1 evenly spaced progress values. */
const sample = (node: number, drive: number, kind: number, steps = 400) =>
	Array.from({ length: steps + 1 }, (_, k) => at(paths, node, drive, kind, k / steps));

describe('storage transfer paths', () => {
	it('runs a write inside one server straight from its name plate to the drive', () => {
		const d = driveOf(2, 'capacity', 1);
		near(at(paths, 2, d, IoKind.write, 0), lifted(topo, 'node', 2));
		near(at(paths, 2, d, IoKind.write, 1), lifted(topo, 'drive', d));
		const mid = at(paths, 2, d, IoKind.write, 0.5);
		const [a, b] = [lifted(topo, 'node', 2), lifted(topo, 'drive', d)];
		near(mid, [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2]);
	});

	it('sends a write to another server through the TOR: both cables, NIC ends and switch ends', () => {
		for (const [from, to] of [
			[0, 1],
			[1, 6],
			[7, 3]
		]) {
			const d = driveOf(to, 'capacity', 2);
			const points = sample(from, d, IoKind.write, 2000);
			near(points[0], lifted(topo, 'node', from));
			near(points[points.length - 1], lifted(topo, 'drive', d));
			const lines = cablePolylines(topo);
			for (const node of [from, to]) {
				const line = lines[node * S + tor];
				for (const end of [line[0], line[line.length - 1]]) {
					const target = [end[0], end[1], end[2] + IO_LIFT_M];
					const closest = Math.min(...points.map((p) => dist(p, target)));
					expect(closest, `${from}→${to}, cable of ${node}`).toBeLessThan(0.01);
				}
			}
		}
	});

	it('moves at one speed and never jumps', () => {
		const points = sample(5, driveOf(1, 'capacity', 3), IoKind.write);
		const steps = points.slice(1).map((p, k) => dist(p, [points[k].x, points[k].y, points[k].z]));
		const total = steps.reduce((a, b) => a + b, 0);
		expect(total).toBeGreaterThan(1);
		// A step may cut a corner, so it can be shorter than its share but never longer.
		for (const s of steps) expect(s).toBeLessThanOrEqual(total / steps.length + 1e-4);
	});

	it('runs a read the same way backwards, and resync and rotation like writes', () => {
		const d = driveOf(4, 'capacity', 0);
		for (const t of [0, 0.1, 0.37, 0.5, 0.81, 1]) {
			const write = at(paths, 1, d, IoKind.write, t);
			near(at(paths, 1, d, IoKind.read, 1 - t), [write.x, write.y, write.z]);
			expect(at(paths, 1, d, IoKind.resync, t)).toEqual(write);
			expect(at(paths, 1, d, IoKind.rotate, t)).toEqual(write);
		}
		near(at(paths, 1, d, IoKind.read, 1), lifted(topo, 'node', 1));
	});

	it("de-stages from the server's first cache drive to the capacity drive", () => {
		const d = driveOf(3, 'capacity', 2);
		near(at(paths, 3, d, IoKind.destage, 0), lifted(topo, 'drive', driveOf(3, 'cache')));
		near(at(paths, 3, d, IoKind.destage, 1), lifted(topo, 'drive', d));
	});

	it('clamps progress to 0..1', () => {
		const d = driveOf(6, 'capacity');
		expect(at(paths, 0, d, IoKind.write, -2)).toEqual(at(paths, 0, d, IoKind.write, 0));
		expect(at(paths, 0, d, IoKind.write, 7)).toEqual(at(paths, 0, d, IoKind.write, 1));
	});

	it('goes straight between servers when there is no TOR to go through', () => {
		const bare = new IoPaths({ ...topo, switches: topo.switches.filter((s) => s.kind !== 'tor') });
		const d = driveOf(5, 'capacity');
		near(at(bare, 0, d, IoKind.write, 0), lifted(topo, 'node', 0));
		near(at(bare, 0, d, IoKind.write, 1), lifted(topo, 'drive', d));
	});

	it('refuses unknown servers, drives and kinds and leaves `out` alone', () => {
		const out = { x: 1, y: 2, z: 3 };
		expect(paths.positionAt(99, 0, IoKind.write, 0.5, out)).toBe(false);
		expect(paths.positionAt(-1, 0, IoKind.write, 0.5, out)).toBe(false);
		expect(paths.positionAt(0, topo.drives.length, IoKind.read, 0.5, out)).toBe(false);
		expect(paths.positionAt(0, 0, 5, 0.5, out)).toBe(false);
		expect(out).toEqual({ x: 1, y: 2, z: 3 });
	});
});

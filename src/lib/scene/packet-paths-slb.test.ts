import { describe, expect, it } from 'vitest';
import { BORDER_NODE, PacketHop, TOR_NODE } from '../sim/frame';
import { borderLayout } from './border-layout';
import { PACKET_LIFT_M, PacketPaths, type Vec3Out } from './packet-paths';
import { makeTopology, withSlb } from './test-topology';

const topo = withSlb(makeTopology(8, { serversPerRack: 4 }));
const cable = borderLayout(topo)!.cable;
const paths = new PacketPaths(topo);
const at = (hop: number, from: number, to: number, t: number): Vec3Out => {
	const out = { x: NaN, y: NaN, z: NaN };
	expect(paths.positionAt(hop, from, to, t, out)).toBe(true);
	return out;
};
const near = (a: Vec3Out, b: readonly number[]) => {
	expect(a.x).toBeCloseTo(b[0], 5);
	expect(a.y).toBeCloseTo(b[1], 5);
	expect(a.z).toBeCloseTo(b[2] + PACKET_LIFT_M, 5);
};

describe('packet positions on the border router’s cable', () => {
	it('runs TOR → border router from the TOR1 port (0) to the router port (1)', () => {
		near(at(PacketHop.torToBorder, TOR_NODE, BORDER_NODE, 0), cable[0]);
		near(at(PacketHop.torToBorder, TOR_NODE, BORDER_NODE, 1), cable.at(-1)!);
	});

	it('runs border router → TOR the other way, through the same points', () => {
		near(at(PacketHop.borderToTor, BORDER_NODE, TOR_NODE, 0), cable.at(-1)!);
		near(at(PacketHop.borderToTor, BORDER_NODE, TOR_NODE, 1), cable[0]);
		for (const t of [0.1, 0.37, 0.8]) {
			const a = at(PacketHop.borderToTor, BORDER_NODE, TOR_NODE, t);
			const b = at(PacketHop.torToBorder, TOR_NODE, BORDER_NODE, 1 - t);
			expect(a.x).toBeCloseTo(b.x, 5);
			expect(a.y).toBeCloseTo(b.y, 5);
			expect(a.z).toBeCloseTo(b.z, 5);
		}
	});

	it('moves away from TOR1 as progress grows, over the cabinet tops in the middle', () => {
		const mid = at(PacketHop.torToBorder, TOR_NODE, BORDER_NODE, 0.5);
		expect(mid.y).toBeGreaterThan(cable[0][1]);
		let previous = -Infinity;
		for (let k = 0; k <= 10; k++) {
			const p = at(PacketHop.torToBorder, TOR_NODE, BORDER_NODE, k / 10);
			// Past the climb up the channel, x only grows towards the router.
			if (k >= 5) expect(p.x).toBeGreaterThanOrEqual(previous - 1e-6);
			previous = p.x;
		}
	});

	it('refuses border hops with the wrong ends, and any border hop without an SLB', () => {
		const out = { x: 0, y: 0, z: 0 };
		expect(paths.positionAt(PacketHop.torToBorder, BORDER_NODE, TOR_NODE, 0.5, out)).toBe(false);
		expect(paths.positionAt(PacketHop.borderToTor, BORDER_NODE, 2, 0.5, out)).toBe(false);
		expect(paths.positionAt(PacketHop.borderToTor, TOR_NODE, TOR_NODE, 0.5, out)).toBe(false);
		const plain = new PacketPaths(makeTopology(8, { serversPerRack: 4 }));
		expect(plain.positionAt(PacketHop.borderToTor, BORDER_NODE, TOR_NODE, 0.5, out)).toBe(false);
		expect(out).toEqual({ x: 0, y: 0, z: 0 });
		// Host hops are unchanged by the SLB.
		expect(paths.positionAt(PacketHop.hostToTor, 3, TOR_NODE, 0.5, out)).toBe(true);
	});
});

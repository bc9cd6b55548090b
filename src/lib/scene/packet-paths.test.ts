import { describe, expect, it } from 'vitest';
import { PacketHop, TOR_NODE } from '../sim/frame';
import { cablePolylines } from './cable-routes';
import { PACKET_LIFT_M, PacketPaths, type Vec3Out } from './packet-paths';
import { makeTopology } from './test-topology';

const topo = makeTopology(8, { serversPerRack: 4 });
const paths = new PacketPaths(topo);
const tor = topo.switches.findIndex((s) => s.kind === 'tor');
const S = topo.switches.length;
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

describe('packet positions along a hop', () => {
	it('runs a host→TOR hop from the NIC end (0) to the switch port (1) of the cable', () => {
		for (let node = 0; node < topo.nodes.length; node++) {
			const line = cablePolylines(topo)[node * S + tor];
			near(at(PacketHop.hostToTor, node, TOR_NODE, 0), line[0]);
			near(at(PacketHop.hostToTor, node, TOR_NODE, 1), line[line.length - 1]);
		}
	});

	it('runs a TOR→host hop the other way', () => {
		const line = cablePolylines(topo)[5 * S + tor];
		near(at(PacketHop.torToHost, TOR_NODE, 5, 0), line[line.length - 1]);
		near(at(PacketHop.torToHost, TOR_NODE, 5, 1), line[0]);
	});

	it('lies on the cable in between and moves monotonically along it', () => {
		const line = cablePolylines(topo)[6 * S + tor];
		let previous = -1;
		for (let k = 0; k <= 20; k++) {
			const p = at(PacketHop.hostToTor, 6, TOR_NODE, k / 20);
			// Distance from the NIC end measured along the polyline's segments.
			let best = Infinity;
			let along = 0;
			let walked = 0;
			for (let s = 0; s + 1 < line.length; s++) {
				const [a, b] = [line[s], line[s + 1]];
				const len = Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]);
				const f =
					len > 0
						? Math.min(
								1,
								Math.max(
									0,
									((p.x - a[0]) * (b[0] - a[0]) +
										(p.y - a[1]) * (b[1] - a[1]) +
										(p.z - PACKET_LIFT_M - a[2]) * (b[2] - a[2])) /
										(len * len)
								)
							)
						: 0;
				const d = Math.hypot(
					a[0] + (b[0] - a[0]) * f - p.x,
					a[1] + (b[1] - a[1]) * f - p.y,
					a[2] + (b[2] - a[2]) * f + PACKET_LIFT_M - p.z
				);
				if (d < best - 1e-9) {
					best = d;
					along = walked + f * len;
				}
				walked += len;
			}
			expect(best).toBeLessThan(1e-5);
			expect(along).toBeGreaterThanOrEqual(previous - 1e-6);
			previous = along;
		}
	});

	it('keeps in-host hops in front of their server, the vSwitch end at the NIC', () => {
		const a = at(PacketHop.vnicToVswitch, 2, 2, 0);
		const b = at(PacketHop.vnicToVswitch, 2, 2, 1);
		const back0 = at(PacketHop.vswitchToVnic, 2, 2, 0);
		const back1 = at(PacketHop.vswitchToVnic, 2, 2, 1);
		expect(back0).toEqual(b);
		expect(back1).toEqual(a);
		expect(b.x).toBeGreaterThan(a.x);
		// The NIC end of the host's cable is where the host→TOR hop starts.
		const start = at(PacketHop.hostToTor, 2, TOR_NODE, 0);
		expect(b.y).toBeCloseTo(start.y, 2);
	});

	it('refuses hops that name no known node', () => {
		const out = { x: 0, y: 0, z: 0 };
		expect(paths.positionAt(PacketHop.hostToTor, 99, TOR_NODE, 0.5, out)).toBe(false);
		expect(paths.positionAt(PacketHop.hostToTor, 1, 2, 0.5, out)).toBe(false);
		expect(paths.positionAt(9, 1, 1, 0.5, out)).toBe(false);
		expect(out).toEqual({ x: 0, y: 0, z: 0 });
	});
});

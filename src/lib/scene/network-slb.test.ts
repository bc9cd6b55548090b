import { Color, type BufferAttribute } from 'three';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BORDER_NODE, PacketFlags, PacketHop, TOR_NODE, type FramePacket } from '../sim/frame';
import { Health } from '../sim/health';
import { Network } from './network';
import { SCENE_COLORS } from './palette';
import { makeTopology, testFrame, withSlb } from './test-topology';

const topo = withSlb(makeTopology(4));
const frame = (change?: Parameters<typeof testFrame>[1]) => testFrame(topo, change);
const onBorder = (flags: number, hop: number = PacketHop.borderToTor): FramePacket => ({
	packetId: 9,
	hop,
	flags,
	fromNode: hop === PacketHop.borderToTor ? BORDER_NODE : TOR_NODE,
	toNode: hop === PacketHop.borderToTor ? TOR_NODE : BORDER_NODE,
	progress: 0.5
});

let net: Network;
beforeEach(() => {
	vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
	net = new Network(topo, false);
});
afterEach(() => {
	net.dispose();
	vi.restoreAllMocks();
});

/** Colour and dashed flag of extra cable k (0: TOR1 to the router, 1: router to Internet). */
const extra = (k: number) => {
	const [r, g, b, dashed] = net.wires.vertexColor(net.wires.extras[k].start);
	return { color: new Color(r, g, b), dashed: dashed > 0.5 };
};
const same = (a: Color, hex: string) => {
	const b = new Color(hex);
	return Math.abs(a.r - b.r) < 1e-6 && Math.abs(a.g - b.g) < 1e-6 && Math.abs(a.b - b.b) < 1e-6;
};
const colorVersion = () =>
	(net.wires.lines.geometry.getAttribute('aColor') as BufferAttribute).version;

describe('Network with a Software Load Balancer', () => {
	it('adds the router’s cable and uplink, the router parts and its label; none without an SLB', () => {
		expect(net.wires.extras).toHaveLength(2);
		expect(net.wires.extras.every((e) => e.count >= 2)).toBe(true);
		expect(net.border).not.toBeNull();
		expect(net.labels.mesh.count).toBe(
			net.list.length + 1 + topo.nodes.length + topo.switches.length
		);
		for (const k of [0, 1]) {
			expect(same(extra(k).color, SCENE_COLORS.cable)).toBe(true);
			expect(extra(k).dashed).toBe(false);
		}
		const plain = new Network(makeTopology(4), false);
		expect(plain.wires.extras).toHaveLength(0);
		expect(plain.border).toBeNull();
		plain.dispose();
	});

	it('lights the border cable while a packet is on it, in its SLB colour, then lets go', () => {
		net.apply(frame());
		const before = colorVersion();
		net.apply(frame((s) => (s.packets = [onBorder(PacketFlags.loadBalanced)])));
		expect(same(extra(0).color, SCENE_COLORS.packetLoadBalanced)).toBe(true);
		expect(colorVersion()).toBe(before + 1);
		net.apply(frame((s) => (s.packets = [onBorder(PacketFlags.loadBalanced)])));
		expect(colorVersion()).toBe(before + 1);
		const dsr = PacketFlags.loadBalanced | PacketFlags.directReturn;
		net.apply(frame((s) => (s.packets = [onBorder(dsr, PacketHop.torToBorder)])));
		expect(same(extra(0).color, SCENE_COLORS.packetDirectReturn)).toBe(true);
		net.apply(frame());
		expect(same(extra(0).color, SCENE_COLORS.cable)).toBe(true);
		// The uplink to the Internet is drawn only; it never lights.
		expect(same(extra(1).color, SCENE_COLORS.cable)).toBe(true);
	});

	it('draws the border cable dark and dashed while TOR1 is down', () => {
		net.apply(frame((s) => (s.switchHealth[0] = Health.failed)));
		expect(extra(0).dashed).toBe(true);
		expect(same(extra(0).color, SCENE_COLORS.cableDown)).toBe(true);
		// TOR2 failing does not cut the router off.
		net.apply(frame((s) => (s.switchHealth[1] = Health.failed)));
		expect(extra(0).dashed).toBe(false);
	});

	it('lights a DSR reply’s server cable, whose other end is outside, in the DSR colour', () => {
		const reply: FramePacket = {
			...onBorder(PacketFlags.loadBalanced | PacketFlags.directReturn, PacketHop.hostToTor),
			fromNode: 2,
			toNode: TOR_NODE,
			pathSrc: 2
		};
		net.apply(frame((s) => (s.packets = [reply])));
		const S = topo.switches.length;
		const [r, g, b] = net.wires.vertexColor(net.wires.routes.start[2 * S]);
		expect(same(new Color(r, g, b), SCENE_COLORS.packetDirectReturn)).toBe(true);
		// It is not on the border cable yet.
		expect(same(extra(0).color, SCENE_COLORS.cable)).toBe(true);
	});

	it('keeps the number of meshes fixed however many MUXes there are', () => {
		const meshes = (muxes: number) => {
			const t = withSlb(makeTopology(8), {
				muxes: Array.from({ length: muxes }, (_, i) => ({ name: `MUX${i}`, host: i }))
			});
			const n = new Network(t, false);
			let count = 0;
			n.root.traverse((o) => (count += 'isMesh' in o ? 1 : 0));
			n.dispose();
			return count;
		};
		expect(meshes(8)).toBe(meshes(1));
	});
});

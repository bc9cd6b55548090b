import { Color, type BufferAttribute, type InstancedBufferAttribute } from 'three';
import type { ShaderMaterial } from 'three';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PATH_NONE, PacketFlags, type FramePacket } from '../sim/frame';
import { Health } from '../sim/health';
import { HEALTH_COLORS } from './colors';
import { Network } from './network';
import { SCENE_COLORS } from './palette';
import { makeTopology, testFrame } from './test-topology';

const topo = makeTopology(4);
const N = topo.nodes.length;
const S = topo.switches.length;

const frame = (change?: Parameters<typeof testFrame>[1]) => testFrame(topo, change);

let net: Network;
beforeEach(() => {
	vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
	net = new Network(topo, false);
});
afterEach(() => {
	net.dispose();
	vi.restoreAllMocks();
});

/** Colour (rgb) and dashed flag of cable (node, switch), read from its first vertex. */
const cable = (node: number, sw: number) => {
	const [r, g, b, dashed] = net.wires.vertexColor(net.wires.routes.start[node * S + sw]);
	return { color: new Color(r, g, b), dashed: dashed > 0.5 };
};
const brightness = (c: Color) => c.r + c.g + c.b;
/** Colours are stored as 32-bit floats, so compare with a tolerance. */
const same = (a: Color, b: Color) =>
	Math.abs(a.r - b.r) < 1e-6 && Math.abs(a.g - b.g) < 1e-6 && Math.abs(a.b - b.b) < 1e-6;
const colorVersion = () =>
	(net.wires.lines.geometry.getAttribute('aColor') as BufferAttribute).version;

describe('Network painting', () => {
	it('flashes a server’s two data cables on its heartbeat, flagging the buffer once', () => {
		net.apply(frame());
		const idle = cable(1, 0).color.clone();
		const bmc = cable(1, 2).color.clone();
		const before = colorVersion();
		expect(net.apply(frame((s) => (s.nodeMsSinceHeartbeat[1] = 0)))).toBe(true);
		expect(colorVersion()).toBe(before + 1);
		for (const sw of [0, 1])
			expect(brightness(cable(1, sw).color)).toBeGreaterThan(brightness(idle));
		expect(cable(1, 2).color.equals(bmc)).toBe(true);
		expect(cable(0, 0).color.equals(idle)).toBe(true);
		// The same frame again changes nothing and uploads nothing.
		expect(net.apply(frame((s) => (s.nodeMsSinceHeartbeat[1] = 0)))).toBe(false);
		expect(colorVersion()).toBe(before + 1);
	});

	it('draws a failed server’s and a failed switch’s cables dark and dashed', () => {
		net.apply(
			frame((s) => ((s.nodeHealth[2] = Health.failed), (s.switchHealth[1] = Health.failed)))
		);
		const down = new Color(SCENE_COLORS.cableDown);
		for (let sw = 0; sw < S; sw++) {
			expect(same(cable(2, sw).color, down)).toBe(true);
			expect(cable(2, sw).dashed).toBe(true);
		}
		for (let node = 0; node < N; node++) expect(cable(node, 1).dashed).toBe(true);
		expect(cable(0, 0).dashed).toBe(false);
		expect(brightness(down)).toBeLessThan(brightness(new Color(SCENE_COLORS.cable)));
	});

	it('shows a steady colour in reduced motion, and dashes once heartbeats stop', () => {
		net.apply(frame());
		const idle = cable(0, 0).color.clone();
		expect(net.setReducedMotion(true)).toBe(false);
		net.apply(frame((s) => (s.nodeMsSinceHeartbeat[0] = 0)));
		expect(cable(0, 0).color.equals(idle)).toBe(true);
		net.apply(frame((s) => (s.nodeMsSinceHeartbeat[0] = 5000)));
		expect(cable(0, 0).dashed).toBe(true);
		expect(cable(0, 2).dashed).toBe(false);
		expect(net.setReducedMotion(false)).toBe(false);
	});

	it('lights the TOR1 cables of both ends of a packet’s path in its tenant colour, then lets go', () => {
		const packet = (p: Partial<FramePacket>): FramePacket => ({
			packetId: 1,
			hop: 1,
			flags: PacketFlags.encapsulated | PacketFlags.tenantOdd,
			fromNode: 0,
			toNode: 0xffff,
			progress: 0.5,
			pathSrc: 0,
			pathDst: 3,
			...p
		});
		net.apply(frame());
		const idle = cable(1, 0).color.clone();
		net.apply(frame((s) => (s.packets = [packet({})])));
		const odd = new Color(SCENE_COLORS.packetTenantOdd);
		expect(same(cable(0, 0).color, odd)).toBe(true);
		expect(same(cable(3, 0).color, odd)).toBe(true);
		// Only TOR1 carries the model's packets; TOR2 and the other servers stay as they were.
		expect(same(cable(0, 1).color, odd)).toBe(false);
		expect(cable(1, 0).color.equals(idle)).toBe(true);
		// Same-host traffic, an undecided destination and a drop marker light nothing.
		for (const p of [
			packet({ pathDst: 0 }),
			packet({ pathDst: PATH_NONE }),
			packet({ flags: PacketFlags.droppedHere })
		]) {
			net.apply(frame((s) => (s.packets = [p])));
			for (let node = 0; node < N; node++) expect(same(cable(node, 0).color, odd)).toBe(false);
		}
		net.apply(frame());
		expect(cable(0, 0).color.equals(idle)).toBe(true);
	});

	it('updates a label’s health symbol only when the health changes', () => {
		net.apply(frame());
		const mesh = net.labels.mesh;
		const rects = mesh.geometry.getAttribute('aRect') as InstancedBufferAttribute;
		const symbol = net.list.length + 3;
		const healthyRect = rects.getX(symbol);
		const version = rects.version;
		net.apply(frame((s) => (s.nodeHealth[3] = Health.failed)));
		expect(rects.version).toBe(version + 1);
		expect(rects.getX(symbol)).not.toBe(healthyRect);
		const c = new Color();
		mesh.getColorAt(symbol, c);
		expect(same(c, HEALTH_COLORS[Health.failed])).toBe(true);
		net.apply(frame((s) => (s.nodeHealth[3] = Health.failed)));
		expect(rects.version).toBe(version + 1);
	});

	it('frees its geometries, materials and texture', () => {
		const disposed: string[] = [];
		const watch = (o: { addEventListener(t: 'dispose', f: () => void): void }, name: string) =>
			o.addEventListener('dispose', () => disposed.push(name));
		const labels = net.labels.mesh;
		watch(net.wires.lines.geometry, 'wire geometry');
		watch(net.wires.lines.material as never, 'wire material');
		watch(labels.geometry, 'label geometry');
		watch(labels.material as never, 'label material');
		const texture = (labels.material as ShaderMaterial).uniforms.map;
		watch(texture.value, 'atlas');
		net.dispose();
		expect(disposed.sort()).toEqual(
			['atlas', 'label geometry', 'label material', 'wire geometry', 'wire material'].sort()
		);
	});
});

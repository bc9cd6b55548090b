import { Color, Matrix4, Quaternion, Raycaster, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { BORDER_NODE, PacketFlags, PacketHop, TOR_NODE, type FramePacket } from '../sim/frame';
import { DIAMOND_TURN_RAD, DROP_MARK_SCALE, Packets } from './packets';
import { SCENE_COLORS } from './palette';
import { PickTargets } from './picking';
import { makeTopology, testFrame, withSlb } from './test-topology';

const topo = withSlb(makeTopology(4));
const { loadBalanced, directReturn, encapsulated, tenantOdd, droppedHere } = PacketFlags;

const inbound = (id: number, over: Partial<FramePacket> = {}): FramePacket => ({
	packetId: id,
	hop: PacketHop.borderToTor,
	flags: loadBalanced,
	fromNode: BORDER_NODE,
	toNode: TOR_NODE,
	progress: 0.4,
	...over
});
const reply = (id: number, over: Partial<FramePacket> = {}) =>
	inbound(id, {
		hop: PacketHop.torToBorder,
		flags: loadBalanced | directReturn,
		fromNode: TOR_NODE,
		toNode: BORDER_NODE,
		...over
	});

const drawn = (list: FramePacket[]) => {
	const p = new Packets(topo, false);
	p.apply(testFrame(topo, (s) => (s.packets = list)));
	return p;
};
const colorOf = (p: Packets, i: number) => {
	const c = new Color();
	p.mesh.getColorAt(i, c);
	return c;
};
const sameColor = (a: Color, hex: string) => {
	const b = new Color(hex);
	return ['r', 'g', 'b'].every((k) => Math.abs(a[k as 'r'] - b[k as 'r']) < 1e-5);
};
const pose = (p: Packets, i: number) => {
	const m = new Matrix4();
	p.mesh.getMatrixAt(i, m);
	const [pos, rot, scale] = [new Vector3(), new Quaternion(), new Vector3()];
	m.decompose(pos, rot, scale);
	return { pos, rot, scale };
};

describe('load-balanced packets', () => {
	it('draws packets on the border router’s cable, where the paths put them', () => {
		const p = drawn([inbound(11), reply(12, { progress: 0.9 })]);
		expect(p.mesh.count).toBe(2);
		expect([p.packetIdAt(0), p.packetIdAt(1)]).toEqual([11, 12]);
		const want = { x: 0, y: 0, z: 0 };
		p.paths.positionAt(PacketHop.torToBorder, TOR_NODE, BORDER_NODE, 0.9, want);
		expect(pose(p, 1).pos.x).toBeCloseTo(want.x, 5);
		expect(pose(p, 1).pos.y).toBeCloseTo(want.y, 5);
		p.dispose();
	});

	it('colours inbound ones turquoise and DSR replies lime, tenant packets as before', () => {
		const p = drawn([
			inbound(1, { flags: loadBalanced | encapsulated | tenantOdd }),
			reply(2),
			inbound(3, { hop: PacketHop.hostToTor, fromNode: 1, flags: tenantOdd }),
			inbound(4, { hop: PacketHop.hostToTor, fromNode: 1, flags: 0 })
		]);
		expect(sameColor(colorOf(p, 0), SCENE_COLORS.packetLoadBalanced)).toBe(true);
		expect(sameColor(colorOf(p, 1), SCENE_COLORS.packetDirectReturn)).toBe(true);
		expect(sameColor(colorOf(p, 2), SCENE_COLORS.packetTenantOdd)).toBe(true);
		expect(sameColor(colorOf(p, 3), SCENE_COLORS.packetTenantEven)).toBe(true);
		p.dispose();
	});

	it('draws DSR replies as diamonds (turned 45° about z), others square, all the same size', () => {
		const p = drawn([
			inbound(1),
			reply(2),
			reply(3, { hop: PacketHop.hostToTor, fromNode: 2, toNode: TOR_NODE })
		]);
		expect(p.mesh.count).toBe(3);
		const angle = (i: number) => 2 * Math.atan2(pose(p, i).rot.z, pose(p, i).rot.w);
		expect(angle(0)).toBeCloseTo(0, 6);
		expect(angle(1)).toBeCloseTo(DIAMOND_TURN_RAD, 6);
		expect(angle(2)).toBeCloseTo(DIAMOND_TURN_RAD, 6);
		for (const i of [0, 1, 2]) expect(pose(p, i).scale.x).toBeCloseTo(1, 6);
		p.dispose();
	});

	it('still marks a dropped load-balanced packet as a large vermillion square', () => {
		const p = drawn([reply(5, { flags: loadBalanced | directReturn | droppedHere })]);
		expect(sameColor(colorOf(p, 0), SCENE_COLORS.packetDropped)).toBe(true);
		expect(pose(p, 0).scale.x).toBeCloseTo(DROP_MARK_SCALE, 5);
		expect(2 * Math.atan2(pose(p, 0).rot.z, pose(p, 0).rot.w)).toBeCloseTo(0, 6);
		p.dispose();
	});

	it('is picked on the border cable like any packet, diamonds included', () => {
		for (const packet of [inbound(4321), reply(8765)]) {
			const p = drawn([packet]);
			p.root.updateMatrixWorld(true);
			const target = pose(p, 0).pos;
			const ray = new Raycaster(target.clone().add(new Vector3(0, 0, 2)), new Vector3(0, 0, -1));
			const hit = ray.intersectObject(p.mesh, false)[0];
			expect(hit.object).toBe(p.mesh);
			const pick = new PickTargets(topo).packetTarget(p.packetIdAt(hit.instanceId));
			expect(pick).toEqual({ kind: 'packet', index: packet.packetId });
			p.dispose();
		}
	});
});

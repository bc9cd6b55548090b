import { Color, Matrix4, Raycaster, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import {
	MAX_FRAME_PACKETS,
	PacketFlags,
	PacketHop,
	TOR_NODE,
	type FramePacket
} from '../sim/frame';
import { DROP_MARK_SCALE, drawnProgress, Packets } from './packets';
import { SCENE_COLORS } from './palette';
import { PickTargets } from './picking';
import { makeTopology, testFrame } from './test-topology';

const topo = makeTopology(6);

const packet = (id: number, over: Partial<FramePacket> = {}): FramePacket => ({
	packetId: id,
	hop: PacketHop.hostToTor,
	flags: PacketFlags.encapsulated,
	fromNode: id % topo.nodes.length,
	toNode: TOR_NODE,
	progress: 0.25,
	...over
});

const positionOf = (p: Packets, i: number, wrapper = false) => {
	const m = new Matrix4();
	(wrapper ? p.wrappers : p.mesh).getMatrixAt(i, m);
	return new Vector3().setFromMatrixPosition(m);
};

describe('Packets', () => {
	it('draws one instance per packet and maps each instance back to its packet id', () => {
		const p = new Packets(topo, false);
		const list = [
			packet(41),
			packet(7, { flags: 0, hop: PacketHop.vnicToVswitch, fromNode: 2, toNode: 2 }),
			packet(99, { hop: PacketHop.torToHost, fromNode: TOR_NODE, toNode: 3 })
		];
		expect(p.apply(testFrame(topo, (s) => (s.packets = list)))).toBe(true);
		expect(p.mesh.count).toBe(3);
		expect([0, 1, 2].map((i) => p.packetIdAt(i))).toEqual([41, 7, 99]);
		expect(p.packetIdAt(3)).toBe(0);
		expect(p.packetIdAt(undefined)).toBe(0);
		// Only the encapsulated ones wear a wrapper, at the same place.
		expect(p.wrappers.count).toBe(2);
		expect([0, 1].map((i) => p.packetIdAt(i, true))).toEqual([41, 99]);
		expect(positionOf(p, 1, true)).toEqual(positionOf(p, 2));
		const expected = { x: 0, y: 0, z: 0 };
		p.paths.positionAt(PacketHop.hostToTor, 41 % topo.nodes.length, TOR_NODE, 0.25, expected);
		expect(positionOf(p, 0).x).toBeCloseTo(expected.x, 5);
		expect(positionOf(p, 0).y).toBeCloseTo(expected.y, 5);
		p.dispose();
	});

	it('empties when no packet is in flight', () => {
		const p = new Packets(topo, false);
		p.apply(testFrame(topo, (s) => (s.packets = [packet(1)])));
		expect(p.apply(testFrame(topo))).toBe(true);
		expect(p.mesh.count).toBe(0);
		expect(p.wrappers.count).toBe(0);
		expect(p.apply(testFrame(topo))).toBe(false);
		p.dispose();
	});

	it('holds packets at their hop midpoints with reduced motion', () => {
		expect(drawnProgress(0.1, true)).toBe(0.5);
		expect(drawnProgress(0.1, false)).toBe(0.1);
		const p = new Packets(topo, true);
		const frame = (progress: number) =>
			testFrame(topo, (s) => (s.packets = [packet(5, { progress })]));
		p.apply(frame(0.1));
		const first = positionOf(p, 0);
		p.apply(frame(0.9));
		expect(positionOf(p, 0)).toEqual(first);
		const mid = { x: 0, y: 0, z: 0 };
		p.paths.positionAt(PacketHop.hostToTor, 5, TOR_NODE, 0.5, mid);
		expect(first.x).toBeCloseTo(mid.x, 5);
		expect(first.y).toBeCloseTo(mid.y, 5);
		expect(first.z).toBeCloseTo(mid.z, 5);
		p.dispose();
	});

	it('draws a drop marker larger, in the dropped colour, exactly where it was dropped', () => {
		const p = new Packets(topo, true);
		const marker = packet(8, { flags: PacketFlags.droppedHere, progress: 1, fromNode: 2 });
		p.apply(testFrame(topo, (s) => (s.packets = [packet(5), marker])));
		const m = new Matrix4();
		p.mesh.getMatrixAt(1, m);
		expect(new Vector3().setFromMatrixScale(m).x).toBeCloseTo(DROP_MARK_SCALE, 5);
		p.mesh.getMatrixAt(0, m);
		expect(new Vector3().setFromMatrixScale(m).x).toBeCloseTo(1, 5);
		const c = new Color();
		p.mesh.getColorAt(1, c);
		const want = new Color(SCENE_COLORS.packetDropped);
		for (const k of ['r', 'g', 'b'] as const) expect(c[k]).toBeCloseTo(want[k], 5);
		// Reduced motion holds packets at mid-hop, but a marker stays at its real place.
		const end = { x: 0, y: 0, z: 0 };
		p.paths.positionAt(PacketHop.hostToTor, 2, TOR_NODE, 1, end);
		expect(positionOf(p, 1).x).toBeCloseTo(end.x, 5);
		expect(positionOf(p, 1).y).toBeCloseTo(end.y, 5);
		expect(p.packetIdAt(1)).toBe(8);
		p.dispose();
	});

	it('uses two meshes (two draw calls) for no packets and for the most a frame holds', () => {
		const meshes = (n: number) => {
			const p = new Packets(topo, false);
			const list = Array.from({ length: n }, (_, i) => packet(i + 1));
			p.apply(testFrame(topo, (s) => (s.packets = list)));
			let count = 0;
			p.root.traverse((o) => (count += 'isMesh' in o ? 1 : 0));
			const drawn = p.mesh.count;
			p.dispose();
			return { count, drawn };
		};
		expect(meshes(0).count).toBe(2);
		expect(meshes(MAX_FRAME_PACKETS)).toEqual({ count: 2, drawn: MAX_FRAME_PACKETS });
	});

	it('is picked by a ray as { kind: "packet", index: packetId }', () => {
		const p = new Packets(topo, false);
		p.apply(testFrame(topo, (s) => (s.packets = [packet(1234, { flags: 0 })])));
		p.root.updateMatrixWorld(true);
		const target = positionOf(p, 0);
		const origin = target.clone().add(new Vector3(0, 0, 2));
		const ray = new Raycaster(origin, new Vector3(0, 0, -1));
		const hit = ray.intersectObject(p.mesh, false)[0];
		expect(hit.object).toBe(p.mesh);
		const targets = new PickTargets(topo);
		const pick = targets.packetTarget(p.packetIdAt(hit.instanceId));
		expect(pick).toEqual({ kind: 'packet', index: 1234 });
		expect(targets.packetTarget(1234)).toBe(pick);
		expect(targets.packetTarget(0)).toBeNull();
		p.dispose();
	});
});

import { Matrix4, PerspectiveCamera, Raycaster, Vector3 } from 'three';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildHardware, type Hardware } from './hardware';
import { Network } from './network';
import { Packets } from './packets';
import { PacketHop, TOR_NODE } from '../sim/frame';
import { encodePick, NO_PICK, PickTargets, type PickKind } from './picking';
import { targetAnchor, targetBox } from './target-box';
import { FOV_DEG } from './camera-rig';
import { focusBoxes } from './focus';
import { frameCamera } from './framing';
import { makeTopology, testFrame } from './test-topology';

beforeEach(() => {
	// jsdom has no 2D canvas; labels then stay blank, which these tests do not look at.
	vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});
afterEach(() => vi.restoreAllMocks());

describe('pick codes', () => {
	const topo = makeTopology(6);
	const targets = new PickTargets(topo);
	const counts: [PickKind, number][] = [
		['node', topo.nodes.length],
		['drive', topo.drives.length],
		['switch', topo.switches.length],
		['hlh', 1]
	];

	it('round-trips every object to one shared, frozen target', () => {
		for (const [kind, n] of counts) {
			for (let index = 0; index < n; index++) {
				const target = targets.decode(encodePick(kind, index));
				expect(target).toEqual({ kind, index });
				expect(target).toBe(targets.get(kind, index));
				expect(Object.isFrozen(target)).toBe(true);
				expect(targets.canonical({ kind, index })).toBe(target);
			}
		}
	});

	it('maps scenery, unknown objects and bad instance ids to null', () => {
		expect(targets.decode(NO_PICK)).toBeNull();
		expect(targets.decode(encodePick('node', topo.nodes.length))).toBeNull();
		expect(targets.decode(encodePick('hlh', 1))).toBeNull();
		const codes = Int32Array.of(encodePick('node', 0), NO_PICK);
		expect(targets.fromInstance(codes, 0)).toBe(targets.get('node', 0));
		expect(targets.fromInstance(codes, 1)).toBeNull();
		expect(targets.fromInstance(codes, 2)).toBeNull();
		expect(targets.fromInstance(codes, undefined)).toBeNull();
	});
});

describe('instanceId → PickTarget in the built meshes', () => {
	const m = new Matrix4();
	const p = new Vector3();
	let hardware: Hardware | undefined;
	afterEach(() => hardware?.dispose());

	it.each([4, 16])('puts every pickable instance of %i servers inside its target', (n) => {
		const topo = makeTopology(n, { serversPerRack: 8 });
		const targets = new PickTargets(topo);
		hardware = buildHardware(topo, 1);
		const seen = new Set<object>();
		for (const { mesh, codes } of hardware.pickable) {
			expect(codes.length).toBe(mesh.count);
			for (let i = 0; i < mesh.count; i++) {
				const target = targets.fromInstance(codes, i);
				if (!target) continue;
				seen.add(target);
				mesh.getMatrixAt(i, m);
				p.setFromMatrixPosition(m);
				const box = targetBox(topo, target)!;
				for (const [v, c, size] of [
					[p.x, box.x, box.w],
					[p.y, box.y, box.h],
					[p.z, box.z, box.d]
				]) {
					expect(
						Math.abs(v - c),
						`${mesh.name} #${i} → ${target.kind} ${target.index}`
					).toBeLessThanOrEqual(size / 2 + 1e-6);
				}
			}
		}
		// Every node, drive, switch and the HLH can be clicked.
		expect(seen.size).toBe(topo.nodes.length + topo.drives.length + topo.switches.length + 1);
	});

	it('puts each target’s anchor where a click picks that target', () => {
		const topo = makeTopology(16, { serversPerRack: 8 });
		const targets = new PickTargets(topo);
		hardware = buildHardware(topo, 1);
		const f = frameCamera(focusBoxes(topo), { width: 920, height: 625 }, FOV_DEG);
		const camera = new PerspectiveCamera(FOV_DEG, 920 / 625, f.near, f.far);
		camera.position.set(...f.position);
		camera.lookAt(new Vector3(...f.target));
		camera.updateMatrixWorld();
		const raycaster = new Raycaster();
		const meshes = hardware.pickable.map((p) => p.mesh);
		const all = [
			...topo.nodes.map((_, i) => targets.get('node', i)!),
			...topo.switches.map((_, i) => targets.get('switch', i)!),
			targets.get('hlh', 0)!,
			...[0, 4, 9, 77].map((d) => targets.get('drive', d)!)
		];
		for (const target of all) {
			const anchor = new Vector3(...targetAnchor(topo, target)!);
			raycaster.set(camera.position, anchor.clone().sub(camera.position).normalize());
			const hit = raycaster.intersectObjects(meshes, false)[0];
			const codes = hardware.pickable.find((p) => p.mesh === hit.object)!.codes;
			expect(targets.fromInstance(codes, hit.instanceId), `${target.kind} ${target.index}`).toBe(
				target
			);
		}
	});

	it('uses the same number of meshes and lines (draw calls) for 4 and 16 servers', () => {
		const count = (n: number) => {
			const topo = makeTopology(n, { serversPerRack: 4 });
			const hw = buildHardware(topo, 1);
			// The network layer: cables, leader lines and name labels.
			const net = new Network(topo, false);
			// Packets in flight, more with more servers: still one mesh plus one for wrappers.
			const packets = new Packets(topo, false);
			packets.apply(
				testFrame(topo, (src) => {
					src.packets = Array.from({ length: n * 20 }, (_, i) => ({
						packetId: i + 1,
						hop: PacketHop.hostToTor,
						flags: 1,
						fromNode: i % n,
						toNode: TOR_NODE,
						progress: 0.5
					}));
				})
			);
			expect(packets.mesh.count).toBe(n * 20);
			let meshes = 0;
			let lines = 0;
			for (const root of [hw.root, net.root, packets.root]) {
				root.traverse((o) => {
					meshes += 'isMesh' in o ? 1 : 0;
					lines += 'isLine' in o ? 1 : 0;
				});
			}
			hw.dispose();
			net.dispose();
			packets.dispose();
			return { meshes, lines };
		};
		expect(count(16)).toEqual(count(4));
		expect(count(4).lines).toBe(1);
	});
});

import { Group, PerspectiveCamera, Raycaster, Vector3, type ShaderMaterial } from 'three';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BorderParts } from './border';
import { borderLayout } from './border-layout';
import { FOV_DEG } from './camera-rig';
import { focusBoxes } from './focus';
import { frameCamera } from './framing';
import { buildHardware } from './hardware';
import { muxTags } from './mux-tags';
import { Network } from './network';
import { PickTargets } from './picking';
import { PointerPicker } from './pointer';
import { makeTopology, withSlb } from './test-topology';

beforeEach(() => {
	// jsdom has no 2D canvas; label textures then stay blank, which these tests do not look at.
	vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});
afterEach(() => vi.restoreAllMocks());

const topo = withSlb(makeTopology(4));

describe('BorderParts', () => {
	it('builds the router, its frame, the tags and the texts in three meshes', () => {
		const parts = new BorderParts(borderLayout(topo), muxTags(topo));
		const layout = borderLayout(topo)!;
		expect(parts.root.children).toHaveLength(3);
		expect(parts.solids.count).toBe(2 + layout.sockets.length + layout.frame.length);
		// The power LED, then one tag per MUX host (servers 0 and 2).
		expect(parts.tags.count).toBe(1 + 2);
		expect(parts.labelTexts).toEqual(['Internet: client1, client2', 'Border1', 'MUX01', 'MUX02']);
		expect(parts.labels.count).toBe(parts.labelTexts.length);
		parts.dispose();
	});

	it('frees its geometries, materials and texture', () => {
		const parts = new BorderParts(borderLayout(topo), muxTags(topo));
		const scene = new Group().add(parts.root);
		type Disposable = { addEventListener(t: 'dispose', f: () => void): void };
		const owned = new Set<Disposable>();
		for (const mesh of [parts.solids, parts.tags, parts.labels]) {
			owned.add(mesh.geometry);
			owned.add(mesh.material as never);
		}
		owned.add((parts.labels.material as ShaderMaterial).uniforms.map.value);
		const freed = new Set<Disposable>();
		for (const o of owned) o.addEventListener('dispose', () => freed.add(o));
		parts.dispose();
		// Box geometry (shared by two meshes), plane, three materials, the label texture.
		expect(owned.size).toBe(6);
		expect(freed).toEqual(owned);
		expect(scene.children).toHaveLength(0);
	});
});

describe('picking in an SLB scene', () => {
	const width = 920;
	const height = 625;
	const setup = () => {
		const f = frameCamera(focusBoxes(topo), { width, height }, FOV_DEG);
		const camera = new PerspectiveCamera(FOV_DEG, width / height, f.near, f.far);
		camera.position.set(...f.position);
		camera.lookAt(new Vector3(...f.target));
		camera.updateMatrixWorld();
		const canvas = document.createElement('canvas');
		canvas.getBoundingClientRect = () => ({ left: 0, top: 0, width, height }) as DOMRect;
		const hardware = buildHardware(topo, 1);
		const net = new Network(topo, false);
		net.root.updateMatrixWorld(true);
		const targets = new PickTargets(topo);
		const screen = (x: number, y: number, w: number, h: number) => {
			const hit = net.pickAt(x, y, camera, w, h);
			return hit && targets.get(hit.kind, hit.index);
		};
		const picker = new PointerPicker(
			canvas,
			camera,
			hardware,
			targets,
			{ select() {}, contextMenu() {} },
			screen
		);
		const toPx = (p: Vector3) => {
			const v = p.clone().project(camera);
			return [((v.x + 1) / 2) * width, ((1 - v.y) / 2) * height] as const;
		};
		const done = () => (picker.dispose(), hardware.dispose(), net.dispose());
		return { camera, net, picker, targets, toPx, done };
	};

	it('picks nothing on the router or the Internet sign, though a ray does meet them', () => {
		const { camera, net, picker, toPx, done } = setup();
		const layout = borderLayout(topo)!;
		for (const b of [layout.bezel, layout.internet]) {
			const centre = new Vector3(b.x + b.w / 4, b.y, b.z + b.d / 2);
			const ray = new Raycaster();
			ray.set(camera.position, centre.clone().sub(camera.position).normalize());
			expect(ray.intersectObject(net.border!.root, true).length).toBeGreaterThan(0);
			expect(picker.pick(...toPx(centre))).toBeNull();
		}
		// The router's name label is drawn but picks nothing either.
		const [ax, ay] = toPx(new Vector3(...layout.callout.anchor));
		expect(net.labels.pickAt(ax - 20, ay, camera, width, height)).toBe(net.list.length);
		expect(picker.pick(ax - 20, ay)).toBeNull();
		done();
	});

	it('picks a MUX tag’s server through the tag', () => {
		const { picker, targets, toPx, done } = setup();
		for (const tag of muxTags(topo)) {
			const centre = new Vector3(tag.tag.x, tag.tag.y, tag.tag.z + tag.tag.d / 2);
			expect(picker.pick(...toPx(centre))).toBe(targets.get('node', tag.node));
		}
		done();
	});
});

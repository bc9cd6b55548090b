/**
 * Assembles the 3D scale unit and renders it on demand: a render happens only after a frame
 * changed something, the camera moved, the canvas resized or the selection changed, at most once
 * per animation frame. With nothing changing (a paused simulation) the GPU stays idle.
 */
import { Vector3 } from 'three';
import type { FrameReader } from '../sim/frame';
import { IoFlights } from './io-flights';
import { Packets } from './packets';
import type { TopologyInfo } from '../sim/topology';
import { HealthPainter } from './paint';
import { buildParts } from './scene-parts';
import { PickTargets, type ObjectPick, type PickTarget } from './picking';
import { PointerPicker } from './pointer';
import { SelectionHighlight } from './selection';
import { createRenderer } from './stage';
import { targetAnchor, targetBox } from './target-box';
import type { RackScene, RackSceneOptions } from './types';
import { VmTiles } from './vm-tiles';

const MAX_PIXEL_RATIO = 2;
const projected = new Vector3();

/** Builds the scene on `canvas`; throws SceneUnavailableError when WebGL 2 is not available. */
export function createRackScene(
	canvas: HTMLCanvasElement,
	topology: TopologyInfo,
	options: RackSceneOptions
): RackScene {
	const renderer = createRenderer(canvas);
	let dirty = true;
	let rafId = 0;
	let disposed = false;
	let drawCalls = 0;
	let cssWidth = 1;
	let cssHeight = 1;

	const render = () => {
		if (rafId) cancelAnimationFrame(rafId);
		rafId = 0;
		if (!dirty || disposed) return;
		dirty = false;
		// May emit 'change' while damping glides on, which schedules the next frame.
		rig.update();
		network.beforeRender(rig.camera, cssHeight);
		renderer.render(stage.scene, rig.camera);
		drawCalls = renderer.info.render.calls;
	};
	const schedule = () => {
		dirty = true;
		if (!rafId && !disposed) rafId = requestAnimationFrame(render);
	};

	const parts = buildParts(canvas, topology, options, renderer, schedule);
	const { stage, hardware, network, rig } = parts;
	const selection = new SelectionHighlight();
	const packets = new Packets(topology, options.reducedMotion);
	const io = new IoFlights(topology, options.reducedMotion);
	const vms = new VmTiles(topology, options.reducedMotion);
	let lastFrame: FrameReader | null = null;
	stage.scene.add(hardware.root, network.root, packets.root, io.root, vms.root, selection.root);
	const painter = new HealthPainter(hardware, topology, options.reducedMotion);
	const targets = new PickTargets(topology);
	const callbacks = {
		select: (t: PickTarget | null) => options.onSelect(t),
		contextMenu: (t: ObjectPick, x: number, y: number) => options.onContextMenu(t, x, y),
		hover: (t: PickTarget | null) => options.onHover?.(t)
	};
	// A click on a name label picks its object, like a click on the object itself.
	const pickLabel = (x: number, y: number, w: number, h: number) => {
		const hit = network.pickAt(x, y, rig.camera, w, h);
		return hit && targets.get(hit.kind, hit.index);
	};
	const picker = new PointerPicker(
		canvas,
		rig.camera,
		hardware,
		targets,
		callbacks,
		pickLabel,
		packets
	);
	const onRestored = () => {
		stage.makeEnvironment();
		schedule();
	};
	canvas.addEventListener('webglcontextrestored', onRestored);

	const scene: RackScene = {
		applyFrame(frame: FrameReader) {
			// Every painter must run (no short-circuit): each remembers what it painted.
			lastFrame = frame;
			const hw = painter.apply(frame);
			const moved = packets.apply(frame);
			const flew = io.apply(frame);
			const migrated = vms.apply(frame);
			if (network.apply(frame) || hw || moved || flew || migrated) schedule();
		},
		setSelected(target: ObjectPick | null) {
			selection.show(target ? targetBox(topology, target) : null);
			schedule();
		},
		setReducedMotion(reduced: boolean) {
			rig.setReducedMotion(reduced);
			const cables = network.setReducedMotion(reduced);
			const held = packets.setReducedMotion(reduced) && lastFrame !== null;
			if (held && lastFrame) packets.apply(lastFrame);
			const landed = io.setReducedMotion(reduced) && lastFrame !== null;
			if (landed && lastFrame) io.apply(lastFrame);
			const still = vms.setReducedMotion(reduced) && lastFrame !== null;
			if (still && lastFrame) vms.apply(lastFrame);
			if (painter.setReducedMotion(reduced) || cables || held || landed || still) schedule();
		},
		resize(width: number, height: number) {
			if (!(width > 0 && height > 0)) return;
			cssWidth = width;
			cssHeight = height;
			renderer.setPixelRatio(Math.min(window.devicePixelRatio || 1, MAX_PIXEL_RATIO));
			// false: the page's CSS owns the canvas's displayed size; we only size the buffer.
			renderer.setSize(width, height, false);
			rig.setViewport({ width, height });
			network.setViewport(width, height, renderer.getPixelRatio());
			schedule();
		},
		requestRender() {
			if (dirty) render();
		},
		screenPosition(target: ObjectPick) {
			const anchor = targetAnchor(topology, target);
			if (!anchor) return null;
			projected.set(...anchor).project(rig.camera);
			if (projected.z > 1 || projected.z < -1) return null;
			const x = ((projected.x + 1) / 2) * cssWidth;
			const y = ((1 - projected.y) / 2) * cssHeight;
			return { x: Math.min(Math.max(x, 0), cssWidth), y: Math.min(Math.max(y, 0), cssHeight) };
		},
		get drawCalls() {
			return drawCalls;
		},
		get vmTiles() {
			return vms.tileCount;
		},
		dispose() {
			if (disposed) return;
			disposed = true;
			if (rafId) cancelAnimationFrame(rafId);
			canvas.removeEventListener('webglcontextrestored', onRestored);
			picker.dispose();
			rig.dispose();
			selection.dispose();
			hardware.dispose();
			network.dispose();
			packets.dispose();
			io.dispose();
			vms.dispose();
			stage.dispose();
			renderer.dispose();
		}
	};
	scene.resize(canvas.clientWidth || canvas.width, canvas.clientHeight || canvas.height);
	return scene;
}

/**
 * Assembles the 3D scale unit and renders it on demand: a render happens only after a frame
 * changed something, the camera moved, the canvas resized or the selection changed, at most once
 * per animation frame. With nothing changing (a paused simulation) the GPU stays idle.
 */
import { Vector3, type WebGLRenderer } from 'three';
import type { FrameReader } from '../sim/frame';
import type { TopologyInfo } from '../sim/topology';
import { CameraRig } from './camera-rig';
import { sceneBounds } from './framing';
import { buildHardware, type Hardware } from './hardware';
import { HealthPainter } from './paint';
import { PickTargets, type PickTarget } from './picking';
import { PointerPicker } from './pointer';
import { SelectionHighlight } from './selection';
import { createRenderer, Stage } from './stage';
import { targetAnchor, targetBox } from './target-box';
import type { RackScene, RackSceneOptions } from './types';

const MAX_PIXEL_RATIO = 2;
const projected = new Vector3();

/** Builds the GPU-backed parts; on failure frees what was made (and the renderer) first. */
function buildParts(
	canvas: HTMLCanvasElement,
	topology: TopologyInfo,
	options: RackSceneOptions,
	renderer: WebGLRenderer,
	onCameraChange: () => void
): { stage: Stage; hardware: Hardware; rig: CameraRig } {
	let stage: Stage | undefined;
	let hardware: Hardware | undefined;
	try {
		const bounds = sceneBounds(topology);
		stage = new Stage(renderer, bounds);
		hardware = buildHardware(topology, renderer.capabilities.getMaxAnisotropy());
		const rig = new CameraRig(canvas, bounds, options.reducedMotion, onCameraChange);
		return { stage, hardware, rig };
	} catch (error) {
		hardware?.dispose();
		stage?.dispose();
		renderer.dispose();
		throw error;
	}
}

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
		renderer.render(stage.scene, rig.camera);
		drawCalls = renderer.info.render.calls;
	};
	const schedule = () => {
		dirty = true;
		if (!rafId && !disposed) rafId = requestAnimationFrame(render);
	};

	const { stage, hardware, rig } = buildParts(canvas, topology, options, renderer, schedule);
	const selection = new SelectionHighlight();
	stage.scene.add(hardware.root, selection.root);
	const painter = new HealthPainter(hardware, topology, options.reducedMotion);
	const targets = new PickTargets(topology);
	const picker = new PointerPicker(canvas, rig.camera, hardware, targets, {
		select: (t) => options.onSelect(t),
		contextMenu: (t, x, y) => options.onContextMenu(t, x, y),
		hover: (t) => options.onHover?.(t)
	});
	const onRestored = () => {
		stage.makeEnvironment();
		schedule();
	};
	canvas.addEventListener('webglcontextrestored', onRestored);

	const scene: RackScene = {
		applyFrame(frame: FrameReader) {
			if (painter.apply(frame)) schedule();
		},
		setSelected(target: PickTarget | null) {
			selection.show(target ? targetBox(topology, target) : null);
			schedule();
		},
		setReducedMotion(reduced: boolean) {
			rig.setReducedMotion(reduced);
			if (painter.setReducedMotion(reduced)) schedule();
		},
		resize(width: number, height: number) {
			if (!(width > 0 && height > 0)) return;
			cssWidth = width;
			cssHeight = height;
			renderer.setPixelRatio(Math.min(window.devicePixelRatio || 1, MAX_PIXEL_RATIO));
			// false: the page's CSS owns the canvas's displayed size; we only size the buffer.
			renderer.setSize(width, height, false);
			rig.setAspect(width / height);
			schedule();
		},
		requestRender() {
			if (dirty) render();
		},
		screenPosition(target: PickTarget) {
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
		dispose() {
			if (disposed) return;
			disposed = true;
			if (rafId) cancelAnimationFrame(rafId);
			canvas.removeEventListener('webglcontextrestored', onRestored);
			picker.dispose();
			rig.dispose();
			selection.dispose();
			hardware.dispose();
			stage.dispose();
			renderer.dispose();
		}
	};
	scene.resize(canvas.clientWidth || canvas.width, canvas.clientHeight || canvas.height);
	return scene;
}

/**
 * Camera and OrbitControls: orbit, zoom (towards the cursor, to reach a single drive) and pan,
 * limited so the camera never goes under the floor or drifts away from the racks. The framing
 * follows the canvas aspect until the learner first moves the camera, then it is theirs.
 */
import { PerspectiveCamera } from 'three';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';
import { frameCamera, type Viewport } from './framing';
import type { Box } from './layout';

/** Vertical field of view in degrees: a longer lens (about 70 mm), so racks do not lean. */
export const FOV_DEG = 28;
/** Highest polar angle: just above the horizon, so the camera stays above the floor. */
const MAX_POLAR = Math.PI / 2 - 0.04;

export class CameraRig {
	readonly camera = new PerspectiveCamera(FOV_DEG, 1, 0.05, 100);
	readonly controls: OrbitControls;
	private userMoved = false;

	constructor(
		canvas: HTMLCanvasElement,
		/** What the first view frames (framing.ts focusBoxes). */
		private readonly focus: readonly Box[],
		reducedMotion: boolean,
		private readonly onChange: () => void
	) {
		const controls = new OrbitControls(this.camera, canvas);
		controls.maxPolarAngle = MAX_POLAR;
		controls.zoomToCursor = true;
		controls.screenSpacePanning = true;
		controls.dampingFactor = 0.12;
		controls.listenToKeyEvents(canvas);
		controls.addEventListener('change', onChange);
		controls.addEventListener('start', this.onStart);
		this.controls = controls;
		this.setReducedMotion(reducedMotion);
		this.frame({ width: 1, height: 1 });
	}

	private readonly onStart = () => {
		this.userMoved = true;
	};

	/** Places the camera to show the occupied units on a canvas of this CSS size. */
	frame(viewport: Viewport): void {
		const f = frameCamera(this.focus, viewport, FOV_DEG);
		const { camera, controls } = this;
		camera.aspect = viewport.width / viewport.height;
		camera.near = f.near;
		camera.far = f.far;
		camera.position.set(...f.position);
		controls.target.set(...f.target);
		controls.cursor.set(...f.target);
		controls.maxTargetRadius = f.radius * 2;
		controls.minDistance = f.minDistance;
		controls.maxDistance = f.maxDistance;
		camera.lookAt(controls.target);
		camera.updateProjectionMatrix();
		controls.update();
	}

	/** New canvas size: reframe unless the learner has taken the camera. */
	setViewport(viewport: Viewport): void {
		if (!this.userMoved) return this.frame(viewport);
		this.camera.aspect = viewport.width / viewport.height;
		this.camera.updateProjectionMatrix();
	}

	/** Damping keeps the view gliding after a drag; reduced motion stops when the hand stops. */
	setReducedMotion(reduced: boolean): void {
		this.controls.enableDamping = !reduced;
	}

	/** Call before each render: keeps the target above the floor and advances damping. */
	update(): void {
		const { target } = this.controls;
		if (target.y < 0) target.y = 0;
		this.controls.update();
	}

	dispose(): void {
		this.controls.removeEventListener('start', this.onStart);
		this.controls.removeEventListener('change', this.onChange);
		this.controls.dispose();
	}
}

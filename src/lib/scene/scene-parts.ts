/**
 * Builds the GPU-backed parts of a rack scene (stage, hardware, network layer, camera) so that a
 * failure half-way frees what was already made, and the renderer, before rethrowing.
 */
import type { WebGLRenderer } from 'three';
import type { TopologyInfo } from '../sim/topology';
import { CameraRig } from './camera-rig';
import { focusBoxes, sceneBounds } from './focus';
import { buildHardware, type Hardware } from './hardware';
import { Network } from './network';
import { Stage } from './stage';
import type { RackSceneOptions } from './types';

/** Builds the GPU-backed parts; on failure frees what was made (and the renderer) first. */
export function buildParts(
	canvas: HTMLCanvasElement,
	topology: TopologyInfo,
	options: RackSceneOptions,
	renderer: WebGLRenderer,
	onCameraChange: () => void
): { stage: Stage; hardware: Hardware; network: Network; rig: CameraRig } {
	let stage: Stage | undefined;
	let hardware: Hardware | undefined;
	let network: Network | undefined;
	try {
		stage = new Stage(renderer, sceneBounds(topology));
		hardware = buildHardware(topology, renderer.capabilities.getMaxAnisotropy());
		network = new Network(topology, options.reducedMotion);
		const focus = focusBoxes(topology);
		const rig = new CameraRig(canvas, focus, options.reducedMotion, onCameraChange);
		return { stage, hardware, network, rig };
	} catch (error) {
		network?.dispose();
		hardware?.dispose();
		stage?.dispose();
		renderer.dispose();
		throw error;
	}
}

/**
 * Storage transfers (256 KiB interleaves) drawn as small flat slabs: ONE InstancedMesh for every
 * transfer in the frame, so draw calls do not grow with the IO load. A slab flies along its path
 * (io-paths.ts) at the frame's progress, then rests where it landed for IO_HOLD_MS of simulated
 * time, shrinking and fading towards the background, and is hidden after that. Colours per kind
 * come from io-palette.ts. Each frame sets the instance count, matrices and colours in place.
 *
 * Simplification: slabs fly at simulated speed. At normal playback a write lands in well under a
 * millisecond, so what you mostly see are landed slabs on drives; slow motion shows them fly.
 * With reduced motion nothing flies: only landed slabs are shown, at full size (their colour
 * still fades, which is not motion).
 */
import {
	BoxGeometry,
	Color,
	DynamicDrawUsage,
	Group,
	InstancedMesh,
	Matrix4,
	MeshBasicMaterial,
	Sphere,
	Vector3
} from 'three';
import { MAX_FRAME_IO, type FrameReader } from '../sim/frame';
import type { TopologyInfo } from '../sim/topology';
import { ioStyle } from './io-palette';
import { IoPaths } from './io-paths';
import type { Vec3Out } from './packet-paths';
import { SCENE_COLORS } from './palette';

/** A slab's size in metres: wide and flat, unlike the cubic packets. */
export const IO_SLAB_M = { w: 0.02, h: 0.01, d: 0.006 } as const;
/** How long a landed slab stays on show, in simulated ms. */
export const IO_HOLD_MS = 1500;
/** A landed slab shrinks to this fraction of its size by the end of its hold. */
export const IO_END_SCALE = 0.35;
/** A landed slab's colour is this far (0..1) towards the background by the end of its hold. */
export const IO_END_FADE = 0.75;
/** Generous bound of the whole scene for culling (instances move every frame). */
const BOUND_RADIUS_M = 50;

/**
 * Size factor of a transfer's slab, 0 when it is not drawn: 1 in flight (hidden with reduced
 * motion), then shrinking over the hold (held at 1 with reduced motion), then 0.
 */
export function slabScale(progress: number, msSinceLanded: number, reduced: boolean): number {
	if (progress < 1) return reduced ? 0 : 1;
	if (!(msSinceLanded < IO_HOLD_MS)) return 0;
	if (reduced) return 1;
	return 1 - (1 - IO_END_SCALE) * (Math.max(0, msSinceLanded) / IO_HOLD_MS);
}

/** How far (0..IO_END_FADE) a slab's colour has faded towards the background. */
export function slabFade(progress: number, msSinceLanded: number): number {
	if (progress < 1) return 0;
	return IO_END_FADE * Math.min(1, Math.max(0, msSinceLanded) / IO_HOLD_MS);
}

const BACKGROUND = new Color(SCENE_COLORS.background);
const KIND_COLORS: readonly Color[] = [0, 1, 2, 3, 4].map(
	(k) => new Color(ioStyle(k)?.color ?? SCENE_COLORS.label)
);
const scratch = new Matrix4();
const tint = new Color();
const at: Vec3Out = { x: 0, y: 0, z: 0 };

export class IoFlights {
	readonly root = new Group();
	readonly mesh: InstancedMesh;
	readonly paths: IoPaths;
	private reduced: boolean;
	private lastSim = -1;
	private lastCount = -1;

	constructor(topo: TopologyInfo, reducedMotion: boolean) {
		this.paths = new IoPaths(topo);
		this.reduced = reducedMotion;
		this.mesh = new InstancedMesh(
			new BoxGeometry(IO_SLAB_M.w, IO_SLAB_M.h, IO_SLAB_M.d),
			new MeshBasicMaterial({ name: 'io-slab' }),
			MAX_FRAME_IO
		);
		this.mesh.instanceMatrix.setUsage(DynamicDrawUsage);
		this.mesh.count = 0;
		// Instances move every frame: a fixed, generous bound instead of recomputing one.
		this.mesh.boundingSphere = new Sphere(new Vector3(), BOUND_RADIUS_M);
		this.mesh.frustumCulled = false;
		// Create the colour buffer once, up front.
		for (let i = 0; i < MAX_FRAME_IO; i++) this.mesh.setColorAt(i, KIND_COLORS[0]);
		this.mesh.instanceColor?.setUsage(DynamicDrawUsage);
		this.mesh.name = 'io-flights';
		this.root.name = 'io-flights';
		this.root.add(this.mesh);
	}

	/** Places the frame's transfers; returns true if anything visible changed. */
	apply(frame: FrameReader): boolean {
		const before = this.mesh.count;
		const sim = frame.simTimeMs;
		const n = Math.min(frame.ioCount, MAX_FRAME_IO);
		if (n === 0 && before === 0) return false;
		if (sim === this.lastSim && n === this.lastCount) return false;
		this.lastSim = sim;
		this.lastCount = n;
		let drawn = 0;
		for (let i = 0; i < n; i++) {
			const kind = frame.ioKind(i);
			const color = KIND_COLORS[kind];
			const progress = frame.ioProgress(i);
			const ms = frame.ioMsSinceLanded(i);
			const scale = slabScale(progress, ms, this.reduced);
			if (!color || scale <= 0) continue;
			if (!this.paths.positionAt(frame.ioNode(i), frame.ioDrive(i), kind, progress, at)) continue;
			scratch.makeScale(scale, scale, scale);
			scratch.setPosition(at.x, at.y, at.z);
			this.mesh.setMatrixAt(drawn, scratch);
			this.mesh.setColorAt(drawn, tint.copy(color).lerp(BACKGROUND, slabFade(progress, ms)));
			drawn++;
		}
		this.mesh.count = drawn;
		this.mesh.instanceMatrix.needsUpdate = true;
		if (this.mesh.instanceColor) this.mesh.instanceColor.needsUpdate = true;
		return drawn > 0 || before > 0;
	}

	/** Switches between flying slabs and landed slabs only; true if the drawing must be redone. */
	setReducedMotion(reduced: boolean): boolean {
		if (reduced === this.reduced) return false;
		this.reduced = reduced;
		this.lastSim = -1;
		return true;
	}

	dispose(): void {
		this.root.removeFromParent();
		this.mesh.geometry.dispose();
		(this.mesh.material as MeshBasicMaterial).dispose();
		this.mesh.dispose();
	}
}

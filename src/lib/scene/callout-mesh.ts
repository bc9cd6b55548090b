/**
 * Name callouts as ONE instanced mesh of screen-space quads (one draw call for every label):
 * each instance sits at its callout's world anchor and the vertex shader lays the quad out in
 * CSS pixels from the anchor's projected position, snapped to whole device pixels for crisp
 * text. Instances: all name plates first, then one health symbol per server and switch.
 */
import {
	Color,
	DynamicDrawUsage,
	InstancedBufferAttribute,
	InstancedMesh,
	Matrix4,
	PlaneGeometry,
	type ShaderMaterial,
	type Vector2,
	Vector3,
	type Camera
} from 'three';
import { buildCalloutAtlas, type CalloutAtlas } from './callout-atlas';
import { createCalloutMaterial } from './callout-shader';
import { CALLOUT_PITCH_M, CALLOUT_PX, labelScale, type Callout } from './callouts';
import { HEALTH_COLORS } from './colors';

const scratch = new Vector3();
const above = new Vector3();
const WHITE = new Color(1, 1, 1);

/** Quad of a plate relative to its anchor (x0, y0, w, h in CSS px, y up): left of the anchor. */
const PLATE_QUAD = [-CALLOUT_PX.gap - CALLOUT_PX.w, -CALLOUT_PX.h / 2, CALLOUT_PX.w, CALLOUT_PX.h];
const SYMBOL_QUAD = [
	PLATE_QUAD[0] + CALLOUT_PX.pad,
	-CALLOUT_PX.symbol / 2,
	CALLOUT_PX.symbol,
	CALLOUT_PX.symbol
];

export class CalloutMesh {
	readonly mesh: InstancedMesh;
	private readonly atlas: CalloutAtlas;
	private readonly material: ShaderMaterial;
	private readonly rects: InstancedBufferAttribute;
	private readonly anchors: Float32Array;
	private dirty = false;
	private scale = 1;

	/** `withHealth`: how many callouts (the first ones) show a health symbol. */
	constructor(
		private readonly list: readonly Pick<Callout, 'text' | 'anchor'>[],
		readonly withHealth: number
	) {
		this.atlas = buildCalloutAtlas(list.map((c) => c.text));
		this.material = createCalloutMaterial(this.atlas.texture);
		const n = list.length + withHealth;
		const mesh = new InstancedMesh(new PlaneGeometry(1, 1), this.material, n);
		mesh.name = 'callouts';
		// Quads are placed in the shader; the bounding sphere cannot know them, so never cull.
		mesh.frustumCulled = false;
		const rect = new Float32Array(n * 4);
		const quad = new Float32Array(n * 4);
		const m = new Matrix4();
		this.anchors = new Float32Array(list.length * 3);
		for (let i = 0; i < n; i++) {
			const c = list[i < list.length ? i : i - list.length];
			mesh.setMatrixAt(i, m.makeTranslation(...c.anchor));
			mesh.setColorAt(i, WHITE);
			quad.set(i < list.length ? PLATE_QUAD : SYMBOL_QUAD, i * 4);
			if (i < list.length) {
				rect.set(this.atlas.plates.subarray(i * 4, i * 4 + 4), i * 4);
				this.anchors.set(c.anchor, i * 3);
			}
		}
		this.rects = new InstancedBufferAttribute(rect, 4).setUsage(DynamicDrawUsage);
		mesh.geometry.setAttribute('aRect', this.rects);
		mesh.geometry.setAttribute('aQuad', new InstancedBufferAttribute(quad, 4));
		this.mesh = mesh;
		for (let k = 0; k < withHealth; k++) this.setHealth(k, 0, HEALTH_COLORS[0]);
		this.flush();
	}

	/** Shows health `code` (symbol shape, `color`) on callout `k`'s symbol. */
	setHealth(k: number, code: number, color: Color): void {
		const i = this.list.length + k;
		const s = this.atlas.symbols;
		this.rects.setXYZW(i, s[code * 4], s[code * 4 + 1], s[code * 4 + 2], s[code * 4 + 3]);
		this.mesh.setColorAt(i, color);
		this.dirty = true;
	}

	/** Flags changed buffers for upload once; returns true if anything changed. */
	flush(): boolean {
		if (!this.dirty) return false;
		this.dirty = false;
		this.rects.needsUpdate = true;
		if (this.mesh.instanceColor) this.mesh.instanceColor.needsUpdate = true;
		return true;
	}

	/** The canvas's CSS size and the renderer's pixel ratio, which the shader lays out in. */
	setViewport(width: number, height: number, pixelRatio: number): void {
		(this.material.uniforms.uViewport.value as Vector2).set(width, height);
		this.material.uniforms.uPixelRatio.value = pixelRatio;
	}

	/**
	 * Sizes labels for the current camera (call before each render): full size unless a label
	 * column's pitch on screen is smaller than a label, as when zoomed far out.
	 */
	fitTo(camera: Camera, height: number): void {
		let pitch = Infinity;
		for (let i = 0; i < this.list.length; i++) {
			scratch.fromArray(this.anchors, i * 3);
			above
				.copy(scratch)
				.setY(scratch.y + CALLOUT_PITCH_M)
				.project(camera);
			scratch.project(camera);
			if (scratch.z < -1 || scratch.z > 1) continue;
			pitch = Math.min(pitch, (Math.abs(above.y - scratch.y) * height) / 2);
		}
		this.scale = labelScale(pitch);
		this.material.uniforms.uScale.value = this.scale;
	}

	/** Index of the callout whose plate covers canvas point (x, y) in CSS px, or -1. */
	pickAt(x: number, y: number, camera: Camera, width: number, height: number): number {
		const k = this.scale;
		const [qx, qy, qw, qh] = PLATE_QUAD;
		for (let i = this.list.length - 1; i >= 0; i--) {
			scratch.fromArray(this.anchors, i * 3).project(camera);
			if (scratch.z < -1 || scratch.z > 1) continue;
			const dx = x - ((scratch.x + 1) / 2) * width;
			const dy = ((1 - scratch.y) / 2) * height - y;
			if (dx >= k * qx && dx <= k * (qx + qw) && dy >= k * qy && dy <= k * (qy + qh)) return i;
		}
		return -1;
	}

	dispose(): void {
		this.mesh.removeFromParent();
		this.mesh.dispose();
		this.mesh.geometry.dispose();
		this.material.dispose();
		this.atlas.texture.dispose();
	}
}

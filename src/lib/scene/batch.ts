/**
 * Collects boxes (or planes) with a colour and a pick code while a scene is built, then turns
 * them into one InstancedMesh, so a kind of part costs one draw call however many there are.
 */
import { Color, InstancedMesh, Matrix4, Quaternion, Vector3 } from 'three';
import type { BufferGeometry, Material } from 'three';
import type { Box } from './layout';
import type { LabelRequest } from './labels';
import { NO_PICK } from './picking';

const m4 = new Matrix4();
const pos = new Vector3();
const scale = new Vector3();
const upright = new Quaternion();

export class BoxBatch {
	private readonly boxes: Box[] = [];
	private readonly colors: Color[] = [];
	private readonly codes: number[] = [];

	/** Adds one instance and returns its index. Planes (d = 0) keep a z scale of 1. */
	add(b: Box, color: Color, code: number = NO_PICK): number {
		this.boxes.push(b);
		this.colors.push(color);
		this.codes.push(code);
		return this.boxes.length - 1;
	}

	/** Appends every instance of `other`; returns the index its first instance got here. */
	append(other: BoxBatch): number {
		const offset = this.boxes.length;
		this.boxes.push(...other.boxes);
		this.colors.push(...other.colors);
		this.codes.push(...other.codes);
		return offset;
	}

	get count(): number {
		return this.boxes.length;
	}

	/** Builds the mesh; `codes[instanceId]` is each instance's pick code. */
	build(
		name: string,
		geometry: BufferGeometry,
		material: Material
	): { mesh: InstancedMesh; codes: Int32Array } {
		const n = this.boxes.length;
		const mesh = new InstancedMesh(geometry, material, Math.max(1, n));
		mesh.name = name;
		mesh.count = n;
		mesh.visible = n > 0;
		for (let i = 0; i < n; i++) {
			const b = this.boxes[i];
			pos.set(b.x, b.y, b.z);
			scale.set(b.w, b.h, b.d > 0 ? b.d : 1);
			mesh.setMatrixAt(i, m4.compose(pos, upright, scale));
			mesh.setColorAt(i, this.colors[i]);
		}
		// Matrices never change after the build: upload once, and fix the culling sphere now.
		mesh.computeBoundingSphere();
		return { mesh, codes: Int32Array.from(this.codes) };
	}
}

/** Everything a scene build collects, one batch per mesh (see hardware.ts). */
export interface Batches {
	frame: BoxBatch;
	bezels: BoxBatch;
	drives: BoxBatch;
	leds: BoxBatch;
	/** Cue planes in draw order: drive patterns, then face patterns, then badges on top. */
	driveCues: BoxBatch;
	faceCues: BoxBatch;
	badges: BoxBatch;
	labels: BoxBatch;
	labelRequests: LabelRequest[];
}

/** Instance indices of everything the frame loop recolours (cue indices within their batch). */
export interface HardwareIndex {
	driveLed: Int32Array;
	driveCue: Int32Array;
	nicLed: Int32Array;
	nodeBezel: Int32Array;
	nodeStrip: Int32Array;
	nodeCue: Int32Array;
	nodeBadge: Int32Array;
	switchBezel: Int32Array;
	switchStrip: Int32Array;
	switchCue: Int32Array;
	switchBadge: Int32Array;
	portLedStart: Int32Array;
	portLedCount: Int32Array;
}

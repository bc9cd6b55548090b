/**
 * Every thin line of the scene in ONE LineSegments draw call: the network cables (recoloured in
 * place as heartbeats pass), any extra cables (the border router's, in SLB scenes) and the
 * callouts' leader lines (static). Each vertex carries an RGBA colour whose alpha flags a dashed
 * line, so a dead cable reads as broken without its colour.
 */
import {
	BufferAttribute,
	BufferGeometry,
	Color,
	DynamicDrawUsage,
	LineSegments,
	ShaderMaterial
} from 'three';
import type { TopologyInfo } from '../sim/topology';
import { cableRoutes, type CableRoutes } from './cable-routes';
import type { Callout, Vec3 } from './callouts';
import { SCENE_COLORS } from './palette';

/** Dash period along a dead cable, in metres. */
const DASH_M = 0.03;
const LEADER_COLOR = new Color(SCENE_COLORS.leader);

const vertexShader = /* glsl */ `
attribute vec4 aColor;
attribute float aDistance;
varying vec4 vColor;
varying float vDistance;
void main() {
	vColor = aColor;
	vDistance = aDistance;
	gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
}`;

const fragmentShader = /* glsl */ `
uniform float uDash;
varying vec4 vColor;
varying float vDistance;
void main() {
	if (vColor.a > 0.5 && fract(vDistance / uDash) > 0.55) discard;
	gl_FragColor = vec4(vColor.rgb, 1.0);
	#include <colorspace_fragment>
}`;

export class Wires {
	readonly lines: LineSegments;
	readonly routes: CableRoutes;
	/** First vertex and vertex count of each extra cable, in the order given. */
	readonly extras: readonly { start: number; count: number }[];
	private readonly colors: Float32Array;
	private readonly colorAttr: BufferAttribute;
	private readonly material: ShaderMaterial;
	private dirty = false;

	/** `extra`: more cables as polylines, drawn after the servers' (see `setExtra`). */
	constructor(
		topo: TopologyInfo,
		list: readonly Pick<Callout, 'leader'>[],
		extra: readonly (readonly Vec3[])[] = []
	) {
		const routes = cableRoutes(topo);
		const cableVerts = routes.distances.length;
		const segments = (line: readonly unknown[]) => 2 * Math.max(0, line.length - 1);
		const extraVerts = extra.reduce((sum, line) => sum + segments(line), 0);
		const leaderVerts = list.reduce((sum, c) => sum + segments(c.leader), 0);
		const n = cableVerts + extraVerts + leaderVerts;
		const positions = new Float32Array(n * 3);
		const distances = new Float32Array(n);
		positions.set(routes.positions);
		distances.set(routes.distances);
		this.colors = new Float32Array(n * 4);
		let v = cableVerts;
		this.extras = extra.map((line) => {
			const start = v;
			let dist = 0;
			for (let k = 0; k + 1 < line.length; k++) {
				const [a, b] = [line[k], line[k + 1]];
				positions.set(a, v * 3);
				distances[v++] = dist;
				dist += Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]);
				positions.set(b, v * 3);
				distances[v++] = dist;
			}
			return { start, count: v - start };
		});
		for (const c of list) {
			for (let k = 0; k + 1 < c.leader.length; k++) {
				for (const p of [c.leader[k], c.leader[k + 1]]) {
					positions.set(p, v * 3);
					this.colors.set([LEADER_COLOR.r, LEADER_COLOR.g, LEADER_COLOR.b, 0], v * 4);
					v++;
				}
			}
		}
		const geometry = new BufferGeometry();
		geometry.setAttribute('position', new BufferAttribute(positions, 3));
		geometry.setAttribute('aDistance', new BufferAttribute(distances, 1));
		this.colorAttr = new BufferAttribute(this.colors, 4).setUsage(DynamicDrawUsage);
		geometry.setAttribute('aColor', this.colorAttr);
		geometry.computeBoundingSphere();
		this.material = new ShaderMaterial({
			name: 'wires',
			uniforms: { uDash: { value: DASH_M } },
			vertexShader,
			fragmentShader
		});
		this.lines = new LineSegments(geometry, this.material);
		this.lines.name = 'wires';
		this.routes = routes;
	}

	/** Colours cable `c` (every vertex of it); `dashed` draws it broken. */
	setCable(c: number, color: Color, dashed: boolean): void {
		this.paint(this.routes.start[c], this.routes.count[c], color, dashed);
	}

	/** Colours extra cable `k` like `setCable`. */
	setExtra(k: number, color: Color, dashed: boolean): void {
		const e = this.extras[k];
		if (e) this.paint(e.start, e.count, color, dashed);
	}

	private paint(start: number, count: number, color: Color, dashed: boolean): void {
		const end = start + count;
		const a = dashed ? 1 : 0;
		for (let v = start; v < end; v++) {
			const o = v * 4;
			this.colors[o] = color.r;
			this.colors[o + 1] = color.g;
			this.colors[o + 2] = color.b;
			this.colors[o + 3] = a;
		}
		this.dirty = true;
	}

	/** Flags the colours for upload once; returns true if any cable changed. */
	flush(): boolean {
		if (!this.dirty) return false;
		this.dirty = false;
		this.colorAttr.needsUpdate = true;
		return true;
	}

	/** The RGBA colour of vertex `v` (tests read it back). */
	vertexColor(v: number): [number, number, number, number] {
		const o = v * 4;
		return [this.colors[o], this.colors[o + 1], this.colors[o + 2], this.colors[o + 3]];
	}

	dispose(): void {
		this.lines.removeFromParent();
		this.lines.geometry.dispose();
		this.material.dispose();
	}
}

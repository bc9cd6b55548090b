/**
 * Every thin line of the scene in ONE LineSegments draw call: the network cables (recoloured in
 * place as heartbeats pass) and the callouts' leader lines (static). Each vertex carries an RGBA
 * colour whose alpha flags a dashed line, so a dead cable reads as broken without its colour.
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
import type { Callout } from './callouts';
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
	private readonly colors: Float32Array;
	private readonly colorAttr: BufferAttribute;
	private readonly material: ShaderMaterial;
	private dirty = false;

	constructor(topo: TopologyInfo, list: readonly Callout[]) {
		const routes = cableRoutes(topo);
		const cableVerts = routes.distances.length;
		const leaderVerts = list.reduce((sum, c) => sum + 2 * (c.leader.length - 1), 0);
		const n = cableVerts + leaderVerts;
		const positions = new Float32Array(n * 3);
		const distances = new Float32Array(n);
		positions.set(routes.positions);
		distances.set(routes.distances);
		this.colors = new Float32Array(n * 4);
		let v = cableVerts;
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
		const end = this.routes.start[c] + this.routes.count[c];
		const a = dashed ? 1 : 0;
		for (let v = this.routes.start[c]; v < end; v++) {
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

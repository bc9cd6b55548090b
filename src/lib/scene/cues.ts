/**
 * Non-colour health cues drawn procedurally: surface patterns (stripes, crosshatch, dashed
 * outline, dots) and badge shapes (● ▲ ✕ ◌ ■), all in ONE instanced plane mesh whose per-instance
 * `aCue` attribute picks the cue. Procedural shapes stay crisp at any zoom and any aspect ratio
 * (a bezel is 5:1, a drive 1:5), which a texture atlas would not.
 */
import { InstancedBufferAttribute, DynamicDrawUsage, ShaderMaterial } from 'three';
import type { InstancedMesh } from 'three';
import { HEALTH_NAMES } from '../sim/health';
import { HEALTH_STYLES, type HealthPattern } from './palette';

/** Cue ids as stored in `aCue`. 0 draws nothing. */
export const CUE = {
	none: 0,
	stripes: 1,
	crosshatch: 2,
	dashed: 3,
	dots: 4,
	circle: 5,
	triangle: 6,
	cross: 7,
	ring: 8,
	square: 9
} as const;

/** Surface cue per palette pattern; 'solid' (healthy) needs no overlay. */
export const PATTERN_CUES: Readonly<Record<HealthPattern, number>> = {
	solid: CUE.none,
	stripes: CUE.stripes,
	crosshatch: CUE.crosshatch,
	dashed: CUE.dashed,
	dots: CUE.dots
};

/** Badge shape per palette symbol, so the 3D badge matches what the UI prints. */
export const SYMBOL_CUES: Readonly<Record<string, number>> = {
	'●': CUE.circle,
	'▲': CUE.triangle,
	'✕': CUE.cross,
	'◌': CUE.ring,
	'■': CUE.square
};

/** Per health code: the overlay pattern cue and the badge cue. */
export const OVERLAY_BY_HEALTH = HEALTH_NAMES.map((n) => PATTERN_CUES[HEALTH_STYLES[n].pattern]);
export const BADGE_BY_HEALTH = HEALTH_NAMES.map((n) => SYMBOL_CUES[HEALTH_STYLES[n].symbol]);

const vertexShader = /* glsl */ `
attribute float aCue;
varying vec2 vUv;
varying vec2 vSize;
varying float vCue;
varying vec3 vColor;
void main() {
	vUv = uv;
	vCue = aCue;
	vSize = vec2(length(instanceMatrix[0].xyz), length(instanceMatrix[1].xyz));
	#ifdef USE_INSTANCING_COLOR
	vColor = instanceColor;
	#else
	vColor = vec3(1.0);
	#endif
	gl_Position = projectionMatrix * modelViewMatrix * instanceMatrix * vec4(position, 1.0);
}`;

const fragmentShader = /* glsl */ `
varying vec2 vUv;
varying vec2 vSize;
varying float vCue;
varying vec3 vColor;

float fill(float d) { float w = fwidth(d); return 1.0 - smoothstep(-w, w, d); }
float band(float t, float duty) {
	float w = fwidth(t);
	return 1.0 - smoothstep(duty * 0.5 - w, duty * 0.5 + w, abs(fract(t) - 0.5));
}
float sdBox(vec2 p, vec2 b) { vec2 d = abs(p) - b; return length(max(d, 0.0)) + min(max(d.x, d.y), 0.0); }
float sdTriangle(vec2 p, float r) {
	const float k = 1.7320508;
	p.x = abs(p.x) - r;
	p.y = p.y + r / k;
	if (p.x + k * p.y > 0.0) p = vec2(p.x - k * p.y, -k * p.x - p.y) / 2.0;
	p.x -= clamp(p.x, -2.0 * r, 0.0);
	return -length(p) * sign(p.y);
}

void main() {
	int cue = int(vCue + 0.5);
	if (cue == 0) discard;
	vec2 p = (vUv - 0.5) * vSize;
	vec4 c;
	if (cue <= 4) {
		float m;
		if (cue == 1) m = band((p.x + p.y) / 0.011, 0.3);
		else if (cue == 2) m = max(band((p.x + p.y) / 0.008, 0.3), band((p.x - p.y) / 0.008, 0.3));
		else if (cue == 3) {
			float edge = min(vSize.x * 0.5 - abs(p.x), vSize.y * 0.5 - abs(p.y));
			float bw = min(0.0022, 0.2 * min(vSize.x, vSize.y));
			m = fill(edge - bw) * band((p.x + p.y) / 0.006, 0.55);
		} else {
			vec2 q = (fract(p / 0.007) - 0.5) * 0.007;
			m = fill(length(q) - 0.0016);
		}
		c = vec4(vColor, m * 0.9);
	} else {
		vec2 q = (vUv - 0.5) * 2.0;
		float d;
		if (cue == 5) d = length(q) - 0.6;
		else if (cue == 6) d = sdTriangle(q + vec2(0.0, 0.2), 0.74);
		else if (cue == 7) {
			vec2 r = vec2(q.x + q.y, q.x - q.y) * 0.70710678;
			d = min(sdBox(r, vec2(0.8, 0.17)), sdBox(r, vec2(0.17, 0.8)));
		} else if (cue == 8) {
			float len = length(q);
			float t = atan(q.y, q.x) * 1.5915494;
			float w = fwidth(len) * 1.5915494 / max(len, 0.05);
			float dash = 1.0 - smoothstep(0.275 - w, 0.275 + w, abs(fract(t) - 0.5));
			d = mix(1.0, abs(len - 0.55) - 0.12, dash);
		} else d = sdBox(q, vec2(0.52)) - 0.04;
		float backdrop = fill(sdBox(q, vec2(0.82)) - 0.14);
		float s = fill(d);
		c = vec4(mix(vec3(0.006, 0.008, 0.011), vColor, s), max(backdrop * 0.92, s));
	}
	if (c.a < 0.01) discard;
	gl_FragColor = c;
	#include <colorspace_fragment>
}`;

/** The cue material (transparent; drawn after opaque hardware, writes no depth). */
export function createCueMaterial(): ShaderMaterial {
	return new ShaderMaterial({
		name: 'cues',
		vertexShader,
		fragmentShader,
		transparent: true,
		depthWrite: false
	});
}

/** Adds the per-instance cue attribute to a plane mesh, all cues set to `CUE.none`. */
export function addCueAttribute(mesh: InstancedMesh): InstancedBufferAttribute {
	const attr = new InstancedBufferAttribute(new Float32Array(mesh.instanceMatrix.count), 1);
	attr.setUsage(DynamicDrawUsage);
	mesh.geometry.setAttribute('aCue', attr);
	return attr;
}

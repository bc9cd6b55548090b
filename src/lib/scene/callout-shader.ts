/**
 * Shaders of the name callouts: each instance is a quad laid out in CSS pixels around its
 * anchor's projected position (`aQuad`: x, y offset, width, height; y up), snapped to whole
 * device pixels so text drawn at twice the size stays crisp, textured from the atlas rect `aRect`
 * and tinted by the instance colour (white for plates, the health colour for symbols).
 */
import { ShaderMaterial, Vector2, type Texture } from 'three';

const vertexShader = /* glsl */ `
uniform vec2 uViewport;
uniform float uPixelRatio;
uniform float uScale;
attribute vec4 aRect;
attribute vec4 aQuad;
varying vec2 vUv;
varying vec3 vColor;
void main() {
	vec4 clip = projectionMatrix * modelViewMatrix * instanceMatrix * vec4(0.0, 0.0, 0.0, 1.0);
	vec2 corner = position.xy + 0.5;
	vUv = aRect.xy + corner * aRect.zw;
	#ifdef USE_INSTANCING_COLOR
	vColor = instanceColor;
	#else
	vColor = vec3(1.0);
	#endif
	if (clip.w <= 0.0) { gl_Position = vec4(2.0, 2.0, 2.0, 1.0); return; }
	vec2 device = uViewport * uPixelRatio;
	vec2 px = floor((clip.xy / clip.w * 0.5 + 0.5) * device + 0.5);
	px += floor((aQuad.xy + corner * aQuad.zw) * uScale * uPixelRatio + 0.5);
	gl_Position = vec4((px / device * 2.0 - 1.0) * clip.w, clip.z, clip.w);
}`;

const fragmentShader = /* glsl */ `
uniform sampler2D map;
varying vec2 vUv;
varying vec3 vColor;
void main() {
	vec4 t = texture2D(map, vUv);
	if (t.a < 0.01) discard;
	gl_FragColor = vec4(t.rgb * vColor, t.a);
	#include <colorspace_fragment>
}`;

/** The callouts' material: transparent, depth-tested (racks hide labels behind them), no depth writes. */
export function createCalloutMaterial(map: Texture): ShaderMaterial {
	return new ShaderMaterial({
		name: 'callouts',
		uniforms: {
			map: { value: map },
			/** Canvas size in CSS px, the renderer's pixel ratio, and the zoom-out label scale. */
			uViewport: { value: new Vector2(1, 1) },
			uPixelRatio: { value: 1 },
			uScale: { value: 1 }
		},
		vertexShader,
		fragmentShader,
		transparent: true,
		depthWrite: false
	});
}

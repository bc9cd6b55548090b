/**
 * Name labels (servers, switches, HLH, rack signs), drawn ONCE into a single canvas atlas when a
 * scene is built and shown as instanced planes: one texture and one draw call for every label.
 * A per-instance `aRect` attribute selects each label's cell in the atlas.
 */
import {
	CanvasTexture,
	InstancedBufferAttribute,
	ShaderMaterial,
	SRGBColorSpace,
	type InstancedMesh
} from 'three';

/** A plate is text on a bezel (transparent); a sign is a dark name board on a rack. */
export type LabelStyle = 'plate' | 'sign';

/** Cell sizes in pixels; label planes use the same aspect so text is not stretched. */
export const LABEL_CELL: Readonly<Record<LabelStyle, { w: number; h: number }>> = {
	plate: { w: 256, h: 64 },
	sign: { w: 512, h: 96 }
};

const ATLAS_W = 1024;
/** Transparent gutter between cells, so mipmaps do not bleed one label into the next. */
const GUTTER = 4;

export interface LabelRequest {
	text: string;
	style: LabelStyle;
}

/** Shelf-packs cells left to right, top to bottom; returns pixel rects and the atlas height. */
export function packLabels(requests: readonly LabelRequest[]): {
	rects: { x: number; y: number; w: number; h: number }[];
	height: number;
} {
	const rects = [];
	let x = 0;
	let y = 0;
	let shelf = 0;
	for (const { style } of requests) {
		const { w, h } = LABEL_CELL[style];
		if (x + w > ATLAS_W) {
			x = 0;
			y += shelf + GUTTER;
			shelf = 0;
		}
		rects.push({ x, y, w, h });
		x += w + GUTTER;
		shelf = Math.max(shelf, h);
	}
	let height = 64;
	while (height < y + shelf) height *= 2;
	return { rects, height };
}

function drawLabel(
	ctx: CanvasRenderingContext2D,
	r: { x: number; y: number; w: number; h: number },
	req: LabelRequest
) {
	const sign = req.style === 'sign';
	if (sign) {
		ctx.fillStyle = '#1C222B';
		ctx.strokeStyle = '#5A6472';
		ctx.lineWidth = 3;
		ctx.beginPath();
		ctx.roundRect(r.x + 2, r.y + 2, r.w - 4, r.h - 4, 10);
		ctx.fill();
		ctx.stroke();
	}
	const size = Math.round(r.h * (sign ? 0.55 : 0.6));
	const font = (px: number) => `600 ${px}px system-ui, "Segoe UI", Roboto, Helvetica, sans-serif`;
	ctx.font = font(size);
	const maxW = r.w - (sign ? 28 : 12);
	const width = ctx.measureText(req.text).width;
	// Long names shrink to fit their cell rather than being squeezed by fillText's maxWidth.
	if (width > maxW) ctx.font = font(Math.floor((size * maxW) / width));
	ctx.fillStyle = '#FFFFFF';
	ctx.textAlign = sign ? 'center' : 'left';
	ctx.textBaseline = 'middle';
	ctx.fillText(req.text, sign ? r.x + r.w / 2 : r.x + 6, r.y + r.h / 2 + 1, maxW);
}

/** Draws every label into one canvas texture; `rects[i]` (vec4, UV space) locates label i. */
export function buildLabelAtlas(requests: readonly LabelRequest[], anisotropy: number) {
	const { rects, height } = packLabels(requests);
	const canvas = document.createElement('canvas');
	canvas.width = ATLAS_W;
	canvas.height = height;
	const ctx = canvas.getContext('2d');
	// Without a 2D context (very old or test browsers) labels are blank; the scene still works.
	if (ctx) requests.forEach((req, i) => drawLabel(ctx, rects[i], req));
	const texture = new CanvasTexture(canvas);
	texture.colorSpace = SRGBColorSpace;
	texture.anisotropy = anisotropy;
	const uv = new Float32Array(rects.length * 4);
	rects.forEach((r, i) => {
		// CanvasTexture is flipped (flipY), so canvas row 0 is v = 1.
		uv.set([r.x / ATLAS_W, 1 - (r.y + r.h) / height, r.w / ATLAS_W, r.h / height], i * 4);
	});
	return { texture, uv };
}

/** Attaches atlas rects to a label plane mesh (one vec4 per instance). */
export function addLabelRects(mesh: InstancedMesh, uv: Float32Array): void {
	const data = new Float32Array(mesh.instanceMatrix.count * 4);
	data.set(uv.subarray(0, data.length));
	mesh.geometry.setAttribute('aRect', new InstancedBufferAttribute(data, 4));
}

/** The label material: atlas texel tinted by the instance colour. */
export function createLabelMaterial(texture: CanvasTexture): ShaderMaterial {
	return new ShaderMaterial({
		name: 'labels',
		uniforms: { map: { value: texture } },
		transparent: true,
		depthWrite: false,
		vertexShader: /* glsl */ `
			attribute vec4 aRect;
			varying vec2 vUv;
			varying vec3 vColor;
			void main() {
				vUv = aRect.xy + uv * aRect.zw;
				#ifdef USE_INSTANCING_COLOR
				vColor = instanceColor;
				#else
				vColor = vec3(1.0);
				#endif
				gl_Position = projectionMatrix * modelViewMatrix * instanceMatrix * vec4(position, 1.0);
			}`,
		fragmentShader: /* glsl */ `
			uniform sampler2D map;
			varying vec2 vUv;
			varying vec3 vColor;
			void main() {
				vec4 t = texture2D(map, vUv);
				if (t.a < 0.02) discard;
				gl_FragColor = vec4(t.rgb * vColor, t.a);
				#include <colorspace_fragment>
			}`
	});
}

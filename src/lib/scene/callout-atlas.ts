/**
 * The callouts' texture, drawn ONCE per scene: one dark name plate per label and one white cell
 * per health symbol (tinted per instance by the shader). Texels are drawn at twice the CSS pixel
 * size, so labels stay sharp on high-density screens and are box-filtered on ordinary ones.
 */
import { CanvasTexture, LinearFilter, SRGBColorSpace } from 'three';
import { HEALTH_NAMES } from '../sim/health';
import { CALLOUT_PX } from './callouts';
import { HEALTH_STYLES, SCENE_COLORS } from './palette';

/** Texels per CSS pixel. */
export const ATLAS_SCALE = 2;
const W = 512;
const GUTTER = 4;
const PLATE = { w: CALLOUT_PX.w * ATLAS_SCALE, h: CALLOUT_PX.h * ATLAS_SCALE };
const SYM = CALLOUT_PX.symbol * ATLAS_SCALE;

export interface CalloutAtlas {
	texture: CanvasTexture;
	/** UV rect (u, v, width, height) of each label's plate. */
	plates: Float32Array;
	/** UV rect of each health code's symbol, indexed by code. */
	symbols: Float32Array;
}

type Rect = { x: number; y: number; w: number; h: number };

/** The symbol shapes of the palette (● ▲ ✕ ◌ ■), drawn as paths so no font is needed. */
function drawSymbol(ctx: CanvasRenderingContext2D, r: Rect, symbol: string): void {
	const cx = r.x + r.w / 2;
	const cy = r.y + r.h / 2;
	const s = r.w / 2;
	ctx.fillStyle = ctx.strokeStyle = '#FFFFFF';
	ctx.lineWidth = s * 0.3;
	ctx.beginPath();
	if (symbol === '▲') {
		ctx.moveTo(cx, cy - s * 0.85);
		ctx.lineTo(cx + s * 0.9, cy + s * 0.7);
		ctx.lineTo(cx - s * 0.9, cy + s * 0.7);
		ctx.closePath();
		ctx.fill();
	} else if (symbol === '✕') {
		const k = s * 0.62;
		ctx.lineWidth = s * 0.34;
		ctx.moveTo(cx - k, cy - k);
		ctx.lineTo(cx + k, cy + k);
		ctx.moveTo(cx + k, cy - k);
		ctx.lineTo(cx - k, cy + k);
		ctx.stroke();
	} else if (symbol === '◌') {
		ctx.setLineDash([s * 0.42, s * 0.3]);
		ctx.arc(cx, cy, s * 0.66, 0, Math.PI * 2);
		ctx.stroke();
		ctx.setLineDash([]);
	} else if (symbol === '■') {
		ctx.fillRect(cx - s * 0.68, cy - s * 0.68, s * 1.36, s * 1.36);
	} else {
		ctx.arc(cx, cy, s * 0.72, 0, Math.PI * 2);
		ctx.fill();
	}
}

function drawPlate(ctx: CanvasRenderingContext2D, r: Rect, text: string): void {
	const k = ATLAS_SCALE;
	ctx.fillStyle = 'rgba(15, 20, 25, 0.9)';
	ctx.strokeStyle = '#46505E';
	ctx.lineWidth = k;
	ctx.beginPath();
	ctx.roundRect(r.x + k / 2, r.y + k / 2, r.w - k, r.h - k, 4 * k);
	ctx.fill();
	ctx.stroke();
	const x = r.x + (CALLOUT_PX.pad * 2 + CALLOUT_PX.symbol) * k;
	const maxW = r.x + r.w - CALLOUT_PX.pad * k - x;
	const size = CALLOUT_PX.font * k;
	const font = (px: number) => `600 ${px}px system-ui, "Segoe UI", Roboto, Helvetica, sans-serif`;
	ctx.font = font(size);
	// Long names shrink to fit their plate rather than being squeezed by fillText's maxWidth.
	const width = ctx.measureText(text).width;
	if (width > maxW) ctx.font = font(Math.floor((size * maxW) / width));
	ctx.fillStyle = SCENE_COLORS.label;
	ctx.textAlign = 'left';
	ctx.textBaseline = 'middle';
	ctx.fillText(text, x, r.y + r.h / 2 + k / 2, maxW);
}

/** Draws every plate and the symbols into one texture. */
export function buildCalloutAtlas(texts: readonly string[]): CalloutAtlas {
	const cols = Math.floor((W + GUTTER) / (PLATE.w + GUTTER));
	const symbolRow = SYM + GUTTER;
	const rows = Math.ceil(texts.length / cols);
	let height = 64;
	while (height < symbolRow + rows * (PLATE.h + GUTTER)) height *= 2;
	const canvas = document.createElement('canvas');
	canvas.width = W;
	canvas.height = height;
	const ctx = canvas.getContext('2d');
	const uv = (r: Rect, out: Float32Array, i: number) =>
		// CanvasTexture is flipped (flipY), so canvas row 0 is v = 1.
		out.set([r.x / W, 1 - (r.y + r.h) / height, r.w / W, r.h / height], i * 4);
	const symbols = new Float32Array(HEALTH_NAMES.length * 4);
	HEALTH_NAMES.forEach((name, code) => {
		const r = { x: code * (SYM + GUTTER), y: 0, w: SYM, h: SYM };
		if (ctx) drawSymbol(ctx, r, HEALTH_STYLES[name].symbol);
		uv(r, symbols, code);
	});
	const plates = new Float32Array(texts.length * 4);
	texts.forEach((text, i) => {
		const col = i % cols;
		const row = Math.floor(i / cols);
		const r = { x: col * (PLATE.w + GUTTER), y: symbolRow + row * (PLATE.h + GUTTER), ...PLATE };
		// Without a 2D context (test DOMs) the plates are blank; the scene still works.
		if (ctx) drawPlate(ctx, r, text);
		uv(r, plates, i);
	});
	const texture = new CanvasTexture(canvas);
	texture.colorSpace = SRGBColorSpace;
	// Drawn at exactly twice the on-screen size: plain bilinear filtering, no blurring mipmaps.
	texture.generateMipmaps = false;
	texture.minFilter = LinearFilter;
	return { texture, plates, symbols };
}

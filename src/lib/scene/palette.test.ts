import { describe, expect, it } from 'vitest';
import { HEALTH_NAMES } from '../sim/health';
import { BADGE_BY_HEALTH, CUE, OVERLAY_BY_HEALTH } from './cues';
import { HEALTH_STYLES, healthStyle, legendText, MEDIA_STYLES, SCENE_COLORS } from './palette';

// Colour science for the checks: sRGB → linear → (optional CVD simulation) → CIELAB.
const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const rgb = (hex: string) => [1, 3, 5].map((i) => linear(parseInt(hex.slice(i, i + 2), 16) / 255));
/** Machado, Oliveira & Fernandes (2009) matrices, severity 1.0, applied in linear RGB. */
const CVD: Record<string, number[]> = {
	normal: [1, 0, 0, 0, 1, 0, 0, 0, 1],
	protanopia: [
		0.152286, 1.052583, -0.204868, 0.114503, 0.786281, 0.099216, -0.003882, -0.048116, 1.051998
	],
	deuteranopia: [
		0.367322, 0.860646, -0.227968, 0.280085, 0.672501, 0.047413, -0.01182, 0.04294, 0.968881
	],
	tritanopia: [
		1.255528, -0.076749, -0.178779, -0.078411, 0.930809, 0.147602, 0.004733, 0.691367, 0.3039
	]
};
const simulate = (c: number[], m: number[]) =>
	[0, 1, 2].map((r) =>
		Math.min(1, Math.max(0, m[r * 3] * c[0] + m[r * 3 + 1] * c[1] + m[r * 3 + 2] * c[2]))
	);
function lab([r, g, b]: number[]): number[] {
	const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
	const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
	const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
	const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
	return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}
const deltaE = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
const luminance = (hex: string) => {
	const [r, g, b] = rgb(hex);
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a: string, b: string) => {
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (hi + 0.05) / (lo + 0.05);
};
const pairs = <T>(xs: T[]) => xs.flatMap((a, i) => xs.slice(i + 1).map((b) => [a, b] as const));

const styles = HEALTH_NAMES.map((n) => HEALTH_STYLES[n]);

describe('health palette', () => {
	it('has a style for every health code, in code order', () => {
		styles.forEach((s, code) => {
			expect(s.code).toBe(code);
			expect(healthStyle(code)).toBe(s);
		});
		expect(healthStyle(99).name).toBe('unreachable');
	});

	it('gives every state a distinct colour, label, symbol and pattern', () => {
		for (const key of ['color', 'label', 'symbol', 'pattern'] as const) {
			expect(new Set(styles.map((s) => s[key])).size).toBe(styles.length);
		}
	});

	it.each(Object.keys(CVD))(
		'keeps every pair of colours apart for %s vision (ΔE76 ≥ 15)',
		(type) => {
			for (const [a, b] of pairs(styles)) {
				const d = deltaE(
					lab(simulate(rgb(a.color), CVD[type])),
					lab(simulate(rgb(b.color), CVD[type]))
				);
				expect(d, `${a.name} vs ${b.name}`).toBeGreaterThanOrEqual(15);
			}
		}
	);

	it('reads on the dark background (contrast ≥ 3:1, WCAG non-text)', () => {
		for (const s of styles) {
			expect(contrast(s.color, SCENE_COLORS.background), s.name).toBeGreaterThanOrEqual(3);
		}
	});

	it('draws every symbol and pattern in 3D as its own cue', () => {
		expect(new Set(BADGE_BY_HEALTH).size).toBe(styles.length);
		expect(BADGE_BY_HEALTH.every((c) => c !== undefined && c !== CUE.none)).toBe(true);
		// Healthy is the plain surface; every other state gets a distinct pattern overlay.
		expect(OVERLAY_BY_HEALTH[0]).toBe(CUE.none);
		expect(new Set(OVERLAY_BY_HEALTH).size).toBe(styles.length);
	});
});

describe('media and legend', () => {
	const media = Object.values(MEDIA_STYLES);

	it('keeps drive media apart for every vision type (ΔE76 ≥ 15)', () => {
		for (const m of Object.values(CVD)) {
			for (const [a, b] of pairs(media)) {
				expect(
					deltaE(lab(simulate(rgb(a.color), m)), lab(simulate(rgb(b.color), m)))
				).toBeGreaterThanOrEqual(15);
			}
		}
	});

	it('names every state with its symbol and every medium in the legend', () => {
		const text = legendText();
		for (const s of styles) expect(text).toContain(`${s.symbol} ${s.label}`);
		for (const m of media) expect(text).toContain(m.label);
	});

	it('uses packet colours that are not health colours', () => {
		for (const c of [SCENE_COLORS.packetTenantEven, SCENE_COLORS.packetTenantOdd]) {
			for (const s of styles) expect(deltaE(lab(rgb(c)), lab(rgb(s.color)))).toBeGreaterThan(15);
		}
		expect(
			deltaE(lab(rgb(SCENE_COLORS.packetTenantEven)), lab(rgb(SCENE_COLORS.packetTenantOdd)))
		).toBeGreaterThan(15);
	});

	it('uses a selection colour that is not a health colour', () => {
		const selection = lab(rgb(SCENE_COLORS.selection));
		for (const s of styles) expect(deltaE(selection, lab(rgb(s.color)))).toBeGreaterThan(15);
	});
});

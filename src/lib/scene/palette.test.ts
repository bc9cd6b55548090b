import { describe, expect, it } from 'vitest';
import { HEALTH_NAMES } from '../sim/health';
import { BADGE_BY_HEALTH, CUE, OVERLAY_BY_HEALTH } from './cues';
import { HEALTH_STYLES, healthStyle, legendText, MEDIA_STYLES, SCENE_COLORS } from './palette';
import { contrast, CVD, deltaE, pairs } from './test-colors';

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
				const d = deltaE(a.color, b.color, type);
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
		for (const type of Object.keys(CVD)) {
			for (const [a, b] of pairs(media)) {
				expect(
					deltaE(a.color, b.color, type),
					`${type}: ${a.label} vs ${b.label}`
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
			for (const s of styles) expect(deltaE(c, s.color)).toBeGreaterThan(15);
		}
		expect(deltaE(SCENE_COLORS.packetTenantEven, SCENE_COLORS.packetTenantOdd)).toBeGreaterThan(15);
	});

	it('uses a selection colour that is not a health colour', () => {
		for (const s of styles) expect(deltaE(SCENE_COLORS.selection, s.color)).toBeGreaterThan(15);
	});
});

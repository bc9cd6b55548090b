import { describe, expect, it } from 'vitest';
import { IoKind } from '../sim/frame';
import { IO_LEGEND, IO_STYLES, ioStyle } from './io-palette';
import { HEALTH_STYLES, legendText, MEDIA_STYLES, SCENE_COLORS } from './palette';
import { contrast, CVD, deltaE, pairs } from './test-colors';

const styles = Object.values(IO_STYLES);
const health = Object.values(HEALTH_STYLES).map((s) => s.color);
const media = Object.values(MEDIA_STYLES).map((s) => s.color);
const { background, ...scene } = SCENE_COLORS;

describe('storage transfer colours', () => {
	it('has a style for every IoKind, found by its code', () => {
		expect(styles.map((s) => s.kind).sort()).toEqual(Object.values(IoKind).sort());
		for (const s of styles) expect(ioStyle(s.kind)).toBe(s);
		expect(ioStyle(99)).toBeNull();
		for (const key of ['color', 'colorName', 'label'] as const) {
			expect(new Set(styles.map((s) => s[key])).size).toBe(styles.length);
		}
	});

	it('reads on the dark background (contrast ≥ 3:1)', () => {
		for (const s of styles) expect(contrast(s.color, background), s.name).toBeGreaterThanOrEqual(3);
	});

	it('differs from every health, drive, packet and cable colour (ΔE76 ≥ 20)', () => {
		const others = [...health, ...media, ...Object.values(scene)];
		for (const s of styles) {
			for (const o of others) expect(deltaE(s.color, o), `${s.name} vs ${o}`).toBeGreaterThan(20);
		}
	});

	it.each(Object.keys(CVD))('keeps the five kinds apart for %s vision (ΔE76 ≥ 15)', (vision) => {
		for (const [a, b] of pairs(styles)) {
			expect(deltaE(a.color, b.color, vision), `${a.name} vs ${b.name}`).toBeGreaterThanOrEqual(15);
		}
	});

	it('names every kind and its colour in the legend', () => {
		expect(legendText().split('\n')).toContain(IO_LEGEND);
		expect(legendText(false).split('\n')).toContain(IO_LEGEND);
		for (const s of styles) expect(IO_LEGEND).toContain(`${s.colorName} ${s.label.toLowerCase()}`);
		expect(IO_LEGEND).toContain('256 KiB');
	});
});

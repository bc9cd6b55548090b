import { describe, expect, it } from 'vitest';
import { HEALTH_STYLES, legendText, SCENE_COLORS, SLB_LEGEND } from './palette';

// The same colour science as palette.test.ts: sRGB → linear → (CVD simulation) → CIELAB.
const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const rgb = (hex: string) => [1, 3, 5].map((i) => linear(parseInt(hex.slice(i, i + 2), 16) / 255));
/** Machado, Oliveira & Fernandes (2009), severity 1.0, linear RGB. */
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
const deltaE = (a: string, b: string, m: number[]) => {
	const [p, q] = [lab(simulate(rgb(a), m)), lab(simulate(rgb(b), m))];
	return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
};
const luminance = (hex: string) => {
	const [r, g, b] = rgb(hex);
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

const { packetLoadBalanced: inbound, packetDirectReturn: dsr } = SCENE_COLORS;
const tenant = [SCENE_COLORS.packetTenantEven, SCENE_COLORS.packetTenantOdd];
const health = Object.values(HEALTH_STYLES).map((s) => s.color);

describe('SLB packet colours', () => {
	it('read on the dark background (contrast ≥ 3:1)', () => {
		const bg = luminance(SCENE_COLORS.background);
		for (const c of [inbound, dsr]) expect((luminance(c) + 0.05) / (bg + 0.05)).toBeGreaterThan(3);
	});

	it('differ from every health, tenant, cable and wrapper colour (ΔE76 > 20)', () => {
		const others = [
			...health,
			...tenant,
			SCENE_COLORS.cable,
			SCENE_COLORS.packetWrapper,
			SCENE_COLORS.packetDropped
		];
		for (const c of [inbound, dsr]) {
			for (const o of others) expect(deltaE(c, o, CVD.normal), `${c} vs ${o}`).toBeGreaterThan(20);
		}
	});

	it.each(Object.keys(CVD))('keep inbound, DSR and tenant packets apart for %s vision', (type) => {
		const m = CVD[type];
		expect(deltaE(inbound, dsr, m)).toBeGreaterThanOrEqual(15);
		for (const t of tenant) {
			expect(deltaE(inbound, t, m)).toBeGreaterThanOrEqual(15);
			expect(deltaE(dsr, t, m)).toBeGreaterThanOrEqual(15);
		}
	});
});

describe('legend', () => {
	it('explains inbound vs DSR colours, their shapes and the border router, on one line', () => {
		const lines = legendText().split('\n');
		expect(lines).toContain(SLB_LEGEND);
		for (const word of [
			'turquoise',
			'lime',
			'diamond',
			'border router',
			'MUX',
			'Direct Server Return'
		])
			expect(SLB_LEGEND).toContain(word);
		expect(legendText(false).split('\n')).toEqual(lines.filter((l) => l !== SLB_LEGEND));
	});
});

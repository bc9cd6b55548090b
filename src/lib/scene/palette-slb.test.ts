import { describe, expect, it } from 'vitest';
import { HEALTH_STYLES, legendText, SCENE_COLORS, SLB_LEGEND } from './palette';
import { contrast, CVD, deltaE } from './test-colors';

const { packetLoadBalanced: inbound, packetDirectReturn: dsr } = SCENE_COLORS;
const tenant = [SCENE_COLORS.packetTenantEven, SCENE_COLORS.packetTenantOdd];
const health = Object.values(HEALTH_STYLES).map((s) => s.color);

describe('SLB packet colours', () => {
	it('read on the dark background (contrast ≥ 3:1)', () => {
		const bg = SCENE_COLORS.background;
		for (const c of [inbound, dsr]) {
			expect(contrast(c, bg), c).toBeGreaterThan(3);
			// contrast() is symmetric, so also require the packet to be the lighter of the two.
			expect(contrast(c, '#000000'), c).toBeGreaterThan(contrast(bg, '#000000'));
		}
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
			for (const o of others) expect(deltaE(c, o, 'normal'), `${c} vs ${o}`).toBeGreaterThan(20);
		}
	});

	it.each(Object.keys(CVD))('keep inbound, DSR and tenant packets apart for %s vision', (type) => {
		expect(deltaE(inbound, dsr, type)).toBeGreaterThanOrEqual(15);
		for (const t of tenant) {
			expect(deltaE(inbound, t, type)).toBeGreaterThanOrEqual(15);
			expect(deltaE(dsr, t, type)).toBeGreaterThanOrEqual(15);
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

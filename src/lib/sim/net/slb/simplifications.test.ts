import { describe, expect, it } from 'vitest';
import { BGP_HOLD_MS, BGP_KEEPALIVE_MS } from './bgp';
import { SLB_SIMPLIFICATIONS } from './simplifications';

describe('SLB_SIMPLIFICATIONS', () => {
	it('has unique slb.* ids, and every entry cites FACTS.md', () => {
		const ids = SLB_SIMPLIFICATIONS.map((s) => s.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const s of SLB_SIMPLIFICATIONS) {
			expect(s.id).toMatch(/^slb\.[a-z-]+$/);
			expect(s.source).toMatch(/^FACTS\.md §\d/);
			expect(s.title.length).toBeGreaterThan(0);
			expect(s.detail.length).toBeGreaterThan(40);
		}
	});

	it('quotes the timers the code uses', () => {
		const timers = SLB_SIMPLIFICATIONS.find((s) => s.id === 'slb.bgp-timers');
		expect(timers?.detail).toContain(`every ${BGP_KEEPALIVE_MS / 1000} s`);
		expect(timers?.detail).toContain(`after ${BGP_HOLD_MS / 1000} s`);
	});
});

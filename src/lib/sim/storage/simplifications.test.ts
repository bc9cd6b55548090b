import { describe, expect, it } from 'vitest';
import { STORAGE_RULE_SIMPLIFICATIONS } from './simplifications';

describe('STORAGE_RULE_SIMPLIFICATIONS', () => {
	it('has unique storage.* ids, each citing a FACTS.md section', () => {
		const ids = STORAGE_RULE_SIMPLIFICATIONS.map((s) => s.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const s of STORAGE_RULE_SIMPLIFICATIONS) {
			expect(s.id).toMatch(/^storage\./);
			expect(s.source).toMatch(/^FACTS\.md §\d/);
			expect(s.detail.length).toBeGreaterThan(20);
		}
	});
});

import { describe, expect, it } from 'vitest';
import { chooseScenario, parseScenarioIndex, scenarioStem } from './scenarios';

const INDEX = [
	{ file: 'sixteen-node.json', name: 'Sixteen', description: '' },
	{ file: 'default-4-node.json', name: 'Four', description: '' }
];

describe('scenario presets', () => {
	it('picks by stem, defaults to the four-node preset and explains a fallback', () => {
		expect(scenarioStem('sixteen-node.json')).toBe('sixteen-node');
		expect(chooseScenario(INDEX, 'sixteen-node')).toEqual({ entry: INDEX[0], notice: null });
		expect(chooseScenario(INDEX, null)).toEqual({ entry: INDEX[1], notice: null });
		const fallback = chooseScenario(INDEX, 'missing');
		expect(fallback.entry).toBe(INDEX[1]);
		expect(fallback.notice).toBe(
			'There is no scenario called "missing", so "Four" was loaded instead.'
		);
	});

	it('rejects a malformed index with a readable message', () => {
		expect(() => parseScenarioIndex({})).toThrow('not a JSON array');
		expect(() => parseScenarioIndex([{ file: 'x.json' }])).toThrow(
			'entry 0 needs a "file" and a "name"'
		);
		expect(parseScenarioIndex([{ file: 'a.json', name: 'A' }])).toEqual([
			{ file: 'a.json', name: 'A', description: '' }
		]);
	});
});

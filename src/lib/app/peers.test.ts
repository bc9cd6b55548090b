import { describe, expect, it } from 'vitest';
import { lostPeers } from './peers';

describe('lostPeers', () => {
	it('folds peer-lost and peer-regained entries of one server', () => {
		const entries = [
			{ t: 1, type: 'cluster.peer-lost', node: 'Node01', peer: 'Node02' },
			{ t: 2, type: 'cluster.peer-lost', node: 'Node03', peer: 'Node04' },
			{ t: 3, type: 'cluster.peer-lost', node: 'Node01', peer: 'Node04' },
			{ t: 4, type: 'cluster.peer-regained', node: 'Node01', peer: 'Node02' }
		];
		expect(lostPeers(entries, 'Node01')).toEqual(['Node04']);
		expect(lostPeers(entries, 'Node03')).toEqual(['Node04']);
		expect(
			lostPeers([...entries, { t: 5, type: 'node.failed', node: 'Node01' }], 'Node01')
		).toEqual([]);
	});
});

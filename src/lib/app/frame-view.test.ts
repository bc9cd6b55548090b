import { describe, expect, it } from 'vitest';
import { FrameReader } from '$lib/sim/frame';
import { describeHealthChanges, readClock, readHealth, EMPTY_HEALTH } from './frame-view';
import { makeFrame, makeHealth, makeTopology } from './test-fixtures';

describe('frame views', () => {
	it('copies health from a frame and keeps the same object when nothing changed', () => {
		const topology = makeTopology(4);
		const reader = new FrameReader().attach(
			makeFrame(topology, 1500, { nodeHealth: [0, 2, 0, 0], logCount: 7 })
		);
		expect(readClock(reader)).toEqual({ simTimeMs: 1500, logCount: 7, inputCount: 0, idle: false });
		const first = readHealth(reader, EMPTY_HEALTH);
		expect(first.nodes).toEqual([0, 2, 0, 0]);
		expect(first.drives).toHaveLength(8);
		reader.attach(makeFrame(topology, 2000, { nodeHealth: [0, 2, 0, 0] }));
		expect(readHealth(reader, first)).toBe(first);
		reader.attach(makeFrame(topology, 2500, { nodeHealth: [0, 0, 0, 0] }));
		expect(readHealth(reader, first)).not.toBe(first);
	});

	it('describes server failures, restorations and lost peers in sentences', () => {
		const topology = makeTopology(4);
		const before = makeHealth(topology);
		const failed = { ...makeHealth(topology, { 1: 2 }), peersLost: [1, 0, 1, 0] };
		expect(describeHealthChanges(topology, before, failed)).toEqual([
			'Node01 lost contact with 1 peer.',
			'Node02 failed.',
			'Node03 lost contact with 1 peer.'
		]);
		expect(describeHealthChanges(topology, failed, before)).toEqual([
			'Node01 regained contact with all its peers.',
			'Node02 was restored.',
			'Node03 regained contact with all its peers.'
		]);
	});

	it('summarises a burst of changes instead of listing them all', () => {
		const topology = makeTopology(8);
		const all = makeHealth(topology, { 0: 2, 1: 2, 2: 2, 3: 2, 4: 2 });
		const sentences = describeHealthChanges(topology, makeHealth(topology), all);
		expect(sentences).toHaveLength(1);
		expect(sentences[0]).toMatch(/several objects: 5 changes/);
	});
});

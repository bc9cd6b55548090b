import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogEntry } from './kernel/types';
import { LOG_OBJECT_FIELDS, logKind, logKinds, queryLog, toJsonLines } from './log';

const entry = (t: number, type: string, data: Record<string, string | number | boolean> = {}) =>
	({ t, type, ...data }) as LogEntry;

const sample: LogEntry[] = [
	entry(0, 'heartbeat.send', { node: 'Node01', peers: 3 }),
	entry(0.1, 'heartbeat.deliver', { from: 'Node01', to: 'Node02' }),
	entry(5, 'node.fail', { node: 1, input: true }),
	entry(5, 'node.failed', { node: 'Node02' }),
	entry(6, 'heartbeat.lost', { from: 'Node01', to: 'Node02' }),
	entry(15, 'cluster.peer-lost', { node: 'Node01', peer: 'Node02' }),
	entry(16, 'input.ignored', { reason: 'x' })
];

describe('logKind', () => {
	it('is the part before the first dot', () => {
		expect(logKind('heartbeat.send')).toBe('heartbeat');
		expect(logKind('cluster.peer-lost')).toBe('cluster');
		expect(logKind('a.b.c')).toBe('a');
		expect(logKind('plain')).toBe('plain');
	});
});

describe('queryLog', () => {
	it('returns the latest entries oldest first with their indices and the kinds present', () => {
		const page = queryLog(sample, { limit: 2 });
		expect(page).toEqual({
			total: 7,
			matched: 7,
			entries: [
				{ index: 5, entry: sample[5] },
				{ index: 6, entry: sample[6] }
			],
			kinds: ['cluster', 'heartbeat', 'input', 'node']
		});
		expect(queryLog(sample).entries).toHaveLength(7);
		expect(queryLog(sample, { limit: 0 }).entries).toEqual([]);
	});

	it('filters by kinds and by object name', () => {
		const heartbeats = queryLog(sample, { kinds: ['heartbeat'] });
		expect(heartbeats.matched).toBe(3);
		expect(heartbeats.entries.map((e) => e.index)).toEqual([0, 1, 4]);
		const node2 = queryLog(sample, { object: 'Node02' });
		expect(node2.entries.map((e) => e.index)).toEqual([1, 3, 4, 5]);
		const both = queryLog(sample, { kinds: ['heartbeat', 'cluster'], object: 'Node02', limit: 2 });
		expect(both.matched).toBe(3);
		expect(both.entries.map((e) => e.index)).toEqual([4, 5]);
	});

	it('finds input entries, which name nodes by index, when given the node names', () => {
		const names = ['Node01', 'Node02'];
		const page = queryLog(sample, { object: 'Node02', kinds: ['node'] }, { nodeNames: names });
		expect(page.entries.map((e) => e.index)).toEqual([2, 3]);
		expect(queryLog(sample, { object: 'Node02', kinds: ['node'] }).entries).toHaveLength(1);
	});

	it('agrees with a brute-force filter on random logs and queries', () => {
		const kinds = ['a', 'b', 'c'];
		const names = ['N1', 'N2', 'N3'];
		const arbEntry = fc.record({
			kind: fc.constantFrom(...kinds),
			field: fc.constantFrom(...LOG_OBJECT_FIELDS, 'other'),
			name: fc.constantFrom(...names)
		});
		fc.assert(
			fc.property(
				fc.array(arbEntry, { maxLength: 60 }),
				fc.subarray(kinds),
				fc.option(fc.constantFrom(...names), { nil: undefined }),
				fc.integer({ min: 0, max: 70 }),
				(raw, queryKinds, object, limit) => {
					const log = raw.map((r, i) => entry(i, `${r.kind}.x`, { [r.field]: r.name }));
					const matches = log
						.map((e, index) => ({ index, entry: e }))
						.filter(
							({ entry: e }) => queryKinds.length === 0 || queryKinds.includes(logKind(e.type))
						)
						.filter(
							({ entry: e }) =>
								object === undefined || LOG_OBJECT_FIELDS.some((f) => e[f] === object)
						);
					const page = queryLog(log, { kinds: queryKinds, object, limit });
					expect(page.total).toBe(log.length);
					expect(page.matched).toBe(matches.length);
					expect(page.entries).toEqual(matches.slice(Math.max(0, matches.length - limit)));
					expect(page.kinds).toEqual([...new Set(log.map((e) => logKind(e.type)))].sort());
				}
			)
		);
	});

	it('keeps the kinds list right as a log grows and is cut back (like a seek back)', () => {
		const log: LogEntry[] = [entry(0, 'a.x')];
		expect(logKinds(log)).toEqual(['a']);
		log.push(entry(1, 'b.x'));
		expect(logKinds(log)).toEqual(['a', 'b']);
		log.length = 1;
		expect(logKinds(log)).toEqual(['a']);
		log.push(entry(1, 'c.x'));
		expect(logKinds(log)).toEqual(['a', 'c']);
	});

	it('pages a log of a million entries without copying it', () => {
		const log: LogEntry[] = [];
		for (let i = 0; i < 1_000_000; i++) {
			log.push(entry(i, i % 1000 === 0 ? 'node.failed' : 'heartbeat.send', { node: 'Node01' }));
		}
		const latest = queryLog(log);
		expect(latest.entries).toHaveLength(200);
		expect(latest.entries[199].index).toBe(999_999);
		const failures = queryLog(log, { kinds: ['node'], limit: 3 });
		expect(failures.matched).toBe(1000);
		expect(failures.entries.map((e) => e.index)).toEqual([997_000, 998_000, 999_000]);
	});
});

describe('toJsonLines', () => {
	it('writes one JSON object per line, t and type first', () => {
		expect(toJsonLines(sample.slice(0, 2))).toBe(
			'{"t":0,"type":"heartbeat.send","node":"Node01","peers":3}\n' +
				'{"t":0.1,"type":"heartbeat.deliver","from":"Node01","to":"Node02"}\n'
		);
		expect(toJsonLines([])).toBe('');
		expect(toJsonLines(sample, 5, 100).split('\n')).toHaveLength(3);
	});
});

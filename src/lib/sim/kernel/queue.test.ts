import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from './queue';
import type { SimEvent } from './types';

type Op = { kind: 'push'; t: number } | { kind: 'pop' };

// Few distinct times so that equal times (the seq tie-break) are the common case.
const opArb: fc.Arbitrary<Op> = fc.oneof(
	{ weight: 3, arbitrary: fc.integer({ min: 0, max: 5 }).map((t) => ({ kind: 'push', t }) as Op) },
	{
		weight: 1,
		arbitrary: fc.double({ min: 0, max: 10, noNaN: true }).map((t) => ({ kind: 'push', t }) as Op)
	},
	{ weight: 2, arbitrary: fc.constant({ kind: 'pop' } as Op) }
);

const byTimeThenSeq = (a: SimEvent, b: SimEvent) => a.t - b.t || a.seq - b.seq;

/** Oracle: a plain list, sorted by (t, seq) on every pop. */
function oracleRun(ops: readonly Op[]): (number | undefined)[] {
	const pending: SimEvent[] = [];
	const popped: (number | undefined)[] = [];
	let seq = 0;
	for (const op of ops) {
		if (op.kind === 'push') pending.push({ t: op.t, seq: seq++, type: 'x', data: {} });
		else {
			pending.sort(byTimeThenSeq);
			popped.push(pending.shift()?.seq);
		}
	}
	pending.sort(byTimeThenSeq);
	for (const event of pending) popped.push(event.seq);
	return popped;
}

function queueRun(ops: readonly Op[]): (number | undefined)[] {
	const queue = new EventQueue();
	const popped: (number | undefined)[] = [];
	for (const op of ops) {
		if (op.kind === 'push') queue.push(op.t, 'x');
		else popped.push(queue.pop()?.seq);
	}
	for (let event = queue.pop(); event; event = queue.pop()) popped.push(event.seq);
	return popped;
}

describe('EventQueue', () => {
	it('pops in exactly the (t, seq) order of a sorting oracle, with interleaved push and pop', () => {
		fc.assert(
			fc.property(fc.array(opArb, { maxLength: 300 }), (ops) => {
				expect(queueRun(ops)).toEqual(oracleRun(ops));
			}),
			{ numRuns: 300 }
		);
	});

	it('keeps insertion order for many events at one time', () => {
		const queue = new EventQueue();
		for (let i = 0; i < 500; i++) queue.push(7, `e${i}`);
		const types: string[] = [];
		for (let event = queue.pop(); event; event = queue.pop()) types.push(event.type);
		expect(types).toEqual(Array.from({ length: 500 }, (_, i) => `e${i}`));
	});

	it('rebuilds from toArray() + nextSeq and continues identically', () => {
		fc.assert(
			fc.property(
				fc.array(opArb, { maxLength: 150 }),
				fc.array(opArb, { maxLength: 150 }),
				(before, after) => {
					const live = new EventQueue();
					for (const op of before) {
						if (op.kind === 'push') live.push(op.t, 'x');
						else live.pop();
					}
					const rebuilt = EventQueue.from(live.toArray(), live.nextSeq);
					expect(rebuilt.size).toBe(live.size);
					expect(rebuilt.nextSeq).toBe(live.nextSeq);
					const drain = (queue: EventQueue) => {
						const out: (number | undefined)[] = [];
						for (const op of after) {
							if (op.kind === 'push') out.push(queue.push(op.t, 'x').seq);
							else out.push(queue.pop()?.seq);
						}
						for (let e = queue.pop(); e; e = queue.pop()) out.push(e.seq);
						return out;
					};
					expect(drain(rebuilt)).toEqual(drain(live));
				}
			)
		);
	});

	it('toArray is a copy: draining the queue leaves it intact', () => {
		const queue = new EventQueue();
		queue.push(2, 'b');
		queue.push(1, 'a');
		const copy = queue.toArray();
		queue.pop();
		queue.pop();
		expect(copy.map((e) => e.type).sort()).toEqual(['a', 'b']);
		expect(queue.size).toBe(0);
	});

	it('reports the head and its time, and Infinity when empty', () => {
		const queue = new EventQueue();
		expect(queue.peekTime()).toBe(Infinity);
		expect(queue.peek()).toBeUndefined();
		expect(queue.pop()).toBeUndefined();
		queue.push(5, 'late', { n: 1 });
		queue.push(3, 'early');
		expect(queue.peekTime()).toBe(3);
		expect(queue.peek()).toMatchObject({ t: 3, seq: 1, type: 'early', data: {} });
		expect(queue.size).toBe(2);
		expect(queue.nextSeq).toBe(2);
	});

	it('rejects NaN times and inconsistent checkpoints', () => {
		const queue = new EventQueue();
		expect(() => queue.push(NaN, 'x')).toThrow(RangeError);
		queue.push(1, 'x');
		expect(() => EventQueue.from(queue.toArray(), 0)).toThrow(RangeError);
	});
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { createActor, setup, type Actor } from 'xstate';
import { CLOCK_TIMEOUT, VirtualClock } from './clock';
import { Engine } from './engine';
import type { EventData, Model } from './types';

const joinMachine = setup({
	types: { events: {} as { type: 'abort' } }
}).createMachine({
	id: 'node',
	initial: 'joining',
	states: {
		joining: { after: { 10000: 'up' }, on: { abort: 'aborted' } },
		up: {},
		aborted: {}
	}
});

/**
 * A model holding one live actor on the engine's clock. The actor lives in the closure, not in
 * the state: checkpoints cannot clone it (see clock.ts).
 */
function actorModel() {
	const handled: string[] = [];
	let actor: Actor<typeof joinMachine> | undefined;
	const model: Model<{ started: boolean }, null> = {
		init(_scenario, ctx) {
			actor = createActor(joinMachine, { clock: ctx.clock });
			actor.subscribe((snapshot) => ctx.log('node.state', { value: String(snapshot.value) }));
			actor.start();
			return { started: true };
		},
		handle(_state, event) {
			handled.push(event.type);
		},
		input(_state, input) {
			if (input.type === 'node.abort') actor?.send({ type: 'abort' });
		}
	};
	return { model, handled, actor: () => actor as Actor<typeof joinMachine> };
}

describe('VirtualClock with XState v5', () => {
	afterEach(() => vi.restoreAllMocks());

	it('fires an `after: 10000` transition exactly at 10000 ms of simulated time', () => {
		const realSetTimeout = vi.spyOn(globalThis, 'setTimeout');
		const { model, handled, actor } = actorModel();
		const engine = new Engine(model);
		engine.load(null, 1);
		expect(actor().getSnapshot().value).toBe('joining');
		expect(engine.nextItemTimeMs()).toBe(10000);

		engine.runUntil(9999.999);
		expect(actor().getSnapshot().value).toBe('joining');
		expect(engine.processed).toBe(0);

		engine.runUntil(10000);
		expect(actor().getSnapshot().value).toBe('up');
		expect(engine.processed).toBe(1);
		expect(engine.log.map((e) => [e.t, e.type, e.value])).toEqual([
			[0, 'node.state', 'joining'],
			[10000, 'node.state', 'up']
		]);
		// The timeout went to the clock, not to the model, and no wall-clock timer was involved.
		expect(handled).toEqual([]);
		expect(realSetTimeout).not.toHaveBeenCalled();
	});

	it('cancels the timer when the machine leaves the state first', () => {
		const { model, handled, actor } = actorModel();
		const engine = new Engine(model);
		engine.load(null, 1, [{ t: 4000, type: 'node.abort' }]);
		engine.runUntil(20000);
		expect(actor().getSnapshot().value).toBe('aborted');
		expect(engine.clock.pendingCount).toBe(0);
		// The cancelled timeout still passes through the queue (counted, ignored, not logged).
		expect(engine.processed).toBe(2);
		expect(handled).toEqual([]);
		expect(engine.log.map((e) => e.type)).toEqual(['node.state', 'node.abort', 'node.state']);
	});
});

describe('VirtualClock', () => {
	function recordingClock() {
		const scheduled: [number, string, EventData | undefined][] = [];
		const clock = new VirtualClock({
			schedule: (delayMs, type, data) => scheduled.push([delayMs, type, data])
		});
		return { clock, scheduled };
	}

	it('schedules clock.timeout events with sequential ids and runs each live callback once', () => {
		const { clock, scheduled } = recordingClock();
		const calls: string[] = [];
		const a = clock.setTimeout(() => calls.push('a'), 50);
		const b = clock.setTimeout(() => calls.push('b'), -5);
		expect([a, b]).toEqual([1, 2]);
		expect(scheduled).toEqual([
			[50, CLOCK_TIMEOUT, { id: 1 }],
			[0, CLOCK_TIMEOUT, { id: 2 }]
		]);
		clock.clearTimeout(a);
		expect(clock.fire(a)).toBe(false);
		expect(clock.fire(b)).toBe(true);
		expect(clock.fire(b)).toBe(false);
		expect(calls).toEqual(['b']);
		expect(() => clock.setTimeout(() => {}, Infinity)).toThrow(RangeError);
	});

	it('saves and restores its timers (callbacks shallow-copied) and resets', () => {
		const { clock } = recordingClock();
		const calls: number[] = [];
		clock.setTimeout(() => calls.push(1), 10);
		const saved = clock.getState();
		expect(saved.liveIds).toEqual([1]);
		expect(clock.fire(1)).toBe(true);
		clock.setState(saved);
		expect(clock.pendingCount).toBe(1);
		expect(clock.setTimeout(() => calls.push(2), 10)).toBe(2);
		expect(clock.fire(1)).toBe(true);
		expect(calls).toEqual([1, 1]);
		// The saved state was not changed by what happened after the restore.
		expect(saved.callbacks.size).toBe(1);
		clock.reset();
		expect(clock.pendingCount).toBe(0);
		expect(clock.setTimeout(() => {}, 1)).toBe(1);
	});
});

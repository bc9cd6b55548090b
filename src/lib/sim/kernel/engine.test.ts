import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Engine, type EngineOptions } from './engine';
import type { InputEvent, Model, SimContext } from './types';

/** Horizon of the property runs, in simulated ms. */
const T_MS = 600;
const PING_LIMIT = 400;

interface TestState {
	pending: number;
	pings: number;
	ticks: number;
	total: number;
	nextId: number;
	recent: number[];
}

function ping(state: TestState, ctx: SimContext, delayMs: number): void {
	if (state.nextId >= PING_LIMIT) return;
	state.pending++;
	ctx.schedule(delayMs, 'ping', { id: state.nextId++ });
}

/**
 * Random "ping" traffic: each ping draws from the RNG, sometimes logs, and schedules more pings
 * (integer delays, often 0, so equal times are common) and silent fractional-time ticks. Boost
 * inputs change the state and schedule a ping.
 */
const testModel: Model<TestState, { initialPings: number }> = {
	init(scenario, ctx) {
		const state: TestState = { pending: 0, pings: 0, ticks: 0, total: 0, nextId: 0, recent: [] };
		for (let i = 0; i < scenario.initialPings; i++) ping(state, ctx, ctx.rng.int(0, 20));
		ctx.log('sim.start', { pings: scenario.initialPings });
		return state;
	},
	handle(state, event, ctx) {
		if (event.type === 'tick') {
			state.ticks++;
			state.total += 1;
			return;
		}
		state.pings++;
		state.total += ctx.rng.int(0, 99);
		state.recent.push(event.data.id as number);
		if (state.recent.length > 5) state.recent.shift();
		if (ctx.rng.float() < 0.7) ctx.log('ping.recv', { id: event.data.id, total: state.total });
		state.pending--;
		// Keep 2 to 7 pings in flight so the traffic spans the horizon without dying out.
		const children = state.pending < 2 ? 1 : ctx.rng.int(0, state.pending > 6 ? 1 : 2);
		for (let i = 0; i < children; i++) {
			ping(state, ctx, ctx.rng.int(0, 30) * (ctx.rng.float() < 0.2 ? 0 : 1));
		}
		if (ctx.rng.float() < 0.3) ctx.schedule(ctx.rng.float() * 20, 'tick');
	},
	input(state, input, ctx) {
		const amount = input.amount as number;
		state.total += amount;
		ping(state, ctx, amount % 7);
		ctx.log('boost.applied', { total: state.total });
	}
};

const SCENARIO = { initialPings: 3 };
const OPTIONS: EngineOptions = { checkpointEveryMs: 50 };

function engineAt(
	seed: number,
	inputs: readonly InputEvent[],
	tMs: number,
	options: EngineOptions = OPTIONS
): Engine<TestState, { initialPings: number }> {
	const engine = new Engine(testModel, options);
	engine.load(SCENARIO, seed, inputs);
	engine.runUntil(tMs);
	return engine;
}

function fingerprint<S, Sc>(engine: Engine<S, Sc>) {
	return {
		hash: engine.stateHash(),
		log: [...engine.log],
		nowMs: engine.nowMs,
		rng: engine.rng.getState()
	};
}

/** A model that logs every event it handles and every input's follow-ups. */
const echo: Model<{ n: number }, null> = {
	init(_s, ctx) {
		ctx.schedule(10, 'ev.a');
		ctx.schedule(10, 'ev.b');
		ctx.schedule(10.5, 'ev.c');
		return { n: 0 };
	},
	handle(state, event, ctx) {
		ctx.log(event.type, { n: state.n++ });
	},
	input(state, input, ctx) {
		if (input.type === 'in.first') ctx.schedule(0, 'ev.caused');
	}
};

const seedArb = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const inputArb: fc.Arbitrary<InputEvent> = fc.record({
	t: fc.integer({ min: 0, max: T_MS }),
	type: fc.constant('boost'),
	amount: fc.integer({ min: 0, max: 50 })
});
const inputsArb = fc.array(inputArb, { maxLength: 8 });
const timeArb = fc.integer({ min: 0, max: T_MS * 4 }).map((q) => q / 4);

describe('Engine determinism', () => {
	it('gives the same log and hash twice for the same seed and inputs', () => {
		fc.assert(
			fc.property(seedArb, inputsArb, (seed, inputs) => {
				const a = engineAt(seed, inputs, T_MS);
				const b = engineAt(seed, inputs, T_MS);
				expect(a.log.length).toBeGreaterThan(1);
				expect(fingerprint(b)).toEqual(fingerprint(a));
			}),
			{ numRuns: 50 }
		);
	});

	it('gives different runs for different seeds', () => {
		const hashes = Array.from({ length: 20 }, (_, seed) => engineAt(seed, [], T_MS).stateHash());
		expect(new Set(hashes).size).toBe(20);
	});

	it('processes the initial events and then goes idle', () => {
		const engine = engineAt(5, [], 1e9);
		expect(engine.idle).toBe(true);
		expect(engine.nextItemTimeMs()).toBe(Infinity);
		expect(engine.state.nextId).toBe(PING_LIMIT);
		expect(engine.state.pings).toBe(PING_LIMIT);
		expect(engine.nowMs).toBe(1e9);
		expect(engine.step()).toBe(false);
	});
});

describe('Engine ordering rule', () => {
	it('delivers an input after queued events at its time and keeps input order at equal times', () => {
		const engine = new Engine(echo);
		engine.load(null, 1, [
			{ t: 10, type: 'in.second' },
			{ t: 10, type: 'in.first' },
			{ t: 10, type: 'in.second' }
		]);
		engine.runUntil(20);
		expect(engine.log.map((e) => e.type)).toEqual([
			'ev.a',
			'ev.b',
			'in.second',
			'in.first',
			// Caused by in.first at time 10: it is queued before the next input is due, so it goes first.
			'ev.caused',
			'in.second',
			'ev.c'
		]);
	});

	it('writes log lines as {t, type, ...fields}, flags inputs and freezes entries', () => {
		const engine = new Engine(echo);
		engine.load(null, 1, [{ amount: 3, type: 'in.x', t: 10 }]);
		engine.runUntil(10);
		const input = engine.log[2];
		expect(Object.keys(input)).toEqual(['t', 'type', 'amount', 'input']);
		expect(input).toEqual({ t: 10, type: 'in.x', amount: 3, input: true });
		expect(Object.keys(engine.log[0])).toEqual(['t', 'type', 'n']);
		expect(JSON.stringify(engine.log[0])).toBe('{"t":10,"type":"ev.a","n":0}');
		expect(Object.isFrozen(engine.log[0])).toBe(true);
	});

	it('rejects bad inputs, delays, log data and times', () => {
		const engine = new Engine(echo);
		expect(() => engine.runUntil(1)).toThrow(/load/);
		expect(() => engine.load(null, 1, [{ t: -1, type: 'x' }])).toThrow(RangeError);
		expect(() => engine.load(null, 1, [{ t: NaN, type: 'x' }])).toThrow(RangeError);
		expect(() => engine.load(null, 1, [{ t: Infinity, type: 'x' }])).toThrow(RangeError);
		expect(() => engine.load(null, 1, [{ t: 1, type: 'x', input: 1 }])).toThrow(TypeError);
		const bad = (act: (ctx: Parameters<Model<null, null>['init']>[1]) => void) =>
			new Engine<null, null>({
				init(_s, ctx) {
					act(ctx);
					return null;
				},
				handle() {},
				input() {}
			});
		expect(() => bad((ctx) => ctx.schedule(-1, 'x')).load(null, 1)).toThrow(RangeError);
		expect(() => bad((ctx) => ctx.schedule(NaN, 'x')).load(null, 1)).toThrow(RangeError);
		expect(() => bad((ctx) => ctx.schedule(Infinity, 'x')).load(null, 1)).toThrow(RangeError);
		expect(() => bad((ctx) => ctx.log('x', { t: 1 })).load(null, 1)).toThrow(TypeError);
		expect(() => bad((ctx) => ctx.log('x', { type: 'y' })).load(null, 1)).toThrow(TypeError);
		engine.load(null, 1);
		expect(() => engine.runUntil(Infinity)).toThrow(RangeError);
		expect(() => engine.seek(-1)).toThrow(RangeError);
		expect(() => engine.addInput({ t: -5, type: 'x' })).toThrow(RangeError);
		expect(() => new Engine(echo, { checkpointEveryMs: 0 })).toThrow(RangeError);
	});
});

describe('Engine time travel', () => {
	it('seeking back then replaying to T equals a fresh run to T', () => {
		fc.assert(
			fc.property(seedArb, inputsArb, timeArb, (seed, inputs, tMs) => {
				const engine = engineAt(seed, inputs, T_MS);
				const atT = fingerprint(engine);
				engine.seek(tMs);
				expect(fingerprint(engine)).toEqual(fingerprint(engineAt(seed, inputs, tMs)));
				engine.runUntil(T_MS);
				expect(fingerprint(engine)).toEqual(atT);
			}),
			{ numRuns: 60 }
		);
	});

	it('any sequence of seeks lands where a fresh runUntil lands', () => {
		fc.assert(
			fc.property(
				seedArb,
				inputsArb,
				fc.array(timeArb, { minLength: 1, maxLength: 6 }),
				(seed, inputs, targets) => {
					const engine = engineAt(seed, inputs, 0);
					for (const tMs of targets) {
						engine.seek(tMs);
						expect(fingerprint(engine)).toEqual(fingerprint(engineAt(seed, inputs, tMs)));
					}
				}
			),
			{ numRuns: 40 }
		);
	});

	it('seekToProcessed through a checkpoint equals running forward to the same count', () => {
		fc.assert(
			fc.property(seedArb, inputsArb, fc.nat(400), (seed, inputs, p) => {
				const engine = engineAt(seed, inputs, T_MS);
				const target = Math.min(p, engine.processed);
				engine.seekToProcessed(target);
				const forward = engineAt(seed, inputs, 0);
				forward.seekToProcessed(target);
				expect(engine.processed).toBe(target);
				expect(fingerprint(engine)).toEqual(fingerprint(forward));
			}),
			{ numRuns: 40 }
		);
	});

	it('stepBack then step reproduces the same entries and state', () => {
		fc.assert(
			fc.property(
				seedArb,
				inputsArb,
				fc.integer({ min: 1, max: 60 }),
				fc.integer({ min: 1, max: 8 }),
				(seed, inputs, steps, backs) => {
					const engine = engineAt(seed, inputs, 0);
					for (let i = 0; i < steps; i++) expect(engine.step()).toBe(true);
					const before = fingerprint(engine);
					let undone = 0;
					while (undone < backs && engine.stepBack()) undone++;
					expect(undone).toBeGreaterThan(0);
					// Each undone item wrote at least one entry.
					expect(engine.log.length).toBeLessThanOrEqual(before.log.length - undone);
					// Equal to reaching the same point going forward only.
					const forward = engineAt(seed, inputs, 0);
					forward.seekToProcessed(engine.processed);
					expect(fingerprint(engine)).toEqual(fingerprint(forward));
					for (let i = 0; i < undone; i++) expect(engine.step()).toBe(true);
					expect(fingerprint(engine)).toEqual(before);
				}
			),
			{ numRuns: 60 }
		);
	});

	it('stepBack stops at the entries written by init', () => {
		const engine = new Engine(testModel, OPTIONS);
		engine.load(SCENARIO, 3);
		expect(engine.log.map((e) => e.type)).toEqual(['sim.start']);
		expect(engine.stepBack()).toBe(false);
		expect(engine.step()).toBe(true);
		const p = engine.processed;
		expect(engine.stepBack()).toBe(true);
		expect(engine.log.length).toBe(1);
		expect(engine.processed).toBe(p - 1);
		expect(engine.stepBack()).toBe(false);
	});

	it('takes checkpoints at time boundaries, in order', () => {
		const engine = engineAt(9, [], T_MS);
		const cps = engine.checkpoints;
		expect(cps[0]).toMatchObject({ processed: 0, nowMs: 0, logLength: 1 });
		expect(cps.length).toBeGreaterThan(3);
		expect(cps.length).toBeLessThanOrEqual(T_MS / 50 + 1);
		for (let i = 1; i < cps.length; i++) {
			expect(cps[i].processed).toBeGreaterThan(cps[i - 1].processed);
			expect(cps[i].nowMs).toBeGreaterThanOrEqual(cps[i - 1].nowMs);
			// Taken before the first item at or past a multiple of 50 ms.
			expect(Math.floor(cps[i].nowMs / 50)).toBeGreaterThanOrEqual(i - 1);
		}
		// A seek back does not duplicate the checkpoints it replays past.
		const count = cps.length;
		engine.seek(10);
		engine.runUntil(T_MS);
		expect(engine.checkpoints.length).toBe(count);
	});

	it('thins checkpoints (keeping time 0) and still seeks correctly', () => {
		const options = { checkpointEveryMs: 10, maxCheckpoints: 4 };
		fc.assert(
			fc.property(seedArb, inputsArb, timeArb, (seed, inputs, tMs) => {
				const engine = engineAt(seed, inputs, T_MS, options);
				expect(engine.checkpoints.length).toBeLessThanOrEqual(4);
				expect(engine.checkpoints[0]).toMatchObject({ processed: 0, nowMs: 0 });
				engine.seek(tMs);
				expect(fingerprint(engine)).toEqual(fingerprint(engineAt(seed, inputs, tMs, options)));
			}),
			{ numRuns: 40 }
		);
	});
});

describe('Engine inputs and forks', () => {
	it('addInput in the past discards later inputs and equals a fresh run with the new log', () => {
		fc.assert(
			fc.property(seedArb, inputsArb, inputArb, (seed, inputs, added) => {
				const engine = engineAt(seed, inputs, T_MS);
				const sorted = [...inputs].sort((a, b) => a.t - b.t);
				const kept = sorted.filter((i) => i.t <= added.t);
				const { discarded } = engine.addInput(added);
				expect(discarded).toEqual(sorted.filter((i) => i.t > added.t));
				expect(engine.inputs).toEqual([...kept, added]);
				expect(engine.nowMs).toBe(added.t);
				// The added input has been delivered, as if it had always been there.
				expect(engine.log.filter((e) => e.input === true).length).toBe(kept.length + 1);
				expect(fingerprint(engine)).toEqual(fingerprint(engineAt(seed, [...kept, added], added.t)));
				engine.runUntil(T_MS);
				expect(fingerprint(engine)).toEqual(fingerprint(engineAt(seed, [...kept, added], T_MS)));
			}),
			{ numRuns: 60 }
		);
	});

	it('live inputs added at or after now replay identically from the recorded log', () => {
		type Action =
			| { kind: 'step' }
			| { kind: 'run'; dMs: number }
			| { kind: 'input'; dMs: number; amount: number }
			| { kind: 'back' };
		const actionArb: fc.Arbitrary<Action> = fc.oneof(
			fc.constant({ kind: 'step' } as Action),
			fc.constant({ kind: 'back' } as Action),
			fc.integer({ min: 0, max: 40 }).map((dMs) => ({ kind: 'run', dMs }) as Action),
			fc
				.record({
					dMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40 })),
					amount: fc.nat(50)
				})
				.map(({ dMs, amount }) => ({ kind: 'input', dMs, amount }) as Action)
		);
		fc.assert(
			fc.property(seedArb, fc.array(actionArb, { maxLength: 40 }), (seed, actions) => {
				const engine = engineAt(seed, [], 0);
				for (const action of actions) {
					if (action.kind === 'step') engine.step();
					else if (action.kind === 'back') engine.stepBack();
					else if (action.kind === 'run') engine.runUntil(engine.nowMs + action.dMs);
					else {
						const t = engine.nowMs + action.dMs;
						engine.addInput({ t, type: 'boost', amount: action.amount });
					}
				}
				engine.runUntil(T_MS);
				expect(fingerprint(engine)).toEqual(fingerprint(engineAt(seed, engine.inputs, T_MS)));
			}),
			{ numRuns: 80 }
		);
	});

	it('an input at exactly now goes after the events still queued at now', () => {
		const engine = new Engine(echo);
		engine.load(null, 1);
		expect(engine.step()).toBe(true);
		expect([engine.nowMs, engine.nextItemTimeMs()]).toEqual([10, 10]);
		expect(engine.addInput({ t: 10, type: 'in.x' }).discarded).toEqual([]);
		expect(engine.log.map((e) => e.type)).toEqual(['ev.a', 'ev.b', 'in.x']);
		const replay = new Engine(echo);
		replay.load(null, 1, engine.inputs);
		replay.runUntil(10);
		expect(fingerprint(engine)).toEqual(fingerprint(replay));
	});
});

describe('Engine: append-only lists', () => {
	interface ListState extends TestState {
		seen: { id: number }[];
	}
	/** testModel, also appending every ping it handles to an append-only list. */
	const listModel: Model<ListState, { initialPings: number }> = {
		init: (scenario, ctx) => ({ ...testModel.init(scenario, ctx), seen: [] }),
		handle(state, event, ctx) {
			testModel.handle(state, event, ctx);
			if (event.type === 'ping') state.seen.push({ id: event.data.id as number });
		},
		input: (state, input, ctx) => testModel.input(state, input, ctx),
		appendOnly: [{ get: (s) => s.seen, set: (s, list) => (s.seen = list as ListState['seen']) }]
	};
	const run = (seed: number, inputs: InputEvent[], tMs: number) => {
		const engine = new Engine(listModel, OPTIONS);
		engine.load(SCENARIO, seed, inputs);
		engine.runUntil(tMs);
		return engine;
	};

	it('keeps lengths, not copies, in checkpoints', () => {
		const engine = run(7, [], T_MS);
		expect(engine.checkpoints.length).toBeGreaterThan(3);
		for (const cp of engine.checkpoints) {
			expect(cp.state.seen).toEqual([]);
			expect(cp.appendOnlyLengths).toHaveLength(1);
		}
		expect(engine.state.seen.length).toBeGreaterThan(0);
	});

	it('seeking back, forking and replaying give the list a fresh run has', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 1000 }),
				fc.integer({ min: 0, max: T_MS }),
				fc.integer({ min: 0, max: T_MS }),
				(seed, back, inputAt) => {
					const engine = run(seed, [], T_MS);
					engine.seek(back);
					expect(engine.state.seen).toEqual(run(seed, [], back).state.seen);
					const input = { t: inputAt, type: 'boost', amount: 3 };
					engine.runUntil(T_MS);
					engine.addInput(input);
					engine.runUntil(T_MS);
					const fresh = run(seed, [input], T_MS);
					expect(engine.state.seen).toEqual(fresh.state.seen);
					expect(engine.stateHash()).toBe(fresh.stateHash());
				}
			),
			{ numRuns: 40 }
		);
	});
});

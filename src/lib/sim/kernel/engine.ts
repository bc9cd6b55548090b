/**
 * The discrete-event engine: runs a Model over an event queue, a seeded RNG, a virtual clock and a
 * time-stamped input log, and supports time travel (checkpoints, seek, step back) and forking the
 * input log. Same model + scenario + seed + inputs always gives the same log and state.
 *
 * Items are queue events and inputs. Inputs never enter the queue; the ordering rule is: an input
 * at time t comes after every queued event with time <= t and before any with time > t, and inputs
 * at equal times keep their log order. That rule does not depend on when the input was added, so
 * a live run (inputs added as time passes) and a replay (all inputs known up front) interleave
 * items identically.
 *
 * Invariant used throughout: every processed item has time <= nowMs, every pending item has
 * time >= nowMs.
 */
import { CLOCK_TIMEOUT, VirtualClock, type ClockState } from './clock';
import { hashState } from './hash';
import { EventQueue } from './queue';
import { SeededRng, createRng } from './rng';
import type { EventData, InputEvent, LogEntry, Model, SimContext, SimEvent } from './types';

/** Tuning of the engine's time travel. */
export interface EngineOptions {
	/** Simulated ms between checkpoints (default 5000). Smaller: faster seeks, more memory. */
	checkpointEveryMs?: number;
	/**
	 * Most checkpoints kept (default 256). When exceeded, every other one is dropped (the one at
	 * time 0 always stays), so old history gets sparser while recent history stays dense.
	 */
	maxCheckpoints?: number;
}

/**
 * Everything needed to resume a run. In-memory only: `clock.callbacks` holds functions, and the
 * checkpoint shares immutable events and log entries with the live engine.
 */
export interface Checkpoint<S> {
	/** Items processed before this point. */
	readonly processed: number;
	readonly nowMs: number;
	/** Time of the last processed item (0 if none); nowMs may be later after runUntil. */
	readonly lastItemMs: number;
	/** structuredClone of the model state; cloned again on every restore. */
	readonly state: S;
	readonly queue: readonly SimEvent[];
	readonly nextSeq: number;
	readonly rngState: readonly number[];
	/** Index in the input log of the next input to deliver. */
	readonly inputCursor: number;
	readonly logLength: number;
	readonly clock: ClockState;
	/** Lengths of the model's append-only lists (Model.appendOnly), which `state` holds empty. */
	readonly appendOnlyLengths: readonly number[];
}

const DEFAULT_CHECKPOINT_EVERY_MS = 5000;
const DEFAULT_MAX_CHECKPOINTS = 256;

// structuredClone is a global in Node >= 17 and in workers, but not in the ES library this folder
// is typed against (no DOM); reach it through globalThis instead of declaring a global.
const clone = <T>(value: T): T =>
	(globalThis as unknown as { structuredClone<V>(v: V): V }).structuredClone(value);

function checkInput(input: InputEvent): InputEvent {
	if (typeof input !== 'object' || input === null) throw new TypeError('input must be an object');
	if (!Number.isFinite(input.t) || input.t < 0) {
		throw new RangeError(`input time must be finite and >= 0, got ${input.t}`);
	}
	if (typeof input.type !== 'string') throw new TypeError('input type must be a string');
	if ('input' in input) throw new TypeError('input field "input" is reserved for the log flag');
	// A private frozen copy: the log must not change if the caller reuses its object.
	return Object.freeze({ ...input });
}

/** The log line of a delivered input: t and type first, then its fields, then `input: true`. */
function inputLogEntry(input: InputEvent): LogEntry {
	// Object.assign keeps the position of keys already present, so t and type stay first.
	return Object.freeze(Object.assign({ t: input.t, type: input.type }, input, { input: true }));
}

/** Index of the last element with key(element) <= limit in a non-decreasing list, or -1. */
function lastAtOrBefore<T>(list: readonly T[], limit: number, key: (item: T) => number): number {
	let lo = 0;
	let hi = list.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (key(list[mid]) <= limit) lo = mid + 1;
		else hi = mid;
	}
	return lo - 1;
}

/** Runs a Model deterministically; see the module note for the ordering rule. */
export class Engine<S, Sc> {
	private readonly model: Model<S, Sc>;
	private readonly checkpointEveryMs: number;
	private readonly maxCheckpoints: number;
	private readonly ctx: SimContext;
	// rng and clock are stable objects reset in place, so ctx (and actors holding the clock) stay
	// valid across load, restore and fork.
	private readonly rngImpl: SeededRng = createRng(0);
	private readonly clockImpl: VirtualClock;
	private queue = new EventQueue();
	private stateValue: S | undefined = undefined;
	private scenarioValue: Sc | undefined = undefined;
	private seedValue = 0;
	private loaded = false;
	private now = 0;
	private lastItemMs = 0;
	private processedCount = 0;
	private inputList: InputEvent[] = [];
	private inputCursor = 0;
	private readonly logEntries: LogEntry[] = [];
	/** For each log entry, the `processed` number of the item that wrote it (0: written by init). */
	private readonly logProcessed: number[] = [];
	private checkpointList: Checkpoint<S>[] = [];
	private nextCheckpointMs = 0;

	constructor(model: Model<S, Sc>, options: EngineOptions = {}) {
		const everyMs = options.checkpointEveryMs ?? DEFAULT_CHECKPOINT_EVERY_MS;
		const maxCheckpoints = options.maxCheckpoints ?? DEFAULT_MAX_CHECKPOINTS;
		if (!(everyMs > 0) || !Number.isFinite(everyMs)) {
			throw new RangeError(`checkpointEveryMs must be finite and > 0, got ${everyMs}`);
		}
		if (!Number.isInteger(maxCheckpoints) || maxCheckpoints < 2) {
			throw new RangeError(`maxCheckpoints must be an integer >= 2, got ${maxCheckpoints}`);
		}
		this.model = model;
		this.checkpointEveryMs = everyMs;
		this.maxCheckpoints = maxCheckpoints;
		const schedule = (delayMs: number, type: string, data?: EventData) =>
			this.schedule(delayMs, type, data);
		this.clockImpl = new VirtualClock({ schedule });
		const nowMs = () => this.now;
		this.ctx = {
			get nowMs() {
				return nowMs();
			},
			rng: this.rngImpl,
			clock: this.clockImpl,
			schedule,
			log: (type: string, data?: EventData) => this.appendLog(type, data)
		};
	}

	/**
	 * Starts a run: fresh queue, RNG from `seed` (a safe integer), clock, state from model.init,
	 * and `inputs` (stably sorted by t) as the input log. Takes the checkpoint at time 0.
	 * Throws if an input has a non-finite or negative t.
	 */
	load(scenario: Sc, seed: number, inputs: readonly InputEvent[] = []): void {
		const sorted = inputs.map(checkInput).sort((a, b) => a.t - b.t); // sort is stable
		const rngState = createRng(seed).getState();
		this.loaded = false;
		this.rngImpl.setState(rngState);
		this.clockImpl.reset();
		this.queue = new EventQueue();
		this.now = 0;
		this.lastItemMs = 0;
		this.processedCount = 0;
		this.inputList = sorted;
		this.inputCursor = 0;
		this.logEntries.length = 0;
		this.logProcessed.length = 0;
		this.checkpointList = [];
		this.scenarioValue = scenario;
		this.seedValue = seed;
		this.stateValue = this.model.init(scenario, this.ctx);
		this.loaded = true;
		this.checkpointList.push(this.capture());
		this.nextCheckpointMs = this.checkpointEveryMs;
	}

	/** Simulated time, ms. */
	get nowMs(): number {
		return this.now;
	}

	/** The model state (a live view: do not mutate; it changes as the engine runs). */
	get state(): Readonly<S> {
		this.assertLoaded();
		return this.stateValue as S;
	}

	/** The event log so far (a live view: it grows, and shrinks on seek back). */
	get log(): readonly LogEntry[] {
		return this.logEntries;
	}

	/** The active input log, sorted by t (a live view). */
	get inputs(): readonly InputEvent[] {
		return this.inputList;
	}

	/** Items (queue events, clock timeouts and inputs) processed since load. */
	get processed(): number {
		return this.processedCount;
	}

	/** True when no queued event and no undelivered input is left. */
	get idle(): boolean {
		return this.nextItemTimeMs() === Infinity;
	}

	/** The run's random source. Drawing from it outside a handler changes the run. */
	get rng(): SeededRng {
		return this.rngImpl;
	}

	/** The simulated-time clock for XState actors (also available to models as ctx.clock). */
	get clock(): VirtualClock {
		return this.clockImpl;
	}

	get scenario(): Sc {
		this.assertLoaded();
		return this.scenarioValue as Sc;
	}

	get seed(): number {
		return this.seedValue;
	}

	/** Checkpoints held, oldest first (for inspection and tests). */
	get checkpoints(): readonly Checkpoint<S>[] {
		return this.checkpointList;
	}

	/** Time (ms) of the next item to process, or Infinity if nothing is left. */
	nextItemTimeMs(): number {
		const inputMs =
			this.inputCursor < this.inputList.length ? this.inputList[this.inputCursor].t : Infinity;
		return Math.min(this.queue.peekTime(), inputMs);
	}

	/** Processes every item with time <= tMs (finite), then sets nowMs to max(nowMs, tMs). */
	runUntil(tMs: number): void {
		this.assertLoaded();
		if (!Number.isFinite(tMs)) throw new RangeError(`runUntil: time must be finite, got ${tMs}`);
		this.runLoop(tMs, Infinity);
		if (tMs > this.now) this.now = tMs;
	}

	/**
	 * Like runUntil(tMs), but stops right after the first processed item that leaves `stop(state)`
	 * true; nowMs is then that item's time. Returns whether it stopped early. The state it stops
	 * in is one a step-by-step run passes through, so replaying to the same point gives it again.
	 */
	runUntilFirst(tMs: number, stop: (state: Readonly<S>) => boolean): boolean {
		this.assertLoaded();
		if (!Number.isFinite(tMs)) throw new RangeError(`runUntil: time must be finite, got ${tMs}`);
		while (this.nextItemTimeMs() <= tMs) {
			this.runLoop(tMs, this.processedCount + 1);
			if (stop(this.stateValue as S)) return true;
		}
		if (tMs > this.now) this.now = tMs;
		return false;
	}

	/**
	 * Processes items until the log grows or nothing is left; returns whether the log grew. nowMs
	 * becomes the time of the last processed item. (A model that schedules forever without logging
	 * never returns: such a model should log something.)
	 */
	step(): boolean {
		this.assertLoaded();
		const before = this.logEntries.length;
		while (this.logEntries.length === before) {
			const processedBefore = this.processedCount;
			this.runLoop(Infinity, processedBefore + 1);
			if (this.processedCount === processedBefore) return false;
		}
		return true;
	}

	/**
	 * Moves to the point right after the p-th item (restoring a checkpoint if p is in the past);
	 * stops early if nothing is left. nowMs becomes the time of the last processed item (0 if none).
	 */
	seekToProcessed(p: number): void {
		this.assertLoaded();
		if (!Number.isSafeInteger(p) || p < 0) {
			throw new RangeError(`seekToProcessed: need an integer >= 0, got ${p}`);
		}
		if (p < this.processedCount) {
			const cps = this.checkpointList;
			this.restore(cps[lastAtOrBefore(cps, p, (cp) => cp.processed)]);
		}
		this.runLoop(Infinity, p);
		this.now = this.lastItemMs;
	}

	/**
	 * Moves to simulated time tMs: forwards by running, backwards by restoring the latest
	 * checkpoint at or before tMs and running. Either way the result equals a fresh runUntil(tMs).
	 */
	seek(tMs: number): void {
		this.assertLoaded();
		if (!Number.isFinite(tMs) || tMs < 0) {
			throw new RangeError(`seek: time must be finite and >= 0, got ${tMs}`);
		}
		if (tMs < this.now) {
			// A checkpoint's items all have time <= its nowMs, so nowMs <= tMs means it has not
			// processed anything later than tMs.
			const cps = this.checkpointList;
			this.restore(cps[lastAtOrBefore(cps, tMs, (cp) => cp.nowMs)]);
		}
		this.runUntil(tMs);
	}

	/**
	 * Undoes the item that wrote the last log entry (and any silent items after it). Returns false
	 * if the log is empty or its last entry was written by model.init (which cannot be undone).
	 */
	stepBack(): boolean {
		this.assertLoaded();
		const n = this.logProcessed.length;
		if (n === 0) return false;
		const p = this.logProcessed[n - 1];
		if (p === 0) return false;
		this.seekToProcessed(p - 1);
		return true;
	}

	/**
	 * Adds a user input, forking the input log: inputs later than input.t are removed and returned,
	 * and the new input goes after those at or before input.t. If input.t <= nowMs, the run is
	 * rewound (when input.t < nowMs) and run to input.t, so the state equals a fresh runUntil(input.t)
	 * with the new input log: nowMs becomes input.t and the input has been delivered. A later input
	 * is delivered when time reaches it.
	 */
	addInput(input: InputEvent): { discarded: InputEvent[] } {
		this.assertLoaded();
		const added = checkInput(input);
		const inputs = this.inputList;
		let keep = inputs.length;
		while (keep > 0 && inputs[keep - 1].t > added.t) keep--;
		const discarded = inputs.splice(keep);
		inputs.push(added);
		// A checkpoint stays valid when it has processed nothing later than added.t (nowMs bound);
		// later ones belong to the abandoned branch. cps[0] (time 0) always survives.
		const cps = this.checkpointList;
		let valid = cps.length;
		while (valid > 1 && cps[valid - 1].nowMs > added.t) valid--;
		cps.length = valid;
		// When added.t >= nowMs nothing later than added.t was processed: the ordering rule puts
		// the input exactly where a replay would, so no rewind is needed.
		// At or before now, deliver it now, so that afterwards the state always equals a fresh
		// runUntil(added.t) with the new input log.
		const deliverNow = added.t <= this.now;
		if (added.t < this.now) this.restore(cps[valid - 1]);
		if (deliverNow) this.runUntil(added.t);
		return { discarded };
	}

	/**
	 * SHA-256 of the whole run position (time, counters, model state, queue in (t, seq) order,
	 * RNG, inputs, log length): equal hashes mean the runs continue identically.
	 */
	stateHash(): string {
		this.assertLoaded();
		const queue = this.queue.toArray().sort((a, b) => a.t - b.t || a.seq - b.seq);
		return hashState({
			nowMs: this.now,
			processed: this.processedCount,
			state: this.stateValue,
			queue,
			nextSeq: this.queue.nextSeq,
			rng: this.rngImpl.getState(),
			inputs: this.inputList,
			logLength: this.logEntries.length
		});
	}

	/**
	 * The hot loop. Processes items in order while their time is <= limitMs and fewer than
	 * maxProcessed items are done. Allocates nothing itself: no closures, no copies.
	 */
	private runLoop(limitMs: number, maxProcessed: number): void {
		const queue = this.queue;
		const inputs = this.inputList;
		const model = this.model;
		const ctx = this.ctx;
		const clock = this.clockImpl;
		const state = this.stateValue as S;
		while (this.processedCount < maxProcessed) {
			const queueMs = queue.peekTime();
			const cursor = this.inputCursor;
			const inputMs = cursor < inputs.length ? inputs[cursor].t : Infinity;
			// The ordering rule: the queue wins ties, so an input follows events at its own time.
			const fromQueue = queueMs <= inputMs;
			const itemMs = fromQueue ? queueMs : inputMs;
			if (itemMs > limitMs || itemMs === Infinity) break;
			if (itemMs >= this.nextCheckpointMs) this.crossCheckpointBoundary(itemMs);
			this.now = itemMs;
			this.lastItemMs = itemMs;
			this.processedCount++;
			if (fromQueue) {
				const event = queue.pop() as SimEvent;
				if (event.type === CLOCK_TIMEOUT) clock.fire(event.data.id);
				else model.handle(state, event, ctx);
			} else {
				this.inputCursor = cursor + 1;
				const input = inputs[cursor];
				this.logEntries.push(inputLogEntry(input));
				this.logProcessed.push(this.processedCount);
				model.input(state, input, ctx);
			}
		}
	}

	/** Called before the first item at or past the next checkpoint boundary. */
	private crossCheckpointBoundary(itemMs: number): void {
		const cps = this.checkpointList;
		// After a seek back, checkpoints further on are kept (the run is deterministic, so they are
		// still right); don't take a duplicate while catching up with them.
		if (cps[cps.length - 1].processed < this.processedCount) {
			cps.push(this.capture());
			if (cps.length > this.maxCheckpoints) {
				this.checkpointList = cps.filter((_, i) => (i & 1) === 0);
			}
		}
		this.nextCheckpointMs = this.boundaryAfter(itemMs);
	}

	private boundaryAfter(tMs: number): number {
		return (Math.floor(tMs / this.checkpointEveryMs) + 1) * this.checkpointEveryMs;
	}

	private capture(): Checkpoint<S> {
		const state = this.stateValue as S;
		const lists = this.model.appendOnly ?? [];
		const live = lists.map((list) => list.get(state));
		// Clone the state without the append-only lists: their lengths are enough to restore them.
		lists.forEach((list) => list.set(state, []));
		let copy: S;
		try {
			copy = clone(state);
		} finally {
			lists.forEach((list, i) => list.set(state, live[i]));
		}
		return {
			processed: this.processedCount,
			nowMs: this.now,
			lastItemMs: this.lastItemMs,
			state: copy,
			appendOnlyLengths: live.map((l) => l.length),
			queue: this.queue.toArray(),
			nextSeq: this.queue.nextSeq,
			rngState: this.rngImpl.getState(),
			inputCursor: this.inputCursor,
			logLength: this.logEntries.length,
			clock: this.clockImpl.getState()
		};
	}

	private restore(cp: Checkpoint<S>): void {
		this.processedCount = cp.processed;
		this.now = cp.nowMs;
		this.lastItemMs = cp.lastItemMs;
		// Clone again so the checkpoint itself is never mutated and can be restored many times.
		const lists = this.model.appendOnly ?? [];
		const live = lists.map((list) => list.get(this.stateValue as S));
		const state = clone(cp.state);
		// A checkpoint is never later than the live run, so each live list extends its prefix.
		lists.forEach((list, i) => {
			const length = cp.appendOnlyLengths[i];
			if (live[i].length < length) throw new Error('append-only list shorter than a checkpoint');
			live[i].length = length;
			list.set(state, live[i]);
		});
		this.stateValue = state;
		this.queue = EventQueue.from(cp.queue, cp.nextSeq);
		this.rngImpl.setState(cp.rngState);
		this.inputCursor = cp.inputCursor;
		this.logEntries.length = cp.logLength;
		this.logProcessed.length = cp.logLength;
		this.clockImpl.setState(cp.clock);
		this.nextCheckpointMs = this.boundaryAfter(cp.nowMs);
	}

	private schedule(delayMs: number, type: string, data?: EventData): void {
		if (!(delayMs >= 0) || delayMs === Infinity) {
			throw new RangeError(`schedule(${type}): delay must be finite and >= 0, got ${delayMs}`);
		}
		this.queue.push(this.now + delayMs, type, data);
	}

	private appendLog(type: string, data?: EventData): void {
		let entry: LogEntry;
		if (data === undefined) {
			entry = { t: this.now, type };
		} else {
			if ('t' in data || 'type' in data) {
				throw new TypeError(`log(${type}): data must not contain the keys t or type`);
			}
			// t and type first, so JSON lines read {"t":..,"type":..,...}.
			entry = { t: this.now, type, ...data };
		}
		this.logEntries.push(Object.freeze(entry));
		this.logProcessed.push(this.processedCount);
	}

	private assertLoaded(): void {
		if (!this.loaded) throw new Error('Engine: call load() first');
	}
}

/**
 * A clock for XState v5 actors in simulated time: `createActor(machine, { clock })` makes every
 * `after` delay a queue event, so timers fire exactly when the engine reaches them and never on
 * the wall clock.
 *
 * Each setTimeout pushes a `clock.timeout` event carrying a sequential timer id and keeps the
 * callback in a Map. clearTimeout only forgets the callback: the queued event stays and is ignored
 * when it comes up, because a heap cannot remove an arbitrary entry cheaply.
 *
 * Checkpoints and callbacks: a checkpoint can copy the id counter and the Map, but not the
 * closures' meaning. A callback closes over a live actor whose state is not in the model state, so
 * restoring an old checkpoint would fire callbacks into actors that have already moved on. A
 * subsystem that keeps live actors must therefore persist what it needs (e.g. the actor's
 * persisted snapshot) in its own, structured-cloneable model state and rebuild its actors from it.
 */
import type { EventData, XStateClock } from './types';

/** Event type the clock schedules; the engine hands these to the clock, never to the model. */
export const CLOCK_TIMEOUT = 'clock.timeout';

/** A timer callback as XState passes it. */
export type TimerCallback = (...args: unknown[]) => void;

/** Where the clock puts its timers: the engine's SimContext satisfies this. */
export interface ClockScheduler {
	schedule(delayMs: number, type: string, data?: EventData): void;
}

/** What a checkpoint keeps of the clock. `callbacks` is a shallow copy (see the module note). */
export interface ClockState {
	readonly nextId: number;
	/** Ids of timers that are set and not yet fired or cleared, ascending. */
	readonly liveIds: readonly number[];
	readonly callbacks: ReadonlyMap<number, TimerCallback>;
}

/** XState clock driven by the simulation's event queue. Timer ids are sequential integers. */
export class VirtualClock implements XStateClock {
	private nextId = 1;
	private callbacks = new Map<number, TimerCallback>();

	constructor(private readonly scheduler: ClockScheduler) {}

	/**
	 * Schedules `fn` after `timeoutMs` of simulated time and returns the timer id. Negative delays
	 * are clamped to 0 like a browser's setTimeout; non-finite ones are a bug and throw.
	 */
	setTimeout(fn: TimerCallback, timeoutMs: number): number {
		if (!Number.isFinite(timeoutMs)) {
			throw new RangeError(`VirtualClock.setTimeout: delay must be finite, got ${timeoutMs}`);
		}
		const id = this.nextId++;
		this.callbacks.set(id, fn);
		this.scheduler.schedule(timeoutMs > 0 ? timeoutMs : 0, CLOCK_TIMEOUT, { id });
		return id;
	}

	/** Cancels a timer; unknown or already fired ids are ignored, as with the DOM's clearTimeout. */
	clearTimeout(id: unknown): void {
		if (typeof id === 'number') this.callbacks.delete(id);
	}

	/**
	 * Runs the callback of timer `id` if it is still live (called by the engine for a
	 * `clock.timeout` event). Returns whether a callback ran.
	 */
	fire(id: unknown): boolean {
		if (typeof id !== 'number') return false;
		const fn = this.callbacks.get(id);
		if (fn === undefined) return false;
		this.callbacks.delete(id);
		fn();
		return true;
	}

	/** Number of timers set and not yet fired or cleared. */
	get pendingCount(): number {
		return this.callbacks.size;
	}

	/** Snapshot for a checkpoint (callbacks shallow-copied). */
	getState(): ClockState {
		const liveIds = [...this.callbacks.keys()].sort((a, b) => a - b);
		return { nextId: this.nextId, liveIds, callbacks: new Map(this.callbacks) };
	}

	/** Restores a snapshot from getState(); the snapshot stays reusable. */
	setState(state: ClockState): void {
		this.nextId = state.nextId;
		this.callbacks = new Map(state.callbacks);
	}

	/** Forgets every timer and restarts ids at 1 (on engine load). */
	reset(): void {
		this.nextId = 1;
		this.callbacks = new Map();
	}
}

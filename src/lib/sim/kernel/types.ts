/**
 * Contracts of the simulation kernel. Everything here is plain data or an interface, so that the
 * model, the CLI, the worker and the tests can be written against it independently.
 *
 * Time is always simulated milliseconds (`number`, may be fractional). Nothing in sim/ reads the
 * wall clock.
 */

/** Flat, structured-cloneable payload of an event or log entry. */
export type EventData = Readonly<Record<string, string | number | boolean | null>>;

/** One item in the event queue. Ordered by (t, seq); seq is the insertion sequence. */
export interface SimEvent {
	readonly t: number;
	readonly seq: number;
	readonly type: string;
	readonly data: EventData;
}

/**
 * One line of the event log, written as a JSON line `{"t":<ms>,"type":"...",...}`.
 * `type` is dot-namespaced (`node.fail`, `heartbeat.send`); the part before the first dot is the
 * entry's kind. Fields that name objects use the object's display name (see LOG_OBJECT_FIELDS).
 */
export type LogEntry = { readonly t: number; readonly type: string } & EventData;

/** A user action on the model, stamped with the simulated time it applies at. */
export interface InputEvent {
	readonly t: number;
	readonly type: string;
	readonly [field: string]: string | number | boolean | null;
}

/** The seeded random source: the only randomness in sim/. */
export interface Rng {
	/** Uniform float in [0, 1). */
	float(): number;
	/** Uniform integer in [min, max], both inclusive. */
	int(min: number, max: number): number;
}

/** XState v5's clock interface (`createActor(machine, { clock })`) in simulated time. */
export interface XStateClock {
	setTimeout(fn: (...args: unknown[]) => void, timeout: number): unknown;
	clearTimeout(id: unknown): void;
}

/** What a model's handlers may do while an event or input is being processed. */
export interface SimContext {
	/** Simulated time of the item being processed, in ms. */
	readonly nowMs: number;
	readonly rng: Rng;
	/** Schedules an event `delayMs` (>= 0) after now. Equal times keep insertion order. */
	schedule(delayMs: number, type: string, data?: EventData): void;
	/** Appends an entry to the event log at the current time. */
	log(type: string, data?: EventData): void;
	/**
	 * The simulated-time clock for XState actors (`createActor(machine, { clock: ctx.clock })`).
	 * Always set by the kernel's Engine; optional so hand-made test contexts need not provide it.
	 */
	readonly clock?: XStateClock;
}

/**
 * A simulation model plugged into the engine. State must be structured-cloneable plain data:
 * checkpoints clone it with `structuredClone`.
 */
export interface Model<S, Sc> {
	/** Builds the initial state from a validated scenario and schedules the first events. */
	init(scenario: Sc, ctx: SimContext): S;
	/** Handles one queued event (mutating `state`). */
	handle(state: S, event: SimEvent, ctx: SimContext): void;
	/** Applies one user input (mutating `state`); it is logged by the engine first. */
	input(state: S, input: InputEvent, ctx: SimContext): void;
	/**
	 * Lists in the state that only ever grow at the end and whose elements never change once
	 * appended (captured packets, say). Checkpoints keep their lengths instead of copies, and a
	 * restore truncates the live list, like the event log, so memory does not grow with the number
	 * of checkpoints times the list's size.
	 */
	appendOnly?: readonly AppendOnlyList<S>[];
}

/** How the engine reaches one append-only list of the state (see Model.appendOnly). */
export interface AppendOnlyList<S> {
	get(state: S): unknown[];
	set(state: S, list: unknown[]): void;
}

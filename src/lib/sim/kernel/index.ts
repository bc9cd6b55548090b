/** Public API of the simulation kernel: queue, seeded RNG, virtual clock, hashing and engine. */
export { CLOCK_TIMEOUT, VirtualClock } from './clock';
export type { ClockScheduler, ClockState, TimerCallback } from './clock';
export { Engine } from './engine';
export type { Checkpoint, EngineOptions } from './engine';
export { canonicalJson, hashState } from './hash';
export { EMPTY_DATA, EventQueue } from './queue';
export { SeededRng, createRng, restoreRng } from './rng';
export type {
	EventData,
	InputEvent,
	LogEntry,
	Model,
	Rng,
	SimContext,
	SimEvent,
	XStateClock
} from './types';

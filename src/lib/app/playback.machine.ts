/**
 * Playback orchestration: play/pause, stepping, scrubbing, speed, and the rule that at most one
 * time-changing request is in flight to the simulation worker at any moment.
 *
 * The machine has two parallel regions:
 * - `mode` (paused | playing) is what the learner chose;
 * - `request` (idle | busy) is whether a worker call is under way.
 * Keeping them apart means pausing never cancels a request whose frame is already on its way,
 * and a request never starts while another is busy: user operations wait in a small queue
 * (consecutive seeks collapse into the latest), animation-frame ticks that arrive while busy are
 * dropped. The machine never touches the worker itself: the `request` actor is provided by the
 * session (and by a fake in tests) and resolves to the simulated time the new frame shows.
 */
import { and, assign, fromPromise, raise, setup, stateIn } from 'xstate';
import type { InputEvent } from '$lib/sim/kernel/types';

/** Speeds offered by the speed control, slowest first (simulated ms per wall ms). */
export const SPEEDS: readonly number[] = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
export const MIN_SPEED = 0.1;
export const MAX_SPEED = 1000;

/**
 * Longest wall-clock gap one tick may turn into simulated time. After a slow frame or a
 * background tab the simulation should resume smoothly, not jump by minutes.
 */
export const MAX_TICK_WALL_MS = 250;

/**
 * Packet slow motion: while packets are on a hop, playback runs this many times slower than the
 * chosen speed, so a 20 µs host-to-TOR hop takes 0.6 s of wall time at 1x. A display choice: the
 * simulation's own timings are untouched.
 */
export const PACKET_SLOW_MOTION = 1 / 30_000;

/** Most user operations kept waiting while a request is busy (older ones are dropped). */
const MAX_QUEUE = 8;

/** An input without its time: the machine stamps it with the simulated time it is sent at. */
export type UntimedInput = Omit<InputEvent, 't'> & { readonly type: string };

/** One time-changing call to the worker. */
export type PlaybackOp =
	| { kind: 'seek'; tMs: number; stopAtPackets?: boolean }
	| { kind: 'step' }
	| { kind: 'stepBack' }
	| { kind: 'input'; input: UntimedInput };

/** What the request actor receives: the operation and the simulated time the worker is at. */
export interface RequestInput {
	op: PlaybackOp;
	/** Simulated time of the latest frame, in ms (inputs are stamped with it). */
	nowMs: number;
}

/** What the request actor resolves to once its frame has been applied. */
export interface RequestOutput {
	simTimeMs: number;
	/** Packet hops under way in the new frame (0 when unknown). */
	packetsInFlight?: number;
}

export interface PlaybackContext {
	speed: number;
	/** Simulated time of the latest frame, in ms. */
	timeMs: number;
	/** The scenario's suggested timeline length, in simulated ms. */
	durationMs: number;
	/** Furthest simulated time any frame has shown, in ms (the timeline grows to it). */
	furthestMs: number;
	queue: PlaybackOp[];
	/** The operation the busy request is running. */
	current: PlaybackOp | null;
	/** Wall time (rAF timestamp, ms) the last playing request was issued at; null until a tick. */
	lastWallMs: number | null;
	/** Message of the last failed request, cleared by the next success. */
	error: string | null;
	/** Packet slow motion is on (see PACKET_SLOW_MOTION). */
	slowMotion: boolean;
	/** Packet hops under way in the latest frame. */
	packetsInFlight: number;
}

export interface PlaybackInput {
	durationMs: number;
	timeMs?: number;
	speed?: number;
	slowMotion?: boolean;
}

export type PlaybackEvent =
	| { type: 'play' }
	| { type: 'pause' }
	| { type: 'toggle' }
	| { type: 'tick'; wallMs: number }
	| { type: 'seek'; tMs: number }
	| { type: 'step' }
	| { type: 'stepBack' }
	| { type: 'input'; input: UntimedInput }
	| { type: 'speed.set'; speed: number }
	| { type: 'speed.faster' }
	| { type: 'speed.slower' }
	| { type: 'slowMotion.set'; on: boolean }
	| { type: 'checkEnd' };

/** Clamps a speed into [MIN_SPEED, MAX_SPEED]; non-finite values fall back to 1x. */
export function clampSpeed(speed: number): number {
	if (!Number.isFinite(speed)) return 1;
	return Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed));
}

/** The next speed level above (`+1`) or below (`-1`) `speed`, staying within SPEEDS. */
export function nextSpeed(speed: number, direction: 1 | -1): number {
	if (direction > 0) return SPEEDS.find((s) => s > speed + 1e-9) ?? SPEEDS[SPEEDS.length - 1];
	return [...SPEEDS].reverse().find((s) => s < speed - 1e-9) ?? SPEEDS[0];
}

/** Simulated ms per wall ms right now: the speed, slowed down while packets are in flight. */
export function effectiveRate(
	context: Pick<PlaybackContext, 'speed' | 'slowMotion' | 'packetsInFlight'>
): number {
	const slow = context.slowMotion && context.packetsInFlight > 0;
	return slow ? context.speed * PACKET_SLOW_MOTION : context.speed;
}

/** End of the timeline in simulated ms: the scenario's length, or further if the sim got there. */
export function timelineEndMs(context: Pick<PlaybackContext, 'durationMs' | 'furthestMs'>): number {
	return Math.max(context.durationMs, context.furthestMs);
}

function enqueue(queue: PlaybackOp[], op: PlaybackOp): PlaybackOp[] {
	const last = queue[queue.length - 1];
	// Scrubbing sends a seek per pointer move; only the latest position matters.
	const kept = op.kind === 'seek' && last?.kind === 'seek' ? queue.slice(0, -1) : queue;
	return [...kept, op].slice(-MAX_QUEUE);
}

export const playbackMachine = setup({
	types: {
		context: {} as PlaybackContext,
		events: {} as PlaybackEvent,
		input: {} as PlaybackInput
	},
	actors: {
		// Replaced by the session (machine.provide); a machine without it fails loudly.
		request: fromPromise<RequestOutput, RequestInput>(async () => {
			throw new Error('playback: no request actor provided');
		})
	},
	actions: {
		/** Called when playing stops at the end of the timeline (the session announces it). */
		reachedEnd: () => {},
		/** Called with the error message when a request fails. */
		requestFailed: (_, _params: { message: string }) => {},
		enqueueStep: assign({ queue: ({ context }) => enqueue(context.queue, { kind: 'step' }) }),
		enqueueStepBack: assign({
			queue: ({ context }) => enqueue(context.queue, { kind: 'stepBack' })
		}),
		// Play at the end of the timeline starts again from zero rather than stopping at once.
		restartIfAtEnd: assign({
			queue: ({ context }) =>
				context.timeMs >= timelineEndMs(context) - 1e-6
					? enqueue(context.queue, { kind: 'seek', tMs: 0 })
					: context.queue
		})
	},
	guards: {
		isPlaying: stateIn({ mode: 'playing' }),
		hasQueued: ({ context }) => context.queue.length > 0,
		atEnd: ({ context }) => context.timeMs >= timelineEndMs(context) - 1e-6
	}
}).createMachine({
	id: 'playback',
	type: 'parallel',
	context: ({ input }) => ({
		speed: clampSpeed(input.speed ?? 1),
		timeMs: input.timeMs ?? 0,
		durationMs: input.durationMs,
		furthestMs: input.timeMs ?? 0,
		queue: [],
		current: null,
		lastWallMs: null,
		error: null,
		slowMotion: input.slowMotion ?? true,
		packetsInFlight: 0
	}),
	on: {
		seek: {
			actions: assign({
				queue: ({ context, event }) =>
					enqueue(context.queue, { kind: 'seek', tMs: Math.max(0, event.tMs) })
			})
		},
		step: { actions: 'enqueueStep' },
		stepBack: { actions: 'enqueueStepBack' },
		input: {
			actions: assign({
				queue: ({ context, event }) => enqueue(context.queue, { kind: 'input', input: event.input })
			})
		},
		'speed.set': { actions: assign({ speed: ({ event }) => clampSpeed(event.speed) }) },
		'speed.faster': { actions: assign({ speed: ({ context }) => nextSpeed(context.speed, 1) }) },
		'speed.slower': { actions: assign({ speed: ({ context }) => nextSpeed(context.speed, -1) }) },
		'slowMotion.set': { actions: assign({ slowMotion: ({ event }) => event.on }) }
	},
	states: {
		mode: {
			initial: 'paused',
			states: {
				paused: {
					on: {
						play: { target: 'playing', actions: 'restartIfAtEnd' },
						toggle: { target: 'playing', actions: 'restartIfAtEnd' }
					}
				},
				playing: {
					// The wall-clock anchor starts afresh so a long pause is not played back.
					entry: assign({ lastWallMs: null }),
					on: {
						pause: 'paused',
						toggle: 'paused',
						// Stepping is a paused activity: it would be overtaken by the next tick. (XState
						// takes this transition instead of the root's, so it enqueues too.)
						step: { target: 'paused', actions: 'enqueueStep' },
						stepBack: { target: 'paused', actions: 'enqueueStepBack' },
						checkEnd: { guard: 'atEnd', target: 'paused', actions: 'reachedEnd' }
					}
				}
			}
		},
		request: {
			initial: 'idle',
			states: {
				idle: {
					always: {
						guard: 'hasQueued',
						target: 'busy',
						actions: assign({
							current: ({ context }) => context.queue[0],
							queue: ({ context }) => context.queue.slice(1)
						})
					},
					on: {
						tick: [
							{
								guard: and(['isPlaying', ({ context }) => context.lastWallMs !== null]),
								target: 'busy',
								actions: assign(({ context, event }) => {
									const wallDtMs = Math.min(
										MAX_TICK_WALL_MS,
										Math.max(0, event.wallMs - (context.lastWallMs ?? event.wallMs))
									);
									const tMs = Math.min(
										timelineEndMs(context),
										context.timeMs + wallDtMs * effectiveRate(context)
									);
									const op: PlaybackOp = { kind: 'seek', tMs, stopAtPackets: context.slowMotion };
									return { lastWallMs: event.wallMs, current: op };
								})
							},
							{
								guard: 'isPlaying',
								actions: assign({ lastWallMs: ({ event }) => event.wallMs })
							}
						]
					}
				},
				busy: {
					invoke: {
						src: 'request',
						input: ({ context }) => ({
							op: context.current ?? { kind: 'step' },
							nowMs: context.timeMs
						}),
						onDone: {
							target: 'idle',
							actions: [
								assign(({ context, event }) => ({
									timeMs: event.output.simTimeMs,
									packetsInFlight: event.output.packetsInFlight ?? 0,
									furthestMs: Math.max(context.furthestMs, event.output.simTimeMs),
									current: null,
									error: null
								})),
								raise({ type: 'checkEnd' })
							]
						},
						onError: {
							target: 'idle',
							actions: [
								assign(({ event }) => ({
									current: null,
									queue: [],
									error: event.error instanceof Error ? event.error.message : String(event.error)
								})),
								{
									type: 'requestFailed',
									params: ({ context }) => ({ message: context.error ?? 'request failed' })
								},
								raise({ type: 'pause' })
							]
						}
					}
					// Ticks while busy are deliberately unhandled: that is the frame skipping.
				}
			}
		}
	}
});

/**
 * Playback of the loaded scenario: the playback machine's actor, the requestAnimationFrame loop
 * that ticks it while playing, and the request actor that runs each time-changing operation on
 * the worker and shows the frame it answers with.
 *
 * A request outlives a restart of the session (terminating the worker is what cancels it), so
 * it compares the session's generation before touching anything: an answer for an older
 * generation is dropped unseen.
 */
import { createActor, fromPromise, type Actor } from 'xstate';
import type { InputEvent } from '$lib/sim/kernel/types';
import { formatSimTime } from './format';
import {
	effectiveRate,
	playbackMachine,
	timelineEndMs,
	type PlaybackEvent,
	type RequestInput,
	type RequestOutput
} from './playback.machine';
import type { SessionApi, SessionDeps } from './session-deps';

/** What playback needs from the session. */
export interface PlayerHost {
	/** The running worker's API; throws when none runs. */
	api(): SessionApi;
	/** The session's restart counter. */
	generation(): number;
	/** Shows a frame from the worker; returns its simulated time (ms) and packet hops under way. */
	showFrame(frame: ArrayBuffer): RequestOutput;
	/** Says something once, in the live region. */
	announce(message: string): void;
	/** Says something that stays until dismissed (a notice, announced too). */
	notify(message: string): void;
}

export type AnimationFrames = Pick<SessionDeps, 'requestAnimationFrame' | 'cancelAnimationFrame'>;

export class Player {
	/** The learner chose to play (the machine's `mode` is `playing`). */
	playing = $state(false);
	/** Simulated ms per wall ms. */
	speed = $state(1);
	/** Packet slow motion is on. */
	slowMotion = $state(true);
	/** Playback is slowed right now because packets are in flight. */
	slowed = $state(false);
	/** Right end of the timeline, in simulated ms. */
	endMs = $state(0);

	#frames: AnimationFrames;
	#actor: Actor<typeof playbackMachine> | null = null;
	#rafId: number | null = null;

	constructor(frames: AnimationFrames) {
		this.#frames = frames;
	}

	/**
	 * Starts playback (paused) of a scenario `durationMs` long whose latest frame shows `timeMs`,
	 * both in simulated ms. Requests belong to the host's current generation. Call `stop` first
	 * when replacing a scenario.
	 */
	start(host: PlayerHost, durationMs: number, timeMs: number): void {
		const generation = host.generation();
		const machine = playbackMachine.provide({
			actors: {
				request: fromPromise<RequestOutput, RequestInput>(({ input }) =>
					runRequest(host, input, generation)
				)
			},
			actions: {
				reachedEnd: () => host.announce('Paused at the end of the timeline.'),
				requestFailed: (_, params) => host.notify(`The simulation refused that: ${params.message}`)
			}
		});
		const actor = createActor(machine, { input: { durationMs, timeMs } });
		actor.subscribe((snapshot) => {
			const playing = snapshot.matches({ mode: 'playing' });
			this.speed = snapshot.context.speed;
			this.slowMotion = snapshot.context.slowMotion;
			this.slowed = effectiveRate(snapshot.context) < snapshot.context.speed;
			this.endMs = timelineEndMs(snapshot.context);
			if (playing !== this.playing) {
				this.playing = playing;
				if (playing) this.#startLoop();
				else this.#stopLoop();
			}
		});
		actor.start();
		this.#actor = actor;
	}

	/** Sends an event to the playback machine (ignored while nothing is loaded). */
	send(event: PlaybackEvent): void {
		this.#actor?.send(event);
	}

	/**
	 * Stops the loop and the actor. A request in flight still finishes; the host's generation,
	 * bumped by the restart, keeps its frame from being shown.
	 */
	stop(): void {
		this.#stopLoop();
		this.#actor?.stop();
		this.#actor = null;
		this.playing = false;
	}

	#startLoop(): void {
		if (this.#rafId !== null) return;
		const loop = (wallMs: number) => {
			this.#rafId = null;
			if (!this.playing || !this.#actor) return;
			this.#actor.send({ type: 'tick', wallMs });
			if (this.playing) this.#rafId = this.#frames.requestAnimationFrame(loop);
		};
		this.#rafId = this.#frames.requestAnimationFrame(loop);
	}

	#stopLoop(): void {
		if (this.#rafId !== null) this.#frames.cancelAnimationFrame(this.#rafId);
		this.#rafId = null;
	}
}

/**
 * Runs one playback operation on the worker and shows the frame it answers with, unless the
 * host's generation has moved past `generation` meanwhile. An input that changed the past (the
 * worker dropped later inputs) is reported as a notice.
 */
export async function runRequest(
	host: PlayerHost,
	input: RequestInput,
	generation: number
): Promise<RequestOutput> {
	const api = host.api();
	const { op } = input;
	let frame: ArrayBuffer;
	if (op.kind === 'seek') {
		const options = op.stopAtPackets ? { stopAtPackets: true } : undefined;
		frame = (await api.seek(op.tMs, options)).frame;
	} else if (op.kind === 'step') frame = (await api.step()).frame;
	else if (op.kind === 'stepBack') frame = (await api.stepBack()).frame;
	else {
		const result = await api.addInput({ ...op.input, t: input.nowMs } as InputEvent);
		frame = result.frame;
		if (generation === host.generation() && result.discarded.length > 0) {
			host.notify(forkNotice(input.nowMs, result.discarded.length));
		}
	}
	if (generation !== host.generation()) return { simTimeMs: input.nowMs };
	return host.showFrame(frame);
}

/** The notice for an input at `nowMs` (simulated) that made the worker drop `dropped` inputs. */
export function forkNotice(nowMs: number, dropped: number): string {
	return (
		`The input at ${formatSimTime(nowMs)} changed the past: ${dropped} later input` +
		`${dropped === 1 ? ' was' : 's were'} dropped (the input log forked).`
	);
}

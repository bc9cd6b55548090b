import { describe, expect, it, vi } from 'vitest';
import { createActor, fromPromise } from 'xstate';
import {
	MAX_SPEED,
	MAX_TICK_WALL_MS,
	MIN_SPEED,
	PACKET_SLOW_MOTION,
	clampSpeed,
	effectiveRate,
	nextSpeed,
	playbackMachine,
	type PlaybackOp,
	type RequestInput,
	type RequestOutput
} from './playback.machine';

/** A request actor whose calls stay pending until the test resolves them. */
function controlledRequests() {
	const pending: { input: RequestInput; resolve: (out: RequestOutput) => void }[] = [];
	let inFlight = 0;
	let maxInFlight = 0;
	const request = fromPromise<RequestOutput, RequestInput>(
		({ input }) =>
			new Promise<RequestOutput>((resolve) => {
				inFlight++;
				maxInFlight = Math.max(maxInFlight, inFlight);
				pending.push({
					input,
					resolve: (out) => {
						inFlight--;
						resolve(out);
					}
				});
			})
	);
	/** Resolves the oldest pending request as the fake worker would, then lets XState settle. */
	const answer = async (simTimeMs?: number, packetsInFlight = 0) => {
		const next = pending.shift();
		if (!next) throw new Error('no request is pending');
		const op = next.input.op;
		const t = simTimeMs ?? (op.kind === 'seek' ? op.tMs : next.input.nowMs + 1);
		next.resolve({ simTimeMs: t, packetsInFlight });
		await new Promise((r) => setTimeout(r, 0));
		return op;
	};
	return { request, pending, answer, maxInFlight: () => maxInFlight };
}

function start(durationMs = 10_000) {
	const requests = controlledRequests();
	const reachedEnd = vi.fn();
	const actor = createActor(
		playbackMachine.provide({ actors: { request: requests.request }, actions: { reachedEnd } }),
		{ input: { durationMs } }
	);
	actor.start();
	return { actor, reachedEnd, ...requests };
}

const mode = (actor: ReturnType<typeof start>['actor']) =>
	actor.getSnapshot().matches({ mode: 'playing' }) ? 'playing' : 'paused';

describe('playback machine', () => {
	it('goes paused → playing → paused', () => {
		const { actor } = start();
		expect(mode(actor)).toBe('paused');
		actor.send({ type: 'play' });
		expect(mode(actor)).toBe('playing');
		actor.send({ type: 'toggle' });
		expect(mode(actor)).toBe('paused');
		actor.send({ type: 'toggle' });
		expect(mode(actor)).toBe('playing');
		actor.send({ type: 'pause' });
		expect(mode(actor)).toBe('paused');
	});

	it('advances simulated time by wall time × speed on each tick', async () => {
		const { actor, pending, answer } = start();
		actor.send({ type: 'speed.set', speed: 10 });
		actor.send({ type: 'play' });
		actor.send({ type: 'tick', wallMs: 1000 }); // first tick only anchors the wall clock
		expect(pending).toHaveLength(0);
		actor.send({ type: 'tick', wallMs: 1016 });
		expect(pending).toHaveLength(1);
		expect(pending[0].input.op).toEqual({ kind: 'seek', tMs: 160, stopAtPackets: true });
		await answer();
		expect(actor.getSnapshot().context.timeMs).toBe(160);
	});

	it('keeps one request in flight and skips ticks while waiting', async () => {
		const { actor, pending, answer, maxInFlight } = start();
		actor.send({ type: 'play' });
		actor.send({ type: 'tick', wallMs: 0 });
		actor.send({ type: 'tick', wallMs: 16 });
		for (let t = 32; t < 200; t += 16) actor.send({ type: 'tick', wallMs: t });
		actor.send({ type: 'seek', tMs: 500 });
		actor.send({ type: 'seek', tMs: 700 }); // scrubbing collapses into the latest seek
		expect(pending).toHaveLength(1);
		await answer();
		expect(pending).toHaveLength(1);
		expect(pending[0].input.op).toEqual({ kind: 'seek', tMs: 700 });
		await answer();
		expect(pending).toHaveLength(0);
		expect(maxInFlight()).toBe(1);
	});

	it('caps the simulated jump after a long wall-clock gap', () => {
		const { actor, pending } = start(1e9);
		actor.send({ type: 'speed.set', speed: 2 });
		actor.send({ type: 'play' });
		actor.send({ type: 'tick', wallMs: 0 });
		actor.send({ type: 'tick', wallMs: 60_000 });
		expect(pending[0].input.op).toEqual({
			kind: 'seek',
			tMs: MAX_TICK_WALL_MS * 2,
			stopAtPackets: true
		});
	});

	it('slows down by PACKET_SLOW_MOTION while the latest frame has packets in flight', async () => {
		const { actor, pending, answer } = start();
		actor.send({ type: 'play' });
		actor.send({ type: 'tick', wallMs: 0 });
		actor.send({ type: 'tick', wallMs: 100 });
		// The worker stopped early, at 40 ms, where a packet started its first hop.
		await answer(40, 1);
		expect(effectiveRate(actor.getSnapshot().context)).toBe(PACKET_SLOW_MOTION);
		actor.send({ type: 'tick', wallMs: 200 });
		expect(pending[0].input.op).toEqual({
			kind: 'seek',
			tMs: 40 + 100 * PACKET_SLOW_MOTION,
			stopAtPackets: true
		});
		// Once the packets have landed, full speed again.
		await answer(undefined, 0);
		actor.send({ type: 'tick', wallMs: 300 });
		const op = pending[0].input.op;
		expect(op.kind === 'seek' && op.tMs - (40 + 100 * PACKET_SLOW_MOTION)).toBeCloseTo(100, 9);
	});

	it('plays at the chosen speed, packets or not, with slow motion off', async () => {
		const { actor, pending, answer } = start();
		actor.send({ type: 'slowMotion.set', on: false });
		actor.send({ type: 'play' });
		actor.send({ type: 'tick', wallMs: 0 });
		actor.send({ type: 'tick', wallMs: 100 });
		expect(pending[0].input.op).toEqual({ kind: 'seek', tMs: 100, stopAtPackets: false });
		await answer(100, 3);
		expect(effectiveRate(actor.getSnapshot().context)).toBe(1);
		actor.send({ type: 'tick', wallMs: 200 });
		expect(pending[0].input.op).toEqual({ kind: 'seek', tMs: 200, stopAtPackets: false });
	});

	it('never stops a scrub at packets: only playing ticks ask for it', async () => {
		const { actor, pending } = start();
		actor.send({ type: 'seek', tMs: 5000 });
		expect(pending[0].input.op).toEqual({ kind: 'seek', tMs: 5000 });
	});

	it('clamps speed to [0.1, 1000] and steps through the levels', () => {
		const { actor } = start();
		actor.send({ type: 'speed.set', speed: 5000 });
		expect(actor.getSnapshot().context.speed).toBe(MAX_SPEED);
		actor.send({ type: 'speed.faster' });
		expect(actor.getSnapshot().context.speed).toBe(MAX_SPEED);
		actor.send({ type: 'speed.set', speed: 0.001 });
		expect(actor.getSnapshot().context.speed).toBe(MIN_SPEED);
		actor.send({ type: 'speed.slower' });
		expect(actor.getSnapshot().context.speed).toBe(MIN_SPEED);
		actor.send({ type: 'speed.set', speed: 1 });
		actor.send({ type: 'speed.faster' });
		expect(actor.getSnapshot().context.speed).toBe(2);
		expect(clampSpeed(Number.NaN)).toBe(1);
		expect(nextSpeed(3, -1)).toBe(2);
	});

	it('stops at the end of the timeline and reports it', async () => {
		const { actor, answer, reachedEnd } = start(100);
		actor.send({ type: 'speed.set', speed: 1000 });
		actor.send({ type: 'play' });
		actor.send({ type: 'tick', wallMs: 0 });
		actor.send({ type: 'tick', wallMs: 16 });
		const op = await answer();
		expect(op).toEqual({ kind: 'seek', tMs: 100, stopAtPackets: true });
		expect(mode(actor)).toBe('paused');
		expect(reachedEnd).toHaveBeenCalledOnce();
	});

	it('restarts from 0 when play is pressed at the end', async () => {
		const { actor, pending, answer } = start(100);
		actor.send({ type: 'seek', tMs: 100 });
		await answer();
		actor.send({ type: 'play' });
		expect(pending[0].input.op).toEqual({ kind: 'seek', tMs: 0 });
		await answer();
		expect(mode(actor)).toBe('playing');
	});

	it('pauses when stepping during playback, and stamps inputs with the current time', async () => {
		const { actor, pending, answer } = start();
		actor.send({ type: 'seek', tMs: 4200 });
		await answer();
		actor.send({ type: 'play' });
		actor.send({ type: 'step' });
		expect(mode(actor)).toBe('paused');
		expect(pending[0].input.op).toEqual<PlaybackOp>({ kind: 'step' });
		await answer(5000);
		actor.send({ type: 'input', input: { type: 'node.fail', node: 1 } });
		expect(pending[0].input).toEqual({
			op: { kind: 'input', input: { type: 'node.fail', node: 1 } },
			nowMs: 5000
		});
	});

	it('pauses and keeps working after a failed request', async () => {
		const failing = fromPromise<RequestOutput, RequestInput>(async () => {
			throw new Error('boom');
		});
		const requestFailed = vi.fn();
		const actor = createActor(
			playbackMachine.provide({ actors: { request: failing }, actions: { requestFailed } }),
			{ input: { durationMs: 1000 } }
		).start();
		actor.send({ type: 'play' });
		actor.send({ type: 'seek', tMs: 10 });
		await new Promise((r) => setTimeout(r, 0));
		expect(requestFailed).toHaveBeenCalledWith(expect.anything(), { message: 'boom' });
		expect(actor.getSnapshot().matches({ mode: 'paused', request: 'idle' })).toBe(true);
	});
});

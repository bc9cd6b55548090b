import { describe, expect, it } from 'vitest';
import { FrameReader } from '$lib/sim/frame';
import { Player, forkNotice, runRequest, type PlayerHost } from './player.svelte';
import { fakeSim } from './test-fixtures';

/** Lets promise chains and XState settle. */
const settle = async () => {
	for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

/** A host over the fake worker that records what it was told and which frames it showed. */
function setup() {
	const sim = fakeSim();
	const reader = new FrameReader();
	const log = { shown: [] as number[], announced: [] as string[], notices: [] as string[] };
	let generation = 1;
	const host: PlayerHost = {
		api: () => sim.api,
		generation: () => generation,
		showFrame: (frame) => {
			reader.attach(frame);
			log.shown.push(reader.simTimeMs);
			return { simTimeMs: reader.simTimeMs, packetsInFlight: reader.packetCount };
		},
		announce: (message) => log.announced.push(message),
		notify: (message) => log.notices.push(message)
	};
	const restart = () => generation++;
	const frames: { id: number; callback: (wallMs: number) => void }[] = [];
	const cancelled: number[] = [];
	const player = new Player({
		requestAnimationFrame: (callback) => frames.push({ id: frames.length + 1, callback }),
		cancelAnimationFrame: (id) => cancelled.push(id)
	});
	return { sim, host, log, restart, player, frames, cancelled };
}

describe('runRequest', () => {
	it('shows the frame the worker answers with', async () => {
		const { host, log } = setup();
		const out = await runRequest(host, { op: { kind: 'seek', tMs: 4000 }, nowMs: 0 }, 1);
		expect(out).toEqual({ simTimeMs: 4000, packetsInFlight: 0 });
		expect(log.shown).toEqual([4000]);
	});

	it('drops the answer of a request that outlived a restart', async () => {
		const { sim, host, log, restart } = setup();
		let release!: () => void;
		sim.state.gate = new Promise((r) => (release = r));
		sim.state.discardNext = [{ t: 9000, type: 'node.restore', node: 0 }];
		const pending = runRequest(
			host,
			{ op: { kind: 'input', input: { type: 'node.fail', node: 0 } }, nowMs: 2500 },
			1
		);
		restart();
		release();
		await expect(pending).resolves.toEqual({ simTimeMs: 2500 });
		expect(log.shown).toEqual([]);
		expect(log.notices).toEqual([]);
	});

	it('stamps inputs with the current simulated time and reports a forked input log', async () => {
		const { sim, host, log } = setup();
		sim.state.discardNext = [
			{ t: 9000, type: 'node.restore', node: 0 },
			{ t: 9500, type: 'node.fail', node: 1 }
		];
		const op = { kind: 'input', input: { type: 'node.fail', node: 0 } } as const;
		await runRequest(host, { op, nowMs: 2500 }, 1);
		expect(sim.state.calls.find((c) => c.method === 'addInput')?.args).toEqual([
			{ type: 'node.fail', node: 0, t: 2500 }
		]);
		expect(log.notices).toEqual([forkNotice(2500, 2)]);
		expect(log.notices[0]).toMatch(/00:00:02\.500 .* 2 later inputs were dropped/);
	});
});

describe('Player', () => {
	it('runs the animation loop only while playing', async () => {
		const { host, player, frames, cancelled } = setup();
		player.start(host, 60_000, 0);
		expect(player.playing).toBe(false);
		expect(player.endMs).toBe(60_000);
		player.send({ type: 'speed.set', speed: 10 });
		expect(player.speed).toBe(10);
		player.send({ type: 'play' });
		expect(player.playing).toBe(true);
		expect(frames).toHaveLength(1);
		player.send({ type: 'pause' });
		expect(player.playing).toBe(false);
		expect(cancelled).toEqual([1]);
		frames[0].callback(16); // a late callback after pausing does nothing
		expect(frames).toHaveLength(1);
	});

	it('ticks on animation frames and pauses at the end of the timeline', async () => {
		const { host, log, player, frames } = setup();
		player.start(host, 1000, 0);
		player.send({ type: 'speed.set', speed: 100 });
		player.send({ type: 'play' });
		frames.shift()!.callback(0); // anchors wall time
		frames.shift()!.callback(16); // seeks to min(1000, 16 * 100)
		await settle();
		expect(log.shown).toEqual([1000]);
		expect(player.playing).toBe(false);
		expect(log.announced).toEqual(['Paused at the end of the timeline.']);
	});

	it('plays into a packet in slow motion, then on at full speed', async () => {
		const { sim, host, log, player, frames } = setup();
		sim.state.packetSpans = [[100, 100.005]];
		player.start(host, 60_000, 0);
		player.send({ type: 'play' });
		frames.shift()!.callback(0);
		frames.shift()!.callback(200); // asks for 200 ms; the worker stops where the packet starts
		await settle();
		expect(log.shown).toEqual([100]);
		expect(player.slowed).toBe(true);
		frames.shift()!.callback(300); // 100 wall ms in slow motion
		await settle();
		expect(log.shown[1] - 100).toBeCloseTo(100 / 30_000, 9);
		expect(sim.state.calls.at(-1)).toEqual({
			method: 'seek',
			args: [log.shown[1], { stopAtPackets: true }]
		});
		frames.shift()!.callback(550); // the packet lands: full speed again
		await settle();
		expect(player.slowed).toBe(false);
		player.stop();
	});

	it('stops: no loop, no actor, events ignored', async () => {
		const { sim, host, player, cancelled } = setup();
		player.start(host, 60_000, 0);
		player.send({ type: 'play' });
		player.stop();
		expect(player.playing).toBe(false);
		expect(cancelled).toEqual([1]);
		player.send({ type: 'seek', tMs: 1000 });
		await settle();
		expect(sim.state.calls.filter((c) => c.method === 'seek')).toEqual([]);
	});

	it('turns a refused request into a notice', async () => {
		const { sim, host, log, player } = setup();
		sim.api.stepBack = async () => {
			throw new Error('nothing to step back to');
		};
		player.start(host, 60_000, 0);
		player.send({ type: 'stepBack' });
		await settle();
		expect(log.notices).toEqual(['The simulation refused that: nothing to step back to']);
	});
});

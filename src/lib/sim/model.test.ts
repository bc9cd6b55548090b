import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameReader, Health, Simulation, type LogEntry } from './index';
import { HEARTBEAT_LATENCY_MAX_MS, HEARTBEAT_LATENCY_MIN_MS } from './cluster/heartbeat';

interface Options {
	nodes?: number;
	inputs?: { t: number; type: string; node: number }[];
	heartbeat?: Record<string, unknown>;
	seed?: number;
}

function simulation({ nodes = 4, inputs = [], heartbeat, seed }: Options = {}): Simulation {
	const loaded = Simulation.fromJson(
		JSON.stringify({
			format: 'stackscope.scenario',
			version: 1,
			name: 'Heartbeat test',
			topology: { nodes },
			...(heartbeat ? { cluster: { heartbeat } } : {}),
			inputs
		}),
		seed
	);
	if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
	return loaded.sim;
}

const ofType = (log: readonly LogEntry[], type: string) => log.filter((e) => e.type === type);
const names = (n: number) =>
	Array.from({ length: n }, (_, i) => `Node${String(i + 1).padStart(2, '0')}`);

describe('heartbeats', () => {
	it('has every pair of a 4-server unit exchange about 30 heartbeats in 30 s', () => {
		const sim = simulation();
		sim.runUntil(30_000);
		const delivered = ofType(sim.log, 'heartbeat.deliver');
		for (const from of names(4)) {
			for (const to of names(4)) {
				if (from === to) continue;
				const count = delivered.filter((e) => e.from === from && e.to === to).length;
				expect(count, `${from} -> ${to}`).toBeGreaterThanOrEqual(29);
				expect(count, `${from} -> ${to}`).toBeLessThanOrEqual(31);
			}
			const sends = ofType(sim.log, 'heartbeat.send').filter((e) => e.node === from);
			expect(sends.length).toBeGreaterThanOrEqual(29);
			expect(sends.length).toBeLessThanOrEqual(31);
			expect(sends.every((e) => e.peers === 3)).toBe(true);
		}
		expect(ofType(sim.log, 'cluster.peer-lost')).toEqual([]);
		expect(ofType(sim.log, 'heartbeat.lost')).toEqual([]);
	});

	it('spreads first heartbeats over the first period and delivers after a small latency', () => {
		const sim = simulation({ nodes: 8 });
		sim.runUntil(3_000);
		const sends = ofType(sim.log, 'heartbeat.send');
		const firstTimes = names(8).map((n) => sends.find((e) => e.node === n)!.t);
		for (const t of firstTimes) {
			expect(t).toBeGreaterThanOrEqual(0);
			expect(t).toBeLessThan(1000);
		}
		expect(new Set(firstTimes).size).toBe(8);
		// Each delivery follows its send by the modelled latency.
		for (const d of ofType(sim.log, 'heartbeat.deliver')) {
			const send = sends.filter((s) => s.node === d.from && s.t <= d.t).at(-1)!;
			expect(d.t - send.t).toBeGreaterThanOrEqual(HEARTBEAT_LATENCY_MIN_MS - 1e-9);
			expect(d.t - send.t).toBeLessThanOrEqual(HEARTBEAT_LATENCY_MAX_MS + 1e-9);
		}
	});

	it('sends exactly one heartbeat per period per server', () => {
		const sim = simulation({ heartbeat: { delayMs: 400 } });
		sim.runUntil(20_000);
		for (const node of names(4)) {
			const times = ofType(sim.log, 'heartbeat.send')
				.filter((e) => e.node === node)
				.map((e) => e.t);
			for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeCloseTo(400, 6);
		}
	});

	it('has every other server lose a failed server after about delay x threshold, never before', () => {
		const failAt = 5_000;
		const sim = simulation({ inputs: [{ t: failAt, type: 'node.fail', node: 1 }] });
		sim.runUntil(30_000);
		const d = 1000;
		const threshold = 10;
		expect(ofType(sim.log, 'node.failed')).toEqual([
			{ t: failAt, type: 'node.failed', node: 'Node02' }
		]);
		const lost = ofType(sim.log, 'cluster.peer-lost');
		expect(lost.map((e) => e.node).sort()).toEqual(['Node01', 'Node03', 'Node04']);
		for (const e of lost) {
			expect(e.peer).toBe('Node02');
			expect(e.t).toBeGreaterThan(failAt + (threshold - 1) * d);
			expect(e.t).toBeLessThanOrEqual(failAt + (threshold + 1) * d + 1);
		}
		// Node02 sends nothing while failed; what is sent to it is lost.
		expect(
			ofType(sim.log, 'heartbeat.send').filter((e) => e.node === 'Node02' && e.t > failAt)
		).toEqual([]);
		const dropped = ofType(sim.log, 'heartbeat.lost');
		expect(dropped.length).toBeGreaterThan(0);
		expect(dropped.every((e) => e.to === 'Node02' && e.t > failAt)).toBe(true);
		expect(
			ofType(sim.log, 'heartbeat.deliver').filter((e) => e.to === 'Node02' && e.t > failAt)
		).toEqual([]);
	});

	it('detects failures within the window for any seed and profile', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 0xffff_ffff }),
				fc.constantFrom('ws2016', 'ws2012'),
				fc.integer({ min: 1000, max: 8000 }),
				fc.integer({ min: 0, max: 5 }),
				(seed, profile, failAt, node) => {
					const threshold = profile === 'ws2016' ? 10 : 5;
					const sim = simulation({
						nodes: 6,
						seed,
						heartbeat: { profile },
						inputs: [{ t: failAt, type: 'node.fail', node }]
					});
					sim.runUntil(failAt + (threshold + 2) * 1000);
					const lost = ofType(sim.log, 'cluster.peer-lost');
					expect(lost).toHaveLength(5);
					for (const e of lost) {
						expect(e.peer).toBe(names(6)[node]);
						expect(e.t).toBeGreaterThan(failAt + (threshold - 1) * 1000);
						expect(e.t).toBeLessThanOrEqual(failAt + (threshold + 1) * 1000 + 1);
					}
				}
			),
			{ numRuns: 25 }
		);
	});

	it('has the peers regain a restored server within a period, with no false losses', () => {
		const sim = simulation({
			inputs: [
				{ t: 5_000, type: 'node.fail', node: 1 },
				{ t: 30_000, type: 'node.restore', node: 1 }
			]
		});
		sim.runUntil(60_000);
		expect(ofType(sim.log, 'node.restored')).toEqual([
			{ t: 30_000, type: 'node.restored', node: 'Node02' }
		]);
		const regained = ofType(sim.log, 'cluster.peer-regained');
		expect(regained.map((e) => e.node).sort()).toEqual(['Node01', 'Node03', 'Node04']);
		for (const e of regained) {
			expect(e.peer).toBe('Node02');
			expect(e.t).toBeGreaterThanOrEqual(30_000);
			expect(e.t).toBeLessThanOrEqual(31_000 + 1);
		}
		// The restored server starts a fresh view: it loses no one, and no one is lost again.
		expect(ofType(sim.log, 'cluster.peer-lost')).toHaveLength(3);
		expect(
			ofType(sim.log, 'heartbeat.send').filter((e) => e.node === 'Node02' && e.t >= 30_000).length
		).toBeGreaterThanOrEqual(29);
	});

	it('gives a restored server a fresh view: a peer still down is lost only after the threshold', () => {
		const sim = simulation({
			inputs: [
				{ t: 1_000, type: 'node.fail', node: 1 },
				{ t: 1_000, type: 'node.fail', node: 2 },
				{ t: 20_000, type: 'node.restore', node: 1 }
			]
		});
		sim.runUntil(40_000);
		const byNode02 = ofType(sim.log, 'cluster.peer-lost').filter((e) => e.node === 'Node02');
		expect(byNode02).toHaveLength(1);
		expect(byNode02[0].peer).toBe('Node03');
		expect(byNode02[0].t).toBeGreaterThan(30_000);
		expect(byNode02[0].t).toBeLessThanOrEqual(31_000 + 1);
	});

	it('shows the failed server and its unreachable drives in the frame', () => {
		const sim = simulation({ inputs: [{ t: 5_000, type: 'node.fail', node: 1 }] });
		sim.runUntil(20_000);
		const frame = new FrameReader().attach(sim.frame());
		expect(frame.simTimeMs).toBe(20_000);
		expect(frame.nodeHealth(1)).toBe(Health.failed);
		expect(frame.nodePeersLost(1)).toBe(0);
		expect(frame.nodeMsSinceHeartbeat(1)).toBeGreaterThan(15_000 - 1);
		for (const i of [0, 2, 3]) {
			expect(frame.nodeHealth(i)).toBe(Health.healthy);
			expect(frame.nodePeersLost(i)).toBe(1);
			expect(frame.nodeMsSinceHeartbeat(i)).toBeLessThan(1000);
		}
		for (const drive of sim.topology.drives) {
			expect(frame.driveHealth(drive.id)).toBe(
				drive.node === 1 ? Health.unreachable : Health.healthy
			);
		}
		for (let s = 0; s < frame.switchCount; s++) expect(frame.switchHealth(s)).toBe(Health.healthy);
		expect(frame.inputCount).toBe(1);
		expect(frame.logCount).toBe(sim.log.length);
		expect(frame.nextEventMs).toBeGreaterThanOrEqual(0);
		expect(frame.nextEventMs).toBeLessThan(1000);
	});

	it('ignores failing a failed server and restoring a running one, with a log entry', () => {
		const sim = simulation({
			inputs: [
				{ t: 1_000, type: 'node.restore', node: 2 },
				{ t: 2_000, type: 'node.fail', node: 2 },
				{ t: 3_000, type: 'node.fail', node: 2 }
			]
		});
		sim.runUntil(4_000);
		expect(ofType(sim.log, 'input.ignored')).toEqual([
			{ t: 1_000, type: 'input.ignored', node: 'Node03', reason: 'Node03 is not failed' },
			{ t: 3_000, type: 'input.ignored', node: 'Node03', reason: 'Node03 is already failed' }
		]);
		expect(ofType(sim.log, 'node.failed')).toHaveLength(1);
	});

	it('never runs two heartbeat chains for a server failed and restored quickly', () => {
		const sim = simulation({
			inputs: [
				{ t: 1_000, type: 'node.fail', node: 0 },
				{ t: 1_001, type: 'node.restore', node: 0 },
				{ t: 1_002, type: 'node.fail', node: 0 },
				{ t: 1_003, type: 'node.restore', node: 0 }
			]
		});
		sim.runUntil(21_003);
		const sends = ofType(sim.log, 'heartbeat.send').filter(
			(e) => e.node === 'Node01' && e.t > 1_003
		);
		expect(sends.length).toBeGreaterThanOrEqual(19);
		expect(sends.length).toBeLessThanOrEqual(20);
		for (let i = 1; i < sends.length; i++) expect(sends[i].t - sends[i - 1].t).toBeCloseTo(1000, 6);
	});

	it('survives any sequence of fail and restore inputs, sending only while running', () => {
		const input = fc.record({
			t: fc.integer({ min: 0, max: 20_000 }),
			type: fc.constantFrom('node.fail', 'node.restore'),
			node: fc.integer({ min: 0, max: 3 })
		});
		fc.assert(
			fc.property(fc.array(input, { maxLength: 12 }), (inputs) => {
				const sim = simulation({ inputs });
				sim.runUntil(25_000);
				// Replay the node up/down state from the log and check each send and delivery.
				const up = [true, true, true, true];
				const lastSend = [-Infinity, -Infinity, -Infinity, -Infinity];
				const index = (name: unknown) => Number(String(name).slice(4)) - 1;
				for (const e of sim.log) {
					if (e.type === 'node.failed') up[index(e.node)] = false;
					if (e.type === 'node.restored') {
						up[index(e.node)] = true;
						lastSend[index(e.node)] = -Infinity;
					}
					if (e.type === 'heartbeat.send') {
						const i = index(e.node);
						expect(up[i]).toBe(true);
						// One chain: consecutive sends of a running server are one period apart.
						if (lastSend[i] !== -Infinity) expect(e.t - lastSend[i]).toBeCloseTo(1000, 6);
						lastSend[i] = e.t;
					}
					if (e.type === 'heartbeat.deliver') expect(up[index(e.to)]).toBe(true);
					if (e.type === 'heartbeat.lost') expect(up[index(e.to)]).toBe(false);
				}
			}),
			{ numRuns: 40 }
		);
	});

	it('runs a 16-server scale unit', () => {
		const sim = simulation({ nodes: 16 });
		sim.runUntil(15_000);
		const delivered = ofType(sim.log, 'heartbeat.deliver');
		const pairs = new Set(delivered.map((e) => `${e.from}>${e.to}`));
		expect(pairs.size).toBe(16 * 15);
		expect(delivered.length).toBeGreaterThanOrEqual(16 * 15 * 14);
		expect(ofType(sim.log, 'cluster.peer-lost')).toEqual([]);
		const frame = new FrameReader().attach(sim.frame());
		expect(frame.nodeCount).toBe(16);
		expect(frame.driveCount).toBe(16 * 10);
	});

	it('logs a fixed sequence for a seed, and another for another seed', () => {
		const run = (seed: number) => {
			const sim = simulation({ seed, inputs: [{ t: 2_000, type: 'node.fail', node: 3 }] });
			sim.runUntil(15_000);
			return { hash: sim.stateHash(), log: JSON.stringify(sim.log) };
		};
		expect(run(7)).toEqual(run(7));
		expect(run(7).hash).not.toBe(run(8).hash);
	});
});

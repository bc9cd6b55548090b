import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameReader, parseScenario, SIMPLIFICATIONS, Simulation, type Scenario } from './index';

const scenarioJson = (extra: Record<string, unknown> = {}) =>
	JSON.stringify({
		format: 'stackscope.scenario',
		version: 1,
		name: 'Facade test',
		seed: 5,
		topology: { nodes: 4 },
		...extra
	});

function load(extra: Record<string, unknown> = {}, seed?: number): Simulation {
	const loaded = Simulation.fromJson(scenarioJson(extra), seed);
	if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
	return loaded.sim;
}

describe('Simulation.fromJson / fromScenario', () => {
	it('loads a scenario with its topology and seed, or returns the messages', () => {
		const sim = load();
		expect(sim.seed).toBe(5);
		expect(sim.scenario.name).toBe('Facade test');
		expect(sim.topology.nodes).toHaveLength(4);
		expect(sim.nowMs).toBe(0);
		expect(load({}, 9).seed).toBe(9);
		expect(Simulation.fromJson(scenarioJson({ topology: { nodes: 2 } }))).toEqual({
			ok: false,
			errors: ['topology.nodes: a scale unit has 4 to 16 servers, got 2']
		});
		expect(Simulation.fromJson('{')).toMatchObject({ ok: false });
		expect(Simulation.fromJson(scenarioJson(), -1)).toEqual({
			ok: false,
			errors: ['seed: a whole number from 0 to 4294967295, got -1']
		});
	});

	it('passes on parse warnings', () => {
		const loaded = Simulation.fromJson(
			scenarioJson({
				inputs: [
					{ t: 2, type: 'node.fail', node: 0 },
					{ t: 1, type: 'node.fail', node: 1 }
				]
			})
		);
		expect(loaded.ok && loaded.warnings).toEqual([
			'inputs: not in time order; sorted by t (inputs at the same time keep their order)'
		]);
	});

	it('gives the same run from a parsed scenario as from its JSON', () => {
		const parsed = parseScenario(JSON.parse(scenarioJson()));
		if (!parsed.ok) throw new Error('invalid');
		const a = Simulation.fromScenario(parsed.scenario);
		const b = load();
		a.runUntil(10_000);
		b.runUntil(10_000);
		expect(a.stateHash()).toBe(b.stateHash());
		expect(() => Simulation.fromScenario(parsed.scenario as Scenario, 1.5)).toThrow(RangeError);
	});

	it('loads the scenario inputs as the input log', () => {
		const sim = load({ inputs: [{ t: 1000, type: 'node.fail', node: 2 }] });
		expect(sim.inputs).toEqual([{ t: 1000, type: 'node.fail', node: 2 }]);
		sim.runUntil(1000);
		expect(sim.log.filter((e) => e.input === true)).toEqual([
			{ t: 1000, type: 'node.fail', node: 2, input: true }
		]);
	});
});

describe('Simulation: time and inputs', () => {
	it('seeks back and forth to the same state as a fresh run', () => {
		const fresh = load();
		fresh.runUntil(12_345);
		const sim = load();
		sim.runUntil(40_000);
		sim.seek(12_345);
		expect(sim.stateHash()).toBe(fresh.stateHash());
		expect(sim.log).toEqual(fresh.log);
		sim.seek(40_000);
		sim.seek(12_345);
		expect(sim.stateHash()).toBe(fresh.stateHash());
	});

	it('steps event by event and back', () => {
		const sim = load();
		expect(sim.step()).toBe(true);
		const first = sim.log.length;
		const hash = sim.stateHash();
		expect(sim.step()).toBe(true);
		expect(sim.log.length).toBeGreaterThan(first);
		expect(sim.stepBack()).toBe(true);
		expect(sim.log.length).toBe(first);
		expect(sim.stateHash()).toBe(hash);
		expect(sim.idle).toBe(false);
		expect(sim.processed).toBeGreaterThan(0);
	});

	it('adds a valid input (forking the input log) and refuses invalid ones without throwing', () => {
		const sim = load({ inputs: [{ t: 50_000, type: 'node.restore', node: 1 }] });
		sim.runUntil(20_000);
		const result = sim.addInput({ t: 10_000, type: 'node.fail', node: 1 });
		expect(result).toEqual({ ok: true, discarded: [{ t: 50_000, type: 'node.restore', node: 1 }] });
		expect(sim.nowMs).toBe(10_000);
		expect(sim.log.filter((e) => e.t === 10_000 && e.type.startsWith('node.'))).toContainEqual({
			t: 10_000,
			type: 'node.failed',
			node: 'Node02'
		});
		expect(sim.addInput({ t: 1, type: 'node.fail', node: 4 })).toEqual({
			ok: false,
			errors: ['input.node: no server 4 in a 4-server scale unit (servers are 0 to 3)']
		});
		const before = sim.stateHash();
		fc.assert(
			fc.property(fc.anything(), (junk) => {
				const outcome = sim.addInput(junk);
				expect(outcome.ok).toBe(false);
			})
		);
		expect(sim.stateHash()).toBe(before);
	});

	it('finds log entries by object, including the inputs that name a server by index', () => {
		const sim = load({ inputs: [{ t: 1000, type: 'node.fail', node: 1 }] });
		sim.runUntil(2000);
		const page = sim.queryLog({ object: 'Node02', kinds: ['node'] });
		expect(page.entries.map((e) => e.entry.type)).toEqual(['node.fail', 'node.failed']);
		expect(page.kinds).toEqual(['heartbeat', 'node', 'server', 'vm']);
		expect(sim.queryLog().total).toBe(sim.log.length);
	});

	it('packs frames that match the topology and the run', () => {
		const sim = load();
		sim.runUntil(3_000);
		const frame = new FrameReader().attach(sim.frame());
		expect(frame.simTimeMs).toBe(3_000);
		expect(frame.nodeCount).toBe(sim.topology.nodes.length);
		expect(frame.driveCount).toBe(sim.topology.drives.length);
		expect(frame.switchCount).toBe(sim.topology.switches.length);
		expect(frame.processed).toBe(sim.processed);
		expect(frame.flags).toBe(0);
	});

	it('keeps the model state plain, cloneable data', () => {
		const sim = load({ inputs: [{ t: 1000, type: 'node.fail', node: 1 }] });
		sim.runUntil(5_000);
		expect(structuredClone(sim.state)).toEqual(sim.state);
		expect(JSON.parse(JSON.stringify(sim.state))).toEqual(sim.state);
	});

	it('lists its simplifications once each, with sources', () => {
		const ids = SIMPLIFICATIONS.map((s) => s.id);
		expect(ids).toContain('heartbeat.latency');
		expect(ids).toContain('topology.layout');
		expect(new Set(ids).size).toBe(ids.length);
		for (const s of SIMPLIFICATIONS) expect(s.source).toMatch(/FACTS/);
	});
});

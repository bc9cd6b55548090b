/**
 * Determinism of the whole model (not just the kernel's test model): the same scenario, seed and
 * inputs give the same event log and state hash; seeking back and replaying lands in the same
 * state as a fresh run; inputs added live give the same run as the same inputs loaded up front.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Simulation, toJsonLines, type InputEvent } from './index';

const presetText = readFileSync('static/scenarios/default-4-node.json', 'utf8');

function load(inputs: InputEvent[], seed: number, nodes = 4): Simulation {
	const scenario = JSON.parse(presetText);
	scenario.topology.nodes = nodes;
	scenario.inputs = inputs;
	const loaded = Simulation.fromJson(JSON.stringify(scenario), seed);
	if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
	return loaded.sim;
}

const arbInputs = (nodes: number) =>
	fc.array(
		fc.record({
			t: fc.integer({ min: 0, max: 40_000 }),
			type: fc.constantFrom('node.fail', 'node.restore'),
			node: fc.integer({ min: 0, max: nodes - 1 })
		}),
		{ maxLength: 6 }
	);

const arbRun = fc.integer({ min: 4, max: 8 }).chain((nodes) =>
	fc.record({
		nodes: fc.constant(nodes),
		seed: fc.nat({ max: 2 ** 32 - 1 }),
		inputs: arbInputs(nodes)
	})
);

describe('determinism of the full model', () => {
	it('gives an identical event log and state hash for the same scenario, seed and inputs', () => {
		fc.assert(
			fc.property(arbRun, ({ nodes, seed, inputs }) => {
				const a = load(inputs, seed, nodes);
				const b = load(inputs, seed, nodes);
				a.runUntil(45_000);
				b.runUntil(45_000);
				expect(toJsonLines(a.log)).toBe(toJsonLines(b.log));
				expect(a.stateHash()).toBe(b.stateHash());
			}),
			{ numRuns: 15 }
		);
	});

	it('lands in the same state when seeking back to t and replaying as when running fresh to t', () => {
		fc.assert(
			fc.property(arbRun, fc.integer({ min: 0, max: 45_000 }), ({ nodes, seed, inputs }, tMs) => {
				const explored = load(inputs, seed, nodes);
				explored.runUntil(45_000);
				explored.seek(tMs);
				const fresh = load(inputs, seed, nodes);
				fresh.runUntil(tMs);
				expect(explored.stateHash()).toBe(fresh.stateHash());
				expect(toJsonLines(explored.log)).toBe(toJsonLines(fresh.log));
			}),
			{ numRuns: 15 }
		);
	});

	it('gives the same run for inputs added live as for the same inputs loaded with the scenario', () => {
		fc.assert(
			fc.property(arbRun, ({ nodes, seed, inputs }) => {
				const sorted = [...inputs].sort((x, y) => x.t - y.t);
				const upfront = load(sorted, seed, nodes);
				upfront.runUntil(45_000);
				const live = load([], seed, nodes);
				for (const input of sorted) {
					live.runUntil(input.t);
					const added = live.addInput(input);
					expect(added).toEqual({ ok: true, discarded: [] });
				}
				live.runUntil(45_000);
				expect(live.stateHash()).toBe(upfront.stateHash());
			}),
			{ numRuns: 15 }
		);
	});

	it('changes the run when the seed changes (heartbeat timing comes from the seeded RNG)', () => {
		const a = load([], 1);
		const b = load([], 2);
		a.runUntil(5000);
		b.runUntil(5000);
		expect(a.stateHash()).not.toBe(b.stateHash());
	});
});

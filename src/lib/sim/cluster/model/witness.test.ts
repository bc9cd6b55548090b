import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../index';
import { parseInput } from '../../scenario/parse';

function load(inputs: unknown[]): Simulation {
	const json = JSON.parse(readFileSync('static/scenarios/default-4-node.json', 'utf8'));
	json.inputs = inputs;
	const loaded = Simulation.fromJson(JSON.stringify(json));
	if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
	return loaded.sim;
}

describe('the witness while running (FACTS §2.1)', () => {
	it('with a cloud witness, four servers survive two failing at once; without, they may not', () => {
		const twoAtOnce = [
			{ t: 2000, type: 'node.fail', node: 0 },
			{ t: 2000, type: 'node.fail', node: 1 }
		];
		const bare = load(twoAtOnce);
		bare.runUntil(60_000);
		// Node04 was zeroed (even count, no witness): Node01 and Node02 held 2 of 3 votes.
		expect(bare.state.cluster.quorum.up).toBe(false);
		const withWitness = load([{ t: 1000, type: 'witness.set', witness: 'cloud' }, ...twoAtOnce]);
		withWitness.runUntil(1000);
		// 4 servers + witness = 5 votes (FACTS §2.1 "Vote totals with a witness").
		const q = withWitness.state.cluster.quorum;
		expect(q.nodeVote.reduce((a, b) => a + b, 0) + q.witnessVote).toBe(5);
		withWitness.runUntil(60_000);
		expect(withWitness.state.cluster.quorum.up).toBe(true);
		expect(withWitness.invariants().every((r) => r.holds)).toBe(true);
	});

	it('refuses a disk witness with the reason, and handles the witness failing and returning', () => {
		const sim = load([{ t: 1000, type: 'witness.set', witness: 'file-share' }]);
		const refused = parseInput({ t: 2000, type: 'witness.set', witness: 'disk' }, sim.scenario);
		expect(refused.ok ? [] : refused.errors).toEqual([
			expect.stringMatching(
				/^(input\.)?witness: A disk witness holds a copy of the cluster database and is not supported with Storage Spaces Direct/
			)
		]);
		sim.addInput({ t: 3000, type: 'witness.fail' });
		sim.addInput({ t: 4000, type: 'witness.restore' });
		sim.runUntil(5000);
		const votes = sim.log.filter((e) => e.type === 'cluster.votes').map((e) => e.explanation);
		expect(votes.some((v) => String(v).includes('file share witness'))).toBe(true);
		expect(sim.state.cluster.quorum.witnessRunning).toBe(true);
		expect(sim.state.cluster.quorum.witnessVote).toBe(1);
	});
});

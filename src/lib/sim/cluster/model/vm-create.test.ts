import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../index';

/** rolling-update.json (4 servers of 768 GB, web-set of 3 × 16 GB VMs), without its IO. */
function load(inputs: unknown[], memoryGB = 16): Simulation {
	const json = JSON.parse(readFileSync('static/scenarios/rolling-update.json', 'utf8'));
	json.storage.workloads = [];
	json.cluster.availabilitySets[0].memoryGB = memoryGB;
	json.inputs = inputs;
	const loaded = Simulation.fromJson(JSON.stringify(json));
	if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
	return loaded.sim;
}

const create = (t: number) => ({ t, type: 'vm.create', set: 'web-set' });
const of = (sim: Simulation, type: string) => sim.log.filter((e) => e.type === type);

describe('vm.create (FACTS §6.3, §6.4)', () => {
	it('places a new set VM in the next fault domain, on the server without a set peer', () => {
		const sim = load([create(1000)]);
		sim.runUntil(1000);
		const set = sim.state.cluster.vms.filter((v) => v.availabilitySet === 'web-set');
		expect(set.map((v) => v.name)).toEqual([
			'web-set-vm1',
			'web-set-vm2',
			'web-set-vm3',
			'web-set-vm4'
		]);
		const vm4 = set[3];
		// k = 3 VMs already in the set: fault domain 3 mod 3 = 0; the fourth server is free of peers.
		expect(vm4).toMatchObject({ faultDomain: 0, state: 'running', memoryGB: 16 });
		expect(set.slice(0, 3).map((v) => v.server)).not.toContain(vm4.server);
		expect(of(sim, 'vm.created')).toEqual([
			expect.objectContaining({ vm: 'web-set-vm4', faultDomain: 0, t: 1000 })
		]);
	});

	it('refuses a VM the placement memory cannot hold, with the reserve arithmetic', () => {
		// 300 GB VMs on 768 GB servers: the reserve (FACTS §6.3) leaves no room for a fourth.
		const sim = load([create(1000)], 300);
		sim.runUntil(1000);
		const [refusal] = of(sim, 'input.ignored');
		expect(refusal.reason).toMatch(/^NotEnoughMemory: not enough memory: web-set-vm4 needs 300 GB/);
		expect(refusal.reason).toMatch(/reserve = H \+ 0\.15·\(N−1\)·H \+ V·\(N−2\)/);
		expect(sim.state.cluster.vms.some((v) => v.name === 'web-set-vm4')).toBe(false);
	});

	it('refuses a new VM while the Network Controller lacks a majority', () => {
		const sim = load([
			{ t: 1000, type: 'node.fail', node: 0 },
			{ t: 1000, type: 'node.fail', node: 1 },
			create(2000)
		]);
		sim.runUntil(2000);
		const refusal = of(sim, 'input.ignored').find((e) => e.t === 2000)!;
		expect(refusal.reason).toMatch(/^vm.create refused: the Network Controller has 1 of 3/);
		expect(of(sim, 'vm.created')).toEqual([]);
	});
});

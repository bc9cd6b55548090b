import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../index';

function load(inputs: unknown[]): Simulation {
	const json = JSON.parse(readFileSync('static/scenarios/vxlan-two-tenants.json', 'utf8'));
	json.inputs = inputs;
	const loaded = Simulation.fromJson(JSON.stringify(json));
	if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
	return loaded.sim;
}

const deny = (t: number) => ({
	t,
	type: 'acl.add',
	name: `block-${t}`,
	vm: 'contoso-vm2',
	priority: 100,
	direction: 'inbound',
	protocol: 'icmp',
	action: 'deny'
});
const of = (sim: Simulation, type: string) => sim.log.filter((e) => e.type === type);

describe('Network Controller replicas (FACTS §5.1)', () => {
	it('promotes a secondary when the primary goes, and refuses writes without a majority', () => {
		const sim = load([
			{ t: 1000, type: 'node.fail', node: 0 },
			{ t: 2000, type: 'node.fail', node: 1 },
			deny(3000),
			deny(100_000)
		]);
		sim.runUntil(100_001);
		// NC01 stops with Node01, NC02 with Node02; NC03 is promoted and stays primary (no
		// failback) after both restart elsewhere (declared down at 12 s / 13 s, 60 s to boot).
		expect(of(sim, 'nc.primary').map((e) => [e.t, e.replica, e.node])).toEqual([
			[1000, 'NC02', 'Node02'],
			[2000, 'NC03', 'Node03']
		]);
		const refused = of(sim, 'input.ignored').find((e) => e.t === 3000)!;
		expect(refused.reason).toMatch(
			/acl.add refused: the Network Controller has 1 of 3 replicas running and writes need 2/
		);
		expect(of(sim, 'vm.started').map((e) => e.vm)).toEqual(
			expect.arrayContaining(['AzS-NC01', 'AzS-NC02'])
		);
		expect(of(sim, 'acl.added').map((e) => e.rule)).toEqual(['block-100000']);
		expect(sim.state.cluster.nc.primary).toBe(2);
	});
});

describe('a new VM needs the Network Controller', () => {
	it('refuses a workload whose VM would be new while the replicas lack a majority', () => {
		const json = JSON.parse(readFileSync('static/scenarios/rolling-update.json', 'utf8'));
		const define = (t: number, name: string) => ({
			t,
			type: 'workload.define',
			name,
			volume: 'Volume01',
			server: 3,
			blockKB: 4,
			readPercent: 100
		});
		json.inputs = [
			{ t: 1000, type: 'node.fail', node: 0 },
			{ t: 2000, type: 'node.fail', node: 1 },
			define(3000, 'early'),
			define(100_000, 'late')
		];
		const loaded = Simulation.fromJson(JSON.stringify(json));
		if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
		const sim = loaded.sim;
		sim.runUntil(100_000);
		const refused = of(sim, 'input.ignored').find((e) => e.t === 3000)!;
		expect(refused.reason).toMatch(/workload.define refused: the Network Controller has 1 of 3/);
		const names = sim.state.storage!.io!.workloads.map((w) => w.name);
		expect(names).not.toContain('early');
		expect(names).toContain('late');
		expect(sim.state.cluster.vms.some((v) => v.workload === 'early')).toBe(false);
		expect(sim.state.cluster.vms.find((v) => v.workload === 'late')?.server).toBe(3);
	});
});

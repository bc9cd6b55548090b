import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../sim/index';
import { clusterView } from './cluster-view';

function load(edit?: (json: { cluster: { availabilitySets: object[] } }) => void): Simulation {
	const json = JSON.parse(readFileSync('static/scenarios/rolling-update.json', 'utf8'));
	json.inputs = [];
	edit?.(json);
	const loaded = Simulation.fromJson(JSON.stringify(json));
	if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
	return loaded.sim;
}

describe('clusterView: availability sets (rolling-update.json)', () => {
	it('gives each set its declared fault and update domains, and every member update domain 0', () => {
		const view = clusterView(load());
		expect(view.availabilitySets).toEqual([
			{ name: 'web-set', running: 3, total: 3, faultDomains: 3, updateDomains: 5 }
		]);
		const members = view.vms.filter((vm) => vm.availabilitySet === 'web-set');
		expect(members.map((vm) => [vm.name, vm.faultDomain, vm.updateDomain])).toEqual([
			['web-set-vm1', 0, 0],
			['web-set-vm2', 1, 0],
			['web-set-vm3', 2, 0]
		]);
		expect(new Set(members.map((vm) => vm.server)).size).toBe(3);
		const infrastructure = view.vms.filter((vm) => vm.infrastructure);
		expect(infrastructure.length).toBeGreaterThan(0);
		expect(infrastructure.every((vm) => vm.updateDomain === null)).toBe(true);
	});

	it('keeps update domain 0 whatever the set declares, and the same servers (FACTS §6.4)', () => {
		const declaring = (updateDomains: number) =>
			clusterView(
				load((json) => {
					json.cluster.availabilitySets = [
						{ name: 'web-set', faultDomains: 3, updateDomains, vms: 3, memoryGB: 16 }
					];
				})
			);
		const twenty = declaring(20);
		expect(twenty.availabilitySets[0].updateDomains).toBe(20);
		expect(twenty.vms).toEqual(declaring(1).vms);
		expect(twenty.vms.filter((vm) => vm.availabilitySet).every((vm) => vm.updateDomain === 0)).toBe(
			true
		);
	});
});

describe('clusterView: infrastructure roles', () => {
	it("counts each role's running VMs and their servers, following a failure", () => {
		const sim = load();
		sim.runUntil(1000);
		const before = clusterView(sim).roles;
		expect(before.map((r) => r.role)).toEqual([
			'ACS',
			'ADFS',
			'CA',
			'DC',
			'ERCS',
			'GWY',
			'NC',
			'SLB',
			'SQL',
			'WAS',
			'WASP',
			'XRP'
		]);
		expect(before.every((r) => r.running === r.total && r.total > 0)).toBe(true);
		expect(before.find((r) => r.role === 'ERCS')).toMatchObject({ total: 3 });
		sim.addInput({ t: 1000, type: 'node.fail', node: 0 });
		sim.runUntil(2000);
		const after = clusterView(sim).roles;
		const hit = before.filter((r) => r.servers.includes('Node01'));
		expect(hit.length).toBeGreaterThan(0);
		for (const r of hit) {
			const now = after.find((a) => a.role === r.role)!;
			expect(now.running).toBe(r.total - 1);
			expect(now.servers).not.toContain('Node01');
		}
	});
});

describe('clusterView: Network Controller replicas', () => {
	it("gives each replica its VM's state, unmonitored while its server is isolated", () => {
		const sim = load();
		sim.runUntil(1000);
		const replica = clusterView(sim).networkController.replicas[2];
		expect(replica).toMatchObject({ name: 'NC03', up: true, state: 'running' });
		const node = sim.state.nodeNames.indexOf(replica.server);
		sim.addInput({ t: 1000, type: 'node.isolate', node });
		sim.runUntil(2000);
		expect(clusterView(sim).networkController.replicas[2]).toMatchObject({
			up: false,
			state: 'unmonitored'
		});
	});
});

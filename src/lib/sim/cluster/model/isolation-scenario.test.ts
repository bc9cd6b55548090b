import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../index';
import { stateName } from '../machines/runner';
import { setAvailability } from './vms';

/** The story static/scenarios/isolation.json tells learners, checked step by step. */
describe('isolation.json', { timeout: 60_000 }, () => {
	it("keeps a briefly isolated server's VMs, fails a longer one's over, and does not move them back", () => {
		const loaded = Simulation.fromJson(readFileSync('static/scenarios/isolation.json', 'utf8'));
		if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
		const sim = loaded.sim;
		const of = (type: string) => sim.log.filter((e) => e.type === type);
		const web = () => setAvailability(sim.state.cluster.vms)[0];
		const vm = (name: string) => sim.state.cluster.vms.find((v) => v.name === name)!;
		expect(['web-set-vm1', 'web-set-vm2', 'web-set-vm3'].map((n) => vm(n).server)).toEqual([
			3, 2, 0
		]);
		expect(vm('vm03-diskspd-vm').server).toBe(2);

		sim.runUntil(100_000);
		expect(of('cluster.node-down').map((e) => [e.node, e.t])).toEqual([['Node03', 41_000]]);
		expect(vm('web-set-vm2').state).toBe('unmonitored');
		expect(vm('vm03-diskspd-vm').state).toBe('unmonitored');
		expect(web()).toMatchObject({ running: 2, total: 3 });
		const issued = sim.state.storage!.io!.nextIoId;
		sim.runUntil(149_000);
		expect(sim.state.storage!.io!.nextIoId).toBe(issued);

		sim.runUntil(160_000);
		expect(of('vm.stopped')).toEqual([]);
		expect(web()).toMatchObject({ running: 3 });
		expect(sim.state.storage!.io!.nextIoId).toBeGreaterThan(issued);

		sim.runUntil(700_000);
		const stopped = of('vm.stopped');
		expect(stopped.every((e) => e.t === 640_000 && e.node === 'Node04')).toBe(true);
		expect(stopped.map((e) => e.vm)).toContain('web-set-vm1');
		expect(vm('web-set-vm1')).toMatchObject({ server: 1, state: 'running' });

		sim.runUntil(1_200_000);
		expect(stateName(sim.state.cluster.servers[3])).toBe('up');
		expect(vm('web-set-vm1').server).toBe(1);
		expect(of('vm.rebalancing')).toEqual([]);
		expect(sim.invariants().every((r) => r.holds)).toBe(true);
		// Every event the control plane scheduled found its handler (CLUSTER_EVENTS).
		expect(of('model.unknown-event')).toEqual([]);
	});
});

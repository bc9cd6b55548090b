import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FRAME_VM_ROLES, FrameReader, VM_FROM_NONE, VmFrameState } from './frame';
import { frameVms } from './frame-source';
import { Simulation } from './index';

function load(inputs: unknown[]): Simulation {
	const json = JSON.parse(readFileSync('static/scenarios/rolling-update.json', 'utf8'));
	json.inputs = inputs;
	const loaded = Simulation.fromJson(JSON.stringify(json));
	if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
	return loaded.sim;
}

describe('the VMs in the frame', () => {
	it('gives every VM its role, server and state', () => {
		const sim = load([]);
		sim.runUntil(1000);
		const vms = frameVms(sim.state, 1000);
		expect(vms).toHaveLength(sim.state.cluster.vms.length);
		sim.state.cluster.vms.forEach((vm, i) => {
			expect(FRAME_VM_ROLES[vms[i].role]).toBe(vm.role ?? 'tenant');
			expect(vms[i]).toMatchObject({ server: vm.server, state: 0, from: VM_FROM_NONE });
		});
		const r = new FrameReader().attach(sim.frame());
		expect(r.vmCount).toBe(vms.length);
	});

	it('draws the live migrations of a drain one after another', () => {
		const sim = load([{ t: 1000, type: 'node.drain', node: 1 }]);
		sim.runUntil(1000);
		const moving = sim.state.cluster.vms.flatMap((vm, i) => (vm.move ? [{ vm, i }] : []));
		const first = moving[0].vm.move!;
		const mid = (first.startMs + first.endMs) / 2;
		const vms = frameVms(sim.state, mid);
		expect(vms[moving[0].i]).toMatchObject({ state: VmFrameState.migrating, from: 1 });
		expect(vms[moving[0].i].progress).toBeCloseTo(0.5, 6);
		// The next one waits its turn on its old server; at the end all have arrived.
		expect(vms[moving[1].i].progress).toBe(0);
		const end = moving[moving.length - 1].vm.move!.endMs;
		expect(moving.every(({ i }) => frameVms(sim.state, end)[i].progress === 1)).toBe(true);
	});

	it("shows an isolated server's VMs unmonitored, and a failed server's as down", () => {
		const sim = load([
			{ t: 1000, type: 'node.isolate', node: 2 },
			{ t: 1000, type: 'node.fail', node: 3 }
		]);
		sim.runUntil(2000);
		const vms = frameVms(sim.state, 2000);
		const on = (node: number) => vms.filter((v) => v.server === node).map((v) => v.state);
		expect(new Set(on(2))).toEqual(new Set([VmFrameState.unmonitored]));
		expect(new Set(on(3))).toEqual(new Set([VmFrameState.down]));
	});
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../index';
import { hostPa, NC_PUSH_DELAY_MS } from './constants';

/** vxlan-two-tenants with only Contoso's ping and the given extra inputs. */
function load(inputs: unknown[]): Simulation {
	const json = JSON.parse(readFileSync('static/scenarios/vxlan-two-tenants.json', 'utf8'));
	json.inputs = inputs;
	const loaded = Simulation.fromJson(JSON.stringify(json));
	if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
	return loaded.sim;
}

const ping = (t: number) => ({
	t,
	type: 'flow.start',
	from: 'contoso-vm1',
	to: 'contoso-vm2',
	protocol: 'icmp',
	count: 1
});
const move = (t: number, host: number) => ({ t, type: 'vm.move', vm: 'contoso-vm2', host });
const of = (sim: Simulation, type: string) => sim.log.filter((e) => e.type === type);

describe('vm.move: the controller updates the mapping and traffic follows', () => {
	it('pushes the new CA→PA mapping and later pings reach the VM on its new host', () => {
		const sim = load([ping(1000), move(2000, 2), ping(3000)]);
		sim.runUntil(4000);
		expect(of(sim, 'vm.moved')).toMatchObject([
			{ t: 2000, vm: 'contoso-vm2', from: 'Node02', node: 'Node03' }
		]);
		// Every host that holds Contoso's virtual network, plus the new host, gets a push.
		const pushed = of(sim, 'nc.push').filter((e) => e.t === 2000);
		expect(pushed.map((e) => e.node).sort()).toEqual(['Node01', 'Node02', 'Node03']);
		const applied = of(sim, 'hostagent.policy-applied').filter((e) => e.t > 2000);
		expect(Math.max(...applied.map((e) => e.t))).toBeLessThanOrEqual(2000 + 3 * NC_PUSH_DELAY_MS);
		const encapsulated = of(sim, 'packet.encapsulated');
		const before = encapsulated.filter((e) => e.t < 2000 && e.node === 'Node01');
		const after = encapsulated.filter((e) => e.t > 3000 && e.node === 'Node01');
		expect(before[0].toPa).toBe(hostPa(1));
		expect(after[0].toPa).toBe(hostPa(2));
		const delivered = of(sim, 'packet.delivered').filter((e) => e.vm === 'contoso-vm2');
		expect(delivered.map((e) => e.node)).toEqual(['Node02', 'Node03']);
		expect(of(sim, 'ping.reply').map((e) => e.t > 3000)).toEqual([false, true]);
		expect(sim.invariants().every((r) => r.holds)).toBe(true);
		// The replies come from the new host too.
		const replies = encapsulated.filter((e) => e.t > 3000 && e.node === 'Node03');
		expect(replies[0].toPa).toBe(hostPa(0));
	});

	it('drops traffic sent on the stale mapping before the push lands, naming the old host', () => {
		// The ping leaves Node01 right after the move, before Node01 has applied the new mapping.
		const sim = load([move(2000, 2), ping(2000.001)]);
		sim.runUntil(3000);
		const encapsulated = of(sim, 'packet.encapsulated');
		expect(encapsulated[0].toPa).toBe(hostPa(1));
		const drops = of(sim, 'packet.dropped');
		expect(drops[0]).toMatchObject({
			node: 'Node02',
			reason: 'contoso-vm2 no longer runs on Node02 (it moved to Node03)'
		});
		expect(of(sim, 'packet.delivered')).toEqual([]);
		expect(of(sim, 'ping.reply')).toEqual([]);
	});

	it('ignores a move to the host the VM is on, and refuses an unknown VM or server', () => {
		const sim = load([move(1000, 1)]);
		sim.runUntil(1500);
		expect(of(sim, 'input.ignored')[0].reason).toBe('contoso-vm2 already runs on Node02');
		expect(sim.addInput({ t: 2000, type: 'vm.move', vm: 'ghost', host: 1 })).toMatchObject({
			ok: false,
			errors: [expect.stringContaining('input.vm: no VM named "ghost"')]
		});
		expect(sim.addInput(move(2000, 9))).toMatchObject({
			ok: false,
			errors: ['input.host: no server 9 in a 4-server scale unit (servers are 0 to 3)']
		});
	});

	it('seeking back before a move puts the VM back on its first host', () => {
		const sim = load([move(2000, 2)]);
		sim.runUntil(3000);
		const moved = sim.state.net.policy.ports.find((p) => p.vm === 'contoso-vm2')!.host;
		sim.seek(1000);
		const back = sim.state.net.policy.ports.find((p) => p.vm === 'contoso-vm2')!.host;
		expect([moved, back]).toEqual([2, 1]);
	});
});

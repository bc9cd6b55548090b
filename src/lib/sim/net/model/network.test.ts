import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Simulation, type LogEntry } from '../../index';
import { readPcapng } from '../../export/pcapng-read';

const TWO_TENANTS = 'static/scenarios/vxlan-two-tenants.json';
const MTU = 'static/scenarios/vxlan-mtu-problem.json';

/** Loads a scenario file, optionally replacing its inputs. */
function load(file: string, inputs?: unknown[]): Simulation {
	const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
	if (inputs) json.inputs = inputs;
	const loaded = Simulation.fromJson(JSON.stringify(json));
	if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
	return loaded.sim;
}

const of = (sim: Simulation, type: string) => sim.log.filter((e) => e.type === type);
const packetOf = (sim: Simulation, e: LogEntry) => sim.packet(e.packet as number)!;

describe('tenant network: two tenants with the same CAs', () => {
	it('pushes policy to each host agent after a delay, before traffic', () => {
		const sim = load(TWO_TENANTS);
		sim.runUntil(1000);
		expect(of(sim, 'nc.push').map((e) => e.node)).toEqual(['Node01', 'Node02']);
		const applied = of(sim, 'hostagent.policy-applied');
		expect(applied.map((e) => [e.node, e.t])).toEqual([
			['Node01', 50],
			['Node02', 100]
		]);
		expect(applied[0].changes).toBeGreaterThan(0);
	});

	it("answers both tenants' pings, each inside its own VNI, and the invariant holds", () => {
		const sim = load(TWO_TENANTS);
		sim.runUntil(sim.scenario.durationMs);
		const replies = of(sim, 'ping.reply');
		expect(replies.filter((e) => e.vm === 'contoso-vm1').map((e) => e.seq)).toEqual([1, 2, 3, 4]);
		expect(replies.filter((e) => e.vm === 'fabrikam-vm1').map((e) => e.seq)).toEqual([1, 2, 3, 4]);
		expect(of(sim, 'packet.dropped')).toEqual([]);
		const vniOf: Record<string, number> = {
			'contoso-vm1': 5001,
			'contoso-vm2': 5001,
			'fabrikam-vm1': 6001,
			'fabrikam-vm2': 6001
		};
		const delivered = of(sim, 'packet.delivered');
		expect(delivered).toHaveLength(16);
		for (const e of delivered) expect(e.vni).toBe(vniOf[e.vm as string]);
		const encapsulated = of(sim, 'packet.encapsulated');
		expect(encapsulated).toHaveLength(16);
		expect(new Set(encapsulated.map((e) => e.vni))).toEqual(new Set([5001, 6001]));
		expect(sim.invariants().find((r) => r.name === 'tenant-isolation')).toMatchObject({
			holds: true
		});
		expect(sim.invariants().every((r) => r.holds)).toBe(true);
		expect(sim.state.net.isolation.checks).toBe(16);
		// The inspector's view of an encapsulated packet names VXLAN and its VNI.
		const layers = packetOf(sim, encapsulated[0]).layers;
		expect(JSON.stringify(layers)).toMatch(/5001/);
		expect(packetOf(sim, encapsulated[0]).bytes).toHaveLength(124);
	});

	it('gives a byte-identical pcapng for the same scenario and seed', () => {
		const a = load(TWO_TENANTS);
		const b = load(TWO_TENANTS);
		a.runUntil(20_000);
		b.runUntil(20_000);
		const bytes = a.capture();
		expect(Buffer.from(b.capture()).equals(Buffer.from(bytes))).toBe(true);
		const read = readPcapng(bytes);
		expect(read.interfaces.map((i) => i.name)).toContain('Contoso/contoso-vm1 vNIC');
		expect(read.interfaces.map((i) => i.name)).toContain('Node01 uplink');
		expect(read.interfaces.map((i) => i.name)).toContain('TOR1 port 1');
		// Per ping: 2 vNIC + 2 uplinks + 1 TOR port each way, plus ARP request and reply per sender.
		expect(read.packets).toHaveLength(2 * (4 * 10 + 2));
	});

	it('drops traffic before the host agent has its policy', () => {
		const sim = load(TWO_TENANTS, [
			{
				t: 10,
				type: 'flow.start',
				from: 'contoso-vm1',
				to: 'contoso-vm2',
				protocol: 'icmp',
				count: 1
			}
		]);
		sim.runUntil(1000);
		const drops = of(sim, 'packet.dropped');
		expect(drops).toHaveLength(1);
		expect(drops[0].reason).toMatch(/mapping not yet pushed/);
		expect(of(sim, 'ping.reply')).toEqual([]);
	});
});

describe('tenant network: MTU', () => {
	it('drops the big flow at the sending host and encapsulates none of it', () => {
		const sim = load(MTU);
		sim.runUntil(sim.scenario.durationMs);
		const flow2 = sim.state.net.packets.filter((p) => p.flow === 2).map((p) => p.id);
		const drops = of(sim, 'packet.dropped').filter((e) => flow2.includes(e.packet as number));
		expect(drops).toHaveLength(4);
		for (const d of drops) {
			expect(d.node).toBe('Node01');
			expect(d.reason).toMatch(/1564 bytes, underlay MTU is 1514: VTEPs do not fragment/);
		}
		const encapsulated = of(sim, 'packet.encapsulated').map((e) => e.packet as number);
		expect(encapsulated.filter((id) => flow2.includes(id))).toEqual([]);
		// Small pings before, big pings after the MTU is raised, get replies.
		const replies = of(sim, 'ping.reply').map((e) => e.flow);
		expect(replies.filter((f) => f === 1)).toHaveLength(4);
		expect(replies.filter((f) => f === 2)).toHaveLength(0);
		expect(replies.filter((f) => f === 3)).toHaveLength(4);
	});
});

describe('tenant network: firewall and failures', () => {
	const ping = (t: number, count = 4) => ({
		t,
		type: 'flow.start',
		from: 'contoso-vm1',
		to: 'contoso-vm2',
		protocol: 'icmp',
		count
	});

	it('an ACL deny added mid-flow drops the next ping with the rule named', () => {
		const deny = {
			t: 2500,
			type: 'acl.add',
			name: 'block-ping',
			vm: 'contoso-vm2',
			priority: 100,
			direction: 'inbound',
			protocol: 'icmp',
			action: 'deny'
		};
		const sim = load(TWO_TENANTS, [ping(1000), deny, ping(3000, 2)]);
		sim.runUntil(10_000);
		expect(of(sim, 'acl.added')[0]).toMatchObject({ rule: 'block-ping', vm: 'contoso-vm2' });
		// The tracked ping run continues (rule changes affect new connections only)...
		expect(of(sim, 'ping.reply').filter((e) => e.flow === 1)).toHaveLength(4);
		// ...and the next one is dropped at contoso-vm2's port by the rule.
		const drops = of(sim, 'packet.dropped');
		expect(drops).toHaveLength(2);
		for (const d of drops) expect(d).toMatchObject({ vm: 'contoso-vm2', rule: 'block-ping' });
		expect(of(sim, 'ping.reply').filter((e) => e.flow === 2)).toHaveLength(0);
		// Removing the rule lets a new run through.
		const added = sim.addInput({ t: 10_000, type: 'acl.remove', name: 'block-ping' });
		expect(added.ok).toBe(true);
		sim.addInput({ ...ping(11_000, 1) });
		sim.runUntil(13_000);
		expect(of(sim, 'ping.reply').filter((e) => e.flow === 3)).toHaveLength(1);
	});

	it("drops packets with the reason when the destination's server is down", () => {
		const sim = load(TWO_TENANTS, [ping(1000), { t: 2500, type: 'node.fail', node: 1 }]);
		sim.runUntil(10_000);
		expect(of(sim, 'ping.reply').filter((e) => e.flow === 1)).toHaveLength(2);
		const drops = of(sim, 'packet.dropped');
		expect(drops).toHaveLength(2);
		for (const d of drops) expect(d.reason).toMatch(/server Node02 is down/);
	});

	it('carries a TCP connection: handshake, acknowledged data and FIN/ACK close', () => {
		const sim = load(TWO_TENANTS, [
			{
				t: 1000,
				type: 'flow.start',
				from: 'fabrikam-vm1',
				to: 'fabrikam-vm2',
				protocol: 'tcp',
				count: 3,
				intervalMs: 10
			}
		]);
		sim.runUntil(2000);
		expect(of(sim, 'tcp.established')).toHaveLength(1);
		expect(of(sim, 'tcp.closed')).toHaveLength(1);
		expect(of(sim, 'packet.dropped')).toEqual([]);
		const summaries = of(sim, 'packet.sent').map((e) => e.summary);
		expect(summaries).toEqual([
			'TCP SYN 49152 → 80',
			'TCP SYN-ACK 80 → 49152',
			'TCP ACK (handshake)',
			'TCP data segment 1 (1460 bytes)',
			'TCP ACK of 1460 bytes',
			'TCP data segment 2 (1460 bytes)',
			'TCP ACK of 1460 bytes',
			'TCP data segment 3 (1460 bytes)',
			'TCP ACK of 1460 bytes',
			'TCP FIN-ACK (client)',
			'TCP FIN-ACK (server)',
			'TCP ACK of FIN'
		]);
	});

	it('sends UDP datagrams without replies, and keeps same-host traffic unencapsulated', () => {
		const json = JSON.parse(readFileSync(TWO_TENANTS, 'utf8'));
		json.vms[1].host = 0; // contoso-vm2 next to contoso-vm1
		json.inputs = [
			{
				t: 1000,
				type: 'flow.start',
				from: 'contoso-vm1',
				to: 'contoso-vm2',
				protocol: 'udp',
				count: 3
			}
		];
		const loaded = Simulation.fromJson(JSON.stringify(json));
		if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
		const sim = loaded.sim;
		sim.runUntil(5000);
		expect(of(sim, 'packet.delivered')).toHaveLength(3);
		expect(of(sim, 'packet.encapsulated')).toEqual([]);
		expect(sim.state.net.flows[0].answered).toBe(3);
	});
});

describe('tenant network: distributed router and subnet ACLs', () => {
	/** Contoso gets a second subnet "db" with a VM on Node03. */
	function twoSubnets(inputs: unknown[], acls: unknown[] = []): Simulation {
		const json = JSON.parse(readFileSync(TWO_TENANTS, 'utf8'));
		json.tenants[0].virtualNetworks[0].subnets.push({
			name: 'db',
			prefix: '10.0.2.0/24',
			vsid: 5002
		});
		json.vms.push({
			name: 'contoso-db1',
			tenant: 'Contoso',
			virtualNetwork: 'contoso-vnet',
			subnet: 'db',
			host: 2,
			ca: '10.0.2.4'
		});
		json.inputs = inputs;
		json.acls = acls;
		const loaded = Simulation.fromJson(JSON.stringify(json));
		if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
		return loaded.sim;
	}
	const pingDb = {
		t: 1000,
		type: 'flow.start',
		from: 'contoso-vm1',
		to: 'contoso-db1',
		protocol: 'icmp',
		count: 2
	};

	it('routes between subnets through the default gateway, in the destination VSID', () => {
		const sim = twoSubnets([pingDb]);
		sim.runUntil(5000);
		expect(of(sim, 'arp.reply')[0]).toMatchObject({ ip: '10.0.1.1', mac: '12:34:56:78:9a:bc' });
		expect(of(sim, 'ping.reply')).toHaveLength(2);
		const encapsulated = of(sim, 'packet.encapsulated');
		expect(encapsulated.map((e) => e.vni)).toEqual([5002, 5001, 5002, 5001]);
		expect(sim.invariants()[0].holds).toBe(true);
	});

	it('a subnet ACL drops outbound traffic with the rule named', () => {
		const rule = {
			name: 'db-no-icmp-out',
			subnet: 'Contoso/contoso-vnet/db',
			priority: 200,
			direction: 'outbound',
			protocol: 'icmp',
			action: 'deny'
		};
		// The VM in the subnet starts the ping: a reply of a flow it accepted would pass (stateful).
		const fromDb = { ...pingDb, from: 'contoso-db1', to: 'contoso-vm1' };
		const sim = twoSubnets([fromDb], [rule]);
		sim.runUntil(5000);
		const drops = of(sim, 'packet.dropped');
		expect(drops).toHaveLength(2);
		for (const d of drops) expect(d).toMatchObject({ vm: 'contoso-db1', rule: 'db-no-icmp-out' });
		expect(of(sim, 'ping.reply')).toEqual([]);
	});
});

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../index';
import { parseEthernetFrame } from '../ethernet';
import { parseIpv4Packet } from '../ipv4';
import { fiveTupleOf } from '../slb/index';

const ipOf = (frame: Uint8Array): Uint8Array => {
	const eth = parseEthernetFrame(frame);
	return eth.ok ? eth.value.payload : new Uint8Array();
};

const FILE = 'static/scenarios/slb-dsr.json';
const VIP = '192.0.2.50';

/** The parts of the scenario JSON the tests change. */
interface ScenarioJson {
	durationMs: number;
	inputs: unknown[];
	loadBalancers: { rules: { distribution: string }[] }[];
}

/** slb-dsr.json with its inputs replaced, and optionally other fields changed. */
function load(inputs?: unknown[], change: (json: ScenarioJson) => void = () => {}) {
	const json = JSON.parse(readFileSync(FILE, 'utf8')) as ScenarioJson;
	if (inputs) json.inputs = inputs;
	change(json);
	const loaded = Simulation.fromJson(JSON.stringify(json));
	if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
	return loaded.sim;
}

const connect = (t: number, client: string, count: number, intervalMs = 50) => ({
	t,
	type: 'client.connect',
	client,
	vip: VIP,
	protocol: 'tcp',
	port: 80,
	count,
	intervalMs
});
const of = (sim: Simulation, type: string) => sim.log.filter((e) => e.type === type);

/** The source address of every IPv4 frame captured at interface `id`. */
function sources(sim: Simulation, id: number): string[] {
	return sim.state.net.captures
		.filter((c) => c.interfaceId === id)
		.map((c) => {
			const eth = parseEthernetFrame(c.bytes);
			const ip = eth.ok ? parseIpv4Packet(eth.value.payload) : undefined;
			return ip?.ok ? ip.value.srcIp : '?';
		});
}

describe('Software Load Balancer: slb-dsr.json', () => {
	const sim = load();
	sim.runUntil(sim.scenario.durationMs);
	const slb = sim.state.net.slb!;

	it('completes every connection, and every invariant holds', () => {
		expect(of(sim, 'slb.connection-done')).toHaveLength(70);
		expect(of(sim, 'slb.connection-failed')).toEqual([]);
		expect(sim.invariants().map((r) => [r.name, r.holds])).toEqual([
			['tenant-isolation', true],
			['direct-server-return', true],
			['inbound-via-live-mux', true],
			['stable-dip', true],
			['one-server-in-maintenance', true],
			['drained-before-reboot', true],
			['cluster-up-with-majority', true]
		]);
		expect(slb.invariants.dsr.checks).toBeGreaterThan(100);
	});

	it('sends replies by Direct Server Return: never through a MUX, source rewritten to the VIP', () => {
		for (const id of slb.muxInterface) {
			const seen = sources(sim, id);
			expect(seen.length).toBeGreaterThan(0);
			expect(seen).not.toContain(VIP);
		}
		expect(slb.counters.directReturn).toBe(of(sim, 'slb.direct-return').length);
		expect(of(sim, 'slb.direct-return').every((e) => e.vip === VIP)).toBe(true);
		// Per-MUX counters count inbound packets only: together, every packet a MUX forwarded.
		expect(slb.muxInbound.reduce((a, b) => a + b, 0)).toBe(of(sim, 'slb.mux-forwarded').length);
	});

	it('keeps every packet of a connection on one DIP', () => {
		const dipOf = new Map<number, Set<string>>();
		for (const e of of(sim, 'slb.mux-forwarded')) {
			const set = dipOf.get(e.conn as number) ?? new Set();
			set.add(e.vm as string);
			dipOf.set(e.conn as number, set);
		}
		expect(dipOf.size).toBe(70);
		for (const dips of dipOf.values()) expect(dips.size).toBe(1);
	});

	it('moves new traffic to MUX02 once the TOR withdraws MUX01, and the VIP keeps answering', () => {
		const down = of(sim, 'bgp.session-down')[0];
		expect(down).toMatchObject({ t: 23_000, mux: 'MUX01' });
		expect(of(sim, 'bgp.route-withdrawn')[0]).toMatchObject({ t: 23_000, mux: 'MUX01' });
		const lost = of(sim, 'packet.dropped');
		expect(lost.length).toBeGreaterThan(0);
		expect(
			lost.every((e) => e.t > 20_000 && e.t < 23_000 && e.reason === 'MUX01 is not running')
		).toBe(true);
		const window = of(sim, 'slb.mux-forwarded').filter((e) => e.t > 23_000 && e.t < 40_000);
		expect(window.length).toBeGreaterThan(0);
		expect(new Set(window.map((e) => e.mux))).toEqual(new Set(['MUX02']));
		// client2's connections, some first sent to the dead MUX, all finish after retrying.
		const done = of(sim, 'slb.connection-done').filter(
			(e) => e.client === 'client2' && e.t < 40_000
		);
		expect(done).toHaveLength(20);
		// Back at 40 s: the session comes up and both MUXes carry traffic again.
		expect(of(sim, 'bgp.session-up')[0]).toMatchObject({ mux: 'MUX01' });
		const later = of(sim, 'slb.mux-forwarded').filter((e) => e.t > 85_000);
		expect(new Set(later.map((e) => e.mux))).toEqual(new Set(['MUX01', 'MUX02']));
	});

	it('takes a DIP out of rotation after its probes fail, and back after they pass', () => {
		const health = of(sim, 'slb.dip-health').filter((e) => e.vm === 'web-vm2');
		expect(health.map((e) => [e.t, e.healthy])).toEqual([
			[5_000, 'in rotation'],
			[55_000, 'out of rotation'],
			[80_000, 'in rotation']
		]);
		const byVm = (from: number, to: number) =>
			new Set(
				of(sim, 'slb.mux-forwarded')
					.filter((e) => e.t > from && e.t < to)
					.map((e) => e.vm)
			);
		expect(byVm(60_000, 70_000)).toEqual(new Set(['web-vm1']));
		expect(byVm(85_000, 100_000)).toEqual(new Set(['web-vm1', 'web-vm2']));
	});
});

describe('Software Load Balancer: distribution', () => {
	it('spreads many connections close to evenly over the DIPs (5-tuple hash)', () => {
		const n = 400;
		const sim = load([connect(10_000, 'client1', n, 20)]);
		sim.runUntil(30_000);
		const counts = sim.state.net.slb!.dipConnections;
		const a = counts['web-lb/web-vm1'] ?? 0;
		const b = counts['web-lb/web-vm2'] ?? 0;
		expect(a + b).toBe(n);
		// Within 3 standard deviations of a fair coin (sd = sqrt(n)/2 = 10).
		expect(Math.abs(a - n / 2)).toBeLessThan(30);
	});

	it('sends all of one client to one DIP with SourceIP affinity (2-tuple)', () => {
		const sim = load([connect(10_000, 'client1', 40), connect(10_000, 'client2', 40)], (json) => {
			json.loadBalancers[0].rules[0].distribution = 'SourceIP';
		});
		sim.runUntil(30_000);
		const byClient = new Map<string, Set<string>>();
		const conns = sim.state.net.slb!.connections;
		for (const c of conns) byClient.set(c.client, (byClient.get(c.client) ?? new Set()).add(c.dip));
		expect(byClient.get('client1')?.size).toBe(1);
		expect(byClient.get('client2')?.size).toBe(1);
	});
});

describe('Software Load Balancer: randomized failures', () => {
	const event = fc.oneof(
		fc.record({
			type: fc.constantFrom('mux.fail', 'mux.restore'),
			mux: fc.integer({ min: 0, max: 1 })
		}),
		fc.record({
			type: fc.constantFrom('node.fail', 'node.restore'),
			node: fc.integer({ min: 0, max: 3 })
		}),
		fc.record({
			type: fc.constantFrom('vm.service-stop', 'vm.service-start'),
			vm: fc.constantFrom('web-vm1', 'web-vm2'),
			port: fc.constant(80)
		}),
		fc.record({
			type: fc.constant('client.connect'),
			client: fc.constantFrom('client1', 'client2'),
			vip: fc.constant(VIP),
			protocol: fc.constantFrom('tcp', 'udp'),
			port: fc.constant(80),
			count: fc.integer({ min: 1, max: 15 }),
			intervalMs: fc.integer({ min: 10, max: 500 })
		}),
		fc.record({
			type: fc.constant('vm.connect'),
			vm: fc.constantFrom('web-vm1', 'web-vm2'),
			client: fc.constantFrom('client1', 'client2'),
			protocol: fc.constantFrom('tcp', 'udp'),
			port: fc.constant(443),
			count: fc.integer({ min: 1, max: 5 }),
			intervalMs: fc.integer({ min: 10, max: 500 })
		})
	);
	it('never sends a reply or an outbound packet through a MUX, and every invariant holds', () => {
		fc.assert(
			fc.property(
				fc.array(fc.record({ t: fc.integer({ min: 6_000, max: 40_000 }), e: event }), {
					minLength: 1,
					maxLength: 12
				}),
				(items) => {
					const inputs = items.map(({ t, e }) => ({ t, ...e })).sort((x, y) => x.t - y.t);
					const sim = load(inputs, (json) => {
						json.durationMs = 50_000;
						(json.loadBalancers[0] as Record<string, unknown>).outboundNat = { protocol: 'all' };
					});
					sim.runUntil(50_000);
					const slb = sim.state.net.slb!;
					for (const id of slb.muxInterface) expect(sources(sim, id)).not.toContain(VIP);
					expect(sim.invariants().filter((r) => !r.holds)).toEqual([]);
				}
			),
			{ numRuns: 25 }
		);
	});
});

describe('Software Load Balancer: determinism', () => {
	it('gives the same hash and byte-identical capture twice, and after seeking back', () => {
		const a = load();
		const b = load();
		a.runUntil(60_000);
		b.runUntil(60_000);
		expect(a.stateHash()).toBe(b.stateHash());
		expect(Buffer.from(a.capture()).equals(Buffer.from(b.capture()))).toBe(true);
		// 22 s: MUX01 has failed and its route is not yet withdrawn.
		a.seek(22_000);
		const fresh = load();
		fresh.runUntil(22_000);
		expect(a.stateHash()).toBe(fresh.stateHash());
		a.seek(60_000);
		expect(a.stateHash()).toBe(b.stateHash());
		expect(Buffer.from(a.capture()).equals(Buffer.from(b.capture()))).toBe(true);
	});
});

describe('Software Load Balancer: changing things while it runs', () => {
	it('lb.set-distribution SourceIP sends all of a client to one DIP from then on', () => {
		const sim = load([
			connect(10_000, 'client1', 40),
			{
				t: 15_000,
				type: 'lb.set-distribution',
				lb: 'web-lb',
				rule: 'http',
				distribution: 'SourceIP'
			},
			connect(16_000, 'client1', 40)
		]);
		sim.runUntil(30_000);
		const conns = sim.state.net.slb!.connections;
		expect(new Set(conns.slice(0, 40).map((c) => c.dip)).size).toBe(2);
		expect(new Set(conns.slice(40).map((c) => c.dip)).size).toBe(1);
		expect(of(sim, 'slb.distribution-set')[0]).toMatchObject({
			rule: 'http',
			distribution: 'SourceIP'
		});
		expect(sim.invariants().every((r) => r.holds)).toBe(true);
	});

	it('refuses a distribution change for an unknown load balancer or rule, naming it', () => {
		const sim = load([]);
		const bad = (lb: string, rule: string) =>
			sim.addInput({ t: 1000, type: 'lb.set-distribution', lb, rule, distribution: 'SourceIP' });
		expect(bad('web', 'http')).toMatchObject({
			ok: false,
			errors: [expect.stringContaining('input.lb: no load balancer named "web"')]
		});
		expect(bad('web-lb', 'https')).toMatchObject({
			ok: false,
			errors: [
				expect.stringContaining('input.rule: no rule named "https" in load balancer "web-lb"')
			]
		});
	});

	it('takes a DIP out of rotation when an ACL blocks the probe source (the subnet gateway)', () => {
		const sim = load([
			{
				t: 6_000,
				type: 'acl.add',
				vm: 'web-vm2',
				name: 'BlockGateway',
				priority: 100,
				direction: 'inbound',
				protocol: 'tcp',
				sourcePrefix: '10.0.1.1/32',
				sourcePorts: '*',
				destinationPrefix: '*',
				destinationPorts: '*',
				action: 'deny'
			},
			connect(20_000, 'client1', 20)
		]);
		sim.runUntil(30_000);
		const failed = of(sim, 'slb.probe-failed').filter((e) => e.vm === 'web-vm2');
		expect(failed[0].reason).toBe('blocked by ACL rule BlockGateway');
		expect(of(sim, 'slb.dip-health').at(-1)).toMatchObject({
			vm: 'web-vm2',
			healthy: 'out of rotation'
		});
		expect(new Set(sim.state.net.slb!.connections.map((c) => c.dip))).toEqual(new Set(['web-vm1']));
	});

	it('forwards an inbound NAT rule port to its one VM', () => {
		const sim = load([{ ...connect(10_000, 'client2', 3), port: 2222 }], (json) => {
			(json.loadBalancers[0] as Record<string, unknown>).inboundNatRules = [
				{ name: 'ssh-vm2', protocol: 'tcp', frontendPort: 2222, vm: 'web-vm2', backendPort: 22 }
			];
		});
		sim.runUntil(20_000);
		const forwarded = of(sim, 'slb.mux-forwarded');
		expect(new Set(forwarded.map((e) => [e.vm, e.rule].join(' ')))).toEqual(
			new Set(['web-vm2 ssh-vm2'])
		);
		expect(of(sim, 'slb.connection-done')).toHaveLength(3);
		// The VM answered from port 22; its reply left the host from VIP:2222.
		const replies = of(sim, 'slb.direct-return');
		expect(replies.length).toBe(9);
		for (const e of replies) {
			const view = sim.packet(e.packet as number)!;
			const inside = fiveTupleOf(ipOf(view.inner));
			const onWire = fiveTupleOf(ipOf(view.bytes));
			expect(inside.ok && [inside.value.srcIp, inside.value.srcPort]).toEqual(['10.0.1.5', 22]);
			expect(onWire.ok && [onWire.value.srcIp, onWire.value.srcPort]).toEqual([VIP, 2222]);
		}
	});
});

describe('Software Load Balancer: outbound NAT', () => {
	const out = (t: number, count: number) => ({
		t,
		type: 'vm.connect',
		vm: 'web-vm1',
		client: 'client1',
		protocol: 'tcp',
		port: 443,
		count,
		intervalMs: 100
	});

	it('lets a VM reach the internet as the VIP; the answers come back through a MUX', () => {
		const sim = load([out(10_000, 3)], (json) => {
			(json.loadBalancers[0] as Record<string, unknown>).outboundNat = { protocol: 'all' };
		});
		sim.runUntil(20_000);
		expect(of(sim, 'slb.connection-done')).toHaveLength(3);
		const leaving = of(sim, 'slb.outbound-nat');
		expect(leaving).toHaveLength(9); // SYN, request, FIN of 3 connections
		expect(new Set(leaving.map((e) => e.vip))).toEqual(new Set([VIP]));
		// One VIP port per connection, from web-vm1's block of the VIP's ports.
		expect(new Set(leaving.map((e) => e.port)).size).toBe(3);
		// The client only ever sees the VIP: every packet on the border link is VIP ↔ client1.
		const border = sources(sim, sim.state.net.slb!.borderInterface);
		expect(new Set(border)).toEqual(new Set([VIP, '198.51.100.10']));
		// Its answers enter through a MUX, which finds the VM by the VIP port it owns.
		const back = of(sim, 'slb.mux-forwarded');
		expect(back).toHaveLength(9);
		expect(new Set(back.map((e) => `${e.vm} ${e.rule}`))).toEqual(new Set(['web-vm1 outbound']));
		expect(sim.invariants().every((r) => r.holds)).toBe(true);
	});

	it('drops a VM connection to the internet without outbound NAT, saying why', () => {
		const sim = load([out(10_000, 1)]);
		sim.runUntil(20_000);
		expect(of(sim, 'packet.dropped')[0].reason).toBe(
			'web-vm1 has no outbound NAT: no load balancer gives it a VIP to leave as'
		);
		expect(of(sim, 'slb.connection-failed')).toHaveLength(1);
	});
});

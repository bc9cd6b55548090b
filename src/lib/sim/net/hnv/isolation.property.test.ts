import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DISTRIBUTED_ROUTER_MAC, HNV_MAX_VSID, HNV_MIN_VSID } from './constants';
import { deliverFromUplink } from './deliver';
import { checkIsolation } from './isolation';
import { buildPolicy, hostAgentView } from './policy';
import { ipv4ToNumber, parsePrefix, prefixContains } from './prefix';
import { type PathResult, UNDERLAY, carry, ping } from './two-tenants.fixture';
import type { HostInfo, PolicyTables, VmPort } from './types';
import { torForward } from './underlay';

const HOST_COUNT = 4;
const HOSTS: HostInfo[] = Array.from({ length: HOST_COUNT }, (_, index) => ({
	index,
	name: `Node0${index + 1}`,
	pa: `10.10.56.${11 + index}`,
	mac: `00:15:5d:0a:38:${(0x10 + index).toString(16)}`
}));

/**
 * Random datacenters: 1–3 tenants, 1–2 virtual networks each, 1–3 subnets each, every virtual
 * network drawing its subnets from the SAME address plan (10.0.k.0/24), so CAs overlap across
 * virtual networks and tenants; unique VSIDs; 2–12 VMs on random hosts.
 */
const layoutArb = fc
	.record({
		tenants: fc.array(
			fc.array(fc.uniqueArray(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }), {
				minLength: 1,
				maxLength: 2
			}),
			{ minLength: 1, maxLength: 3 }
		),
		vsids: fc.uniqueArray(fc.integer({ min: HNV_MIN_VSID, max: HNV_MAX_VSID }), {
			minLength: 18,
			maxLength: 18
		}),
		vms: fc.array(
			fc.record({
				subnet: fc.nat(),
				host: fc.nat(HOST_COUNT - 1),
				octet: fc.integer({ min: 2, max: 7 })
			}),
			{ minLength: 2, maxLength: 12 }
		)
	})
	.map(({ tenants, vsids, vms }) => {
		const subnets = tenants.flatMap((vnets, t) =>
			vnets.flatMap((plan, v) =>
				plan.map((k) => ({
					tenant: `T${t}`,
					vnet: `T${t}-vnet${v}`,
					subnet: `s${k}`,
					prefix: `10.0.${k}.0/24`
				}))
			)
		);
		const ports: VmPort[] = [];
		vms.forEach((vm, i) => {
			const s = subnets[vm.subnet % subnets.length];
			const vsid = vsids[subnets.indexOf(s)];
			const ca = `10.0.${s.prefix.split('.')[2]}.${vm.octet}`;
			if (ports.some((p) => p.vsid === vsid && p.ca === ca)) return; // CAs unique per VSID
			const mac = `00:1d:d8:b7:1c:${i.toString(16).padStart(2, '0')}`;
			ports.push({ vm: `vm${i}`, host: vm.host, ...s, subnetPrefix: s.prefix, vsid, ca, mac });
		});
		return ports.map(({ vm, host, tenant, vnet, subnet, vsid, subnetPrefix, ca, mac }) => ({
			vm,
			host,
			tenant,
			vnet,
			subnet,
			vsid,
			subnetPrefix,
			ca,
			mac
		}));
	});

const pairsArb = fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 8 });

/** The VSID a delivered frame entered its port with: the VNI on the wire, or the local VSID. */
function enteredVsid(result: Extract<PathResult, { kind: 'delivered' }>): number {
	const d = result.decision;
	if (d.kind === 'encap') return d.vni;
	if (d.kind === 'local') return d.vsid;
	throw new Error('a delivered frame has a local or encap decision');
}

function expectIsolated(result: PathResult, sender: VmPort, ports: VmPort[], policy: PolicyTables) {
	if (result.kind !== 'delivered') return;
	const into = ports.find((p) => p.vm === result.toPort)!;
	expect(into.vnet).toBe(sender.vnet);
	expect(checkIsolation(into, enteredVsid(result), policy)).toBeNull();
}

describe('isolation over random tenant layouts (property)', () => {
	it('a correctly addressed ping is delivered exactly when both VMs share a virtual network', () => {
		fc.assert(
			fc.property(layoutArb, pairsArb, (ports, pairs) => {
				const policy = buildPolicy(ports, HOSTS);
				const views = HOSTS.map((h) => hostAgentView(policy, h.index));
				for (const [a, b] of pairs) {
					const sender = ports[a % ports.length];
					const receiver = ports[b % ports.length];
					if (sender === receiver) continue;
					const onLink = prefixContains(
						parsePrefix(sender.subnetPrefix)!,
						ipv4ToNumber(receiver.ca)!
					);
					const frame = ping(sender, receiver.ca, onLink ? receiver.mac : DISTRIBUTED_ROUTER_MAC);
					const result = carry(views, UNDERLAY, sender.vm, frame);
					expectIsolated(result, sender, ports, policy);
					const reached = result.kind === 'delivered' && result.toPort === receiver.vm;
					expect(reached).toBe(sender.vnet === receiver.vnet);
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('no choice of destination MAC, CA or forged VNI delivers into another virtual network', () => {
		const attackArb = fc.array(
			fc.record({ from: fc.nat(), mac: fc.nat(), ip: fc.nat(), vni: fc.nat() }),
			{ minLength: 1, maxLength: 8 }
		);
		fc.assert(
			fc.property(layoutArb, attackArb, (ports, attacks) => {
				const policy = buildPolicy(ports, HOSTS);
				const views = HOSTS.map((h) => hostAgentView(policy, h.index));
				const macs = [DISTRIBUTED_ROUTER_MAC, ...ports.map((p) => p.mac)];
				const ips = [...ports.map((p) => p.ca), ...policy.vsids.map((t) => t.gateway), '10.0.9.4'];
				for (const attack of attacks) {
					const sender = ports[attack.from % ports.length];
					const frame = ping(sender, ips[attack.ip % ips.length], macs[attack.mac % macs.length]);
					const result = carry(views, UNDERLAY, sender.vm, frame);
					expectIsolated(result, sender, ports, policy);
					if (result.decision.kind !== 'encap') continue;
					const tor = torForward(UNDERLAY, HOSTS, result.decision.outerFrame);
					if (tor.kind !== 'forward') continue;
					const forgedVni = policy.vsids[attack.vni % policy.vsids.length].vsid;
					const forged = tor.frame.slice();
					forged.set([forgedVni >>> 16, (forgedVni >>> 8) & 0xff, forgedVni & 0xff], 46);
					const delivery = deliverFromUplink(views[tor.host], forged);
					if (delivery.kind !== 'deliver') continue;
					const into = ports.find((p) => p.vm === delivery.toPort)!;
					expect(into.vsid).toBe(forgedVni);
					expect(checkIsolation(into, delivery.vni, policy)).toBeNull();
				}
			}),
			{ numRuns: 300 }
		);
	});
});

/**
 * From a parsed scenario's SLB sections to the plain data of net/slb (types.ts): load balancers
 * with their DIPs, the MUXes, the router they peer with, the BGP timers and the clients.
 *
 * A scenario names pool VMs; each DIP's address, host, MAC, VSID and subnet come from the `vms`
 * and `tenants` sections through net/model's scenarioPorts, the same derivation the tenant network
 * uses, so a DIP is exactly the VM port the Network Controller knows. The MUXes' and the router's
 * addresses are choices made here, next to net/model's hostPa, and labelled below.
 */
import type { BgpTimers } from '../net/slb/bgp';
import type { LoadBalancer, MuxIdentity, RouterIdentity } from '../net/slb/types';
import { hostPa, TOR_MAC, TOR_NAME } from '../net/model/constants';
import { scenarioPorts } from '../net/model/state';
import type { Simplification } from '../simplifications';
import type { Scenario } from './schema';
import {
	DEFAULT_NUMBER_OF_PROBES,
	DEFAULT_PROBE_INTERVAL_MS,
	DEFAULT_VIP_POOL,
	VIP_POOL_RESERVED_ADDRESSES,
	type LoadBalancerSpec,
	type SlbSections
} from './schema-slb';

/** CHOICE: MUX i (0-based) is named MUX01, MUX02, … as server i is Node01 (the hub's are AzS-SLB01…). */
export function muxName(index: number): string {
	return `MUX${String(index + 1).padStart(2, '0')}`;
}

/**
 * CHOICE: MUX i's provider address and MAC. Illustrative, like hostPa (net/model/constants.ts):
 * FACTS.md gives PAs no range. 10.10.57.x keeps the MUXes apart from the host PAs (10.10.56.11
 * onwards); the MACs continue the host NICs' Hyper-V prefix 00:15:5d.
 */
export function muxPa(index: number): string {
	return `10.10.57.${11 + index}`;
}
export function muxMac(index: number): string {
	return `00:15:5d:0a:39:${(0x0b + index).toString(16).padStart(2, '0')}`;
}

/**
 * CHOICE: the router the MUXes peer with is the TOR (FACTS 4.1: on Azure Stack Hub the SLB peers
 * with the TORs), at the first address of the hosts' PA network, their gateway. Illustrative.
 */
export const SLB_ROUTER_IP = '10.10.56.1';

/** The physical network's addresses a VIP pool must not hold: the TOR, host PAs and MUX PAs. */
export function physicalAddresses(
	nodes: number,
	muxes: number
): { address: string; what: string }[] {
	return [
		{ address: SLB_ROUTER_IP, what: "the TOR, the MUXes' BGP peer" },
		...Array.from({ length: nodes }, (_, i) => ({
			address: hostPa(i),
			what: `the provider address of server ${i}`
		})),
		...Array.from({ length: muxes }, (_, i) => ({
			address: muxPa(i),
			what: `the provider address of ${muxName(i)}`
		}))
	];
}

/** An internet client as the model needs it. */
export interface SlbClient {
	name: string;
	address: string;
}

/** The SLB of a scenario in net/slb's terms. */
export interface SlbConfig {
	loadBalancers: LoadBalancer[];
	/** By index: MUX i is `muxes[i]` (the `mux` of `mux.fail`). */
	muxes: MuxIdentity[];
	router: RouterIdentity;
	timers: BgpTimers;
	/** The public VIP pool, "192.0.2.0/24". */
	vipPool: string;
	clients: SlbClient[];
}

/** What slbConfigOf reads: the tenant network and the SLB sections of a parsed scenario. */
export type SlbScenario = Pick<Scenario, 'tenants' | 'vms'> & SlbSections;

/**
 * The SLB of a parsed scenario (parseScenario has checked every reference), or undefined when it
 * has no `slb` section. Pure; the result shares nothing with the scenario.
 */
export function slbConfigOf(scenario: SlbScenario): SlbConfig | undefined {
	const slb = scenario.slb;
	if (slb === undefined) return undefined;
	const ports = new Map(scenarioPorts(scenario).map((p) => [p.vm, p]));
	const loadBalancers = scenario.loadBalancers.map((lb) => loadBalancerOf(lb, ports));
	return {
		loadBalancers,
		muxes: Array.from({ length: slb.muxes }, (_, i) => ({
			name: muxName(i),
			pa: muxPa(i),
			mac: muxMac(i),
			asn: slb.asn
		})),
		router: { name: TOR_NAME, ip: SLB_ROUTER_IP, mac: TOR_MAC, asn: slb.peerAsn },
		timers: { keepaliveMs: slb.keepaliveMs, holdMs: slb.holdMs },
		vipPool: slb.vipPool,
		clients: scenario.clients.map((c) => ({ name: c.name, address: c.address }))
	};
}

type Ports = Map<string, ReturnType<typeof scenarioPorts>[number]>;

function loadBalancerOf(lb: LoadBalancerSpec, ports: Ports): LoadBalancer {
	const backend = lb.backendPool.map((vm) => {
		const port = ports.get(vm);
		if (port === undefined) throw new RangeError(`load balancer ${lb.name}: no VM named ${vm}`);
		const { ca: dip, host, mac, vsid, subnetPrefix } = port;
		return { vm, dip, host, mac, vsid, subnetPrefix };
	});
	const result: LoadBalancer = {
		name: lb.name,
		tenant: lb.tenant,
		vip: lb.vip,
		backend,
		rules: lb.rules.map((r) => ({ ...r })),
		probes: lb.probes.map((p) => ({ ...p })),
		inboundNatRules: lb.inboundNatRules.map((r) => ({ ...r }))
	};
	if (lb.outboundNat !== undefined) result.outboundNat = { protocol: lb.outboundNat.protocol };
	return result;
}

/**
 * The scenario-level choices of the SLB sections, for "What is simplified" (sim/simplifications.ts
 * lists them with SLB_SIMPLIFICATIONS when the SLB is wired in).
 */
export const SLB_SCENARIO_SIMPLIFICATIONS: readonly Simplification[] = [
	{
		id: 'slb.addresses',
		title: 'Illustrative MUX, router and VIP addresses',
		detail: `MUX i has the provider address ${muxPa(0).replace(/\d+$/, '')}(11 + i) and is named ${muxName(0)}, ${muxName(1)}, …; the MUXes peer with the TOR at ${SLB_ROUTER_IP}. Without a vipPool the VIPs come from ${DEFAULT_VIP_POOL}, a documentation range. A real hub uses the addresses its operator planned; VIPs start after the ${VIP_POOL_RESERVED_ADDRESSES} reserved addresses of the pool, as documented.`,
		source: 'FACTS 6.1 "Networks", 4.1 (addresses: not in FACTS.md)'
	},
	{
		id: 'slb.services',
		title: 'Every VM answers on every port until told otherwise',
		detail:
			'Scenarios do not declare which services a VM runs: a VM answers on every port until a vm.service-stop for that port (TCP and UDP), which makes a health probe to it fail. A real VM answers only where a service listens.',
		source: 'FACTS 4.4 (probes); services: a modelling choice'
	},
	{
		id: 'slb.probe-defaults',
		title: 'Health probe defaults',
		detail: `A probe without an interval is sent every ${DEFAULT_PROBE_INTERVAL_MS / 1000} s (the documentation example's IntervalInSeconds) and ${DEFAULT_NUMBER_OF_PROBES} consecutive results change a DIP's health (the example uses 11). Neither is a documented default.`,
		source: 'FACTS 4.4 "Threshold"'
	}
];

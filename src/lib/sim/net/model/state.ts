/**
 * The tenant network's part of the model state (plain, structured-cloneable data: records,
 * arrays, numbers, strings and Uint8Array packet bytes; no Map, Set or class instances).
 */
import type { CaptureInterface } from '../../export/pcapng';
import type { PortFirewallState } from '../acl';
import { createPortFirewall } from '../acl';
import { buildPolicy, diffPolicy, type HostUpdate } from '../hnv/index';
import type { HostAgentView, HostInfo, PolicyTables, Underlay, VmPort } from '../hnv/types';
import { torPortOf } from '../hnv/underlay';
import type { Scenario } from '../../scenario/schema';
import { TOR_MAC, TOR_NAME, hostMac, hostPa } from './constants';
import type { SlbState } from './slb-state';

/** One packet the simulation carries; its id is its index + 1 in NetState.packets. */
export interface PacketRecord {
	id: number;
	/** Flow number (1-based), 0 for none. */
	flow: number;
	/** Short description for the log, e.g. "ICMP echo request seq 1". */
	summary: string;
	/** The sending VM. */
	fromVm: string;
	/** The frame as the sending VM put it on its vNIC. */
	frame: Uint8Array;
	/** The latest outer (VXLAN) frame, once encapsulated. */
	outer: Uint8Array | null;
	/** The first outer frame (as it left the sending host), for the inspector. */
	firstOuter: Uint8Array | null;
	/** The frame as delivered into the receiving vNIC, once decided. */
	rx: Uint8Array | null;
	/** Receiving VM and VNI (VSID) once the data plane has decided them. */
	toVm: string;
	vni: number;
	/** Source and destination host indices (dstHost −1 before the decision). */
	srcHost: number;
	dstHost: number;
}

/**
 * One packet hop under way: added when the hop's event is scheduled, removed when it is processed.
 * Nodes are host indices; the TOR is -1.
 */
export interface InFlightHop {
	packetId: number;
	/** 0 vNIC→vSwitch, 1 host→TOR, 2 TOR→host, 3 vSwitch→vNIC (frame.ts PacketHop). */
	hop: number;
	fromNode: number;
	toNode: number;
	startMs: number;
	arriveMs: number;
	encapsulated: boolean;
	/** Index of the sending VM's tenant in the scenario (for colour), -1 if unknown. */
	tenant: number;
	/** A drop marker: the packet was dropped here and is held still for DROP_MARK_MS. */
	dropped: boolean;
	/** A load-balanced packet: inbound (client → DIP) or a reply by Direct Server Return. */
	slb?: 'in' | 'return';
}

/** One frame seen at a capture point. */
export interface CaptureRecord {
	interfaceId: number;
	timeMs: number;
	bytes: Uint8Array;
	comment: string;
}

/** TCP progress of one flow (client = the flow's sender). */
export interface TcpProgress {
	clientSeq: number;
	serverSeq: number;
	srcPort: number;
	dstPort: number;
	/** 'syn-sent' → 'established' → 'fin-sent' → 'closed'. */
	phase: string;
	dataSent: number;
	dataAcked: number;
}

/** A flow started by `flow.start`. */
export interface FlowRecord {
	id: number;
	from: string;
	to: string;
	protocol: 'icmp' | 'tcp' | 'udp';
	count: number;
	sizeBytes: number;
	intervalMs: number;
	dstPort: number;
	srcPort: number;
	/** Echo replies received (ICMP), segments acknowledged (TCP), datagrams delivered (UDP). */
	answered: number;
	/** Send time (ms) of each echo request by sequence number, for the round trip. */
	sentAtMs: Record<string, number>;
	tcp: TcpProgress | null;
}

/** An ACL rule as the scenario writes it (rule fields plus `vm` or `subnet`). */
export interface AclRuleRecord {
	name: string;
	vm?: string;
	subnet?: string;
	priority: number;
	direction: 'inbound' | 'outbound';
	protocol: 'tcp' | 'udp' | 'icmp' | 'any';
	sourcePrefix: string;
	sourcePorts: string;
	destinationPrefix: string;
	destinationPorts: string;
	action: 'allow' | 'deny';
}

export interface NetCounters {
	sent: number;
	delivered: number;
	dropped: number;
	encapsulated: number;
}

/** The tenant-isolation invariant's record. */
export interface IsolationRecord {
	checks: number;
	violations: number;
	/** Simulated ms and message of the first violation, if any. */
	firstViolationMs: number | null;
	firstMessage: string | null;
}

export interface NetState {
	/** The Network Controller's policy. */
	policy: PolicyTables;
	/** Each host agent's applied copy, by host index; null until its first push lands. */
	views: (HostAgentView | null)[];
	/** Updates on their way to host agents, by host index. */
	pending: (HostUpdate | null)[];
	underlay: Underlay;
	/** Address spaces of each virtual network, by vnet id (for the ACL VirtualNetwork tag). */
	vnetPrefixes: Record<string, string[]>;
	acls: AclRuleRecord[];
	/** Per VM port. */
	firewalls: Record<string, PortFirewallState>;
	/** Per VM: IPv4 → MAC learned by ARP. */
	arp: Record<string, Record<string, string>>;
	interfaces: CaptureInterface[];
	/** Capture interface index of each VM's vNIC. */
	vnicInterface: Record<string, number>;
	/** By host index. */
	uplinkInterface: number[];
	torInterface: number[];
	packets: PacketRecord[];
	/** Hops under way, in the order they started. */
	inFlight: InFlightHop[];
	/** Per VM: its tenant's index in the scenario (for packet colours). */
	vmTenant: Record<string, number>;
	captures: CaptureRecord[];
	flows: FlowRecord[];
	counters: NetCounters;
	isolation: IsolationRecord;
	/** The Software Load Balancer, for scenarios with an `slb` section. */
	slb: SlbState | null;
}

/** vnet ids are unique per datacenter: "<tenant>/<virtual network>". */
export function vnetId(tenant: string, vnet: string): string {
	return `${tenant}/${vnet}`;
}

/** The hosts of the underlay, one per server. */
export function underlayHosts(nodeNames: readonly string[]): HostInfo[] {
	return nodeNames.map((name, index) => ({ index, name, pa: hostPa(index), mac: hostMac(index) }));
}

/** The VM ports of a scenario, as the Network Controller knows them. */
export function scenarioPorts(scenario: Pick<Scenario, 'tenants' | 'vms'>): VmPort[] {
	return scenario.vms.map((vm) => {
		const tenant = scenario.tenants.find((t) => t.name === vm.tenant)!;
		const vnet = tenant.virtualNetworks.find((n) => n.name === vm.virtualNetwork)!;
		const subnet = vnet.subnets.find((s) => s.name === vm.subnet)!;
		return {
			vm: vm.name,
			host: vm.host,
			tenant: vm.tenant,
			vnet: vnetId(vm.tenant, vm.virtualNetwork),
			subnet: vm.subnet,
			vsid: subnet.vsid,
			subnetPrefix: subnet.prefix,
			ca: vm.ca,
			mac: vm.mac
		};
	});
}

/** The network state at time 0: policy computed, nothing pushed yet, no packets. */
export function createNetState(scenario: Scenario, nodeNames: readonly string[]): NetState {
	const hosts = underlayHosts(nodeNames);
	const ports = scenarioPorts(scenario);
	const policy = buildPolicy(ports, hosts);
	const empty: PolicyTables = { vsids: [], vnets: [], ports: [], hosts };
	const updates = diffPolicy(empty, policy);
	const pending: (HostUpdate | null)[] = hosts.map(
		(h) => updates.find((u) => u.host === h.index) ?? null
	);
	const vnetPrefixes: Record<string, string[]> = {};
	for (const t of scenario.tenants) {
		for (const n of t.virtualNetworks) vnetPrefixes[vnetId(t.name, n.name)] = [...n.addressSpace];
	}
	const interfaces: CaptureInterface[] = [];
	const vnicInterface: Record<string, number> = {};
	const firewalls: Record<string, PortFirewallState> = {};
	const arp: Record<string, Record<string, string>> = {};
	for (const vm of scenario.vms) {
		vnicInterface[vm.name] = interfaces.length;
		interfaces.push({
			name: `${vm.tenant}/${vm.name} vNIC`,
			description: `${vm.name}'s vNIC (CA ${vm.ca}): tenant frames only`
		});
		firewalls[vm.name] = createPortFirewall();
		arp[vm.name] = {};
	}
	const uplinkInterface = hosts.map((h) => {
		interfaces.push({
			name: `${h.name} uplink`,
			description: `${h.name}'s uplink NIC (PA ${h.pa}): VXLAN between hosts`
		});
		return interfaces.length - 1;
	});
	const torInterface = hosts.map((h) => {
		interfaces.push({
			name: `${TOR_NAME} port ${torPortOf(h.index)}`,
			description: `${TOR_NAME} port facing ${h.name}: frames arriving from it`
		});
		return interfaces.length - 1;
	});
	const acls: AclRuleRecord[] = scenario.acls.map((a) => aclRecord(a));
	return {
		policy,
		views: hosts.map(() => null),
		pending,
		underlay: { mtuBytes: scenario.network.underlayMtuBytes, torMac: TOR_MAC },
		vnetPrefixes,
		acls,
		firewalls,
		arp,
		interfaces,
		vnicInterface,
		uplinkInterface,
		torInterface,
		packets: [],
		inFlight: [],
		vmTenant: Object.fromEntries(
			scenario.vms.map((vm) => [vm.name, scenario.tenants.findIndex((t) => t.name === vm.tenant)])
		),
		captures: [],
		flows: [],
		counters: { sent: 0, delivered: 0, dropped: 0, encapsulated: 0 },
		isolation: { checks: 0, violations: 0, firstViolationMs: null, firstMessage: null },
		slb: null
	};
}

/** A rule record from a scenario `acls` entry or an `acl.add` input (defaults filled). */
export function aclRecord(a: {
	name: string;
	vm?: string;
	subnet?: string;
	priority: number;
	direction: string;
	protocol?: string;
	sourcePrefix?: string;
	sourcePorts?: string;
	destinationPrefix?: string;
	destinationPorts?: string;
	action: string;
}): AclRuleRecord {
	const rule: AclRuleRecord = {
		name: a.name,
		priority: a.priority,
		direction: a.direction as AclRuleRecord['direction'],
		protocol: (a.protocol ?? 'any') as AclRuleRecord['protocol'],
		sourcePrefix: a.sourcePrefix ?? '*',
		sourcePorts: a.sourcePorts ?? '*',
		destinationPrefix: a.destinationPrefix ?? '*',
		destinationPorts: a.destinationPorts ?? '*',
		action: a.action as AclRuleRecord['action']
	};
	if (a.vm !== undefined) rule.vm = a.vm;
	if (a.subnet !== undefined) rule.subnet = a.subnet;
	return rule;
}

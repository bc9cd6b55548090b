/**
 * Plain-data types of the HNV data plane (FACTS §3.3). Everything here is structured-cloneable
 * (records and arrays in a defined order, no Map/Set/classes) so the engine can checkpoint it.
 * Addresses are canonical text: MACs lowercase with colons, IPv4 dotted decimal.
 */

/** A tenant VM's vSwitch port as the Network Controller knows it (the adapter builds these). */
export interface VmPort {
	/** VM (and port) name, unique in the datacenter. */
	vm: string;
	/** Index of the host whose vSwitch the port is on. */
	host: number;
	tenant: string;
	/** Virtual network id (the RDID, unique per datacenter, FACTS §3.3). */
	vnet: string;
	/** Subnet name, unique within its virtual network. */
	subnet: string;
	/** Virtual subnet id, 4096 … 2^24 − 2 (FACTS §3.3); the VNI on the wire. */
	vsid: number;
	/** The subnet, "10.0.1.0/24". */
	subnetPrefix: string;
	/** Customer address (what the VM sees). */
	ca: string;
	/** vNIC MAC. */
	mac: string;
}

/**
 * A Hyper-V host as the underlay sees it. ONE provider address per host: a simplification of
 * FACTS §3.3 (one PA per SET team member, 2 for the default team); see TOR_FIRST_HOST_PORT.
 */
export interface HostInfo {
	index: number;
	name: string;
	/** Provider address on the host's uplink. */
	pa: string;
	/** The uplink NIC's MAC. */
	mac: string;
}

/** The physical network between the hosts: one TOR that routes between PAs (see underlay.ts). */
export interface Underlay {
	/** L2 MTU (bytes) INCLUDING the 14-byte Ethernet header (FACTS §3.2: HNV needs ≥ 1674). */
	mtuBytes: number;
	/** The TOR's MAC: the hosts' PA gateway, so every outer frame is addressed to it. */
	torMac: string;
}

/** One CA→PA entry of a virtual subnet (the MS_VTEP-style table of FACTS §3.3). */
export interface CaMapping {
	ca: string;
	mac: string;
	/** Provider address of the host the VM runs on. */
	pa: string;
	host: number;
	vm: string;
}

/** A virtual subnet's policy: identity, addressing and its CA→PA table (sorted by CA). */
export interface VsidTable {
	vsid: number;
	tenant: string;
	vnet: string;
	subnet: string;
	prefix: string;
	/** Default gateway CA, on the distributed router (FACTS §3.3). */
	gateway: string;
	mappings: CaMapping[];
}

/** A virtual network's route table for the distributed router: its subnets (sorted by VSID). */
export interface VnetTable {
	vnet: string;
	tenant: string;
	subnets: { subnet: string; prefix: string; vsid: number }[];
}

/** What the Network Controller holds: every table of the datacenter, each sorted. */
export interface PolicyTables {
	/** By VSID ascending. */
	vsids: VsidTable[];
	/** By vnet id. Derived from `vsids`; kept for the distributed router. */
	vnets: VnetTable[];
	/** Every VM port, by VM name. */
	ports: VmPort[];
	/** By host index. */
	hosts: HostInfo[];
}

/**
 * One host agent's copy of the policy (what it answers ARP and forwards from): its own ports and
 * the full tables of every virtual network with a port on this host.
 */
export interface HostAgentView {
	host: HostInfo;
	/** Ports on this host's vSwitch, by VM name. */
	ports: VmPort[];
	vsids: VsidTable[];
	vnets: VnetTable[];
}

/** A frame the data plane refuses, with a learner-readable reason. */
export interface Drop {
	kind: 'drop';
	reason: string;
}

/**
 * What the sending vSwitch does with a VM's frame. `routed` is true when the distributed router
 * rewrote it (MACs, TTL, VSID). `vsid` of a local delivery is the VSID the frame ends up in.
 * `innerFrame` is the frame as delivered: a rewritten copy when routed, else the input itself.
 */
export type Decision =
	| { kind: 'local'; toPort: string; vsid: number; routed: boolean; innerFrame: Uint8Array }
	| {
			kind: 'encap';
			vni: number;
			dstHost: number;
			dstPa: string;
			routed: boolean;
			innerFrame: Uint8Array;
			outerFrame: Uint8Array;
	  }
	| Drop;

/** What the receiving host does with a frame from its uplink. */
export type Delivery =
	{ kind: 'deliver'; toPort: string; vni: number; innerFrame: Uint8Array } | Drop;

/** The host agent's answer to an ARP request from a VM port. */
export type ArpAnswer = { kind: 'reply'; frame: Uint8Array; answeredMac: string } | Drop;

/** A frame was (or would be) delivered into a port outside its own virtual subnet. */
export interface IsolationViolation {
	kind: 'unknown-vni' | 'other-tenant' | 'other-virtual-network' | 'other-vsid';
	vm: string;
	vni: number;
	message: string;
}

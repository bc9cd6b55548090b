/**
 * Plain-data types of the Software Load Balancer (FACTS §4): a public load balancer as the Network
 * Controller holds it, and the identities of MUXes and routers. Everything is structured-cloneable
 * (records, arrays, strings, numbers) so model state built from it survives checkpoints.
 * Addresses are canonical text: IPv4 dotted decimal, MACs lowercase with colons.
 */

/** Transport protocols the SLB balances and translates here (FACTS §4.2 "Rule fields"). */
export type SlbProtocol = 'tcp' | 'udp';

/**
 * `loadDistribution` of a rule (FACTS §4.3): which fields of a connection pick its DIP.
 * Default = 5-tuple, SourceIPProtocol = 3-tuple, SourceIP = 2-tuple.
 */
export type Distribution = 'Default' | 'SourceIPProtocol' | 'SourceIP';

/** A connection as one direction of packets names it. Ports are 0..65535. */
export interface FiveTuple {
	protocol: SlbProtocol;
	srcIp: string;
	srcPort: number;
	dstIp: string;
	dstPort: number;
}

/** One back-end VM NIC of a load balancer's pool (a DIP: a customer address, FACTS §4.1). */
export interface BackendDip {
	vm: string;
	/** The DIP: the VM's customer address (CA). */
	dip: string;
	/** Index of the host the VM runs on; the MUX sends to that host's PA (FACTS §4.2 step 2). */
	host: number;
	/** The vNIC MAC; the MUX addresses the inner frame to it so the host knows which DIP. */
	mac: string;
	/** The virtual subnet (VSID) of the NIC: the VNI the MUX encapsulates with (see mux.ts). */
	vsid: number;
	/** The NIC's subnet, "10.0.1.0/24"; health probes leave from its first address (FACTS §4.4). */
	subnetPrefix: string;
}

/** A health probe (FACTS §4.4): TCP connects to a port, HTTP also asks for a path. */
export interface HealthProbe {
	name: string;
	protocol: 'tcp' | 'http';
	port: number;
	/** HTTP only: the URL path, "/health". */
	path?: string;
	/** Spacing of probes (simulated ms); the docs' IntervalInSeconds × 1000. */
	intervalMs: number;
	/** Consecutive results that flip a DIP's health (FACTS §4.4 NumberOfProbes; see probe.ts). */
	numberOfProbes: number;
}

/** A load-balancing rule (FACTS §4.2 "Rule fields"): VIP:frontendPort → any healthy DIP. */
export interface LbRule {
	name: string;
	protocol: SlbProtocol;
	frontendPort: number;
	backendPort: number;
	distribution: Distribution;
	/** Name of the health probe that decides which DIPs take traffic. */
	probe: string;
}

/** An inbound NAT rule (FACTS §4.5): VIP:frontendPort → one VM's backendPort. */
export interface InboundNatRule {
	name: string;
	protocol: SlbProtocol;
	frontendPort: number;
	/** The back-end VM (by name) that receives it. */
	vm: string;
	backendPort: number;
}

/** Outbound NAT (FACTS §4.5): pool VMs reach the outside with the VIP as their source. */
export interface OutboundNat {
	/** 'all' is the docs' example protocol ALL; here it covers TCP and UDP (see snat.ts). */
	protocol: SlbProtocol | 'all';
}

/** A public load balancer: one front-end VIP, its pool and its rules. */
export interface LoadBalancer {
	name: string;
	tenant: string;
	/** The public VIP every MUX advertises as a /32 (FACTS §4.1). */
	vip: string;
	/** Pool members in a fixed order; the order fixes each DIP's outbound NAT port block. */
	backend: BackendDip[];
	rules: LbRule[];
	probes: HealthProbe[];
	inboundNatRules: InboundNatRule[];
	outboundNat?: OutboundNat;
}

/** A MUX VM (FACTS §4.1). Its PA is the BGP next hop it advertises VIPs with. */
export interface MuxIdentity {
	name: string;
	/** Provider address: the MUX's own address on the physical network. */
	pa: string;
	mac: string;
	/** 2-byte ASN (FACTS §4.1: internal BGP, so the same as the router's). */
	asn: number;
}

/** A router the MUXes peer with: on Azure Stack Hub, a TOR (FACTS §4.1). */
export interface RouterIdentity {
	name: string;
	/** The router's BGP peering address. */
	ip: string;
	mac: string;
	asn: number;
}

/** Something the SLB data plane refuses, with a reason a learner can read. */
export interface SlbDrop {
	kind: 'drop';
	reason: string;
}

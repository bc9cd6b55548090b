/**
 * Limits and default values of scenario format v1. Every number here is either a documented fact
 * (the FACTS.md section is cited) or a modelling choice, and then the comment says so.
 */
import { ETHERNET_HEADER_BYTES } from '../net/ethernet';
import { ACL_PRIORITY_RANGES } from '../net/acl-validate';
import { VXLAN_OVERHEAD_BYTES } from '../net/encap';
import type { Simplification } from '../simplifications';
import type { DriveMedia } from '../topology';

/** The `format` every scenario file starts with. */
export const SCENARIO_FORMAT = 'stackscope.scenario';

/** The scenario format version this build writes and reads natively. */
export const SCENARIO_VERSION = 1;

/** Servers in a scale unit: 4 to 16 (FACTS 6.1 "Size"). */
export const MIN_NODES = 4;
export const MAX_NODES = 16;

/** Seed when the scenario names none. Choice, not a domain fact (no FACTS section): any value works. */
export const DEFAULT_SEED = 1;
/** Largest seed: unsigned 32-bit. Choice (no FACTS section): fits every RNG and share URL. */
export const MAX_SEED = 0xffff_ffff;

/**
 * Suggested timeline length in simulated ms. Choice: 2 min holds a failure, its detection
 * (~10 s, FACTS §7) and a restore.
 */
export const DEFAULT_DURATION_MS = 120_000;
/** Timeline bounds in simulated ms (1 s to 24 h). Choice (no FACTS section): bounds log memory. */
export const MIN_DURATION_MS = 1_000;
export const MAX_DURATION_MS = 86_400_000;

/**
 * Servers drawn per rack; the scale unit then spans ceil(nodes / serversPerRack) racks. This is a
 * drawing and layout choice only: FACTS.md does not describe rack layout, and nothing in the
 * simulated behaviour depends on which rack a server is drawn in (no rack fault domains yet).
 */
export const DEFAULT_SERVERS_PER_RACK = 8;
export const MIN_SERVERS_PER_RACK = 4;
export const MAX_SERVERS_PER_RACK = 16;

/**
 * Physical cores per server. Choice: FACTS.md gives no hardware catalogue; 48 (two 24-core
 * sockets) is a typical integrated-system server. The range only rejects absurd values.
 */
export const DEFAULT_CORES = 48;
export const MIN_CORES = 8;
export const MAX_CORES = 512;

/**
 * Memory per server in GiB. Choice: 768 GiB leaves room for the infrastructure footprint of
 * 242 GB + 4 GB per node (FACTS 6.2) and the resiliency reserve (FACTS 6.3). Range: sanity only.
 */
export const DEFAULT_MEMORY_GIB = 768;
export const MIN_MEMORY_GIB = 128;
export const MAX_MEMORY_GIB = 8_192;

/** Relative speed of drive types: NVMe > SSD > HDD (FACTS 1.7 "Assignment"). */
export const MEDIA_SPEED: Readonly<Record<DriveMedia, number>> = { nvme: 3, ssd: 2, hdd: 1 };

/**
 * With a cache, at least 2 cache drives per server: a failed cache drive leaves the capacity
 * drives bound to it unhealthy until rebinding and repair finish, "hence ≥2 cache drives per
 * server" (FACTS 1.7 "Cache-drive failure").
 */
export const MIN_CACHE_DRIVES = 2;

/**
 * At least 2 capacity drives per server. Choice derived from FACTS 1.10 "Reserve": one capacity
 * drive per server is left unallocated, so a single drive would leave no usable capacity.
 */
export const MIN_CAPACITY_DRIVES = 2;

/** Drive bays per server (cache + capacity). Choice: 24 bays of a 2U chassis; FACTS 6.1 gives none. */
export const MAX_DRIVE_BAYS = 24;

/** Drive size bounds in GB (decimal, as sold). Choice: sanity bounds; FACTS 1.8 shows GB vs GiB. */
export const MIN_DRIVE_SIZE_GB = 100;
export const MAX_DRIVE_SIZE_GB = 100_000;

/**
 * Default capacity drives: 8 x 4 TB HDD. Together with DEFAULT_CACHE_DRIVES this is the hybrid
 * tier "NVMe cache + HDD" of FACTS 1.10 "Tiers". Choice of counts and sizes: FACTS.md has no
 * hardware catalogue.
 */
export const DEFAULT_CAPACITY_DRIVES = { count: 8, media: 'hdd', sizeGB: 4_000 } as const;

/**
 * Default cache when the capacity drives are HDD: 2 x 1.6 TB NVMe, bound 1:4 (a whole-number
 * ratio, which FACTS 1.7 "Binding" says spreads more evenly). Counts and sizes are a choice.
 * When the capacity drives are flash and no cache is given, the default is no cache (count 0):
 * the single-tier all-flash option of FACTS 1.10 "Tiers". With count 0, `media` and `sizeGB` are
 * kept only so every scenario has the same shape; they describe no drive.
 */
export const DEFAULT_CACHE_DRIVES = { count: 2, media: 'nvme', sizeGB: 1_600 } as const;

/** The two heartbeat profiles (FACTS §7 and 9.17). */
export type HeartbeatProfile = 'ws2016' | 'ws2012';

/**
 * Same-subnet heartbeat settings per profile. WS2016+ is 1 s x 10 (SECONDARY source), WS2012 is
 * 1000 ms x 5 (CONFIRMED): FACTS §7. Every server of a scale unit is on the one infrastructure
 * subnet, so the same-subnet values apply. The default profile is WS2016+ because the hub runs
 * WS2019 (FACTS §7, 9.17).
 */
export const HEARTBEAT_PROFILES: Readonly<
	Record<HeartbeatProfile, { readonly delayMs: number; readonly threshold: number }>
> = {
	ws2016: { delayMs: 1_000, threshold: 10 },
	ws2012: { delayMs: 1_000, threshold: 5 }
};
export const DEFAULT_HEARTBEAT_PROFILE: HeartbeatProfile = 'ws2016';

/**
 * Ranges of SameSubnetDelay (250–2000 ms) and SameSubnetThreshold (3–120) documented for WS2012
 * (FACTS §7, Learn API). Choice: we assume the same ranges on WS2016+, for which FACTS.md gives
 * only the defaults.
 */
export const MIN_HEARTBEAT_DELAY_MS = 250;
export const MAX_HEARTBEAT_DELAY_MS = 2_000;
export const MIN_HEARTBEAT_THRESHOLD = 3;
export const MAX_HEARTBEAT_THRESHOLD = 120;

/** Scripted inputs per scenario. Choice (no FACTS section): ample for lessons, bounds hostile files. */
export const MAX_INPUTS = 10_000;

/** Text limits in characters. Choice (no FACTS section): a name fits a header. */
export const MAX_NAME_CHARS = 120;
export const MAX_DESCRIPTION_CHARS = 2_000;

/** Cache drives of a server after defaults are applied. */
export interface CacheDrives {
	count: number;
	media: 'nvme' | 'ssd';
	sizeGB: number;
}

/**
 * Fills in the cache drives of a server. `given` is what the scenario wrote (each field may be
 * missing); the default depends on the capacity media (see DEFAULT_CACHE_DRIVES).
 */
export function completeCacheDrives(
	given: { count?: number; media?: 'nvme' | 'ssd'; sizeGB?: number } | undefined,
	capacityMedia: DriveMedia
): CacheDrives {
	const media = given?.media ?? DEFAULT_CACHE_DRIVES.media;
	const sizeGB = given?.sizeGB ?? DEFAULT_CACHE_DRIVES.sizeGB;
	if (given?.count !== undefined) return { count: given.count, media, sizeGB };
	// A written cache object without a count asks for a cache; an omitted one follows the tier.
	const count = given !== undefined || capacityMedia === 'hdd' ? DEFAULT_CACHE_DRIVES.count : 0;
	return { count, media, sizeGB };
}

/** Fills in a heartbeat section: explicit values win over the profile's. */
export function completeHeartbeat(given: {
	profile?: HeartbeatProfile;
	delayMs?: number;
	threshold?: number;
}): { profile: HeartbeatProfile; delayMs: number; threshold: number } {
	const profile = given.profile ?? DEFAULT_HEARTBEAT_PROFILE;
	const base = HEARTBEAT_PROFILES[profile];
	return {
		profile,
		delayMs: given.delayMs ?? base.delayMs,
		threshold: given.threshold ?? base.threshold
	};
}

// --- Tenant networking (FACTS §3, §5) -------------------------------------------------------

/**
 * The underlay MTU the HNV fabric requires: L2 MTU >= 1674 bytes including the 14-byte Ethernet
 * header, on switches and hosts (FACTS 3.2 "Fabric MTU"; 1674 = 1514 + 160 encap allowance). It is
 * also the default, so a scenario that says nothing gets a fabric configured as documented.
 */
export const HNV_MIN_UNDERLAY_MTU_BYTES = 1_674;
export const DEFAULT_UNDERLAY_MTU_BYTES = HNV_MIN_UNDERLAY_MTU_BYTES;

/**
 * Underlay MTU bounds a scenario may set, in bytes including the Ethernet header. Choice: values
 * below the HNV requirement are allowed (with a warning, see underlayMtuWarning) so a lesson can
 * show the MTU problem; 1280 is a floor below which no realistic fabric goes, and 9216 is the
 * usual jumbo-frame maximum of data-centre switches (general knowledge, not in FACTS.md).
 */
export const MIN_UNDERLAY_MTU_BYTES = 1_280;
export const MAX_UNDERLAY_MTU_BYTES = 9_216;

/**
 * The one place of the underlay MTU rule: a warning (not an error) when `mtuBytes` is below the
 * HNV requirement, else undefined. The packet arithmetic uses the 50-byte VXLAN overhead, not the
 * 160-byte allowance (FACTS 9.10); VTEPs never fragment, so larger frames are dropped (FACTS 3.1).
 */
export function underlayMtuWarning(path: string, mtuBytes: number): string | undefined {
	if (mtuBytes >= HNV_MIN_UNDERLAY_MTU_BYTES) return undefined;
	const innerMax = mtuBytes - VXLAN_OVERHEAD_BYTES;
	return (
		`${path}: the HNV fabric needs an underlay MTU of at least ${HNV_MIN_UNDERLAY_MTU_BYTES} bytes including the ${ETHERNET_HEADER_BYTES}-byte Ethernet header (FACTS 3.2), got ${mtuBytes}; ` +
		`tenant frames over ${innerMax} bytes (${mtuBytes} minus ${VXLAN_OVERHEAD_BYTES} bytes of VXLAN overhead) are dropped at the sending host, because VTEPs do not fragment (FACTS 3.1)`
	);
}

/**
 * Virtual subnet IDs: 4096 to 2^24 - 2 = 16,777,214, unique per datacenter (FACTS 3.3 "IDs"). In
 * HNV over VXLAN the VSID is the VNI on the wire (FACTS 3.3 "Encapsulation").
 */
export const MIN_VSID = 4_096;
export const MAX_VSID = 16_777_214;

/**
 * Prefix lengths of virtual network address spaces and subnets: /8 to /29. Choice (FACTS.md gives
 * none): a /29 still leaves 5 addresses for VMs after the network address, the default gateway and
 * the broadcast address (see FIRST_VM_HOST_OFFSET); /8 is the largest private range (RFC 1918).
 */
export const MIN_TENANT_PREFIX_LENGTH = 8;
export const MAX_TENANT_PREFIX_LENGTH = 29;

/**
 * The default gateway of a virtual subnet is "the lowest IP of the subnet", on the distributed
 * router (FACTS 3.3 "Default gateway"). We read "lowest IP" as the lowest usable host address,
 * network address + 1 (10.0.1.1 in 10.0.1.0/24): the network address itself names the subnet, and
 * the firewall examples of FACTS 5.2 use the gateway ".1". So a VM's CA starts at network + 2 and
 * ends before the broadcast address. (Azure also reserves .2 and .3; FACTS.md does not say so for
 * HNV, so we do not.)
 */
export const GATEWAY_HOST_OFFSET = 1;
export const FIRST_VM_HOST_OFFSET = 2;

/** Resource names (tenant, virtual network, subnet, VM, ACL rule). Choice: Azure-like, and no "/". */
export const MAX_RESOURCE_NAME_CHARS = 64;

/** Sizes of the tenant sections. Choice (no FACTS section): ample for lessons, bounds hostile files. */
export const MAX_TENANTS = 64;
export const MAX_VIRTUAL_NETWORKS_PER_TENANT = 32;
export const MAX_ADDRESS_SPACES = 16;
export const MAX_SUBNETS_PER_VIRTUAL_NETWORK = 64;
export const MAX_VMS = 4_096;
export const MAX_ACL_RULES = 1_000;

/**
 * A VM without a written MAC gets one from its index in `vms`: 00:1d:d8:b7:1c:00 + index. This is
 * the start of the default MAC address pool of Microsoft's SDN Express deployment scripts, from
 * which the Network Controller gives SDN VMs their MACs (general knowledge, not in FACTS.md; 00-1D-D8
 * is a Microsoft OUI). We do not use Hyper-V's own dynamic MAC prefix 00-15-5D (also general
 * knowledge) because the model already gives that prefix to host NICs (net/example.ts), and
 * generated VM MACs must never collide with them. MAX_VMS keeps every generated MAC in the pool.
 */
export const GENERATED_MAC_BASE = 0x00_1d_d8_b7_1c_00;

/** The generated MAC of the VM at `index` of `vms`, lowercase and colon-separated. */
export function generatedMac(index: number): string {
	const hex = (GENERATED_MAC_BASE + index).toString(16).padStart(12, '0');
	return hex.match(/../g)!.join(':');
}

/**
 * ACL rule priorities, lowest number evaluated first, first match wins (FACTS 5.2 and 9.16).
 * FACTS.md documents no range for SDN ACLs (5.2 "Evaluation order" is UNCONFIRMED); the range is
 * the ACL engine's for the Datacenter Firewall profile (100 to 65000, from a Learn training module,
 * SECONDARY), taken from there so the scenario and the engine can never disagree.
 */
export const MIN_ACL_PRIORITY = ACL_PRIORITY_RANGES['sdn-allow-all'].min;
export const MAX_ACL_PRIORITY = ACL_PRIORITY_RANGES['sdn-allow-all'].max;

/** TCP and UDP ports (16-bit). */
export const MAX_PORT = 65_535;

/**
 * Packets (ICMP, UDP) or data segments (TCP) a `flow.start` sends. The default of 4 is what
 * Windows `ping` sends without `-n` (general knowledge). Bounds: choice, to keep logs small.
 */
export const DEFAULT_FLOW_COUNT = 4;
export const MIN_FLOW_COUNT = 1;
export const MAX_FLOW_COUNT = 1_000;

/**
 * Payload bytes per packet of a `flow.start` when none is written, by protocol. Choices (general
 * knowledge, not FACTS.md): ICMP 32 is the Windows `ping` default (`-l 32`); TCP 1460 is a
 * full-size segment for a 1500-byte IP MTU (1500 - 20 IPv4 - 20 TCP), as in a bulk transfer; UDP
 * 512 is the classic largest DNS message over UDP (RFC 1035), matching the default port 53.
 */
export const DEFAULT_FLOW_SIZE_BYTES = { icmp: 32, tcp: 1_460, udp: 512 } as const;
/** Largest payload: a 9000-byte jumbo frame. Choice; how a guest sends more than its MTU is the model's. */
export const MAX_FLOW_SIZE_BYTES = 9_000;

/** Destination port when none is written: HTTP 80 for TCP, DNS 53 for UDP. Choice (no FACTS section). */
export const DEFAULT_FLOW_PORT = { tcp: 80, udp: 53 } as const;

/** Time between packets of a flow in simulated ms. Default 1 s as Windows `ping`; bounds: choice. */
export const DEFAULT_FLOW_INTERVAL_MS = 1_000;
export const MIN_FLOW_INTERVAL_MS = 1;
export const MAX_FLOW_INTERVAL_MS = 60_000;

/**
 * The scenario-level choices of tenant networking, for the "What is simplified" list
 * (simplifications.ts lists them next to the other modules' entries).
 */
export const TENANT_SCENARIO_SIMPLIFICATIONS: readonly Simplification[] = [
	{
		id: 'tenant.gateway-address',
		title: 'Default gateway is the first usable address',
		detail:
			'FACTS.md says the gateway is the "lowest IP of the subnet"; StackScope takes the first usable address (10.0.1.1 in 10.0.1.0/24), so VMs use .2 up to the last address before broadcast. Azure also reserves .2 and .3; this model does not.',
		source: 'FACTS 3.3 "Default gateway", 5.2 examples'
	},
	{
		id: 'tenant.generated-mac',
		title: 'VM MACs come from a fixed pool by VM order',
		detail: `A VM without a MAC gets ${generatedMac(0)} plus its position in the scenario, from the default SDN Express MAC pool. The real Network Controller allocates from its configured pool.`,
		source: 'not in FACTS.md (general knowledge)'
	},
	{
		id: 'tenant.acl-priority-range',
		title: `ACL priorities ${MIN_ACL_PRIORITY} to ${MAX_ACL_PRIORITY}`,
		detail: `The SDN ACL priority range is not in the product documentation; StackScope accepts ${MIN_ACL_PRIORITY} to ${MAX_ACL_PRIORITY} (the range a Microsoft Learn training module gives), lowest number first, first match wins.`,
		source: 'FACTS 5.2 "Evaluation order" (UNCONFIRMED), 5.3, 9.16'
	}
];

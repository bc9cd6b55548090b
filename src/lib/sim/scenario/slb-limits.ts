/**
 * Limits and defaults of the Software Load Balancer's scenario sections (schema-slb.ts and
 * schema-slb-inputs.ts), each a documented fact with its FACTS section or a labelled choice.
 */
import { BGP_HOLD_MS, BGP_KEEPALIVE_MS } from '../net/slb/bgp';
import { MAX_MUXES } from '../net/slb/validate';

/** The MUX pool has at least one MUX (FACTS 4.1); one SLB Manager supports 8 (MAX_MUXES, net/slb). */
export const MIN_MUXES = 1;
export { MAX_MUXES };
/** MUXes when `slb` names none: Azure Stack Hub runs 2 SLB MUX VMs, AzS-SLB01/02 (FACTS 6.2, CONFIRMED). */
export const DEFAULT_MUXES = 2;

/**
 * The public VIP pool when `slb` names none: 192.0.2.0/24, TEST-NET-1 (RFC 5737), a documentation
 * range. Illustrative only: a real hub uses the public VIP network its operator gave it; /24 is the
 * recommended size (FACTS 6.1).
 */
export const DEFAULT_VIP_POOL = '192.0.2.0/24';
/** The public VIP network is a /26 to a /22 (FACTS 6.1 "Networks"). */
export const MIN_VIP_POOL_LENGTH = 22;
export const MAX_VIP_POOL_LENGTH = 26;
/** The first 31 addresses of the public VIP network are reserved (FACTS 6.1), so VIPs start at +31. */
export const VIP_POOL_RESERVED_ADDRESSES = 31;

/**
 * ASNs are 2-byte: 1 to 65535 (FACTS 4.1 "2-byte ASNs only", 6.1 "16-bit ASN"), the range net/slb
 * validate.ts accepts. The default 64512 is the first private 2-byte ASN (RFC 6996; a choice, as in
 * net/slb/web-lb.fixture.ts). The router's ASN (`peerAsn`) defaults to the MUXes': the SLB peers by
 * internal BGP (FACTS 4.1), so any other value is refused (checks-slb.ts).
 */
export const MIN_ASN = 1;
export const MAX_ASN = 65_535;
export const DEFAULT_SLB_ASN = 64_512;

/**
 * BGP timer bounds in ms (FACTS 9.14: a parameter; the defaults are net/slb bgp.ts's 1 s / 3 s).
 * RFC 4271 (general knowledge, not FACTS): keepalives at most once per second (§10) and a hold time
 * of 0 or at least 3 s (§4.2); 0 (no keepalives) is not offered, since it would hide a failed MUX.
 * The upper bounds, 60 s and 180 s, are common router defaults (choice).
 */
export const MIN_BGP_KEEPALIVE_MS = 1_000;
export const MAX_BGP_KEEPALIVE_MS = 60_000;
export const MIN_BGP_HOLD_MS = 3_000;
export const MAX_BGP_HOLD_MS = 180_000;
/** A hold time left out is this many keepalives (3, the ratio of BGP_HOLD_MS to BGP_KEEPALIVE_MS). */
export const HOLD_KEEPALIVES = BGP_HOLD_MS / BGP_KEEPALIVE_MS;

/**
 * Health probe spacing in ms. Default 5 s: the docs' example IntervalInSeconds (FACTS 4.4; not a
 * stated default). IntervalInSeconds counts whole seconds, so 1 s is the shortest; 5 min: choice.
 */
export const DEFAULT_PROBE_INTERVAL_MS = 5_000;
export const MIN_PROBE_INTERVAL_MS = 1_000;
export const MAX_PROBE_INTERVAL_MS = 300_000;
/**
 * NumberOfProbes (FACTS 4.4: consecutive results that flip a DIP's health). Default 2: a choice
 * (the docs' example uses 11, which takes 55 s to mark a DIP healthy); bounds 1 to 100: choice.
 */
export const DEFAULT_NUMBER_OF_PROBES = 2;
export const MIN_NUMBER_OF_PROBES = 1;
export const MAX_NUMBER_OF_PROBES = 100;
/** Longest HTTP probe path in characters. Choice: a URL path, kept short. */
export const MAX_PROBE_PATH_CHARS = 256;

/** Sizes of the SLB sections. Choice (no FACTS section): ample for lessons, bounds hostile files. */
export const MAX_LOAD_BALANCERS = 64;
export const MAX_POOL_MEMBERS = 256;
export const MAX_LB_RULES = 64;
export const MAX_PROBES = 16;
export const MAX_INBOUND_NAT_RULES = 256;
export const MAX_CLIENTS = 256;

/**
 * Connections one `client.connect` opens, each from the next source port. Default 1 (one request,
 * like one curl); at most 1000 like a flow's packets (choice: keeps logs small).
 */
export const DEFAULT_CONNECTIONS = 1;
export const MIN_CONNECTIONS = 1;
export const MAX_CONNECTIONS = 1_000;
/**
 * Payload bytes of each connection's request when none is written: 512, a small request and the
 * classic largest DNS message over UDP (RFC 1035), so one default serves TCP and UDP (choice).
 */
export const DEFAULT_CONNECTION_SIZE_BYTES = 512;

/**
 * Address blocks that are not unicast host addresses anywhere (RFC 6890, general knowledge, not
 * FACTS.md): neither a VIP pool nor a client may use them.
 */
export const NOT_UNICAST_BLOCKS: readonly (readonly [string, string])[] = [
	['0.0.0.0/8', '"this network"'],
	['127.0.0.0/8', 'loopback'],
	['169.254.0.0/16', 'link-local'],
	['224.0.0.0/4', 'multicast'],
	['240.0.0.0/4', 'reserved']
];
/**
 * Blocks that are not reachable from the internet (RFC 1918 private, RFC 6598 shared): a client is
 * on the internet, so it may not use them. (A VIP pool may: the ASDK's "public" VIP network is
 * private, general knowledge.) The documentation ranges of RFC 5737 are allowed, for examples.
 */
export const NOT_PUBLIC_BLOCKS: readonly (readonly [string, string])[] = [
	['10.0.0.0/8', 'private'],
	['100.64.0.0/10', 'shared address space'],
	['172.16.0.0/12', 'private'],
	['192.168.0.0/16', 'private']
];

/**
 * Scenario format v1, Software Load Balancer (FACTS §4): the `slb`, `loadBalancers` and `clients`
 * sections and the inputs `client.connect`, `mux.fail`, `mux.restore`, `vm.service-stop` and
 * `vm.service-start`.
 *
 * Like the tenant sections (schema-tenants.ts) these are optional with defaults (`slb` absent, the
 * lists empty), so every scenario written before them is still valid and means the same: growth of
 * version 1, no upgrader. `slb`, when present, fills in every field, so `"slb": {}` is a complete
 * SLB with the documented MUX count. Rules that need more than one field (references, the VIP pool,
 * front ends, outbound NAT ports) live in checks-slb.ts; slb-config.ts turns the parsed sections
 * into the plain data of net/slb.
 *
 * Inputs stay flat (every field a string or number) because the kernel's InputEvent is flat.
 */
import * as v from 'valibot';
import { BGP_HOLD_MS, BGP_KEEPALIVE_MS } from '../net/slb/bgp';
import { MAX_MUXES } from '../net/slb/validate';
import {
	containsAddress,
	formatAddress,
	formatPrefix,
	isNetwork,
	lastOf,
	networkOf,
	overlaps,
	parseAddress,
	parsePrefix,
	type Prefix
} from './cidr';
import {
	DEFAULT_FLOW_INTERVAL_MS,
	MAX_FLOW_INTERVAL_MS,
	MAX_FLOW_SIZE_BYTES,
	MAX_PORT,
	MIN_FLOW_INTERVAL_MS
} from './defaults';
import { show } from './messages';
import {
	got,
	inputHints,
	inputTime,
	intIn,
	listOf,
	oneOf,
	strict,
	textWhere
} from './schema-parts';
import { isResourceName, NAME_RULE } from './schema-tenants';

// --- Limits and defaults (each a documented fact with its FACTS section, or a labelled choice) --

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

const blocks = (list: readonly (readonly [string, string])[]) =>
	list.map(([text, what]) => ({ prefix: parsePrefix(text)!, text, what }));
const NOT_UNICAST = blocks(NOT_UNICAST_BLOCKS);
const NOT_PUBLIC = blocks(NOT_PUBLIC_BLOCKS);

// --- Field rules ------------------------------------------------------------------------------

/** Name of a load balancer, rule, probe or client (the tenant resource-name rule). */
const resourceName = v.pipe(
	v.string(got(NAME_RULE)),
	v.check((s: string) => isResourceName(s), got(NAME_RULE))
);

/** A TCP or UDP port 1..65535 (0 is no service port). */
const port = (noun: string) => intIn(1, MAX_PORT, `${noun} is 1 to ${MAX_PORT}`);

const slbProtocol = (what: string) => oneOf(['tcp', 'udp'], `${what} protocol is "tcp" or "udp"`);

const asn = (noun: string) =>
	intIn(MIN_ASN, MAX_ASN, `${noun} is a 2-byte ASN, ${MIN_ASN} to ${MAX_ASN} (FACTS 4.1)`);

export const VIP_POOL_RULE = 'the VIP pool is an IPv4 prefix such as "192.0.2.0/24"';

/** A VIP pool's problem (syntax, /22 to /26, network address, unicast), or undefined. */
function vipPoolProblem(text: string): string | undefined {
	const prefix = parsePrefix(text);
	if (prefix === undefined) return `${VIP_POOL_RULE}, got ${show(text)}`;
	if (prefix.length < MIN_VIP_POOL_LENGTH || prefix.length > MAX_VIP_POOL_LENGTH) {
		return `the VIP pool is a /${MIN_VIP_POOL_LENGTH} to a /${MAX_VIP_POOL_LENGTH} (FACTS 6.1; /24 is recommended), got ${show(text)}`;
	}
	if (!isNetwork(prefix)) {
		return `the VIP pool is a network address, with the host bits zero ("${formatPrefix(prefix)}"), got ${show(text)}`;
	}
	const special = NOT_UNICAST.find((b) => overlaps(b.prefix, prefix));
	if (special !== undefined) {
		return `the VIP pool is unicast address space (it overlaps ${special.text}, ${special.what}), got ${show(text)}`;
	}
	return undefined;
}

export const VIP_RULE = 'a VIP is an IPv4 address such as "192.0.2.40"';

const vipAddress = v.pipe(
	v.string(got(VIP_RULE)),
	v.check((s: string) => parseAddress(s) !== undefined, got(VIP_RULE))
);

export const CLIENT_ADDRESS_RULE =
	'a client is on the internet, so its address is a public IPv4 address such as "198.51.100.7"';

/** Why `text` cannot be a client's address (not IPv4, or in a non-public block), or undefined. */
function clientAddressProblem(text: string): string | undefined {
	const address = parseAddress(text);
	if (address === undefined) return `${CLIENT_ADDRESS_RULE}, got ${show(text)}`;
	const block = [...NOT_UNICAST, ...NOT_PUBLIC].find((b) => containsAddress(b.prefix, address));
	if (block === undefined) return undefined;
	return `${CLIENT_ADDRESS_RULE} (${formatAddress(address)} is ${block.what}: ${block.text}), got ${show(text)}`;
}

/** True for text the schema accepts as a client's address (public unicast IPv4). */
export const isClientAddress = (x: unknown): x is string =>
	typeof x === 'string' && clientAddressProblem(x) === undefined;

export const PROBE_PATH_RULE =
	'a probe path is a URL path such as "/health": a "/" and then no spaces or control characters';
const PROBE_PATH_PATTERN = new RegExp(`^/[\\x21-\\x7e]{0,${MAX_PROBE_PATH_CHARS - 1}}$`);

const probePath = v.pipe(
	v.string(got(PROBE_PATH_RULE)),
	v.check((s: string) => PROBE_PATH_PATTERN.test(s), got(PROBE_PATH_RULE))
);

// --- Sections -------------------------------------------------------------------------------

/**
 * `slb`: the MUX pool and its BGP peering (FACTS 4.1). Every field is optional; parsing fills in
 * all of them (`peerAsn` = `asn`, `holdMs` = HOLD_KEEPALIVES × `keepaliveMs`).
 */
export const slbSchema = v.pipe(
	strict(
		{
			muxes: v.optional(
				intIn(
					MIN_MUXES,
					MAX_MUXES,
					`the MUX pool has ${MIN_MUXES} to ${MAX_MUXES} MUXes (one SLB Manager supports ${MAX_MUXES}, FACTS 4.1)`
				),
				DEFAULT_MUXES
			),
			vipPool: v.optional(textWhere(vipPoolProblem, VIP_POOL_RULE), DEFAULT_VIP_POOL),
			asn: v.optional(asn("the MUXes' AS number"), DEFAULT_SLB_ASN),
			peerAsn: v.optional(asn("the router's AS number")),
			keepaliveMs: v.optional(
				intIn(
					MIN_BGP_KEEPALIVE_MS,
					MAX_BGP_KEEPALIVE_MS,
					`the BGP keepalive interval is ${MIN_BGP_KEEPALIVE_MS} to ${MAX_BGP_KEEPALIVE_MS} ms`
				),
				BGP_KEEPALIVE_MS
			),
			holdMs: v.optional(
				intIn(
					MIN_BGP_HOLD_MS,
					MAX_BGP_HOLD_MS,
					`the BGP hold time is ${MIN_BGP_HOLD_MS} to ${MAX_BGP_HOLD_MS} ms`
				)
			)
		},
		`an object such as {"muxes": ${DEFAULT_MUXES}, "vipPool": "${DEFAULT_VIP_POOL}"}`
	),
	v.transform((s) => ({
		muxes: s.muxes,
		vipPool: s.vipPool,
		asn: s.asn,
		peerAsn: s.peerAsn ?? s.asn,
		keepaliveMs: s.keepaliveMs,
		holdMs: s.holdMs ?? HOLD_KEEPALIVES * s.keepaliveMs
	}))
);

const DISTRIBUTION_RULE =
	'the distribution is "Default" (5-tuple), "SourceIPProtocol" (3-tuple) or "SourceIP" (2-tuple)';

/** A load-balancing rule (FACTS 4.2 "Rule fields", 4.3): VIP:frontendPort → a healthy DIP. */
const lbRuleSchema = strict(
	{
		name: resourceName,
		protocol: slbProtocol("a rule's"),
		frontendPort: port('a front-end port'),
		backendPort: port('a back-end port'),
		distribution: v.optional(
			oneOf(['Default', 'SourceIPProtocol', 'SourceIP'], DISTRIBUTION_RULE),
			'Default'
		),
		probe: resourceName
	},
	'a rule such as {"name": "http", "protocol": "tcp", "frontendPort": 80, "backendPort": 8080, "probe": "http-probe"}',
	{
		name: 'name the rule',
		protocol: '"tcp" or "udp"',
		frontendPort: 'the port on the VIP, 1 to 65535',
		backendPort: 'the port on the DIPs, 1 to 65535',
		probe: "the name of one of the load balancer's probes"
	}
);

/** A health probe (FACTS 4.4): TCP connects to a port; HTTP also asks for `path` (checks-slb.ts). */
const probeSchema = strict(
	{
		name: resourceName,
		protocol: oneOf(['tcp', 'http'], 'a probe\'s protocol is "tcp" or "http"'),
		port: port('a probe port'),
		path: v.optional(probePath),
		intervalMs: v.optional(
			intIn(
				MIN_PROBE_INTERVAL_MS,
				MAX_PROBE_INTERVAL_MS,
				`the probe interval is ${MIN_PROBE_INTERVAL_MS} to ${MAX_PROBE_INTERVAL_MS} ms`
			),
			DEFAULT_PROBE_INTERVAL_MS
		),
		numberOfProbes: v.optional(
			intIn(
				MIN_NUMBER_OF_PROBES,
				MAX_NUMBER_OF_PROBES,
				`numberOfProbes (consecutive results that change a DIP's health) is ${MIN_NUMBER_OF_PROBES} to ${MAX_NUMBER_OF_PROBES}`
			),
			DEFAULT_NUMBER_OF_PROBES
		)
	},
	'a probe such as {"name": "http-probe", "protocol": "http", "port": 8080, "path": "/health"}',
	{
		name: 'name the probe (rules refer to it by name)',
		protocol: '"tcp" or "http"',
		port: 'the DIP port the probe connects to'
	}
);

/** An inbound NAT rule (FACTS 4.5): VIP:frontendPort → one pool VM's backendPort. */
const inboundNatRuleSchema = strict(
	{
		name: resourceName,
		protocol: slbProtocol("an inbound NAT rule's"),
		frontendPort: port('a front-end port'),
		vm: resourceName,
		backendPort: port('a back-end port')
	},
	'an inbound NAT rule such as {"name": "rdp-web1", "protocol": "tcp", "frontendPort": 50001, "vm": "web1", "backendPort": 3389}',
	{
		name: 'name the rule',
		protocol: '"tcp" or "udp"',
		frontendPort: 'the port on the VIP, 1 to 65535',
		vm: 'the name of a VM in the backendPool',
		backendPort: 'the port on the VM, 1 to 65535'
	}
);

/** Outbound NAT (FACTS 4.5): pool VMs reach the outside with the VIP as source. */
const outboundNatSchema = strict(
	{
		protocol: v.optional(
			oneOf(['tcp', 'udp', 'all'], 'the outbound NAT protocol is "tcp", "udp" or "all"'),
			'all'
		)
	},
	'an object such as {"protocol": "all"}'
);

/**
 * A public load balancer (FACTS 4.1, 4.5): a tenant's VIP, its pool of that tenant's VMs (by
 * name, all in one virtual network) and its rules. References are checked in checks-slb.ts.
 */
const loadBalancerSchema = strict(
	{
		name: resourceName,
		tenant: resourceName,
		vip: vipAddress,
		backendPool: listOf(
			resourceName,
			'the back-end pool is a list of VM names such as ["web1", "web2"]',
			MAX_POOL_MEMBERS,
			`a back-end pool has at most ${MAX_POOL_MEMBERS} VMs`
		),
		rules: v.optional(
			listOf(
				lbRuleSchema,
				'rules are a list',
				MAX_LB_RULES,
				`a load balancer has at most ${MAX_LB_RULES} rules`
			),
			[]
		),
		probes: v.optional(
			listOf(
				probeSchema,
				'probes are a list',
				MAX_PROBES,
				`a load balancer has at most ${MAX_PROBES} probes`
			),
			[]
		),
		inboundNatRules: v.optional(
			listOf(
				inboundNatRuleSchema,
				'inbound NAT rules are a list',
				MAX_INBOUND_NAT_RULES,
				`a load balancer has at most ${MAX_INBOUND_NAT_RULES} inbound NAT rules`
			),
			[]
		),
		outboundNat: v.optional(outboundNatSchema)
	},
	'a load balancer such as {"name": "web-lb", "tenant": "Contoso", "vip": "192.0.2.40", "backendPool": ["web1"], ...}',
	{
		name: 'name the load balancer',
		tenant: 'the name of the tenant that owns it',
		vip: `its public VIP, an address of slb.vipPool such as "192.0.2.40"`,
		backendPool: 'a list of VM names, e.g. ["web1", "web2"]'
	}
);

/** `loadBalancers`: public load balancers; they need the `slb` section (checks-slb.ts). */
export const loadBalancersSchema = listOf(
	loadBalancerSchema,
	'load balancers are a list',
	MAX_LOAD_BALANCERS,
	`a scenario has at most ${MAX_LOAD_BALANCERS} load balancers`
);

/** An internet client outside the rack, behind the border router. */
const clientSchema = strict(
	{ name: resourceName, address: textWhere(clientAddressProblem, CLIENT_ADDRESS_RULE) },
	'a client such as {"name": "alice", "address": "198.51.100.7"}',
	{ name: 'name the client', address: 'its public IPv4 address, e.g. "198.51.100.7"' }
);

/** `clients`: internet clients that connect to VIPs (`client.connect`). */
export const clientsSchema = listOf(
	clientSchema,
	'clients are a list',
	MAX_CLIENTS,
	`a scenario has at most ${MAX_CLIENTS} clients`
);

/**
 * The SLB sections, to spread into the scenario object schema (schema.ts) after `acls`: `slb` is
 * absent unless written; the lists default to empty.
 */
export const SLB_SCENARIO_ENTRIES = {
	slb: v.optional(slbSchema),
	loadBalancers: v.optional(loadBalancersSchema, []),
	clients: v.optional(clientsSchema, [])
};

// --- Inputs ---------------------------------------------------------------------------------

const muxIndex = intIn(
	0,
	MAX_MUXES - 1,
	`a MUX index is a whole number from 0 to ${MAX_MUXES - 1} (0 is the first MUX)`
);

/**
 * `client.connect`: an internet client opens `count` connections to VIP:port, one every
 * `intervalMs`, each from the next source port, each carrying a `sizeBytes` request.
 */
export const clientConnectInputSchema = strict(
	{
		t: inputTime,
		type: v.literal('client.connect'),
		client: resourceName,
		vip: vipAddress,
		protocol: slbProtocol("a connection's"),
		port: port('a destination port'),
		count: v.optional(
			intIn(
				MIN_CONNECTIONS,
				MAX_CONNECTIONS,
				`a client opens ${MIN_CONNECTIONS} to ${MAX_CONNECTIONS} connections`
			),
			DEFAULT_CONNECTIONS
		),
		intervalMs: v.optional(
			intIn(
				MIN_FLOW_INTERVAL_MS,
				MAX_FLOW_INTERVAL_MS,
				`the interval between connections is ${MIN_FLOW_INTERVAL_MS} to ${MAX_FLOW_INTERVAL_MS} ms`
			),
			DEFAULT_FLOW_INTERVAL_MS
		),
		sizeBytes: v.optional(
			intIn(0, MAX_FLOW_SIZE_BYTES, `a connection's request is 0 to ${MAX_FLOW_SIZE_BYTES} bytes`),
			DEFAULT_CONNECTION_SIZE_BYTES
		)
	},
	'an input object',
	{
		...inputHints,
		client: 'the name of a client in clients',
		vip: 'the VIP to connect to, e.g. "192.0.2.40"',
		protocol: '"tcp" or "udp"',
		port: 'the port on the VIP, e.g. 80'
	}
);

/**
 * `vm.connect`: a tenant VM opens `count` connections to an internet client's `port` (the client
 * answers on every port). With outbound NAT on the VM's load balancer they leave as the VIP.
 */
export const vmConnectInputSchema = strict(
	{
		t: inputTime,
		type: v.literal('vm.connect'),
		vm: resourceName,
		client: resourceName,
		protocol: slbProtocol("a connection's"),
		port: port('a destination port'),
		count: clientConnectInputSchema.entries.count,
		intervalMs: clientConnectInputSchema.entries.intervalMs,
		sizeBytes: clientConnectInputSchema.entries.sizeBytes
	},
	'an input object',
	{
		...inputHints,
		vm: 'the name of the VM that connects out',
		client: 'the name of a client in clients',
		protocol: '"tcp" or "udp"',
		port: 'the port on the client, e.g. 443'
	}
);

const muxHints = { ...inputHints, mux: 'the index of the MUX (0 is the first)' };

/** `mux.fail`: the MUX stops (no keepalives, no forwarding) until restored (FACTS 4.1, 9.13). */
export const muxFailInputSchema = strict(
	{ t: inputTime, type: v.literal('mux.fail'), mux: muxIndex },
	'an input object',
	muxHints
);

/** `mux.restore`: a failed MUX comes back and its BGP session is re-established. */
export const muxRestoreInputSchema = strict(
	{ t: inputTime, type: v.literal('mux.restore'), mux: muxIndex },
	'an input object',
	muxHints
);

const serviceHints = {
	...inputHints,
	vm: 'the name of the VM',
	port: 'the port its service listens on, e.g. 8080'
};

/**
 * `vm.service-stop`: the VM stops answering on `port` (TCP and UDP): health probes to it fail,
 * so the SLB marks the DIP unhealthy (FACTS 4.4). Every VM answers on every port until this
 * input (a choice: scenarios declare no services). The other way to fail a probe is an ACL that
 * blocks the probe source (`acl.add`).
 */
export const vmServiceStopInputSchema = strict(
	{ t: inputTime, type: v.literal('vm.service-stop'), vm: resourceName, port: port('a port') },
	'an input object',
	serviceHints
);

/** `vm.service-start`: the VM answers on `port` again. */
export const vmServiceStartInputSchema = strict(
	{ t: inputTime, type: v.literal('vm.service-start'), vm: resourceName, port: port('a port') },
	'an input object',
	serviceHints
);

/**
 * `lb.set-distribution`: changes how a load-balancing rule picks a DIP for new connections
 * (FACTS §4.3); connections already open may move too, as the hash changes.
 */
export const lbSetDistributionInputSchema = strict(
	{
		t: inputTime,
		type: v.literal('lb.set-distribution'),
		lb: resourceName,
		rule: resourceName,
		distribution: oneOf(['Default', 'SourceIPProtocol', 'SourceIP'], DISTRIBUTION_RULE)
	},
	'an input object',
	{
		...inputHints,
		lb: 'the name of the load balancer',
		rule: 'the name of its load-balancing rule',
		distribution: '"Default", "SourceIPProtocol" or "SourceIP"'
	}
);

/** The SLB input variants, to spread into INPUT_VARIANTS (schema.ts). */
export const SLB_INPUT_VARIANTS = [
	clientConnectInputSchema,
	muxFailInputSchema,
	muxRestoreInputSchema,
	vmServiceStopInputSchema,
	vmServiceStartInputSchema,
	lbSetDistributionInputSchema,
	vmConnectInputSchema
] as const;

// --- Types ----------------------------------------------------------------------------------

/** The parsed `slb` section: every field filled in. */
export type SlbSpec = v.InferOutput<typeof slbSchema>;
/** A parsed load balancer (rules, probes and inbound NAT rules default to empty lists). */
export type LoadBalancerSpec = v.InferOutput<typeof loadBalancerSchema>;
export type LbRuleSpec = LoadBalancerSpec['rules'][number];
export type ProbeSpec = LoadBalancerSpec['probes'][number];
export type InboundNatRuleSpec = LoadBalancerSpec['inboundNatRules'][number];
export type ClientSpec = v.InferOutput<typeof clientSchema>;

/** The SLB sections of a parsed scenario (`slb` undefined when the scenario has no SLB). */
export type SlbSections = {
	slb?: SlbSpec;
	loadBalancers: LoadBalancerSpec[];
	clients: ClientSpec[];
};

/** A parsed `client.connect` (every default filled in). */
export type ClientConnectInput = v.InferOutput<typeof clientConnectInputSchema>;
/** The parsed SLB inputs. */
export type SlbInput = v.InferOutput<(typeof SLB_INPUT_VARIANTS)[number]>;

// --- Shared with checks-slb.ts ----------------------------------------------------------------

/** A valid VIP pool prefix (as the schema accepts it), else undefined. */
export function vipPoolOf(text: unknown): Prefix | undefined {
	if (typeof text !== 'string' || vipPoolProblem(text) !== undefined) return undefined;
	return parsePrefix(text);
}

/** The first and last address a VIP may have in `pool` (after the reserved addresses). */
export function vipRange(pool: Prefix): { first: number; last: number } {
	return { first: networkOf(pool) + VIP_POOL_RESERVED_ADDRESSES, last: lastOf(pool) };
}

/**
 * Scenario format v1, Software Load Balancer (FACTS §4): the `slb`, `loadBalancers` and `clients`
 * sections (the inputs are in schema-slb-inputs.ts).
 *
 * Like the tenant sections (schema-tenants.ts) these are optional with defaults (`slb` absent, the
 * lists empty), so every scenario written before them is still valid and means the same: growth of
 * version 1, no upgrader. `slb`, when present, fills in every field, so `"slb": {}` is a complete
 * SLB with the documented MUX count. Rules that need more than one field (references, the VIP pool,
 * front ends, outbound NAT ports) live in checks-slb.ts; slb-config.ts turns the parsed sections
 * into the plain data of net/slb.
 */
import * as v from 'valibot';
import { BGP_KEEPALIVE_MS } from '../net/slb/bgp';
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
import { MAX_PORT } from './defaults';
import { show } from './messages';
import { got, intIn, listOf, oneOf, strict, textWhere } from './schema-parts';
import { isResourceName, NAME_RULE } from './schema-tenants';
import {
	DEFAULT_MUXES,
	DEFAULT_NUMBER_OF_PROBES,
	DEFAULT_PROBE_INTERVAL_MS,
	DEFAULT_SLB_ASN,
	DEFAULT_VIP_POOL,
	HOLD_KEEPALIVES,
	MAX_ASN,
	MAX_BGP_HOLD_MS,
	MAX_BGP_KEEPALIVE_MS,
	MAX_CLIENTS,
	MAX_INBOUND_NAT_RULES,
	MAX_LB_RULES,
	MAX_LOAD_BALANCERS,
	MAX_NUMBER_OF_PROBES,
	MAX_POOL_MEMBERS,
	MAX_PROBES,
	MAX_PROBE_INTERVAL_MS,
	MAX_PROBE_PATH_CHARS,
	MAX_VIP_POOL_LENGTH,
	MIN_ASN,
	MIN_BGP_HOLD_MS,
	MIN_BGP_KEEPALIVE_MS,
	MIN_MUXES,
	MIN_NUMBER_OF_PROBES,
	MIN_PROBE_INTERVAL_MS,
	MIN_VIP_POOL_LENGTH,
	NOT_PUBLIC_BLOCKS,
	NOT_UNICAST_BLOCKS,
	VIP_POOL_RESERVED_ADDRESSES
} from './slb-limits';

/** The limits and defaults, for the checks and the model. */
export * from './slb-limits';

const blocks = (list: readonly (readonly [string, string])[]) =>
	list.map(([text, what]) => ({ prefix: parsePrefix(text)!, text, what }));
const NOT_UNICAST = blocks(NOT_UNICAST_BLOCKS);
const NOT_PUBLIC = blocks(NOT_PUBLIC_BLOCKS);

// --- Field rules ------------------------------------------------------------------------------

/** Name of a load balancer, rule, probe or client (the tenant resource-name rule). */
export const resourceName = v.pipe(
	v.string(got(NAME_RULE)),
	v.check((s: string) => isResourceName(s), got(NAME_RULE))
);

/** A TCP or UDP port 1..65535 (0 is no service port). */
export const port = (noun: string) => intIn(1, MAX_PORT, `${noun} is 1 to ${MAX_PORT}`);

export const slbProtocol = (what: string) =>
	oneOf(['tcp', 'udp'], `${what} protocol is "tcp" or "udp"`);

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

export const vipAddress = v.pipe(
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

export const DISTRIBUTION_RULE =
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

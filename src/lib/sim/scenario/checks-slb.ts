/**
 * Cross-field rules of the Software Load Balancer sections (FACTS §4): the `slb` section's BGP
 * peering and VIP pool, load balancers (their tenant, VIP, pool, probes, rules and front ends,
 * outbound NAT ports), clients, and the inputs that name clients, VIPs, MUXes and VMs. Like
 * checks-tenants.ts they read the plain document defensively, and a rule fires only when the
 * fields it needs are individually valid (the schema reports the others).
 *
 * Each rule gives a message at the field's path. The data plane's own validation (net/slb
 * validate.ts) then runs on the converted configuration as the last word: a scenario that passes
 * here always passes slbProblems, and any rule net/slb adds later reaches scenario authors too.
 */
import * as v from 'valibot';
import { BGP_KEEPALIVE_MS } from '../net/slb/bgp';
import {
	SNAT_FIRST_PORT,
	SNAT_MAX_MEMBERS,
	SNAT_PORTS_PER_DIP,
	snatBlock,
	snatCovers,
	snatOwner
} from '../net/slb/snat';
import type { LoadBalancer } from '../net/slb/types';
import { slbProblems } from '../net/slb/validate';
import type { CheckResult } from './checks';
import type { NetworkIndex } from './checks-tenants';
import {
	containsAddress,
	formatAddress,
	formatPrefix,
	isNetwork,
	parseAddress,
	parsePrefix,
	type Prefix
} from './cidr';
import {
	MAX_NODES,
	MAX_PORT,
	MAX_TENANT_PREFIX_LENGTH,
	MIN_TENANT_PREFIX_LENGTH
} from './defaults';
import { show } from './messages';
import { field, isRecord } from './plain';
import {
	DEFAULT_MUXES,
	DEFAULT_SLB_ASN,
	DEFAULT_VIP_POOL,
	isClientAddress,
	MAX_ASN,
	MAX_BGP_HOLD_MS,
	MAX_BGP_KEEPALIVE_MS,
	MAX_MUXES,
	MIN_ASN,
	MIN_BGP_HOLD_MS,
	MIN_BGP_KEEPALIVE_MS,
	MIN_MUXES,
	SLB_SCENARIO_ENTRIES,
	VIP_POOL_RESERVED_ADDRESSES,
	vipPoolOf,
	vipRange
} from './schema-slb';
import { isResourceName, tenantsSchema, vmsSchema } from './schema-tenants';
import { physicalAddresses, slbConfigOf, type SlbConfig } from './slb-config';
import { firstOf, isInt, isListOrNone, list, noSuch, quoted, valid } from './check-helpers';

/** A load balancer as inputs may refer to it. */
interface LbInfo {
	at: string;
	name: string | undefined;
	/** Its front ends, "tcp 80", or undefined when a rule cannot be read. */
	fronts: string[] | undefined;
	/** Names of its load-balancing rules (not inbound NAT rules) that could be read. */
	rules: string[];
}

/** What SLB inputs may refer to. */
export interface SlbIndex {
	/** MUXes in the pool: 0 without an `slb` section, undefined when it cannot be read. */
	muxes: number | undefined;
	/** Load balancers by VIP; `complete` is false when some VIP cannot be read. */
	vips: { complete: boolean; byVip: Map<string, LbInfo> };
	/** Client names; `complete` is false when some name cannot be read. */
	clients: { complete: boolean; names: Set<string> };
}

type SlbProtocolText = 'tcp' | 'udp';
type OutboundProtocol = SlbProtocolText | 'all';
const isSlbProtocol = (x: unknown): x is SlbProtocolText => x === 'tcp' || x === 'udp';
const isOutboundProtocol = (x: unknown): x is OutboundProtocol => isSlbProtocol(x) || x === 'all';

/** The `slb` section as far as it is valid. */
interface SectionInfo {
	present: boolean;
	muxes: number | undefined;
	pool: Prefix | undefined;
	poolText: string;
}

/**
 * Checks `slb`, `loadBalancers` and `clients`, and returns what inputs may refer to. `nodes` is the
 * valid server count or undefined; `network` is what checkTenantNetworking returned.
 */
export function checkSlb(
	doc: Record<string, unknown>,
	nodes: number | undefined,
	network: NetworkIndex,
	result: CheckResult
): SlbIndex {
	const section = checkSection(field(doc, 'slb'), nodes, result);
	const lbs = field(doc, 'loadBalancers');
	const clients = field(doc, 'clients');
	const index: SlbIndex = {
		muxes: section.muxes,
		vips: { complete: isListOrNone(lbs), byVip: new Map() },
		clients: { complete: isListOrNone(clients), names: new Set() }
	};
	const count = list(lbs).length;
	if (count > 0 && !section.present) {
		result.errors.push(
			`loadBalancers: load balancers need the "slb" section, whose MUXes advertise their VIPs (FACTS 4.1), e.g. "slb": {"muxes": ${DEFAULT_MUXES}}, got ${count} load balancer${count === 1 ? '' : 's'} and no "slb"`
		);
	}
	const context: LbContext = {
		doc,
		network,
		section,
		index,
		result,
		lbAt: new Map(),
		vipAt: new Map(),
		outboundAt: new Map()
	};
	list(lbs).forEach((lb, i) => checkLoadBalancer(lb, `loadBalancers[${i}]`, context));
	checkClients(list(clients), doc, section, index, result);
	checkDataPlane(doc, result);
	return index;
}

function checkSection(
	slb: unknown,
	nodes: number | undefined,
	{ errors }: CheckResult
): SectionInfo {
	if (slb === undefined) return { present: false, muxes: 0, pool: undefined, poolText: '' };
	if (!isRecord(slb)) return { present: true, muxes: undefined, pool: undefined, poolText: '' };
	const muxes = valid(
		field(slb, 'muxes'),
		(x): x is number => isInt(x, MIN_MUXES, MAX_MUXES),
		DEFAULT_MUXES
	);
	const written = field(slb, 'vipPool');
	const poolText = typeof written === 'string' ? written : DEFAULT_VIP_POOL;
	const pool = vipPoolOf(written ?? DEFAULT_VIP_POOL);

	const isAsn = (x: unknown): x is number => isInt(x, MIN_ASN, MAX_ASN);
	const asn = valid(field(slb, 'asn'), isAsn, DEFAULT_SLB_ASN);
	const peerAsn = field(slb, 'peerAsn');
	if (asn !== undefined && isAsn(peerAsn) && peerAsn !== asn) {
		errors.push(
			`slb.peerAsn: the MUXes peer with the router by internal BGP (FACTS 4.1), so the router's AS number is the MUXes' (${asn}), got ${peerAsn}`
		);
	}
	const keepaliveMs = valid(
		field(slb, 'keepaliveMs'),
		(x): x is number => isInt(x, MIN_BGP_KEEPALIVE_MS, MAX_BGP_KEEPALIVE_MS),
		BGP_KEEPALIVE_MS
	);
	const holdMs = field(slb, 'holdMs');
	if (keepaliveMs !== undefined && isInt(holdMs, MIN_BGP_HOLD_MS, MAX_BGP_HOLD_MS)) {
		if (holdMs <= keepaliveMs) {
			errors.push(
				`slb.holdMs: the hold time is longer than the keepalive interval (${keepaliveMs} ms), or the session drops between two keepalives, got ${holdMs}`
			);
		}
	}
	if (pool !== undefined) {
		const physical = physicalAddresses(nodes ?? MAX_NODES, muxes ?? MAX_MUXES);
		const hit = physical.find((p) => containsAddress(pool, parseAddress(p.address)!));
		if (hit !== undefined) {
			errors.push(
				`slb.vipPool: the VIP pool holds none of the physical network's addresses, got ${show(poolText)}, which holds ${hit.address} (${hit.what})`
			);
		}
	}
	return { present: true, muxes, pool, poolText };
}

interface LbContext {
	doc: Record<string, unknown>;
	network: NetworkIndex;
	section: SectionInfo;
	index: SlbIndex;
	result: CheckResult;
	/** Load balancer name -> path of the first with it. */
	lbAt: Map<string, string>;
	/** VIP -> path of the first load balancer with it. */
	vipAt: Map<string, string>;
	/** VM -> path of its pool entry in the first load balancer with outbound NAT. */
	outboundAt: Map<string, string>;
}

/** A load balancer's pool as far as it is valid. */
interface PoolInfo {
	/** The valid names in order (duplicates included). */
	names: string[];
	/** False when the list or an entry cannot be read. */
	complete: boolean;
}

function checkLoadBalancer(lb: unknown, at: string, context: LbContext): void {
	const { network, index, result } = context;
	const { errors } = result;
	const name = field(lb, 'name');
	if (isResourceName(name)) {
		firstOf(context.lbAt, name, at, '.name', 'load balancer names are unique', errors);
	}
	const tenant = field(lb, 'tenant');
	if (isResourceName(tenant) && network.tenants.complete && !network.tenants.byName.has(tenant)) {
		errors.push(
			`${at}.tenant: ${noSuch('tenant', tenant, 'in tenants', network.tenants.byName.keys())}`
		);
	}
	const vip = checkVip(lb, at, context);

	const known = isResourceName(tenant) && network.tenants.byName.has(tenant);
	const pool = checkPool(lb, at, known ? tenant : undefined, context);
	const outbound = field(lb, 'outboundNat');
	const outboundProtocol = isRecord(outbound)
		? valid(field(outbound, 'protocol'), isOutboundProtocol, 'all')
		: undefined;
	if (outboundProtocol !== undefined) checkOutboundPool(lb, at, pool, context);

	const probeNames = checkProbes(field(lb, 'probes'), at, errors);
	const ruleAt = new Map<string, string>();
	const frontAt = new Map<string, string>();
	const fronts: string[] = [];
	let frontsComplete =
		isListOrNone(field(lb, 'rules')) && isListOrNone(field(lb, 'inboundNatRules'));
	const snat = { pool, protocol: outboundProtocol };
	const rule = (entry: unknown, rAt: string) => {
		const ruleName = field(entry, 'name');
		if (isResourceName(ruleName)) {
			const what = 'rule names are unique within a load balancer (rules and inbound NAT rules)';
			firstOf(ruleAt, ruleName, rAt, '.name', what, errors);
		}
		const front = checkFront(entry, rAt, frontAt, snat, errors);
		if (front === undefined) frontsComplete = false;
		else fronts.push(front);
	};
	const ruleNames: string[] = [];
	list(field(lb, 'rules')).forEach((entry, r) => {
		const rAt = `${at}.rules[${r}]`;
		rule(entry, rAt);
		const ruleName = field(entry, 'name');
		if (isResourceName(ruleName)) ruleNames.push(ruleName);
		const probe = field(entry, 'probe');
		if (isResourceName(probe) && probeNames !== undefined && !probeNames.has(probe)) {
			errors.push(`${rAt}.probe: ${noSuch('probe', probe, `in ${at}.probes`, probeNames)}`);
		}
	});
	list(field(lb, 'inboundNatRules')).forEach((entry, r) => {
		const rAt = `${at}.inboundNatRules[${r}]`;
		rule(entry, rAt);
		const vm = field(entry, 'vm');
		if (isResourceName(vm) && pool.complete && !pool.names.includes(vm)) {
			const where = `in ${at}.backendPool`;
			errors.push(`${rAt}.vm: ${noSuch('VM', vm, where, new Set(pool.names))}`);
		}
	});

	if (vip === undefined) index.vips.complete = false;
	else if (!index.vips.byVip.has(vip)) {
		index.vips.byVip.set(vip, {
			at,
			name: isResourceName(name) ? name : undefined,
			fronts: frontsComplete ? fronts : undefined,
			rules: ruleNames
		});
	}
}

/** Checks the VIP against the pool and the other load balancers; returns it if readable. */
function checkVip(lb: unknown, at: string, context: LbContext): string | undefined {
	const { section, result } = context;
	const text = field(lb, 'vip');
	const address = parseAddress(text);
	if (address === undefined) return undefined;
	const vip = formatAddress(address);
	if (section.pool !== undefined) {
		const { first, last } = vipRange(section.pool);
		if (address < first || address > last) {
			const reason = containsAddress(section.pool, address)
				? ` (${vip} is one of the reserved addresses)`
				: ' (outside the pool)';
			result.errors.push(
				`${at}.vip: a VIP is an address of slb.vipPool (${formatPrefix(section.pool)}) after its first ${VIP_POOL_RESERVED_ADDRESSES}, which are reserved (FACTS 6.1), so from ${formatAddress(first)} to ${formatAddress(last)}${reason}, got ${show(text)}`
			);
		}
	}
	const what =
		'each load balancer has its own VIP (a MUX finds the load balancer by the VIP a packet is for)';
	firstOf(context.vipAt, vip, at, '.vip', what, result.errors);
	return vip;
}

/** Checks the pool's VMs: known, unique, of the load balancer's tenant, in one virtual network. */
function checkPool(
	lb: unknown,
	at: string,
	tenant: string | undefined,
	{ doc, network, result }: LbContext
): PoolInfo {
	const { errors, warnings } = result;
	const written = field(lb, 'backendPool');
	const pool: PoolInfo = { names: [], complete: Array.isArray(written) };
	if (Array.isArray(written) && written.length === 0) {
		warnings.push(
			`${at}.backendPool: a load balancer without VMs drops every connection to its rules (there is no DIP to send it to), got an empty list`
		);
	}
	const vms = list(field(doc, 'vms'));
	const memberAt = new Map<string, string>();
	let firstVnet: { vnet: string; at: string; vm: string } | undefined;
	list(written).forEach((vm, j) => {
		const mAt = `${at}.backendPool[${j}]`;
		if (!isResourceName(vm)) {
			pool.complete = false;
			return;
		}
		pool.names.push(vm);
		const what = 'a VM is in a back-end pool once';
		if (!firstOf(memberAt, vm, mAt, '', what, errors)) return;
		const vmIndex = network.vms.byName.get(vm);
		if (vmIndex === undefined) {
			if (network.vms.complete) {
				errors.push(`${mAt}: ${noSuch('VM', vm, 'in vms', network.vms.byName.keys())}`);
			}
			return;
		}
		const vmTenant = field(vms[vmIndex], 'tenant');
		const vnet = field(vms[vmIndex], 'virtualNetwork');
		if (tenant === undefined || !isResourceName(vmTenant)) return;
		if (vmTenant !== tenant) {
			errors.push(
				`${mAt}: a back-end pool holds VMs of the load balancer's tenant ("${tenant}"), got ${show(vm)} of tenant "${vmTenant}"`
			);
			return;
		}
		if (!isResourceName(vnet)) return;
		if (firstVnet === undefined) firstVnet = { vnet, at: mAt, vm };
		else if (vnet !== firstVnet.vnet) {
			errors.push(
				`${mAt}: a back-end pool's VMs are in one virtual network ("${tenant}/${firstVnet.vnet}", as "${firstVnet.vm}" at ${firstVnet.at}), got ${show(vm)} in "${tenant}/${vnet}"`
			);
		}
	});
	return pool;
}

/** Outbound NAT: room for the pool's port blocks, and one outbound NAT per VM. */
function checkOutboundPool(lb: unknown, at: string, pool: PoolInfo, context: LbContext): void {
	const { errors } = context.result;
	if (pool.names.length > SNAT_MAX_MEMBERS) {
		errors.push(
			`${at}.outboundNat: outbound NAT gives each pool VM ${SNAT_PORTS_PER_DIP} of the VIP's ports from ${SNAT_FIRST_PORT}, enough for ${SNAT_MAX_MEMBERS} VMs, got a pool of ${pool.names.length}`
		);
	}
	const seen = new Set<string>();
	list(field(lb, 'backendPool')).forEach((vm, j) => {
		if (!isResourceName(vm) || seen.has(vm)) return;
		seen.add(vm);
		const what =
			'a VM is in the pool of at most one load balancer with outbound NAT (its outgoing connections leave from one VIP)';
		firstOf(context.outboundAt, vm, `${at}.backendPool[${j}]`, '', what, errors);
	});
}

/**
 * Probe names (unique) and paths (HTTP has one, TCP none). Returns the names, or undefined when
 * some cannot be read (then a rule's probe that matches none is not reported).
 */
function checkProbes(probes: unknown, at: string, errors: string[]): Set<string> | undefined {
	const probeAt = new Map<string, string>();
	let complete = isListOrNone(probes);
	list(probes).forEach((probe, k) => {
		const pAt = `${at}.probes[${k}]`;
		const name = field(probe, 'name');
		if (isResourceName(name)) {
			const what = 'probe names are unique within a load balancer';
			firstOf(probeAt, name, pAt, '.name', what, errors);
		} else complete = false;
		const protocol = field(probe, 'protocol');
		const path = field(probe, 'path');
		if (protocol === 'http' && path === undefined && isRecord(probe)) {
			errors.push(
				`${pAt}.path: an "http" probe asks for a URL path such as "/health" (FACTS 4.4), got nothing`
			);
		}
		if (protocol === 'tcp' && path !== undefined) {
			errors.push(
				`${pAt}.path: only an "http" probe has a path (a "tcp" probe only opens a connection), got ${show(path)}`
			);
		}
	});
	return complete ? new Set(probeAt.keys()) : undefined;
}

/**
 * A rule's front end (protocol and port on the VIP): unique in the load balancer and outside the
 * outbound NAT ports. Returns "tcp 80", or undefined if unreadable.
 */
function checkFront(
	rule: unknown,
	at: string,
	frontAt: Map<string, string>,
	snat: { pool: PoolInfo; protocol: OutboundProtocol | undefined },
	errors: string[]
): string | undefined {
	const protocol = field(rule, 'protocol');
	const port = field(rule, 'frontendPort');
	if (!isSlbProtocol(protocol) || !isInt(port, 1, MAX_PORT)) return undefined;
	const front = `${protocol} ${port}`;
	const what = 'a front end (protocol and port on the VIP) belongs to one rule';
	firstOf(frontAt, front, at, '.frontendPort', what, errors, front);
	if (snat.protocol !== undefined && snat.pool.complete) {
		const problem = snatProblem(snat.pool.names, snat.protocol, protocol, port);
		if (problem !== undefined) errors.push(`${at}.frontendPort: ${problem}`);
	}
	return front;
}

/**
 * A load balancer with only what snat.ts reads (the pool's VM names in order, outbound NAT), so
 * the port plan is net/slb's own and not re-derived here.
 */
function snatShape(pool: readonly string[], protocol: OutboundProtocol): LoadBalancer {
	const backend = pool.map((vm) => ({ vm, dip: '', host: 0, mac: '', vsid: 0, subnetPrefix: '' }));
	const empty = { rules: [], probes: [], inboundNatRules: [] };
	return { name: '', tenant: '', vip: '', backend, ...empty, outboundNat: { protocol } };
}

/** Why a front end collides with the outbound NAT ports of the pool, or undefined. */
function snatProblem(
	pool: readonly string[],
	outbound: OutboundProtocol,
	protocol: SlbProtocolText,
	port: number
): string | undefined {
	const shape = snatShape(pool, outbound);
	if (!snatCovers(shape, protocol)) return undefined;
	const owner = snatOwner(shape, port);
	if (owner === undefined) return undefined;
	const block = snatBlock(shape, owner.vm)!;
	const lastVm = pool[Math.min(pool.length, SNAT_MAX_MEMBERS) - 1];
	const last = snatBlock(shape, lastVm)!.last;
	return `with outbound NAT ("${outbound}"), the VIP's ${protocol} ports ${SNAT_FIRST_PORT} to ${last} are the pool's source ports (${SNAT_PORTS_PER_DIP} per VM; ${block.first} to ${block.last} are "${owner.vm}"'s), so a front end uses another port, got ${port}`;
}

/** The address spaces of every virtual network, as far as they are valid. */
function tenantSpaces(doc: Record<string, unknown>): { name: string; prefix: Prefix }[] {
	const spaces: { name: string; prefix: Prefix }[] = [];
	for (const tenant of list(field(doc, 'tenants'))) {
		for (const vnet of list(field(tenant, 'virtualNetworks'))) {
			for (const text of list(field(vnet, 'addressSpace'))) {
				const prefix = parsePrefix(text);
				if (prefix === undefined || !isNetwork(prefix)) continue;
				if (prefix.length < MIN_TENANT_PREFIX_LENGTH || prefix.length > MAX_TENANT_PREFIX_LENGTH) {
					continue;
				}
				const name = `${String(field(tenant, 'name'))}/${String(field(vnet, 'name'))}`;
				spaces.push({ name, prefix });
			}
		}
	}
	return spaces;
}

function checkClients(
	clients: unknown[],
	doc: Record<string, unknown>,
	section: SectionInfo,
	index: SlbIndex,
	{ errors }: CheckResult
): void {
	const nameAt = new Map<string, string>();
	const addressAt = new Map<string, string>();
	const spaces = clients.length > 0 ? tenantSpaces(doc) : [];
	clients.forEach((client, c) => {
		const at = `clients[${c}]`;
		const name = field(client, 'name');
		if (isResourceName(name)) {
			firstOf(nameAt, name, at, '.name', 'client names are unique', errors);
			index.clients.names.add(name);
		} else index.clients.complete = false;
		const text = field(client, 'address');
		if (!isClientAddress(text)) return;
		const address = parseAddress(text)!;
		const outside = 'a client is outside the datacenter, so its address';
		if (section.pool !== undefined && containsAddress(section.pool, address)) {
			errors.push(
				`${at}.address: ${outside} is not in slb.vipPool (${formatPrefix(section.pool)}), got ${show(text)}`
			);
		}
		const space = spaces.find((s) => containsAddress(s.prefix, address));
		if (space !== undefined) {
			errors.push(
				`${at}.address: ${outside} is in no tenant's address space, got ${show(text)}, which is in "${space.name}" (${formatPrefix(space.prefix)})`
			);
		}
		firstOf(addressAt, text, at, '.address', 'client addresses are unique', errors);
	});
}

/** What net/slb needs of a scenario, parsed with the same schemas as the scenario itself. */
const slbSourceSchema = v.looseObject({
	tenants: v.optional(tenantsSchema, []),
	vms: v.optional(vmsSchema, []),
	...SLB_SCENARIO_ENTRIES
});

/** net/slb's own problems with a configuration, each as a scenario message. */
export function slbConfigMessages(config: SlbConfig): string[] {
	return slbProblems(config.loadBalancers, config.muxes, config.router).map(
		(problem) => `slb: the SLB data plane refuses this configuration: ${problem}`
	);
}

/**
 * The last word: when nothing else is wrong, the configuration goes through net/slb's validation.
 * (Only then: the conversion needs every reference resolved.)
 */
function checkDataPlane(doc: Record<string, unknown>, { errors }: CheckResult): void {
	if (errors.length > 0 || field(doc, 'slb') === undefined) return;
	const parsed = v.safeParse(slbSourceSchema, doc);
	if (!parsed.success) return;
	const config = slbConfigOf(parsed.output);
	if (config !== undefined) errors.push(...slbConfigMessages(config));
}

/**
 * Rules of one SLB input (`client.connect`, `mux.fail`, `mux.restore`, `vm.service-stop`,
 * `vm.service-start`) at path `at`; other input types are left alone.
 */
export function checkSlbInput(
	input: unknown,
	at: string,
	network: NetworkIndex,
	index: SlbIndex,
	{ errors, warnings }: CheckResult
): void {
	switch (field(input, 'type')) {
		case 'client.connect': {
			const client = field(input, 'client');
			if (isResourceName(client) && index.clients.complete && !index.clients.names.has(client)) {
				errors.push(`${at}.client: ${noSuch('client', client, 'in clients', index.clients.names)}`);
			}
			const text = field(input, 'vip');
			const address = parseAddress(text);
			if (address === undefined || !index.vips.complete) return;
			const lb = index.vips.byVip.get(formatAddress(address));
			if (lb === undefined) {
				const vips = [...index.vips.byVip.keys()];
				const known = vips.length === 0 ? 'there are none' : `VIPs: ${quoted(vips)}`;
				errors.push(
					`${at}.vip: no load balancer in loadBalancers has the VIP ${show(text)} (${known})`
				);
				return;
			}
			const protocol = field(input, 'protocol');
			const port = field(input, 'port');
			if (lb.fronts === undefined || !isSlbProtocol(protocol) || !isInt(port, 1, MAX_PORT)) return;
			if (lb.fronts.includes(`${protocol} ${port}`)) return;
			const has = lb.fronts.length === 0 ? 'it has no rules' : `it has ${lb.fronts.join(', ')}`;
			const which = lb.name === undefined ? lb.at : `"${lb.name}"`;
			warnings.push(
				`${at}.port: load balancer ${which} has no rule for ${protocol} ${port} on ${show(text)} (${has}), so the MUX drops these connections`
			);
			return;
		}
		case 'mux.fail':
		case 'mux.restore': {
			const mux = field(input, 'mux');
			if (!isInt(mux, 0, MAX_MUXES - 1) || index.muxes === undefined) return;
			if (index.muxes === 0) {
				errors.push(`${at}.mux: no MUX ${mux}: the scenario has no "slb" section, so no MUXes`);
			} else if (mux >= index.muxes) {
				const range = index.muxes === 1 ? 'the only MUX is 0' : `MUXes are 0 to ${index.muxes - 1}`;
				errors.push(`${at}.mux: no MUX ${mux} in a ${index.muxes}-MUX pool (${range})`);
			}
			return;
		}
		case 'vm.connect': {
			const vm = field(input, 'vm');
			if (isResourceName(vm) && network.vms.complete && !network.vms.byName.has(vm)) {
				errors.push(`${at}.vm: ${noSuch('VM', vm, 'in vms', network.vms.byName.keys())}`);
			}
			const client = field(input, 'client');
			if (isResourceName(client) && index.clients.complete && !index.clients.names.has(client)) {
				errors.push(`${at}.client: ${noSuch('client', client, 'in clients', index.clients.names)}`);
			}
			return;
		}
		case 'lb.set-distribution': {
			const name = field(input, 'lb');
			if (!isResourceName(name) || !index.vips.complete) return;
			const lbs = [...index.vips.byVip.values()];
			const lb = lbs.find((l) => l.name === name);
			const names = lbs.flatMap((l) => (l.name === undefined ? [] : [l.name]));
			if (lb === undefined) {
				errors.push(`${at}.lb: ${noSuch('load balancer', name, 'in loadBalancers', names)}`);
				return;
			}
			const ruleName = field(input, 'rule');
			if (isResourceName(ruleName) && !lb.rules.includes(ruleName)) {
				errors.push(
					`${at}.rule: ${noSuch('rule', ruleName, `in load balancer "${name}"`, lb.rules)}`
				);
			}
			return;
		}
		case 'vm.service-stop':
		case 'vm.service-start': {
			const vm = field(input, 'vm');
			if (!isResourceName(vm) || !network.vms.complete || network.vms.byName.has(vm)) return;
			errors.push(`${at}.vm: ${noSuch('VM', vm, 'in vms', network.vms.byName.keys())}`);
			return;
		}
	}
}

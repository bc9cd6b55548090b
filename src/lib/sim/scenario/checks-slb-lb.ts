/**
 * Cross-field rules of one load balancer (FACTS §4), for checks-slb.ts: its tenant, VIP, pool,
 * probes, rules and front ends, and outbound NAT ports; and the types the SLB checks share.
 */
import {
	SNAT_FIRST_PORT,
	SNAT_MAX_MEMBERS,
	SNAT_PORTS_PER_DIP,
	snatBlock,
	snatCovers,
	snatOwner
} from '../net/slb/snat';
import type { LoadBalancer } from '../net/slb/types';
import type { CheckResult } from './checks';
import type { NetworkIndex } from './checks-tenants';
import { containsAddress, formatAddress, formatPrefix, parseAddress, type Prefix } from './cidr';
import { MAX_PORT } from './defaults';
import { show } from './messages';
import { field, isRecord } from './plain';
import { VIP_POOL_RESERVED_ADDRESSES, vipRange } from './schema-slb';
import { isResourceName } from './schema-tenants';
import { firstOf, isInt, isListOrNone, list, noSuch, valid } from './check-helpers';

/** A load balancer as inputs may refer to it. */
export interface LbInfo {
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

export type SlbProtocolText = 'tcp' | 'udp';
export type OutboundProtocol = SlbProtocolText | 'all';
export const isSlbProtocol = (x: unknown): x is SlbProtocolText => x === 'tcp' || x === 'udp';
export const isOutboundProtocol = (x: unknown): x is OutboundProtocol =>
	isSlbProtocol(x) || x === 'all';

/** The `slb` section as far as it is valid. */
export interface SectionInfo {
	present: boolean;
	muxes: number | undefined;
	pool: Prefix | undefined;
	poolText: string;
}

export interface LbContext {
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

export function checkLoadBalancer(lb: unknown, at: string, context: LbContext): void {
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

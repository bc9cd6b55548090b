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
	vipPoolOf
} from './schema-slb';
import { isResourceName, tenantsSchema, vmsSchema } from './schema-tenants';
import { physicalAddresses, slbConfigOf, type SlbConfig } from './slb-config';
import { firstOf, isInt, isListOrNone, list, noSuch, quoted, valid } from './check-helpers';

import {
	checkLoadBalancer,
	isSlbProtocol,
	type LbContext,
	type SectionInfo,
	type SlbIndex
} from './checks-slb-lb';

export type { SlbIndex };

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

/**
 * Cross-field rules of tenant networking (FACTS §3, §5): unique names where they are referenced,
 * address spaces and subnets that fit together, datacenter-unique VSIDs, VM placement and
 * addresses, ACL attachment points, and inputs that name VMs and rules. Like checks.ts, they read
 * the plain document defensively and a rule fires only when the fields it needs are individually
 * valid (the schema reports the others).
 *
 * What is deliberately allowed: two tenants, or two virtual networks, using the same CA ranges and
 * even the same CAs (FACTS 3.3: they stay isolated by VSID and RDID). CAs are unique only within a
 * virtual network.
 */
import type { CheckResult } from './checks';
import {
	containsAddress,
	containsPrefix,
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
	FIRST_VM_HOST_OFFSET,
	GATEWAY_HOST_OFFSET,
	generatedMac,
	MAX_ACL_PRIORITY,
	MAX_NODES,
	MAX_PORT,
	MAX_TENANT_PREFIX_LENGTH,
	MAX_UNDERLAY_MTU_BYTES,
	MAX_VSID,
	MIN_ACL_PRIORITY,
	MIN_TENANT_PREFIX_LENGTH,
	MIN_UNDERLAY_MTU_BYTES,
	MIN_VSID,
	underlayMtuWarning
} from './defaults';
import { show } from './messages';
import { field, isRecord } from './plain';
import { isResourceName, parseSubnetRef } from './schema-tenants';
import { firstOf, isInt, isListOrNone, list, noSuch } from './check-helpers';

/** A subnet as far as it is valid: its path ("tenant/vnet/subnet") and its prefix if valid. */
interface SubnetInfo {
	path: string;
	prefix: Prefix | undefined;
}

/**
 * Names by their first occurrence. `complete` is false when some entry's name cannot be read (the
 * list is not a list, or an entry has an invalid name): then a reference that matches no known
 * name is not reported, as it may mean the unreadable entry (the schema reports that one).
 */
interface Names<T> {
	complete: boolean;
	byName: Map<string, T>;
}

const names = <T>(complete: boolean): Names<T> => ({ complete, byName: new Map() });

/** A virtual network: its subnets. */
type VirtualNetworkInfo = Names<SubnetInfo>;

/** What other sections may refer to: tenants (with virtual networks and subnets), VMs, ACL rules. */
export interface NetworkIndex {
	tenants: Names<Names<VirtualNetworkInfo>>;
	vms: Names<number>;
	/** ACL rule names in `acls` and `acl.add` inputs; undefined when they cannot all be known. */
	aclNames: Set<string> | undefined;
}

/** A valid tenant prefix (syntax, length, network address), else undefined. */
function tenantPrefix(text: unknown): Prefix | undefined {
	const prefix = parsePrefix(text);
	if (prefix === undefined || !isNetwork(prefix)) return undefined;
	if (prefix.length < MIN_TENANT_PREFIX_LENGTH || prefix.length > MAX_TENANT_PREFIX_LENGTH) {
		return undefined;
	}
	return prefix;
}

/**
 * Checks `network`, `tenants`, `vms` and `acls`, and returns what inputs may refer to. `nodes` is
 * the valid server count, or undefined if topology.nodes is invalid.
 */
export function checkTenantNetworking(
	doc: Record<string, unknown>,
	nodes: number | undefined,
	result: CheckResult
): NetworkIndex {
	checkNetwork(doc, result);
	const tenants = field(doc, 'tenants');
	const vms = field(doc, 'vms');
	const index: NetworkIndex = {
		tenants: names(isListOrNone(tenants)),
		vms: names(isListOrNone(vms)),
		aclNames: aclNamesOf(doc)
	};
	checkTenants(list(tenants), index, result);
	checkVms(list(vms), index, nodes, result);
	checkAcls(list(field(doc, 'acls')), index, result);
	return index;
}

function checkNetwork(doc: Record<string, unknown>, { warnings }: CheckResult): void {
	const mtu = field(field(doc, 'network'), 'underlayMtuBytes');
	if (!isInt(mtu, MIN_UNDERLAY_MTU_BYTES, MAX_UNDERLAY_MTU_BYTES)) return;
	const warning = underlayMtuWarning('network.underlayMtuBytes', mtu);
	if (warning !== undefined) warnings.push(warning);
}

/** A missing optional list counts as an empty one; anything else but a list is unreadable. */

/**
 * Names of the rules in `acls` and in `acl.add` inputs (an `acl.remove` may name any of them), or
 * undefined if one of them cannot be read.
 */
function aclNamesOf(doc: Record<string, unknown>): Set<string> | undefined {
	const acls = field(doc, 'acls');
	const inputs = field(doc, 'inputs');
	if (!isListOrNone(acls) || !isListOrNone(inputs)) return undefined;
	const found = new Set<string>();
	const adds = list(inputs).filter((input) => field(input, 'type') === 'acl.add');
	for (const rule of [...list(acls), ...adds]) {
		const name = field(rule, 'name');
		if (!isResourceName(name)) return undefined;
		found.add(name);
	}
	return found;
}

/** firstOf for an entry's `name` field. */
const firstOfName = (
	seen: Map<string, string>,
	name: string,
	at: string,
	what: string,
	errors: string[]
): boolean => firstOf(seen, name, at, '.name', what, errors);

function checkTenants(tenants: unknown[], index: NetworkIndex, { errors }: CheckResult): void {
	const tenantAt = new Map<string, string>();
	/** VSID -> path of the subnet that has it: unique per datacenter (FACTS 3.3 "IDs"). */
	const vsidAt = new Map<number, string>();
	tenants.forEach((tenant, ti) => {
		const at = `tenants[${ti}]`;
		const tenantName = field(tenant, 'name');
		const vnetList = field(tenant, 'virtualNetworks');
		const vnets = names<VirtualNetworkInfo>(Array.isArray(vnetList));
		if (isResourceName(tenantName)) {
			const first = firstOfName(tenantAt, tenantName, at, 'tenant names are unique', errors);
			if (first) index.tenants.byName.set(tenantName, vnets);
		} else index.tenants.complete = false;
		const vnetAt = new Map<string, string>();
		list(vnetList).forEach((vnet, vi) => {
			const vAt = `${at}.virtualNetworks[${vi}]`;
			const vnetName = field(vnet, 'name');
			const info: VirtualNetworkInfo = names(Array.isArray(field(vnet, 'subnets')));
			if (isResourceName(vnetName)) {
				const what = 'virtual network names are unique within a tenant';
				if (firstOfName(vnetAt, vnetName, vAt, what, errors)) vnets.byName.set(vnetName, info);
			} else vnets.complete = false;
			const path = `${isResourceName(tenantName) ? tenantName : '?'}/${isResourceName(vnetName) ? vnetName : '?'}`;
			checkVirtualNetwork(vnet, vAt, path, info, vsidAt, errors);
		});
	});
}

function checkVirtualNetwork(
	vnet: unknown,
	at: string,
	path: string,
	info: VirtualNetworkInfo,
	vsidAt: Map<number, string>,
	errors: string[]
): void {
	const spaceTexts = list(field(vnet, 'addressSpace'));
	const spaces: Prefix[] = [];
	spaceTexts.forEach((text, i) => {
		const prefix = tenantPrefix(text);
		if (prefix === undefined) return;
		const other = spaces.findIndex((s) => overlaps(s, prefix));
		if (other >= 0) {
			errors.push(
				`${at}.addressSpace[${i}]: the address spaces of a virtual network do not overlap, got ${show(text)}, which overlaps "${formatPrefix(spaces[other])}"`
			);
		}
		spaces.push(prefix);
	});
	const allSpacesValid = spaceTexts.length > 0 && spaces.length === spaceTexts.length;

	const subnetAt = new Map<string, string>();
	const placed: { prefix: Prefix; at: string }[] = [];
	list(field(vnet, 'subnets')).forEach((subnet, si) => {
		const sAt = `${at}.subnets[${si}]`;
		const name = field(subnet, 'name');
		const text = field(subnet, 'prefix');
		const prefix = tenantPrefix(text);
		if (isResourceName(name)) {
			const what = 'subnet names are unique within a virtual network';
			if (firstOfName(subnetAt, name, sAt, what, errors)) {
				info.byName.set(name, { path: `${path}/${name}`, prefix });
			}
		} else info.complete = false;
		if (prefix !== undefined) {
			if (allSpacesValid && !spaces.some((s) => containsPrefix(s, prefix))) {
				errors.push(
					`${sAt}.prefix: a subnet lies inside an address space of its virtual network (${spaces.map(formatPrefix).join(', ')}), got ${show(text)}`
				);
			}
			const other = placed.find((p) => overlaps(p.prefix, prefix));
			if (other !== undefined) {
				errors.push(
					`${sAt}.prefix: the subnets of a virtual network do not overlap, got ${show(text)}, which overlaps "${formatPrefix(other.prefix)}" (${other.at})`
				);
			}
			placed.push({ prefix, at: sAt });
		}
		const vsid = field(subnet, 'vsid');
		if (isInt(vsid, MIN_VSID, MAX_VSID)) {
			const first = vsidAt.get(vsid);
			if (first !== undefined) {
				errors.push(
					`${sAt}.vsid: a VSID is unique in the datacenter, across all tenants (FACTS 3.3), got ${vsid} again (also ${first})`
				);
			} else vsidAt.set(vsid, sAt);
		}
	});
}

/** The subnet a VM or rule names, or a message saying which part does not exist. */
type Resolved = { ok: true; subnet: SubnetInfo } | { ok: false; field: string; message: string };

function resolveSubnet(
	index: NetworkIndex,
	tenant: string,
	virtualNetwork: string,
	subnet: string
): Resolved | undefined {
	const vnets = index.tenants.byName.get(tenant);
	if (vnets === undefined) {
		if (!index.tenants.complete) return undefined;
		const message = noSuch('tenant', tenant, 'in tenants', index.tenants.byName.keys());
		return { ok: false, field: 'tenant', message };
	}
	const vnet = vnets.byName.get(virtualNetwork);
	if (vnet === undefined) {
		if (!vnets.complete) return undefined;
		const where = `in tenant "${tenant}"`;
		const message = noSuch('virtual network', virtualNetwork, where, vnets.byName.keys());
		return { ok: false, field: 'virtualNetwork', message };
	}
	const found = vnet.byName.get(subnet);
	if (found === undefined) {
		if (!vnet.complete) return undefined;
		const where = `in virtual network "${tenant}/${virtualNetwork}"`;
		const message = noSuch('subnet', subnet, where, vnet.byName.keys());
		return { ok: false, field: 'subnet', message };
	}
	return { ok: true, subnet: found };
}

/**
 * Why `ca` cannot be a VM's address in `prefix`, or undefined. Usable: network + 2 up to
 * broadcast - 1, because network + 1 is the default gateway (GATEWAY_HOST_OFFSET, FACTS 3.3).
 */
function caProblem(ca: number, prefix: Prefix, path: string, text: unknown): string | undefined {
	const network = networkOf(prefix);
	const broadcast = lastOf(prefix);
	const first = network + FIRST_VM_HOST_OFFSET;
	const last = broadcast - 1;
	if (ca >= first && ca <= last) return undefined;
	const rule = `a VM's CA in subnet "${path}" (${formatPrefix(prefix)}) is from ${formatAddress(first)} to ${formatAddress(last)}`;
	let reason = '';
	if (ca === network) reason = ` (${formatAddress(ca)} is the network address)`;
	else if (ca === network + GATEWAY_HOST_OFFSET) {
		reason = ` (${formatAddress(ca)} is the default gateway, on the distributed router: FACTS 3.3)`;
	} else if (ca === broadcast) reason = ` (${formatAddress(ca)} is the broadcast address)`;
	else if (!containsAddress(prefix, ca)) reason = ' (outside the subnet)';
	return `${rule}${reason}, got ${show(text)}`;
}

const MAC_TEXT = /^[0-9a-f]{2}([:-])[0-9a-f]{2}(\1[0-9a-f]{2}){4}$/i;

function checkVms(
	vms: unknown[],
	index: NetworkIndex,
	nodes: number | undefined,
	{ errors }: CheckResult
): void {
	const vmAt = new Map<string, string>();
	/** "<tenant>/<vnet>" -> CA -> the VM that has it (CAs are unique within a virtual network). */
	const caAt = new Map<string, Map<number, string>>();
	const macAt = new Map<string, { at: string; generated: boolean }>();
	vms.forEach((vm, i) => {
		const at = `vms[${i}]`;
		const name = field(vm, 'name');
		if (!isResourceName(name)) index.vms.complete = false;
		else if (firstOfName(vmAt, name, at, 'VM names are unique', errors)) {
			index.vms.byName.set(name, i);
		}
		const host = field(vm, 'host');
		if (typeof host === 'number' && Number.isInteger(host) && host >= 0) {
			const problem = serverProblem(host, nodes);
			if (problem !== undefined) errors.push(`${at}.host: ${problem}`);
		}
		checkVmAddress(vm, at, index, caAt, errors);

		const written = field(vm, 'mac');
		if (written !== undefined && !(typeof written === 'string' && MAC_TEXT.test(written))) return;
		const generated = written === undefined;
		const mac = generated ? generatedMac(i) : written.toLowerCase().replaceAll('-', ':');
		const first = macAt.get(mac);
		if (first === undefined) {
			macAt.set(mac, { at, generated });
			return;
		}
		const also = `also ${first.at}${first.generated ? ', generated from its index' : ''}`;
		errors.push(
			generated
				? `${at}: MAC addresses are unique, and the one generated for this VM (${mac}) is already used (${also}); give one of them another "mac"`
				: `${at}.mac: MAC addresses are unique, got ${show(written)} again (${also})`
		);
	});
}

function checkVmAddress(
	vm: unknown,
	at: string,
	index: NetworkIndex,
	caAt: Map<string, Map<number, string>>,
	errors: string[]
): void {
	const tenant = field(vm, 'tenant');
	const vnet = field(vm, 'virtualNetwork');
	const subnet = field(vm, 'subnet');
	if (!isResourceName(tenant) || !isResourceName(vnet) || !isResourceName(subnet)) return;
	const resolved = resolveSubnet(index, tenant, vnet, subnet);
	if (resolved === undefined) return;
	if (!resolved.ok) {
		errors.push(`${at}.${resolved.field}: ${resolved.message}`);
		if (resolved.field !== 'subnet') return;
	}
	const text = field(vm, 'ca');
	const ca = parseAddress(text);
	if (ca === undefined) return;
	if (resolved.ok && resolved.subnet.prefix !== undefined) {
		const problem = caProblem(ca, resolved.subnet.prefix, resolved.subnet.path, text);
		if (problem !== undefined) errors.push(`${at}.ca: ${problem}`);
	}
	const key = `${tenant}/${vnet}`;
	let cas = caAt.get(key);
	if (cas === undefined) caAt.set(key, (cas = new Map()));
	const first = cas.get(ca);
	if (first !== undefined) {
		errors.push(
			`${at}.ca: CAs are unique within a virtual network, got ${show(text)} again in "${key}" (also ${first})`
		);
	} else cas.set(ca, at);
}

/** Why server `host` does not exist, or undefined (same words as checks.ts uses for inputs). */
export function serverProblem(host: number, nodes: number | undefined): string | undefined {
	if (nodes !== undefined && host >= nodes) {
		return `no server ${host} in a ${nodes}-server scale unit (servers are 0 to ${nodes - 1})`;
	}
	if (nodes === undefined && host >= MAX_NODES) {
		return `no server ${host} in any scale unit (at most ${MAX_NODES} servers, 0 to ${MAX_NODES - 1})`;
	}
	return undefined;
}

function checkAcls(acls: unknown[], index: NetworkIndex, { errors }: CheckResult): void {
	const nameAt = new Map<string, string>();
	/** "<vm:x|subnet:y> <direction> <priority>" -> the rule that has it. */
	const priorityAt = new Map<string, string>();
	acls.forEach((rule, i) => {
		const at = `acls[${i}]`;
		const name = field(rule, 'name');
		if (isResourceName(name)) firstOfName(nameAt, name, at, 'ACL rule names are unique', errors);
		const attachment = checkAclRule(rule, at, index, errors);
		const direction = field(rule, 'direction');
		const priority = field(rule, 'priority');
		if (
			attachment === undefined ||
			(direction !== 'inbound' && direction !== 'outbound') ||
			!isInt(priority, MIN_ACL_PRIORITY, MAX_ACL_PRIORITY)
		) {
			return;
		}
		const key = `${attachment.kind}:${attachment.name} ${direction} ${priority}`;
		const first = priorityAt.get(key);
		if (first !== undefined) {
			errors.push(
				`${at}.priority: priorities are unique per direction on one ${attachment.kind === 'vm' ? 'VM' : 'subnet'}, got ${priority} again for ${direction} rules on "${attachment.name}" (also ${first})`
			);
		} else priorityAt.set(key, at);
	});
}

const PORT_FIELDS = ['sourcePorts', 'destinationPorts'] as const;

/**
 * Rules of one ACL rule (an `acls` entry or an `acl.add` input): attached to exactly one VM or
 * subnet that exists, and no ports on an ICMP rule. Returns the attachment point if valid.
 */
function checkAclRule(
	rule: unknown,
	at: string,
	index: NetworkIndex,
	errors: string[]
): { kind: 'vm' | 'subnet'; name: string } | undefined {
	if (field(rule, 'protocol') === 'icmp') {
		for (const key of PORT_FIELDS) {
			const ports = field(rule, key);
			if (ports !== undefined && ports !== '*') {
				errors.push(
					`${at}.${key}: ports apply to "tcp" and "udp" only, so an "icmp" rule has "*", got ${show(ports)}`
				);
			}
		}
	}
	if (!isRecord(rule)) return undefined;
	const vm = field(rule, 'vm');
	const subnet = field(rule, 'subnet');
	if ((vm === undefined) === (subnet === undefined)) {
		errors.push(
			`${at}: a rule is attached to one VM ("vm": "web1") or one subnet ("subnet": "Contoso/vnet1/app"), got ${vm === undefined ? 'neither' : 'both'}`
		);
		return undefined;
	}
	if (vm !== undefined) {
		if (!isResourceName(vm)) return undefined;
		if (!index.vms.byName.has(vm)) {
			if (index.vms.complete) {
				errors.push(`${at}.vm: ${noSuch('VM', vm, 'in vms', index.vms.byName.keys())}`);
			}
			return undefined;
		}
		return { kind: 'vm', name: vm };
	}
	const ref = parseSubnetRef(subnet);
	if (ref === undefined) return undefined;
	const resolved = resolveSubnet(index, ref.tenant, ref.virtualNetwork, ref.subnet);
	if (resolved === undefined) return undefined;
	if (!resolved.ok) {
		errors.push(`${at}.subnet: ${resolved.message}`);
		return undefined;
	}
	return { kind: 'subnet', name: resolved.subnet.path };
}

/** A VM named by an input field exists (when `vms` is readable). */
function checkVmRef(
	input: unknown,
	key: string,
	at: string,
	index: NetworkIndex,
	errors: string[]
) {
	const name = field(input, key);
	if (!isResourceName(name) || !index.vms.complete || index.vms.byName.has(name)) return;
	errors.push(`${at}.${key}: ${noSuch('VM', name, 'in vms', index.vms.byName.keys())}`);
}

/**
 * Rules of one tenant-networking input (`flow.start`, `acl.add`, `acl.remove`,
 * `network.set-mtu`, `vm.move`) at path `at` in a scale unit of `nodes` servers (undefined when
 * unknown); other input types are left alone.
 */
export function checkTenantInput(
	input: unknown,
	at: string,
	index: NetworkIndex,
	{ errors, warnings }: CheckResult,
	nodes?: number
): void {
	switch (field(input, 'type')) {
		case 'vm.move': {
			checkVmRef(input, 'vm', at, index, errors);
			const host = field(input, 'host');
			if (typeof host === 'number' && Number.isInteger(host) && host >= 0) {
				const problem = serverProblem(host, nodes);
				if (problem !== undefined) errors.push(`${at}.host: ${problem}`);
			}
			return;
		}
		case 'flow.start': {
			checkVmRef(input, 'from', at, index, errors);
			checkVmRef(input, 'to', at, index, errors);
			const from = field(input, 'from');
			if (isResourceName(from) && from === field(input, 'to')) {
				errors.push(`${at}.to: a flow goes to another VM, got ${show(from)} as both from and to`);
			}
			const dstPort = field(input, 'dstPort');
			if (field(input, 'protocol') === 'icmp' && isInt(dstPort, 1, MAX_PORT)) {
				errors.push(
					`${at}.dstPort: ICMP has no ports (dstPort is for "tcp" and "udp"), got ${dstPort}`
				);
			}
			return;
		}
		case 'acl.add':
			checkAclRule(input, at, index, errors);
			return;
		case 'acl.remove': {
			const name = field(input, 'name');
			if (!isResourceName(name) || index.aclNames === undefined || index.aclNames.has(name)) return;
			errors.push(
				`${at}.name: ${noSuch('ACL rule', name, 'in acls or an acl.add input', index.aclNames)}`
			);
			return;
		}
		case 'network.set-mtu': {
			const mtu = field(input, 'underlayMtuBytes');
			if (!isInt(mtu, MIN_UNDERLAY_MTU_BYTES, MAX_UNDERLAY_MTU_BYTES)) return;
			const warning = underlayMtuWarning(`${at}.underlayMtuBytes`, mtu);
			if (warning !== undefined) warnings.push(warning);
			return;
		}
	}
}

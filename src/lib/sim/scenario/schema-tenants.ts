/**
 * Scenario format v1, tenant networking (FACTS §3 VXLAN/HNV, §5 firewall): the `network`,
 * `tenants`, `vms` and `acls` sections and the inputs `flow.start`, `acl.add`, `acl.remove`,
 * `network.set-mtu` and `vm.move`.
 *
 * These sections are optional with defaults (`network` gets the documented MTU, the lists are
 * empty), so every scenario written before them is still valid and means the same: this is growth
 * of version 1, not a new version, and needs no upgrader (see upgrade.ts). Rules that need more
 * than one field (references between sections, overlaps, uniqueness) live in checks-tenants.ts.
 *
 * Inputs stay flat (every field a string or number), because the kernel's InputEvent is flat: so
 * `acl.add` carries the fields of an `acls` entry next to `t` and `type`, not in a nested object.
 */
import * as v from 'valibot';
import { parseAddress, parsePrefix, formatPrefix, isNetwork, type Prefix } from './cidr';
import {
	DEFAULT_FLOW_COUNT,
	DEFAULT_FLOW_INTERVAL_MS,
	DEFAULT_FLOW_PORT,
	DEFAULT_FLOW_SIZE_BYTES,
	DEFAULT_UNDERLAY_MTU_BYTES,
	generatedMac,
	MAX_ACL_PRIORITY,
	MAX_ACL_RULES,
	MAX_ADDRESS_SPACES,
	MAX_FLOW_COUNT,
	MAX_FLOW_INTERVAL_MS,
	MAX_FLOW_SIZE_BYTES,
	MAX_PORT,
	MAX_RESOURCE_NAME_CHARS,
	MAX_SUBNETS_PER_VIRTUAL_NETWORK,
	MAX_TENANT_PREFIX_LENGTH,
	MAX_TENANTS,
	MAX_UNDERLAY_MTU_BYTES,
	MAX_VIRTUAL_NETWORKS_PER_TENANT,
	MAX_VMS,
	MAX_VSID,
	MIN_ACL_PRIORITY,
	MIN_FLOW_COUNT,
	MIN_FLOW_INTERVAL_MS,
	MIN_TENANT_PREFIX_LENGTH,
	MIN_UNDERLAY_MTU_BYTES,
	MIN_VSID
} from './defaults';
import { show } from './messages';
import {
	got,
	inputHints,
	inputTime,
	intIn,
	listOf,
	nodeIndex,
	oneOf,
	strict,
	textWhere
} from './schema-parts';

// --- Field rules (each is also used by checks-tenants.ts, so the words match) -----------------

export const NAME_RULE = `a name is 1 to ${MAX_RESOURCE_NAME_CHARS} letters, digits, ".", "-" or "_", starting with a letter or digit`;
const NAME_PATTERN = new RegExp(`^[A-Za-z0-9][A-Za-z0-9._-]{0,${MAX_RESOURCE_NAME_CHARS - 1}}$`);

/** True for a valid tenant, virtual network, subnet, VM or ACL rule name. */
export const isResourceName = (x: unknown): x is string =>
	typeof x === 'string' && NAME_PATTERN.test(x);

/** Name of a tenant, virtual network, subnet, VM or ACL rule (no "/": subnets are named by path). */
const resourceName = v.pipe(
	v.string(got(NAME_RULE)),
	v.check((s: string) => isResourceName(s), got(NAME_RULE))
);

export const SUBNET_REF_RULE =
	'a subnet is named "<tenant>/<virtual network>/<subnet>", e.g. "Contoso/vnet1/app"';

/** A subnet reference `<tenant>/<virtual network>/<subnet>`, split; undefined if malformed. */
export function parseSubnetRef(
	text: unknown
): { tenant: string; virtualNetwork: string; subnet: string } | undefined {
	if (typeof text !== 'string') return undefined;
	const parts = text.split('/');
	if (parts.length !== 3 || !parts.every(isResourceName)) return undefined;
	return { tenant: parts[0], virtualNetwork: parts[1], subnet: parts[2] };
}

const subnetRef = v.pipe(
	v.string(got(SUBNET_REF_RULE)),
	v.check((s: string) => parseSubnetRef(s) !== undefined, got(SUBNET_REF_RULE))
);

/**
 * What is wrong with prefix text, or undefined: not IPv4 CIDR, a length outside [min, max], or
 * host bits set (then the message names the network address the author probably meant).
 */
function prefixProblem(
	text: string,
	rule: string,
	noun: string,
	min: number,
	max: number
): string | undefined {
	const prefix: Prefix | undefined = parsePrefix(text);
	if (prefix === undefined) return `${rule}, got ${show(text)}`;
	if (prefix.length < min || prefix.length > max) {
		return `${noun} has a length from /${min} to /${max}, got ${show(text)}`;
	}
	if (!isNetwork(prefix)) {
		return `${noun} is a network address, with the host bits zero ("${formatPrefix(prefix)}"), got ${show(text)}`;
	}
	return undefined;
}

/** A tenant prefix (address space or subnet), /8 to /29, written as its network address. */
function tenantPrefix(noun: string) {
	const rule = `${noun} is an IPv4 prefix such as "10.0.1.0/24"`;
	return textWhere(
		(s) => prefixProblem(s, rule, noun, MIN_TENANT_PREFIX_LENGTH, MAX_TENANT_PREFIX_LENGTH),
		rule
	);
}

export const ACL_PREFIX_RULE = 'an address prefix is "*" or an IPv4 prefix such as "10.0.1.0/24"';

/** An ACL address prefix: "*" (any) or IPv4 CIDR /0 to /32 written as its network address. */
const aclPrefix = textWhere(
	(s) => (s === '*' ? undefined : prefixProblem(s, ACL_PREFIX_RULE, 'an address prefix', 0, 32)),
	ACL_PREFIX_RULE
);

export const PORTS_RULE = `a port range is "*", a port such as "80" or a range such as "1024-65535" (ports 0 to ${MAX_PORT})`;
const PORTS_PATTERN = /^(0|[1-9]\d{0,4})(?:-(0|[1-9]\d{0,4}))?$/;

/** A port range `from`..`to` (both inclusive); "*" is 0..65535. Undefined if malformed. */
export function parsePorts(text: unknown): { from: number; to: number } | undefined {
	if (text === '*') return { from: 0, to: MAX_PORT };
	if (typeof text !== 'string') return undefined;
	const match = PORTS_PATTERN.exec(text);
	if (!match) return undefined;
	const from = Number(match[1]);
	const to = match[2] === undefined ? from : Number(match[2]);
	return from <= to && to <= MAX_PORT ? { from, to } : undefined;
}

const portRange = textWhere((s) => {
	if (parsePorts(s) !== undefined) return undefined;
	const match = PORTS_PATTERN.exec(s);
	if (match && match[2] !== undefined && Number(match[1]) > Number(match[2])) {
		return `a port range goes from low to high, e.g. "1024-65535", got ${show(s)}`;
	}
	return `${PORTS_RULE}, got ${show(s)}`;
}, PORTS_RULE);

export const CA_RULE = 'a customer address (CA) is an IPv4 address such as "10.0.1.4"';

const customerAddress = v.pipe(
	v.string(got(CA_RULE)),
	v.check((s: string) => parseAddress(s) !== undefined, got(CA_RULE))
);

const MAC_RULE = 'a MAC address is six hex pairs such as "00:1D:D8:B7:1C:04"';
const MAC_PATTERN = /^[0-9a-f]{2}([:-])[0-9a-f]{2}(\1[0-9a-f]{2}){4}$/i;

/**
 * A vNIC MAC: six hex pairs separated by ":" or "-" (Windows writes 00-1D-D8-...), unicast (the
 * I/G bit, the lowest bit of the first byte, is 0). Stored lowercase with colons, the canonical
 * form of net/, so uniqueness ignores case and separator.
 */
const macAddress = v.pipe(
	textWhere((s) => {
		if (!MAC_PATTERN.test(s)) return `${MAC_RULE}, got ${show(s)}`;
		if (parseInt(s.slice(0, 2), 16) % 2 === 1) {
			return `a vNIC MAC is a unicast address (the first byte is even), got ${show(s)}`;
		}
		return undefined;
	}, MAC_RULE),
	v.transform((s: string) => s.toLowerCase().replaceAll('-', ':'))
);

const underlayMtu = intIn(
	MIN_UNDERLAY_MTU_BYTES,
	MAX_UNDERLAY_MTU_BYTES,
	`the underlay MTU is ${MIN_UNDERLAY_MTU_BYTES} to ${MAX_UNDERLAY_MTU_BYTES} bytes, including the 14-byte Ethernet header`
);

// --- Sections -------------------------------------------------------------------------------

/** `network`: the physical underlay. Below the HNV requirement is allowed, with a warning. */
export const networkSchema = strict(
	{ underlayMtuBytes: v.optional(underlayMtu, DEFAULT_UNDERLAY_MTU_BYTES) },
	`an object such as {"underlayMtuBytes": ${DEFAULT_UNDERLAY_MTU_BYTES}}`
);

/** A virtual subnet: an L3 subnet and L2 broadcast domain with its VSID (FACTS 3.3). */
const subnetSchema = strict(
	{
		name: resourceName,
		prefix: tenantPrefix('a subnet prefix'),
		vsid: intIn(MIN_VSID, MAX_VSID, `a virtual subnet ID (VSID) is from ${MIN_VSID} to ${MAX_VSID}`)
	},
	'a subnet such as {"name": "app", "prefix": "10.0.1.0/24", "vsid": 5001}',
	{
		name: 'name the subnet',
		prefix: 'the subnet\'s IPv4 prefix, e.g. "10.0.1.0/24"',
		vsid: `its virtual subnet ID, ${MIN_VSID} to ${MAX_VSID} (FACTS 3.3)`
	}
);

/** A tenant virtual network (an RDID in HNV, FACTS 3.3): address spaces and subnets. */
const virtualNetworkSchema = strict(
	{
		name: resourceName,
		addressSpace: v.pipe(
			listOf(
				tenantPrefix('an address space'),
				'the address space is a list of IPv4 prefixes such as ["10.0.0.0/16"]',
				MAX_ADDRESS_SPACES,
				`a virtual network has at most ${MAX_ADDRESS_SPACES} address spaces`
			),
			v.minLength(1, 'a virtual network has at least one address space, got an empty list')
		),
		subnets: listOf(
			subnetSchema,
			'subnets are a list',
			MAX_SUBNETS_PER_VIRTUAL_NETWORK,
			`a virtual network has at most ${MAX_SUBNETS_PER_VIRTUAL_NETWORK} subnets`
		)
	},
	'a virtual network such as {"name": "vnet1", "addressSpace": ["10.0.0.0/16"], "subnets": []}',
	{
		name: 'name the virtual network',
		addressSpace: 'a list of IPv4 prefixes, e.g. ["10.0.0.0/16"]',
		subnets: 'a list of subnets, e.g. [{"name": "app", "prefix": "10.0.1.0/24", "vsid": 5001}]'
	}
);

const tenantSchema = strict(
	{
		name: resourceName,
		virtualNetworks: listOf(
			virtualNetworkSchema,
			'virtual networks are a list',
			MAX_VIRTUAL_NETWORKS_PER_TENANT,
			`a tenant has at most ${MAX_VIRTUAL_NETWORKS_PER_TENANT} virtual networks`
		)
	},
	'a tenant such as {"name": "Contoso", "virtualNetworks": []}',
	{
		name: 'name the tenant',
		virtualNetworks: 'a list of virtual networks, e.g. [{"name": "vnet1", ...}]'
	}
);

/** `tenants`: each with its virtual networks. Two tenants may use the same CA ranges (FACTS 3.3). */
export const tenantsSchema = listOf(
	tenantSchema,
	'tenants are a list',
	MAX_TENANTS,
	`a scenario has at most ${MAX_TENANTS} tenants`
);

/** A tenant VM with one vNIC: its subnet, its server and its customer address (FACTS 3.3). */
const vmSchema = strict(
	{
		name: resourceName,
		tenant: resourceName,
		virtualNetwork: resourceName,
		subnet: resourceName,
		host: nodeIndex,
		ca: customerAddress,
		mac: v.optional(macAddress)
	},
	'a VM such as {"name": "web1", "tenant": "Contoso", "virtualNetwork": "vnet1", "subnet": "app", "host": 0, "ca": "10.0.1.4"}',
	{
		name: 'name the VM',
		tenant: 'the name of its tenant',
		virtualNetwork: "the name of its virtual network in the tenant's virtualNetworks",
		subnet: 'the name of its subnet in that virtual network',
		host: 'the index of its server (0 is Node01)',
		ca: 'its customer address (CA) in the subnet, e.g. "10.0.1.4"'
	}
);

/** `vms`: the VMs; a VM without a MAC gets generatedMac(its index), so every parsed VM has one. */
export const vmsSchema = v.pipe(
	listOf(vmSchema, 'vms are a list', MAX_VMS, `a scenario has at most ${MAX_VMS} VMs`),
	v.transform((vms) => vms.map((vm, i) => ({ ...vm, mac: vm.mac ?? generatedMac(i) })))
);

/** The fields of an ACL rule, shared by `acls` entries and the `acl.add` input. */
const aclRuleEntries = {
	name: resourceName,
	vm: v.optional(resourceName),
	subnet: v.optional(subnetRef),
	priority: intIn(
		MIN_ACL_PRIORITY,
		MAX_ACL_PRIORITY,
		`an ACL priority is a whole number from ${MIN_ACL_PRIORITY} to ${MAX_ACL_PRIORITY} (lower numbers are evaluated first)`
	),
	direction: oneOf(['inbound', 'outbound'], 'the direction is "inbound" or "outbound"'),
	protocol: v.optional(
		oneOf(['tcp', 'udp', 'icmp', 'any'], 'the protocol is "tcp", "udp", "icmp" or "any"'),
		'any'
	),
	sourcePrefix: v.optional(aclPrefix, '*'),
	sourcePorts: v.optional(portRange, '*'),
	destinationPrefix: v.optional(aclPrefix, '*'),
	destinationPorts: v.optional(portRange, '*'),
	action: oneOf(['allow', 'deny'], 'the action is "allow" or "deny"')
};

const aclHints = {
	name: 'name the rule (acl.remove refers to it by name)',
	priority: `a whole number from ${MIN_ACL_PRIORITY} to ${MAX_ACL_PRIORITY}; lower numbers are evaluated first`,
	direction: '"inbound" or "outbound"',
	action: '"allow" or "deny"'
};

const ACL_EXAMPLE =
	'{"name": "allow-web", "vm": "web1", "priority": 100, "direction": "inbound", "protocol": "tcp", "destinationPorts": "80", "action": "allow"}';

/**
 * One firewall rule (FACTS 5.2 rule properties), attached to one VM's port (`vm`) or to a subnet
 * (`subnet`: "<tenant>/<virtual network>/<subnet>"); exactly one of the two (checks-tenants.ts).
 * Omitted protocol, prefixes and ports mean any.
 */
const aclRuleSchema = strict(aclRuleEntries, `an ACL rule such as ${ACL_EXAMPLE}`, aclHints);

/** `acls`: firewall rules in place when the scenario starts. */
export const aclsSchema = listOf(
	aclRuleSchema,
	'acls are a list',
	MAX_ACL_RULES,
	`a scenario has at most ${MAX_ACL_RULES} ACL rules`
);

// --- Inputs ---------------------------------------------------------------------------------

/** `flow.start`: a VM sends ICMP echo requests (ping), a TCP connection or UDP datagrams. */
export const flowStartInputSchema = strict(
	{
		t: inputTime,
		type: v.literal('flow.start'),
		from: resourceName,
		to: resourceName,
		protocol: oneOf(['icmp', 'tcp', 'udp'], 'a flow\'s protocol is "icmp", "tcp" or "udp"'),
		count: v.optional(
			intIn(
				MIN_FLOW_COUNT,
				MAX_FLOW_COUNT,
				`a flow sends ${MIN_FLOW_COUNT} to ${MAX_FLOW_COUNT} packets (TCP: data segments)`
			),
			DEFAULT_FLOW_COUNT
		),
		sizeBytes: v.optional(
			intIn(0, MAX_FLOW_SIZE_BYTES, `the payload is 0 to ${MAX_FLOW_SIZE_BYTES} bytes per packet`)
		),
		dstPort: v.optional(intIn(1, MAX_PORT, `a destination port is 1 to ${MAX_PORT}`)),
		intervalMs: v.optional(
			intIn(
				MIN_FLOW_INTERVAL_MS,
				MAX_FLOW_INTERVAL_MS,
				`the interval between packets is ${MIN_FLOW_INTERVAL_MS} to ${MAX_FLOW_INTERVAL_MS} ms`
			),
			DEFAULT_FLOW_INTERVAL_MS
		)
	},
	'an input object',
	{
		...inputHints,
		from: 'the name of the sending VM',
		to: 'the name of the receiving VM',
		protocol: '"icmp" (ping), "tcp" or "udp"'
	}
);

/** `acl.add`: adds a firewall rule; its fields are those of an `acls` entry. */
export const aclAddInputSchema = strict(
	{ t: inputTime, type: v.literal('acl.add'), ...aclRuleEntries },
	'an input object',
	{ ...inputHints, ...aclHints }
);

/** `acl.remove`: removes the firewall rule of that name. */
export const aclRemoveInputSchema = strict(
	{ t: inputTime, type: v.literal('acl.remove'), name: resourceName },
	'an input object',
	{ ...inputHints, name: 'the name of the ACL rule to remove' }
);

/** `network.set-mtu`: changes the underlay MTU of every host and switch. */
export const networkSetMtuInputSchema = strict(
	{ t: inputTime, type: v.literal('network.set-mtu'), underlayMtuBytes: underlayMtu },
	'an input object',
	{
		...inputHints,
		underlayMtuBytes: 'the new underlay MTU in bytes, including the Ethernet header'
	}
);

/**
 * `vm.move`: the VM now runs on another server (a quick move, not a live migration); the Network
 * Controller pushes the new CA→PA mapping and traffic follows once hosts apply it.
 */
export const vmMoveInputSchema = strict(
	{ t: inputTime, type: v.literal('vm.move'), vm: resourceName, host: nodeIndex },
	'an input object',
	{
		...inputHints,
		vm: 'the name of the VM to move',
		host: 'the index of the server it moves to (0 is Node01)'
	}
);

type RawFlowStart = v.InferOutput<typeof flowStartInputSchema>;

/** A `flow.start` with its defaults: `sizeBytes` always, `dstPort` for TCP and UDP. */
export type FlowStartInput = Omit<RawFlowStart, 'sizeBytes' | 'dstPort'> & {
	sizeBytes: number;
	dstPort?: number;
};

/**
 * Fills the protocol-dependent defaults of a flow (DEFAULT_FLOW_SIZE_BYTES, DEFAULT_FLOW_PORT).
 * A written `dstPort` is kept even for ICMP, where checks-tenants.ts reports it.
 */
export function completeFlow(flow: RawFlowStart): FlowStartInput {
	const { t, type, from, to, protocol, count, intervalMs } = flow;
	const sizeBytes = flow.sizeBytes ?? DEFAULT_FLOW_SIZE_BYTES[protocol];
	const dstPort = flow.dstPort ?? (protocol === 'icmp' ? undefined : DEFAULT_FLOW_PORT[protocol]);
	const base = { t, type, from, to, protocol, count, sizeBytes };
	return dstPort === undefined ? { ...base, intervalMs } : { ...base, dstPort, intervalMs };
}

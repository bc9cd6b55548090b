import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containsPrefix, formatAddress, lastOf, networkOf, overlaps, parsePrefix } from './cidr';
import { generatedMac, underlayMtuWarning } from './defaults';
import { parseScenario, parseScenarioJson, type ParseResult, type Scenario } from './index';
import { parseInput } from './parse';

type Doc = Record<string, unknown>;

const base = (): Doc => ({
	format: 'stackscope.scenario',
	version: 1,
	name: 'Tenants',
	topology: { nodes: 4 },
	network: { underlayMtuBytes: 1674 },
	tenants: [
		{
			name: 'Contoso',
			virtualNetworks: [
				{
					name: 'vnet1',
					addressSpace: ['10.0.0.0/16'],
					subnets: [
						{ name: 'app', prefix: '10.0.1.0/24', vsid: 5001 },
						{ name: 'db', prefix: '10.0.2.0/24', vsid: 5002 }
					]
				}
			]
		},
		{
			name: 'Fabrikam',
			virtualNetworks: [
				{
					name: 'vnet1',
					addressSpace: ['10.0.0.0/16'],
					subnets: [{ name: 'app', prefix: '10.0.1.0/24', vsid: 6001 }]
				}
			]
		}
	],
	vms: [
		{
			name: 'web1',
			tenant: 'Contoso',
			virtualNetwork: 'vnet1',
			subnet: 'app',
			host: 0,
			ca: '10.0.1.4'
		},
		{
			name: 'web2',
			tenant: 'Contoso',
			virtualNetwork: 'vnet1',
			subnet: 'app',
			host: 1,
			ca: '10.0.1.5'
		},
		{
			name: 'fab1',
			tenant: 'Fabrikam',
			virtualNetwork: 'vnet1',
			subnet: 'app',
			host: 0,
			ca: '10.0.1.4'
		}
	],
	acls: [
		{
			name: 'allow-web',
			vm: 'web1',
			priority: 100,
			direction: 'inbound',
			protocol: 'tcp',
			destinationPorts: '80',
			action: 'allow'
		},
		{
			name: 'deny-db',
			subnet: 'Contoso/vnet1/db',
			priority: 100,
			direction: 'inbound',
			action: 'deny'
		}
	],
	inputs: [{ t: 1000, type: 'flow.start', from: 'web1', to: 'web2', protocol: 'icmp' }]
});

const REMOVE = Symbol('remove');

/** `base()` with the value at a path like `tenants[0].virtualNetworks[0].name` set (or removed). */
function patched(path: string, value: unknown, doc: Doc = base()): Doc {
	const keys = path
		.split(/[.[\]]+/)
		.filter((k) => k !== '')
		.map((k) => (/^\d+$/.test(k) ? Number(k) : k));
	let target = doc as Record<string | number, unknown>;
	for (const key of keys.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
	const last = keys[keys.length - 1];
	if (value === REMOVE) delete target[last];
	else target[last] = value;
	return doc;
}

function ok(result: ParseResult): Scenario {
	if (!result.ok) throw new Error(`expected a valid scenario, got:\n${result.errors.join('\n')}`);
	return result.scenario;
}

function errors(result: ParseResult): string[] {
	if (result.ok) throw new Error('expected errors, the scenario parsed');
	return result.errors;
}

const SUBNET = 'tenants[0].virtualNetworks[0].subnets[0]';
const VNET = 'tenants[0].virtualNetworks[0]';

describe('tenant networking: defaults', () => {
	it('accepts the base layout and fills in MACs, ACL fields and flow defaults', () => {
		const s = ok(parseScenario(base()));
		expect(s.network).toEqual({ underlayMtuBytes: 1674 });
		expect(s.vms.map((vm) => vm.mac)).toEqual([
			'00:1d:d8:b7:1c:00',
			'00:1d:d8:b7:1c:01',
			'00:1d:d8:b7:1c:02'
		]);
		expect(s.acls[1]).toEqual({
			name: 'deny-db',
			subnet: 'Contoso/vnet1/db',
			priority: 100,
			direction: 'inbound',
			protocol: 'any',
			sourcePrefix: '*',
			sourcePorts: '*',
			destinationPrefix: '*',
			destinationPorts: '*',
			action: 'deny'
		});
		expect(s.inputs).toEqual([
			{
				t: 1000,
				type: 'flow.start',
				from: 'web1',
				to: 'web2',
				protocol: 'icmp',
				count: 4,
				sizeBytes: 32,
				intervalMs: 1000
			}
		]);
	});

	it('fills protocol-dependent flow defaults (TCP 1460 B to port 80, UDP 512 B to port 53)', () => {
		const flow = (protocol: string, extra: Doc = {}) =>
			ok(
				parseScenario(
					patched('inputs', [
						{ t: 0, type: 'flow.start', from: 'web1', to: 'web2', protocol, ...extra }
					])
				)
			).inputs[0];
		expect(flow('tcp')).toMatchObject({ sizeBytes: 1460, dstPort: 80, count: 4, intervalMs: 1000 });
		expect(flow('udp')).toMatchObject({ sizeBytes: 512, dstPort: 53 });
		expect(flow('icmp')).not.toHaveProperty('dstPort');
		expect(flow('udp', { sizeBytes: 0, dstPort: 5353, count: 1000, intervalMs: 1 })).toMatchObject({
			sizeBytes: 0,
			dstPort: 5353,
			count: 1000,
			intervalMs: 1
		});
	});

	it('keeps scenarios without tenant sections valid and unchanged in meaning', () => {
		const s = ok(
			parseScenario({
				format: 'stackscope.scenario',
				version: 1,
				name: 'x',
				topology: { nodes: 4 }
			})
		);
		expect([s.tenants, s.vms, s.acls]).toEqual([[], [], []]);
	});

	it('normalises written MACs to lowercase with colons', () => {
		const s = ok(parseScenario(patched('vms[0].mac', '02-AB-cd-00-00-01')));
		expect(s.vms[0].mac).toBe('02:ab:cd:00:00:01');
	});

	it('generates MACs in the SDN MAC pool from the VM index', () => {
		expect(generatedMac(0)).toBe('00:1d:d8:b7:1c:00');
		expect(generatedMac(255)).toBe('00:1d:d8:b7:1c:ff');
		expect(generatedMac(4095)).toBe('00:1d:d8:b7:2b:ff');
	});

	it('parses the acl.add, acl.remove and network.set-mtu inputs', () => {
		const inputs = [
			{
				t: 1,
				type: 'acl.add',
				name: 'block',
				vm: 'web2',
				priority: 200,
				direction: 'outbound',
				action: 'deny'
			},
			{ t: 2, type: 'acl.remove', name: 'allow-web' },
			{ t: 3, type: 'acl.remove', name: 'block' },
			{ t: 4, type: 'network.set-mtu', underlayMtuBytes: 9216 }
		];
		const s = ok(parseScenario(patched('inputs', inputs)));
		expect(s.inputs[0]).toEqual({
			...inputs[0],
			protocol: 'any',
			sourcePrefix: '*',
			sourcePorts: '*',
			destinationPrefix: '*',
			destinationPorts: '*'
		});
		expect(s.inputs.slice(1)).toEqual(inputs.slice(1));
	});
});

/** [what, patched document, exact messages]. */
const SCHEMA_CASES: [string, Doc, string[]][] = [
	[
		'VSID below the range (exact acceptance text)',
		patched(`${SUBNET}.vsid`, 12),
		[`${SUBNET}.vsid: a virtual subnet ID (VSID) is from 4096 to 16777214, got 12`]
	],
	[
		'VSID above the range',
		patched(`${SUBNET}.vsid`, 16_777_215),
		[`${SUBNET}.vsid: a virtual subnet ID (VSID) is from 4096 to 16777214, got 16777215`]
	],
	[
		'VSID not a whole number',
		patched(`${SUBNET}.vsid`, 5001.5),
		[`${SUBNET}.vsid: a virtual subnet ID (VSID) is from 4096 to 16777214, got 5001.5`]
	],
	[
		'VSID as text',
		patched(`${SUBNET}.vsid`, '5001'),
		[`${SUBNET}.vsid: a virtual subnet ID (VSID) is from 4096 to 16777214, got "5001"`]
	],
	[
		'missing VSID',
		patched(`${SUBNET}.vsid`, REMOVE),
		[`${SUBNET}.vsid: missing; its virtual subnet ID, 4096 to 16777214 (FACTS 3.3)`]
	],
	[
		'underlay MTU below 1280',
		patched('network', { underlayMtuBytes: 1279 }),
		[
			'network.underlayMtuBytes: the underlay MTU is 1280 to 9216 bytes, including the 14-byte Ethernet header, got 1279'
		]
	],
	[
		'underlay MTU above 9216',
		patched('network', { underlayMtuBytes: 9217 }),
		[
			'network.underlayMtuBytes: the underlay MTU is 1280 to 9216 bytes, including the 14-byte Ethernet header, got 9217'
		]
	],
	[
		'unknown field in network',
		patched('network', { mtu: 1500 }),
		['network.mtu: unknown field (fields here: underlayMtuBytes)']
	],
	['tenants not a list', patched('tenants', {}), ['tenants: tenants are a list, got an object']],
	[
		'tenant name with a slash',
		patched('tenants[0].name', 'Con/toso'),
		[
			'tenants[0].name: a name is 1 to 64 letters, digits, ".", "-" or "_", starting with a letter or digit, got "Con/toso"'
		]
	],
	[
		'subnet prefix with host bits set',
		patched(`${SUBNET}.prefix`, '10.0.1.5/24'),
		[
			`${SUBNET}.prefix: a subnet prefix is a network address, with the host bits zero ("10.0.1.0/24"), got "10.0.1.5/24"`
		]
	],
	[
		'subnet prefix that is not CIDR',
		patched(`${SUBNET}.prefix`, '10.0.1/24'),
		[`${SUBNET}.prefix: a subnet prefix is an IPv4 prefix such as "10.0.1.0/24", got "10.0.1/24"`]
	],
	[
		'subnet prefix with a leading zero',
		patched(`${SUBNET}.prefix`, '10.0.01.0/24'),
		[
			`${SUBNET}.prefix: a subnet prefix is an IPv4 prefix such as "10.0.1.0/24", got "10.0.01.0/24"`
		]
	],
	[
		'subnet prefix too small',
		patched(`${SUBNET}.prefix`, '10.0.1.0/30'),
		[`${SUBNET}.prefix: a subnet prefix has a length from /8 to /29, got "10.0.1.0/30"`]
	],
	[
		'address space with host bits set',
		patched(`${VNET}.addressSpace`, ['10.0.0.1/16']),
		[
			`${VNET}.addressSpace[0]: an address space is a network address, with the host bits zero ("10.0.0.0/16"), got "10.0.0.1/16"`
		]
	],
	[
		'empty address space',
		patched(`${VNET}.addressSpace`, []),
		[`${VNET}.addressSpace: a virtual network has at least one address space, got an empty list`]
	],
	[
		'missing subnets',
		patched(`${VNET}.subnets`, REMOVE),
		[
			`${VNET}.subnets: missing; a list of subnets, e.g. [{"name": "app", "prefix": "10.0.1.0/24", "vsid": 5001}]`
		]
	],
	[
		'CA that is not an address',
		patched('vms[0].ca', '10.0.1.256'),
		['vms[0].ca: a customer address (CA) is an IPv4 address such as "10.0.1.4", got "10.0.1.256"']
	],
	[
		'malformed MAC',
		patched('vms[0].mac', '00:1d:d8:b7:1c'),
		['vms[0].mac: a MAC address is six hex pairs such as "00:1D:D8:B7:1C:04", got "00:1d:d8:b7:1c"']
	],
	[
		'multicast MAC',
		patched('vms[0].mac', '01:00:5e:00:00:01'),
		[
			'vms[0].mac: a vNIC MAC is a unicast address (the first byte is even), got "01:00:5e:00:00:01"'
		]
	],
	[
		'negative host',
		patched('vms[0].host', -1),
		['vms[0].host: a server index is a whole number from 0 (Node01), got -1']
	],
	[
		'ACL priority below 100',
		patched('acls[0].priority', 99),
		[
			'acls[0].priority: an ACL priority is a whole number from 100 to 65000 (lower numbers are evaluated first), got 99'
		]
	],
	[
		'ACL priority above 65000',
		patched('acls[0].priority', 65_001),
		[
			'acls[0].priority: an ACL priority is a whole number from 100 to 65000 (lower numbers are evaluated first), got 65001'
		]
	],
	[
		'ACL direction',
		patched('acls[0].direction', 'in'),
		['acls[0].direction: the direction is "inbound" or "outbound", got "in"']
	],
	[
		'ACL protocol',
		patched('acls[0].protocol', 'TCP'),
		['acls[0].protocol: the protocol is "tcp", "udp", "icmp" or "any", got "TCP"']
	],
	[
		'ACL action',
		patched('acls[0].action', 'block'),
		['acls[0].action: the action is "allow" or "deny", got "block"']
	],
	[
		'ACL prefix that is not CIDR',
		patched('acls[0].sourcePrefix', 'any'),
		[
			'acls[0].sourcePrefix: an address prefix is "*" or an IPv4 prefix such as "10.0.1.0/24", got "any"'
		]
	],
	[
		'ACL prefix with host bits set',
		patched('acls[0].destinationPrefix', '10.0.1.4/24'),
		[
			'acls[0].destinationPrefix: an address prefix is a network address, with the host bits zero ("10.0.1.0/24"), got "10.0.1.4/24"'
		]
	],
	[
		'port range from high to low',
		patched('acls[0].destinationPorts', '80-10'),
		['acls[0].destinationPorts: a port range goes from low to high, e.g. "1024-65535", got "80-10"']
	],
	[
		'port above 65535',
		patched('acls[0].sourcePorts', '1024-65536'),
		[
			'acls[0].sourcePorts: a port range is "*", a port such as "80" or a range such as "1024-65535" (ports 0 to 65535), got "1024-65536"'
		]
	],
	[
		'port as a number',
		patched('acls[0].destinationPorts', 80),
		[
			'acls[0].destinationPorts: a port range is "*", a port such as "80" or a range such as "1024-65535" (ports 0 to 65535), got 80'
		]
	],
	[
		'malformed subnet reference',
		patched('acls[1].subnet', 'Contoso/db'),
		[
			'acls[1].subnet: a subnet is named "<tenant>/<virtual network>/<subnet>", e.g. "Contoso/vnet1/app", got "Contoso/db"'
		]
	],
	[
		'flow count 0',
		patched('inputs[0].count', 0),
		['inputs[0].count: a flow sends 1 to 1000 packets (TCP: data segments), got 0']
	],
	[
		'flow payload above 9000 bytes',
		patched('inputs[0].sizeBytes', 9001),
		['inputs[0].sizeBytes: the payload is 0 to 9000 bytes per packet, got 9001']
	],
	[
		'flow protocol any',
		patched('inputs[0].protocol', 'any'),
		['inputs[0].protocol: a flow\'s protocol is "icmp", "tcp" or "udp", got "any"']
	],
	[
		'flow interval 0',
		patched('inputs[0].intervalMs', 0),
		['inputs[0].intervalMs: the interval between packets is 1 to 60000 ms, got 0']
	],
	[
		'destination port 0',
		patched('inputs', [
			{ t: 0, type: 'flow.start', from: 'web1', to: 'web2', protocol: 'tcp', dstPort: 0 }
		]),
		['inputs[0].dstPort: a destination port is 1 to 65535, got 0']
	],
	[
		'flow without a target',
		patched('inputs[0].to', REMOVE),
		['inputs[0].to: missing; the name of the receiving VM']
	],
	[
		'set-mtu out of range',
		patched('inputs', [{ t: 0, type: 'network.set-mtu', underlayMtuBytes: 1000 }]),
		[
			'inputs[0].underlayMtuBytes: the underlay MTU is 1280 to 9216 bytes, including the 14-byte Ethernet header, got 1000'
		]
	]
];

const CROSS_CASES: [string, Doc, string[]][] = [
	[
		'duplicate tenant name',
		patched('tenants[1].name', 'Contoso'),
		[
			'tenants[1].name: tenant names are unique, got "Contoso" again (also tenants[0])',
			'vms[2].tenant: no tenant named "Fabrikam" in tenants (known: "Contoso")'
		]
	],
	[
		'duplicate virtual network name in a tenant',
		patched('tenants[0].virtualNetworks[1]', {
			name: 'vnet1',
			addressSpace: ['10.1.0.0/16'],
			subnets: []
		}),
		[
			'tenants[0].virtualNetworks[1].name: virtual network names are unique within a tenant, got "vnet1" again (also tenants[0].virtualNetworks[0])'
		]
	],
	[
		'duplicate subnet name',
		patched(`${VNET}.subnets[1].name`, 'app'),
		[
			`${VNET}.subnets[1].name: subnet names are unique within a virtual network, got "app" again (also ${VNET}.subnets[0])`,
			'acls[1].subnet: no subnet named "db" in virtual network "Contoso/vnet1" (known: "app")'
		]
	],
	[
		'overlapping address spaces',
		patched(`${VNET}.addressSpace`, ['10.0.0.0/16', '10.0.128.0/17']),
		[
			`${VNET}.addressSpace[1]: the address spaces of a virtual network do not overlap, got "10.0.128.0/17", which overlaps "10.0.0.0/16"`
		]
	],
	[
		'subnet outside the address spaces',
		patched(`${VNET}.subnets[1].prefix`, '10.1.2.0/24'),
		[
			`${VNET}.subnets[1].prefix: a subnet lies inside an address space of its virtual network (10.0.0.0/16), got "10.1.2.0/24"`
		]
	],
	[
		'subnet larger than its address space',
		patched(`${VNET}.subnets[1].prefix`, '10.0.0.0/8'),
		[
			`${VNET}.subnets[1].prefix: a subnet lies inside an address space of its virtual network (10.0.0.0/16), got "10.0.0.0/8"`,
			`${VNET}.subnets[1].prefix: the subnets of a virtual network do not overlap, got "10.0.0.0/8", which overlaps "10.0.1.0/24" (${VNET}.subnets[0])`
		]
	],
	[
		'overlapping subnets',
		patched(`${VNET}.subnets[1].prefix`, '10.0.1.128/25'),
		[
			`${VNET}.subnets[1].prefix: the subnets of a virtual network do not overlap, got "10.0.1.128/25", which overlaps "10.0.1.0/24" (${VNET}.subnets[0])`
		]
	],
	[
		'duplicate VSID across tenants',
		patched('tenants[1].virtualNetworks[0].subnets[0].vsid', 5001),
		[
			`tenants[1].virtualNetworks[0].subnets[0].vsid: a VSID is unique in the datacenter, across all tenants (FACTS 3.3), got 5001 again (also ${SUBNET})`
		]
	],
	[
		'duplicate VSID in one virtual network',
		patched(`${VNET}.subnets[1].vsid`, 5001),
		[
			`${VNET}.subnets[1].vsid: a VSID is unique in the datacenter, across all tenants (FACTS 3.3), got 5001 again (also ${SUBNET})`
		]
	],
	[
		'duplicate VM name',
		patched('vms[2].name', 'web1'),
		['vms[2].name: VM names are unique, got "web1" again (also vms[0])']
	],
	[
		'unknown tenant, with a suggestion',
		patched('vms[0].tenant', 'Contso'),
		['vms[0].tenant: no tenant named "Contso" in tenants, did you mean "Contoso"?']
	],
	[
		'unknown tenant, with the known names',
		patched('vms[0].tenant', 'Northwind'),
		['vms[0].tenant: no tenant named "Northwind" in tenants (known: "Contoso", "Fabrikam")']
	],
	[
		'unknown virtual network',
		patched('vms[0].virtualNetwork', 'vnet9'),
		[
			'vms[0].virtualNetwork: no virtual network named "vnet9" in tenant "Contoso", did you mean "vnet1"?'
		]
	],
	[
		'unknown subnet',
		patched('vms[0].subnet', 'frontend'),
		[
			'vms[0].subnet: no subnet named "frontend" in virtual network "Contoso/vnet1" (known: "app", "db")'
		]
	],
	[
		'host outside the scale unit',
		patched('vms[1].host', 4),
		['vms[1].host: no server 4 in a 4-server scale unit (servers are 0 to 3)']
	],
	[
		'CA outside its subnet',
		patched('vms[0].ca', '10.0.2.4'),
		[
			'vms[0].ca: a VM\'s CA in subnet "Contoso/vnet1/app" (10.0.1.0/24) is from 10.0.1.2 to 10.0.1.254 (outside the subnet), got "10.0.2.4"'
		]
	],
	[
		'CA is the network address',
		patched('vms[0].ca', '10.0.1.0'),
		[
			'vms[0].ca: a VM\'s CA in subnet "Contoso/vnet1/app" (10.0.1.0/24) is from 10.0.1.2 to 10.0.1.254 (10.0.1.0 is the network address), got "10.0.1.0"'
		]
	],
	[
		'CA is the default gateway',
		patched('vms[0].ca', '10.0.1.1'),
		[
			'vms[0].ca: a VM\'s CA in subnet "Contoso/vnet1/app" (10.0.1.0/24) is from 10.0.1.2 to 10.0.1.254 (10.0.1.1 is the default gateway, on the distributed router: FACTS 3.3), got "10.0.1.1"'
		]
	],
	[
		'CA is the broadcast address',
		patched('vms[0].ca', '10.0.1.255'),
		[
			'vms[0].ca: a VM\'s CA in subnet "Contoso/vnet1/app" (10.0.1.0/24) is from 10.0.1.2 to 10.0.1.254 (10.0.1.255 is the broadcast address), got "10.0.1.255"'
		]
	],
	[
		'duplicate CA in a virtual network',
		patched('vms[1].ca', '10.0.1.4'),
		[
			'vms[1].ca: CAs are unique within a virtual network, got "10.0.1.4" again in "Contoso/vnet1" (also vms[0])'
		]
	],
	[
		'duplicate written MAC (case and separator ignored)',
		patched('vms[1].mac', '02-00-00-00-00-0A', patched('vms[0].mac', '02:00:00:00:00:0a')),
		['vms[1].mac: MAC addresses are unique, got "02-00-00-00-00-0A" again (also vms[0])']
	],
	[
		'written MAC equal to an earlier generated one',
		patched('vms[2].mac', '00:1D:D8:B7:1C:00'),
		[
			'vms[2].mac: MAC addresses are unique, got "00:1D:D8:B7:1C:00" again (also vms[0], generated from its index)'
		]
	],
	[
		'generated MAC equal to an earlier written one',
		patched('vms[0].mac', '00:1d:d8:b7:1c:02'),
		[
			'vms[2]: MAC addresses are unique, and the one generated for this VM (00:1d:d8:b7:1c:02) is already used (also vms[0]); give one of them another "mac"'
		]
	],
	[
		'ACL rule attached to nothing',
		patched('acls[1].subnet', REMOVE),
		[
			'acls[1]: a rule is attached to one VM ("vm": "web1") or one subnet ("subnet": "Contoso/vnet1/app"), got neither'
		]
	],
	[
		'ACL rule attached to both',
		patched('acls[0].subnet', 'Contoso/vnet1/app'),
		[
			'acls[0]: a rule is attached to one VM ("vm": "web1") or one subnet ("subnet": "Contoso/vnet1/app"), got both'
		]
	],
	[
		'ACL rule on an unknown VM',
		patched('acls[0].vm', 'web3'),
		['acls[0].vm: no VM named "web3" in vms, did you mean "web1"?']
	],
	[
		'ACL rule on an unknown subnet',
		patched('acls[1].subnet', 'Fabrikam/vnet1/db'),
		['acls[1].subnet: no subnet named "db" in virtual network "Fabrikam/vnet1" (known: "app")']
	],
	[
		'duplicate ACL rule name',
		patched('acls[1].name', 'allow-web'),
		['acls[1].name: ACL rule names are unique, got "allow-web" again (also acls[0])']
	],
	[
		'duplicate priority for one direction on one VM',
		patched('acls[1]', {
			name: 'deny-all',
			vm: 'web1',
			priority: 100,
			direction: 'inbound',
			action: 'deny'
		}),
		[
			'acls[1].priority: priorities are unique per direction on one VM, got 100 again for inbound rules on "web1" (also acls[0])'
		]
	],
	[
		'ICMP rule with ports',
		patched('acls[0].protocol', 'icmp'),
		[
			'acls[0].destinationPorts: ports apply to "tcp" and "udp" only, so an "icmp" rule has "*", got "80"'
		]
	],
	[
		'flow from an unknown VM',
		patched('inputs[0].from', 'web'),
		['inputs[0].from: no VM named "web" in vms, did you mean "web1"?']
	],
	[
		'flow to itself',
		patched('inputs[0].to', 'web1'),
		['inputs[0].to: a flow goes to another VM, got "web1" as both from and to']
	],
	[
		'ICMP flow with a port',
		patched('inputs[0].dstPort', 80),
		['inputs[0].dstPort: ICMP has no ports (dstPort is for "tcp" and "udp"), got 80']
	],
	[
		'acl.add on an unknown subnet',
		patched('inputs', [
			{
				t: 0,
				type: 'acl.add',
				name: 'x',
				subnet: 'Contoso/vnet2/app',
				priority: 300,
				direction: 'inbound',
				action: 'deny'
			}
		]),
		[
			'inputs[0].subnet: no virtual network named "vnet2" in tenant "Contoso", did you mean "vnet1"?'
		]
	],
	[
		'acl.add attached to nothing',
		patched('inputs', [
			{ t: 0, type: 'acl.add', name: 'x', priority: 300, direction: 'inbound', action: 'deny' }
		]),
		[
			'inputs[0]: a rule is attached to one VM ("vm": "web1") or one subnet ("subnet": "Contoso/vnet1/app"), got neither'
		]
	],
	[
		'acl.remove of a rule that is nowhere',
		patched('inputs', [{ t: 0, type: 'acl.remove', name: 'allow-ssh' }]),
		[
			'inputs[0].name: no ACL rule named "allow-ssh" in acls or an acl.add input (known: "allow-web", "deny-db")'
		]
	]
];

describe('tenant networking: messages', () => {
	it.each(SCHEMA_CASES)('schema: %s', (_, doc, expected) => {
		expect(errors(parseScenario(doc))).toEqual(expected);
	});

	it.each(CROSS_CASES)('cross-field: %s', (_, doc, expected) => {
		expect(errors(parseScenario(doc))).toEqual(expected);
	});

	it('accepts the edges of every range', () => {
		const edges = [
			patched(`${SUBNET}.vsid`, 4096),
			patched(`${SUBNET}.vsid`, 16_777_214),
			patched('network', { underlayMtuBytes: 9216 }),
			patched('acls[0].priority', 65_000),
			patched('acls[0].sourcePorts', '0-65535'),
			patched('acls[0].destinationPrefix', '0.0.0.0/0'),
			patched('vms[0].ca', '10.0.1.2'),
			patched('vms[0].ca', '10.0.1.254'),
			patched('vms[0].host', 3),
			patched(`${VNET}.addressSpace`, ['10.0.0.0/8']),
			patched(`${VNET}.subnets[1].prefix`, '10.0.2.0/29'),
			// Same priority, other direction or other attachment point: allowed.
			patched('acls[1]', {
				name: 'out',
				vm: 'web1',
				priority: 100,
				direction: 'outbound',
				action: 'deny'
			}),
			patched('acls[1]', {
				name: 'other',
				vm: 'web2',
				priority: 100,
				direction: 'inbound',
				action: 'deny'
			})
		];
		const problems = edges.map((doc) => {
			const result = parseScenario(doc);
			return result.ok ? result.warnings : result.errors;
		});
		expect(problems).toEqual(edges.map(() => []));
	});

	it('warns (not errors) below the HNV MTU requirement, from one rule', () => {
		const result = parseScenario(patched('network', { underlayMtuBytes: 1514 }));
		expect(result.ok && result.warnings).toEqual([
			underlayMtuWarning('network.underlayMtuBytes', 1514)
		]);
		expect(underlayMtuWarning('x', 1514)).toBe(
			'x: the HNV fabric needs an underlay MTU of at least 1674 bytes including the 14-byte Ethernet header (FACTS 3.2), got 1514; tenant frames over 1464 bytes (1514 minus 50 bytes of VXLAN overhead) are dropped at the sending host, because VTEPs do not fragment (FACTS 3.1)'
		);
		expect(underlayMtuWarning('x', 1674)).toBeUndefined();
		expect(parseScenario(patched('network', { underlayMtuBytes: 1674 }))).toMatchObject({
			ok: true,
			warnings: []
		});
		const input = parseScenario(
			patched('inputs', [{ t: 0, type: 'network.set-mtu', underlayMtuBytes: 1673 }])
		);
		expect(input.ok && input.warnings).toEqual([
			underlayMtuWarning('inputs[0].underlayMtuBytes', 1673)
		]);
	});

	it('lets two tenants use the same CAs, and a tenant reuse a CA in another virtual network', () => {
		const doc = patched('tenants[0].virtualNetworks[1]', {
			name: 'vnet2',
			addressSpace: ['10.0.0.0/16'],
			subnets: [{ name: 'app', prefix: '10.0.1.0/24', vsid: 5003 }]
		});
		patched(
			'vms[3]',
			{
				name: 'web3',
				tenant: 'Contoso',
				virtualNetwork: 'vnet2',
				subnet: 'app',
				host: 2,
				ca: '10.0.1.4'
			},
			doc
		);
		const s = ok(parseScenario(doc));
		expect(s.vms.filter((vm) => vm.ca === '10.0.1.4').map((vm) => vm.name)).toEqual([
			'web1',
			'fab1',
			'web3'
		]);
	});

	it('checks references even when other sections are invalid', () => {
		const doc = patched('topology', { nodes: 2 });
		patched('vms[0].tenant', 'Nobody', doc);
		expect(errors(parseScenario(doc))).toEqual([
			'topology.nodes: a scale unit has 4 to 16 servers, got 2',
			'vms[0].tenant: no tenant named "Nobody" in tenants (known: "Contoso", "Fabrikam")'
		]);
	});

	it('does not check references into a section that is not a list', () => {
		const doc = patched('vms', 'none');
		expect(errors(parseScenario(doc))).toEqual(['vms: vms are a list, got "none"']);
	});
});

describe('parseInput with tenant networking', () => {
	const scenario = ok(parseScenario(base()));

	it('accepts inputs naming existing VMs and subnets, with defaults', () => {
		expect(
			parseInput({ t: 5, type: 'flow.start', from: 'fab1', to: 'web1', protocol: 'tcp' }, scenario)
		).toEqual({
			ok: true,
			input: {
				t: 5,
				type: 'flow.start',
				from: 'fab1',
				to: 'web1',
				protocol: 'tcp',
				count: 4,
				sizeBytes: 1460,
				dstPort: 80,
				intervalMs: 1000
			}
		});
		const add = {
			t: 5,
			type: 'acl.add',
			name: 'r',
			subnet: 'Fabrikam/vnet1/app',
			priority: 500,
			direction: 'inbound',
			action: 'allow'
		};
		expect(parseInput(add, scenario).ok).toBe(true);
		// The learner may remove a rule they added while running: not checked against the scenario.
		expect(parseInput({ t: 5, type: 'acl.remove', name: 'added-later' }, scenario).ok).toBe(true);
		expect(parseInput({ t: 5, type: 'network.set-mtu', underlayMtuBytes: 1500 }, scenario).ok).toBe(
			true
		);
	});

	it('refuses inputs naming missing VMs or subnets, and servers outside the scale unit', () => {
		expect(
			parseInput({ t: 5, type: 'flow.start', from: 'web1', to: 'web9', protocol: 'udp' }, scenario)
		).toEqual({
			ok: false,
			errors: ['input.to: no VM named "web9" in vms, did you mean "web1"?']
		});
		expect(
			parseInput({ t: 5, type: 'flow.start', from: 'web1', to: 'web1', protocol: 'udp' }, scenario)
		).toEqual({
			ok: false,
			errors: ['input.to: a flow goes to another VM, got "web1" as both from and to']
		});
		const add = {
			t: 5,
			type: 'acl.add',
			name: 'r',
			subnet: 'Fabrikam/vnet1/db',
			priority: 500,
			direction: 'inbound',
			action: 'allow'
		};
		expect(parseInput(add, scenario)).toEqual({
			ok: false,
			errors: [
				'input.subnet: no subnet named "db" in virtual network "Fabrikam/vnet1" (known: "app")'
			]
		});
		expect(parseInput({ t: 5, type: 'node.fail', node: 4 }, scenario)).toEqual({
			ok: false,
			errors: ['input.node: no server 4 in a 4-server scale unit (servers are 0 to 3)']
		});
	});
});

// --- IPv4 helpers against a brute-force oracle -----------------------------------------------

describe('cidr helpers', () => {
	const prefix = fc
		.record({
			address: fc.integer({ min: 0, max: 0xffff_ffff }),
			length: fc.integer({ min: 0, max: 32 })
		})
		.map((p) => ({ address: networkOf(p), length: p.length }));

	it('round-trips prefix text and agrees with range arithmetic on overlap and containment', () => {
		fc.assert(
			fc.property(prefix, prefix, (a, b) => {
				expect(parsePrefix(`${formatAddress(a.address)}/${a.length}`)).toEqual(a);
				const [a0, a1, b0, b1] = [a.address, lastOf(a), b.address, lastOf(b)];
				expect(overlaps(a, b)).toBe(a0 <= b1 && b0 <= a1);
				expect(containsPrefix(a, b)).toBe(a0 <= b0 && b1 <= a1);
			})
		);
	});

	it('refuses malformed prefixes', () => {
		for (const text of [
			'10.0.0.0',
			'10.0.0.0/33',
			'10.0.0.0/024',
			'10.0.0.0/',
			' 10.0.0.0/8',
			'1.2.3.4.5/8',
			'256.0.0.0/8',
			8
		]) {
			expect(parsePrefix(text)).toBeUndefined();
		}
	});
});

// --- Generated valid tenant layouts -------------------------------------------------------------

const tenantName = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,11}$/);

/** A subnet of a virtual network: the /24 block it sits at, its length and its VMs' host offsets. */
const subnetPlan = (spaces: number) =>
	fc.record({
		space: fc.integer({ min: 0, max: spaces - 1 }),
		block: fc.integer({ min: 0, max: 255 }),
		length: fc.integer({ min: 24, max: 28 }),
		// Offsets 2..14 are valid hosts in every subnet from /24 to /28.
		vms: fc.uniqueArray(
			fc.record({ offset: fc.integer({ min: 2, max: 14 }), host: fc.nat(), mac: fc.boolean() }),
			{ selector: (vm) => vm.offset, maxLength: 3 }
		)
	});

const vnetPlan = fc
	// Second octets 0..3 only, so tenants often share address ranges (which must be allowed).
	.uniqueArray(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 2 })
	.chain((spaces) =>
		fc.record({
			spaces: fc.constant(spaces),
			subnets: fc.uniqueArray(subnetPlan(spaces.length), {
				selector: (s) => `${s.space}/${s.block}`,
				maxLength: 3
			})
		})
	);

const layoutPlan = fc.record({
	nodes: fc.integer({ min: 4, max: 16 }),
	tenants: fc.uniqueArray(
		fc.record({ name: tenantName, vnets: fc.array(vnetPlan, { minLength: 1, maxLength: 2 }) }),
		{ selector: (t) => t.name, minLength: 1, maxLength: 3 }
	),
	vsids: fc.uniqueArray(fc.integer({ min: 4096, max: 16_777_214 }), {
		minLength: 18,
		maxLength: 18
	}),
	mtu: fc.integer({ min: 1674, max: 9216 }),
	rules: fc.array(
		fc.record({
			onVm: fc.boolean(),
			pick: fc.nat(),
			direction: fc.constantFrom('inbound', 'outbound'),
			protocol: fc.constantFrom('tcp', 'udp', 'icmp', 'any'),
			ports: fc.constantFrom('*', '80', '1024-65535', '0-0'),
			prefix: fc.constantFrom('*', '10.0.0.0/16', '0.0.0.0/0', '10.1.2.3/32'),
			action: fc.constantFrom('allow', 'deny')
		}),
		{ maxLength: 4 }
	),
	priorities: fc.uniqueArray(fc.integer({ min: 100, max: 65_000 }), { minLength: 4, maxLength: 4 }),
	flows: fc.array(
		fc.record({
			t: fc.integer({ min: 0, max: 100_000 }),
			from: fc.nat(),
			step: fc.integer({ min: 1, max: 100 }),
			protocol: fc.constantFrom('icmp', 'tcp', 'udp'),
			sizeBytes: fc.option(fc.integer({ min: 0, max: 9000 }), { nil: undefined })
		}),
		{ maxLength: 3 }
	)
});

type Plan = typeof layoutPlan extends fc.Arbitrary<infer T> ? T : never;

/** A valid scenario document from a plan, and the paths of its subnets in document order. */
function buildLayout(plan: Plan): { doc: Doc; subnetPaths: string[] } {
	const vms: Doc[] = [];
	const subnetRefs: string[] = [];
	const subnetPaths: string[] = [];
	const tenants = plan.tenants.map((tenant, ti) => ({
		name: tenant.name,
		virtualNetworks: tenant.vnets.map((vnet, vi) => ({
			name: `vnet${vi}`,
			addressSpace: vnet.spaces.map((o) => `10.${o}.0.0/16`),
			subnets: vnet.subnets.map((s, si) => {
				const network = (10 << 24) + (vnet.spaces[s.space] << 16) + (s.block << 8);
				subnetPaths.push(`tenants[${ti}].virtualNetworks[${vi}].subnets[${si}]`);
				subnetRefs.push(`${tenant.name}/vnet${vi}/s${si}`);
				for (const vm of s.vms) {
					const spec: Doc = {
						name: `vm${vms.length}`,
						tenant: tenant.name,
						virtualNetwork: `vnet${vi}`,
						subnet: `s${si}`,
						host: vm.host % plan.nodes,
						ca: formatAddress(network + vm.offset)
					};
					// Locally administered unicast MACs never collide with the generated pool.
					if (vm.mac)
						spec.mac = `02-00-00-00-${(vms.length >> 8).toString(16).padStart(2, '0')}-${(vms.length & 255).toString(16).padStart(2, '0').toUpperCase()}`;
					vms.push(spec);
				}
				return {
					name: `s${si}`,
					prefix: `${formatAddress(network)}/${s.length}`,
					vsid: plan.vsids[subnetPaths.length - 1]
				};
			})
		}))
	}));
	const acls = plan.rules.flatMap((rule, i) => {
		const attach = rule.onVm
			? vms.length > 0
				? { vm: vms[rule.pick % vms.length].name }
				: undefined
			: subnetRefs.length > 0
				? { subnet: subnetRefs[rule.pick % subnetRefs.length] }
				: undefined;
		if (attach === undefined) return [];
		const ports = rule.protocol === 'icmp' ? '*' : rule.ports;
		return [
			{
				name: `rule${i}`,
				...attach,
				priority: plan.priorities[i],
				direction: rule.direction,
				protocol: rule.protocol,
				sourcePrefix: rule.prefix,
				destinationPorts: ports,
				action: rule.action
			}
		];
	});
	const inputs =
		vms.length < 2
			? []
			: plan.flows.map((f) => {
					const from = f.from % vms.length;
					const to = (from + (f.step % (vms.length - 1)) + 1) % vms.length;
					const flow: Doc = {
						t: f.t,
						type: 'flow.start',
						from: vms[from].name,
						to: vms[to].name,
						protocol: f.protocol
					};
					if (f.sizeBytes !== undefined) flow.sizeBytes = f.sizeBytes;
					return flow;
				});
	const doc: Doc = {
		format: 'stackscope.scenario',
		version: 1,
		name: 'Generated tenants',
		topology: { nodes: plan.nodes },
		network: { underlayMtuBytes: plan.mtu },
		tenants,
		vms,
		acls,
		inputs
	};
	return { doc, subnetPaths };
}

describe('tenant networking: properties', () => {
	it('parses every generated valid layout, and its re-serialised form to the same value', () => {
		fc.assert(
			fc.property(layoutPlan, (plan) => {
				const { doc } = buildLayout(plan);
				const result = parseScenario(doc);
				const first = ok(result);
				expect(result.ok && result.warnings.filter((w) => !w.startsWith('inputs'))).toEqual([]);
				expect(first.vms).toHaveLength((doc.vms as unknown[]).length);
				expect(new Set(first.vms.map((vm) => vm.mac)).size).toBe(first.vms.length);
				const again = parseScenarioJson(JSON.stringify(first));
				expect(ok(again)).toEqual(first);
			}),
			{ numRuns: 200 }
		);
	});

	it('accepts a second tenant with exactly the same CAs and hosts (isolated by VSID)', () => {
		fc.assert(
			fc.property(layoutPlan, (plan) => {
				const { doc } = buildLayout(plan);
				const tenants = doc.tenants as {
					name: string;
					virtualNetworks: { subnets: { vsid: number }[] }[];
				}[];
				const used = new Set(
					tenants.flatMap((t) => t.virtualNetworks.flatMap((v) => v.subnets.map((s) => s.vsid)))
				);
				let next = 4096;
				const fresh = () => {
					while (used.has(next)) next++;
					return next++;
				};
				const twin = JSON.parse(JSON.stringify(tenants[0])) as (typeof tenants)[number];
				twin.name = 'Twin-of-first';
				for (const vnet of twin.virtualNetworks) for (const s of vnet.subnets) s.vsid = fresh();
				const vms = doc.vms as Doc[];
				const twinVms = vms
					.filter((vm) => vm.tenant === tenants[0].name)
					.map(({ mac: _, ...vm }, i) => ({ ...vm, name: `twin${i}`, tenant: twin.name }));
				const withTwin = { ...doc, tenants: [...tenants, twin], vms: [...vms, ...twinVms] };
				const s = ok(parseScenario(withTwin));
				const cas = (tenant: string) =>
					s.vms
						.filter((vm) => vm.tenant === tenant)
						.map((vm) => `${vm.virtualNetwork}/${vm.ca}@${vm.host}`);
				expect(cas(twin.name)).toEqual(cas(tenants[0].name));
			}),
			{ numRuns: 100 }
		);
	});

	it('rejects a duplicated VSID wherever it is, naming both subnets', () => {
		const withTwoSubnets = layoutPlan
			.map(buildLayout)
			.filter((l) => l.subnetPaths.length >= 2)
			.chain((l) =>
				fc
					.uniqueArray(fc.integer({ min: 0, max: l.subnetPaths.length - 1 }), {
						minLength: 2,
						maxLength: 2
					})
					.map((pair) => ({ ...l, pair: [...pair].sort((a, b) => a - b) }))
			);
		fc.assert(
			fc.property(withTwoSubnets, ({ doc: generated, subnetPaths, pair: [i, j] }) => {
				const doc = JSON.parse(JSON.stringify(generated)) as Doc;
				const vsidOf = (path: string): number => {
					let target: unknown = doc;
					for (const key of path.split(/[.[\]]+/).filter((k) => k !== '')) {
						target = (target as Record<string, unknown>)[key];
					}
					return (target as { vsid: number }).vsid;
				};
				const vsid = vsidOf(subnetPaths[i]);
				patched(`${subnetPaths[j]}.vsid`, vsid, doc);
				expect(errors(parseScenario(doc))).toEqual([
					`${subnetPaths[j]}.vsid: a VSID is unique in the datacenter, across all tenants (FACTS 3.3), got ${vsid} again (also ${subnetPaths[i]})`
				]);
			}),
			{ numRuns: 100 }
		);
	});

	it('answers hostile values anywhere in the tenant sections with messages, never a crash', () => {
		const paths = [
			'network',
			'network.underlayMtuBytes',
			'tenants',
			'tenants[0]',
			'tenants[0].name',
			'tenants[0].virtualNetworks',
			`${VNET}.addressSpace`,
			`${VNET}.addressSpace[0]`,
			`${VNET}.subnets`,
			SUBNET,
			`${SUBNET}.prefix`,
			`${SUBNET}.vsid`,
			'vms',
			'vms[0]',
			'vms[0].tenant',
			'vms[0].ca',
			'vms[0].mac',
			'acls',
			'acls[0]',
			'acls[0].vm',
			'acls[1].subnet',
			'acls[0].destinationPorts',
			'inputs[0]',
			'inputs[0].from',
			'inputs[0].protocol'
		];
		fc.assert(
			fc.property(
				fc.constantFrom(...paths),
				fc.anything({ withNullPrototype: true }),
				(path, junk) => {
					const result = parseScenario(patched(path, junk));
					if (!result.ok) {
						expect(result.errors.length).toBeGreaterThan(0);
						// "could not be read" is the catch-all for a bug (a throw inside the parser).
						for (const e of result.errors) expect(e).not.toMatch(/could not be read/);
					}
				}
			),
			{ numRuns: 500 }
		);
	});

	it('answers hostile inputs at run time with messages, never a crash', () => {
		const scenario = ok(parseScenario(base()));
		const input = fc.oneof(
			fc.anything(),
			fc.record(
				{
					t: fc.anything(),
					type: fc.constantFrom('flow.start', 'acl.add', 'acl.remove', 'network.set-mtu'),
					from: fc.oneof(fc.constantFrom('web1', 'web2'), fc.anything()),
					to: fc.oneof(fc.constantFrom('web1', 'fab1'), fc.anything()),
					protocol: fc.oneof(fc.constantFrom('icmp', 'tcp'), fc.anything()),
					name: fc.anything(),
					vm: fc.anything(),
					subnet: fc.oneof(fc.constant('Contoso/vnet1/app'), fc.anything()),
					underlayMtuBytes: fc.anything()
				},
				{ requiredKeys: ['type'] }
			)
		);
		fc.assert(
			fc.property(input, (junk) => {
				const result = parseInput(junk, scenario);
				if (!result.ok) for (const e of result.errors) expect(e).not.toMatch(/could not be read/);
				else expect(typeof result.input.type).toBe('string');
			}),
			{ numRuns: 500 }
		);
	});
});

import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { slbProblems } from '../net/slb/validate';
import { slbConfigMessages } from './checks-slb';
import { formatAddress, formatPrefix, lastOf, networkOf } from './cidr';
import { parseInput, parseScenario } from './parse';
import { type Scenario } from './schema';
import { SLB_SCENARIO_ENTRIES, type SlbSections } from './schema-slb';
import { type SlbInput } from './schema-slb-inputs';
import { tenantsSchema, vmsSchema } from './schema-tenants';
import { muxMac, muxName, muxPa, slbConfigOf, SLB_ROUTER_IP } from './slb-config';

type Doc = Record<string, unknown>;
type SlbScenario = Scenario & SlbSections;
type Result =
	{ ok: true; scenario: SlbScenario; warnings: string[] } | { ok: false; errors: string[] };

// --- Parsing ---------------------------------------------------------------------------------

const parse = (doc: Doc): Result => parseScenario(doc) as Result;

type InputResult = { ok: true; input: unknown } | { ok: false; errors: string[] };

const parseRuntimeInput = (input: unknown, scenario: SlbScenario): InputResult =>
	parseInput(input, scenario);

// --- Scenarios --------------------------------------------------------------------------------

const vm = (
	name: string,
	tenant: string,
	vnet: string,
	subnet: string,
	host: number,
	ca: string
) => ({
	name,
	tenant,
	virtualNetwork: vnet,
	subnet,
	host,
	ca
});

const base = (): Doc => ({
	format: 'stackscope.scenario',
	version: 1,
	name: 'SLB',
	topology: { nodes: 4 },
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
				},
				{
					name: 'vnet2',
					addressSpace: ['10.1.0.0/16'],
					subnets: [{ name: 'app', prefix: '10.1.1.0/24', vsid: 5101 }]
				}
			]
		},
		{
			name: 'Fabrikam',
			virtualNetworks: [
				{
					name: 'vnet1',
					addressSpace: ['203.0.113.0/24'],
					subnets: [{ name: 'web', prefix: '203.0.113.0/25', vsid: 6001 }]
				}
			]
		}
	],
	vms: [
		vm('web1', 'Contoso', 'vnet1', 'app', 0, '10.0.1.4'),
		vm('web2', 'Contoso', 'vnet1', 'app', 1, '10.0.1.5'),
		vm('db1', 'Contoso', 'vnet1', 'db', 2, '10.0.2.4'),
		vm('other1', 'Contoso', 'vnet2', 'app', 3, '10.1.1.4'),
		vm('fab1', 'Fabrikam', 'vnet1', 'web', 0, '203.0.113.4')
	],
	slb: { muxes: 2, vipPool: '192.0.2.0/24' },
	loadBalancers: [
		{
			name: 'web-lb',
			tenant: 'Contoso',
			vip: '192.0.2.40',
			backendPool: ['web1', 'web2'],
			rules: [
				{ name: 'http', protocol: 'tcp', frontendPort: 80, backendPort: 8080, probe: 'http-probe' }
			],
			probes: [{ name: 'http-probe', protocol: 'http', port: 8080, path: '/health' }],
			inboundNatRules: [
				{ name: 'rdp-web1', protocol: 'tcp', frontendPort: 50001, vm: 'web1', backendPort: 3389 }
			],
			outboundNat: {}
		}
	],
	clients: [
		{ name: 'alice', address: '198.51.100.7' },
		{ name: 'bob', address: '198.51.100.8' }
	],
	inputs: [
		{
			t: 1000,
			type: 'client.connect',
			client: 'alice',
			vip: '192.0.2.40',
			protocol: 'tcp',
			port: 80,
			count: 8
		},
		{ t: 2000, type: 'vm.service-stop', vm: 'web1', port: 8080 },
		{ t: 3000, type: 'mux.fail', mux: 1 },
		{ t: 4000, type: 'mux.restore', mux: 1 },
		{ t: 5000, type: 'vm.service-start', vm: 'web1', port: 8080 }
	]
});

const REMOVE = Symbol('remove');

/** `doc` with the value at each path (`loadBalancers[0].rules[0].probe`) set or removed. */
function patched(changes: [string, unknown][], doc: Doc = base()): Doc {
	for (const [path, value] of changes) {
		const keys = path
			.split(/[.[\]]+/)
			.filter((k) => k !== '')
			.map((k) => (/^\d+$/.test(k) ? Number(k) : k));
		let target = doc as Record<string | number, unknown>;
		for (const key of keys.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
		const last = keys[keys.length - 1];
		if (value === REMOVE) delete target[last];
		else target[last] = value;
	}
	return doc;
}

const set = (path: string, value: unknown): Doc => patched([[path, value]]);

function ok(result: Result): SlbScenario {
	if (!result.ok) throw new Error(`expected a valid scenario, got:\n${result.errors.join('\n')}`);
	expect(result.ok).toBe(true);
	return result.scenario;
}

function errors(result: Result): string[] {
	if (result.ok) throw new Error('expected errors, the scenario parsed');
	return result.errors;
}

const LB = 'loadBalancers[0]';

/** A second load balancer for web2 with its own VIP. */
const apiLb = (extra: Doc = {}): Doc => ({
	name: 'api-lb',
	tenant: 'Contoso',
	vip: '192.0.2.41',
	backendPool: ['web2'],
	...extra
});

// --- Tests ----------------------------------------------------------------------------------

describe('SLB sections: defaults', () => {
	it('accepts the base layout and fills in every default', () => {
		const result = parse(base());
		const s = ok(result);
		expect(result.ok && result.warnings).toEqual([]);
		expect(s.slb).toEqual({
			muxes: 2,
			vipPool: '192.0.2.0/24',
			asn: 64512,
			peerAsn: 64512,
			keepaliveMs: 1000,
			holdMs: 3000
		});
		expect(s.loadBalancers[0].rules[0].distribution).toBe('Default');
		expect(s.loadBalancers[0].probes[0]).toEqual({
			name: 'http-probe',
			protocol: 'http',
			port: 8080,
			path: '/health',
			intervalMs: 5000,
			numberOfProbes: 2
		});
		expect(s.loadBalancers[0].outboundNat).toEqual({ protocol: 'all' });
		expect(s.clients).toEqual([
			{ name: 'alice', address: '198.51.100.7' },
			{ name: 'bob', address: '198.51.100.8' }
		]);
		expect(s.inputs as unknown as SlbInput[]).toEqual([
			{
				t: 1000,
				type: 'client.connect',
				client: 'alice',
				vip: '192.0.2.40',
				protocol: 'tcp',
				port: 80,
				count: 8,
				intervalMs: 1000,
				sizeBytes: 512
			},
			{ t: 2000, type: 'vm.service-stop', vm: 'web1', port: 8080 },
			{ t: 3000, type: 'mux.fail', mux: 1 },
			{ t: 4000, type: 'mux.restore', mux: 1 },
			{ t: 5000, type: 'vm.service-start', vm: 'web1', port: 8080 }
		]);
	});

	it('keeps scenarios without SLB sections valid: no slb, no load balancers, no clients', () => {
		const s = ok(
			parse({ format: 'stackscope.scenario', version: 1, name: 'x', topology: { nodes: 4 } })
		);
		expect([s.slb, s.loadBalancers, s.clients]).toEqual([undefined, [], []]);
		expect('slb' in s).toBe(false);
	});

	it('makes "slb": {} a complete SLB: 2 MUXes, the documentation VIP pool, AS 64512, 1 s / 3 s', () => {
		const s = ok(parse(patched([['slb', {}]])));
		expect(s.slb).toEqual({
			muxes: 2,
			vipPool: '192.0.2.0/24',
			asn: 64512,
			peerAsn: 64512,
			keepaliveMs: 1000,
			holdMs: 3000
		});
	});

	it('makes a hold time left out three keepalives long, and keeps a written one', () => {
		expect(ok(parse(set('slb', { keepaliveMs: 5000 }))).slb).toMatchObject({
			keepaliveMs: 5000,
			holdMs: 15000
		});
		expect(ok(parse(set('slb', { keepaliveMs: 60000 }))).slb?.holdMs).toBe(180000);
		expect(ok(parse(set('slb', { keepaliveMs: 1000, holdMs: 1500 + 1500 }))).slb?.holdMs).toBe(
			3000
		);
	});

	it('fills rules, probes and inbound NAT rules with empty lists, and leaves outbound NAT off', () => {
		const s = ok(
			parse(
				patched([
					[
						'loadBalancers',
						[{ name: 'lb', tenant: 'Contoso', vip: '192.0.2.31', backendPool: ['db1'] }]
					],
					['inputs', []]
				])
			)
		);
		expect(s.loadBalancers).toEqual([
			{
				name: 'lb',
				tenant: 'Contoso',
				vip: '192.0.2.31',
				backendPool: ['db1'],
				rules: [],
				probes: [],
				inboundNatRules: []
			}
		]);
	});

	it('accepts pool VMs of different subnets of one virtual network, and every distribution', () => {
		const rules = ['Default', 'SourceIPProtocol', 'SourceIP'].map((distribution, i) => ({
			name: `r${i}`,
			protocol: 'udp',
			frontendPort: 53 + i,
			backendPort: 53,
			distribution,
			probe: 'tcp-probe'
		}));
		const s = ok(
			parse(
				patched([
					[`${LB}.backendPool`, ['web1', 'web2', 'db1']],
					[`${LB}.rules`, rules],
					[`${LB}.probes`, [{ name: 'tcp-probe', protocol: 'tcp', port: 53 }]],
					[`${LB}.inboundNatRules`, []]
				])
			)
		);
		expect(s.loadBalancers[0].rules.map((r) => r.distribution)).toEqual([
			'Default',
			'SourceIPProtocol',
			'SourceIP'
		]);
	});

	it('accepts a front end inside the outbound NAT ports when outbound NAT does not cover its protocol', () => {
		ok(
			parse(
				patched([
					[`${LB}.outboundNat`, { protocol: 'tcp' }],
					[`${LB}.inboundNatRules[0].protocol`, 'udp'],
					[`${LB}.inboundNatRules[0].frontendPort`, 2048]
				])
			)
		);
	});

	it('accepts the edges of every range', () => {
		const edges = patched([
			[
				'slb',
				{ muxes: 8, vipPool: '198.18.0.0/22', asn: 65535, keepaliveMs: 60000, holdMs: 180000 }
			],
			[`${LB}.vip`, '198.18.3.255'],
			[`${LB}.rules[0].frontendPort`, 1],
			[`${LB}.rules[0].backendPort`, 65535],
			[
				`${LB}.probes[0]`,
				{
					name: 'p',
					protocol: 'http',
					port: 1,
					path: '/' + 'a'.repeat(255),
					intervalMs: 300000,
					numberOfProbes: 100
				}
			],
			[`${LB}.rules[0].probe`, 'p'],
			[`${LB}.inboundNatRules[0].frontendPort`, 65535],
			[`${LB}.outboundNat`, { protocol: 'udp' }],
			[
				'inputs',
				[
					{
						t: 0,
						type: 'client.connect',
						client: 'bob',
						vip: '198.18.3.255',
						protocol: 'tcp',
						port: 1,
						count: 1000,
						intervalMs: 60000,
						sizeBytes: 9000
					},
					{ t: 0, type: 'mux.fail', mux: 7 },
					{ t: 0, type: 'vm.service-stop', vm: 'web2', port: 65535 }
				]
			]
		]);
		ok(parse(edges));
		const low = patched([
			['slb', { muxes: 1, vipPool: '192.0.2.0/26', asn: 1, keepaliveMs: 1000, holdMs: 3000 }],
			[`${LB}.vip`, '192.0.2.31'],
			[`${LB}.probes[0].intervalMs`, 1000],
			[`${LB}.probes[0].numberOfProbes`, 1],
			[
				'inputs',
				[
					{
						t: 0,
						type: 'client.connect',
						client: 'bob',
						vip: '192.0.2.31',
						protocol: 'tcp',
						port: 80,
						count: 1,
						intervalMs: 1,
						sizeBytes: 0
					}
				]
			]
		]);
		ok(parse(low));
	});
});

describe('slbConfigOf', () => {
	it("turns the sections into net/slb's types, each DIP from its VM's port", () => {
		const config = slbConfigOf(ok(parse(base())))!;
		expect(config.loadBalancers).toEqual([
			{
				name: 'web-lb',
				tenant: 'Contoso',
				vip: '192.0.2.40',
				backend: [
					{
						vm: 'web1',
						dip: '10.0.1.4',
						host: 0,
						mac: '00:1d:d8:b7:1c:00',
						vsid: 5001,
						subnetPrefix: '10.0.1.0/24'
					},
					{
						vm: 'web2',
						dip: '10.0.1.5',
						host: 1,
						mac: '00:1d:d8:b7:1c:01',
						vsid: 5001,
						subnetPrefix: '10.0.1.0/24'
					}
				],
				rules: [
					{
						name: 'http',
						protocol: 'tcp',
						frontendPort: 80,
						backendPort: 8080,
						distribution: 'Default',
						probe: 'http-probe'
					}
				],
				probes: [
					{
						name: 'http-probe',
						protocol: 'http',
						port: 8080,
						path: '/health',
						intervalMs: 5000,
						numberOfProbes: 2
					}
				],
				inboundNatRules: [
					{ name: 'rdp-web1', protocol: 'tcp', frontendPort: 50001, vm: 'web1', backendPort: 3389 }
				],
				outboundNat: { protocol: 'all' }
			}
		]);
		expect(config.muxes).toEqual([
			{ name: 'MUX01', pa: '10.10.57.11', mac: '00:15:5d:0a:39:0b', asn: 64512 },
			{ name: 'MUX02', pa: '10.10.57.12', mac: '00:15:5d:0a:39:0c', asn: 64512 }
		]);
		expect(config.router).toEqual({
			name: 'TOR1',
			ip: '10.10.56.1',
			mac: '00:25:b5:00:00:01',
			asn: 64512
		});
		expect(config.timers).toEqual({ keepaliveMs: 1000, holdMs: 3000 });
		expect(config.vipPool).toBe('192.0.2.0/24');
		expect(config.clients).toEqual([
			{ name: 'alice', address: '198.51.100.7' },
			{ name: 'bob', address: '198.51.100.8' }
		]);
		expect(slbProblems(config.loadBalancers, config.muxes, config.router)).toEqual([]);
	});

	it('takes a written MAC and leaves out outbound NAT when the load balancer has none', () => {
		const doc = patched([
			['vms[1].mac', '02-AB-00-00-00-01'],
			[`${LB}.outboundNat`, REMOVE]
		]);
		const lb = slbConfigOf(ok(parse(doc)))!.loadBalancers[0];
		expect(lb.backend[1].mac).toBe('02:ab:00:00:00:01');
		expect('outboundNat' in lb).toBe(false);
	});

	it('is undefined without an slb section, and shares nothing with the scenario', () => {
		const s = ok(
			parse(
				patched([
					['slb', REMOVE],
					['loadBalancers', []],
					['inputs', []]
				])
			)
		);
		expect(slbConfigOf(s)).toBeUndefined();
		const full = ok(parse(base()));
		const config = slbConfigOf(full)!;
		config.loadBalancers[0].rules[0].backendPort = 1;
		config.clients[0].name = 'mallory';
		expect(full.loadBalancers[0].rules[0].backendPort).toBe(8080);
		expect(full.clients[0].name).toBe('alice');
	});

	it('names and addresses MUXes by index (illustrative choices)', () => {
		expect([muxName(0), muxName(7), muxPa(0), muxPa(7), muxMac(0), muxMac(7)]).toEqual([
			'MUX01',
			'MUX08',
			'10.10.57.11',
			'10.10.57.18',
			'00:15:5d:0a:39:0b',
			'00:15:5d:0a:39:12'
		]);
		expect(SLB_ROUTER_IP).toBe('10.10.56.1');
	});

	it("reports net/slb's own problems as scenario messages (the last check)", () => {
		const config = slbConfigOf(ok(parse(base())))!;
		config.router.asn = 64513;
		expect(slbConfigMessages(config)).toEqual([
			'slb: the SLB data plane refuses this configuration: MUX01 must share AS 64513 with TOR1 (internal BGP)',
			'slb: the SLB data plane refuses this configuration: MUX02 must share AS 64513 with TOR1 (internal BGP)'
		]);
	});
});

/** [what, patched document, exact messages]. */
const SCHEMA_CASES: [string, Doc, string[]][] = [
	[
		'no MUXes',
		set('slb.muxes', 0),
		['slb.muxes: the MUX pool has 1 to 8 MUXes (one SLB Manager supports 8, FACTS 4.1), got 0']
	],
	[
		'nine MUXes',
		set('slb.muxes', 9),
		['slb.muxes: the MUX pool has 1 to 8 MUXes (one SLB Manager supports 8, FACTS 4.1), got 9']
	],
	[
		'VIP pool larger than a /22',
		set('slb.vipPool', '192.0.0.0/21'),
		[
			'slb.vipPool: the VIP pool is a /22 to a /26 (FACTS 6.1; /24 is recommended), got "192.0.0.0/21"'
		]
	],
	[
		'VIP pool smaller than a /26',
		set('slb.vipPool', '192.0.2.0/27'),
		[
			'slb.vipPool: the VIP pool is a /22 to a /26 (FACTS 6.1; /24 is recommended), got "192.0.2.0/27"'
		]
	],
	[
		'VIP pool with host bits set',
		set('slb.vipPool', '192.0.2.1/24'),
		[
			'slb.vipPool: the VIP pool is a network address, with the host bits zero ("192.0.2.0/24"), got "192.0.2.1/24"'
		]
	],
	[
		'VIP pool that is not CIDR',
		set('slb.vipPool', '192.0.2/24'),
		['slb.vipPool: the VIP pool is an IPv4 prefix such as "192.0.2.0/24", got "192.0.2/24"']
	],
	[
		'multicast VIP pool',
		set('slb.vipPool', '224.0.0.0/24'),
		[
			'slb.vipPool: the VIP pool is unicast address space (it overlaps 224.0.0.0/4, multicast), got "224.0.0.0/24"'
		]
	],
	[
		'ASN 0',
		set('slb.asn', 0),
		["slb.asn: the MUXes' AS number is a 2-byte ASN, 1 to 65535 (FACTS 4.1), got 0"]
	],
	[
		'4-byte peer ASN',
		set('slb.peerAsn', 4_200_000_000),
		["slb.peerAsn: the router's AS number is a 2-byte ASN, 1 to 65535 (FACTS 4.1), got 4200000000"]
	],
	[
		'keepalive below 1 s',
		set('slb.keepaliveMs', 500),
		['slb.keepaliveMs: the BGP keepalive interval is 1000 to 60000 ms, got 500']
	],
	[
		'hold time below 3 s',
		set('slb.holdMs', 2000),
		['slb.holdMs: the BGP hold time is 3000 to 180000 ms, got 2000']
	],
	[
		'unknown field in slb',
		set('slb.muxs', 2),
		[
			'slb.muxs: unknown field, did you mean "muxes"? (fields here: muxes, vipPool, asn, peerAsn, keepaliveMs, holdMs)'
		]
	],
	[
		'slb not an object',
		set('slb', 2),
		['slb: expected an object such as {"muxes": 2, "vipPool": "192.0.2.0/24"}, got 2']
	],
	[
		'load balancers not a list',
		set('loadBalancers', {}),
		['loadBalancers: load balancers are a list, got an object']
	],
	[
		'VIP that is not an address',
		set(`${LB}.vip`, '192.0.2'),
		[`${LB}.vip: a VIP is an IPv4 address such as "192.0.2.40", got "192.0.2"`]
	],
	[
		'missing pool',
		set(`${LB}.backendPool`, REMOVE),
		[`${LB}.backendPool: missing; a list of VM names, e.g. ["web1", "web2"]`]
	],
	[
		'pool entry that is not a name',
		set(`${LB}.backendPool`, ['web1', 'Contoso/web2']),
		[
			`${LB}.backendPool[1]: a name is 1 to 64 letters, digits, ".", "-" or "_", starting with a letter or digit, got "Contoso/web2"`
		]
	],
	[
		'ICMP rule',
		set(`${LB}.rules[0].protocol`, 'icmp'),
		[`${LB}.rules[0].protocol: a rule's protocol is "tcp" or "udp", got "icmp"`]
	],
	[
		'front-end port 0',
		set(`${LB}.rules[0].frontendPort`, 0),
		[`${LB}.rules[0].frontendPort: a front-end port is 1 to 65535, got 0`]
	],
	[
		'back-end port above 65535',
		set(`${LB}.rules[0].backendPort`, 65536),
		[`${LB}.rules[0].backendPort: a back-end port is 1 to 65535, got 65536`]
	],
	[
		'unknown distribution',
		set(`${LB}.rules[0].distribution`, 'RoundRobin'),
		[
			`${LB}.rules[0].distribution: the distribution is "Default" (5-tuple), "SourceIPProtocol" (3-tuple) or "SourceIP" (2-tuple), got "RoundRobin"`
		]
	],
	[
		'misspelt front-end port',
		patched([
			[`${LB}.rules[0].frontEndPort`, 80],
			[`${LB}.rules[0].frontendPort`, REMOVE]
		]),
		[
			`${LB}.rules[0].frontendPort: missing; the port on the VIP, 1 to 65535`,
			`${LB}.rules[0].frontEndPort: unknown field, did you mean "frontendPort"? (fields here: name, protocol, frontendPort, backendPort, distribution, probe)`
		]
	],
	[
		'rule without a probe',
		set(`${LB}.rules[0].probe`, REMOVE),
		[`${LB}.rules[0].probe: missing; the name of one of the load balancer's probes`]
	],
	[
		'HTTPS probe',
		set(`${LB}.probes[0].protocol`, 'https'),
		[`${LB}.probes[0].protocol: a probe's protocol is "tcp" or "http", got "https"`]
	],
	[
		'probe path without a slash',
		set(`${LB}.probes[0].path`, 'health'),
		[
			`${LB}.probes[0].path: a probe path is a URL path such as "/health": a "/" and then no spaces or control characters, got "health"`
		]
	],
	[
		'probe path with a space',
		set(`${LB}.probes[0].path`, '/health check'),
		[
			`${LB}.probes[0].path: a probe path is a URL path such as "/health": a "/" and then no spaces or control characters, got "/health check"`
		]
	],
	[
		'probe interval below 1 s',
		set(`${LB}.probes[0].intervalMs`, 500),
		[`${LB}.probes[0].intervalMs: the probe interval is 1000 to 300000 ms, got 500`]
	],
	[
		'no probes needed',
		set(`${LB}.probes[0].numberOfProbes`, 0),
		[
			`${LB}.probes[0].numberOfProbes: numberOfProbes (consecutive results that change a DIP's health) is 1 to 100, got 0`
		]
	],
	[
		'ICMP outbound NAT',
		set(`${LB}.outboundNat`, { protocol: 'icmp' }),
		[`${LB}.outboundNat.protocol: the outbound NAT protocol is "tcp", "udp" or "all", got "icmp"`]
	],
	[
		'inbound NAT rule without a VM',
		set(`${LB}.inboundNatRules[0].vm`, REMOVE),
		[`${LB}.inboundNatRules[0].vm: missing; the name of a VM in the backendPool`]
	],
	[
		'private client address',
		set('clients[0].address', '10.1.2.3'),
		[
			'clients[0].address: a client is on the internet, so its address is a public IPv4 address such as "198.51.100.7" (10.1.2.3 is private: 10.0.0.0/8), got "10.1.2.3"'
		]
	],
	[
		'loopback client address',
		set('clients[0].address', '127.0.0.1'),
		[
			'clients[0].address: a client is on the internet, so its address is a public IPv4 address such as "198.51.100.7" (127.0.0.1 is loopback: 127.0.0.0/8), got "127.0.0.1"'
		]
	],
	[
		'shared-space client address',
		set('clients[0].address', '100.64.0.1'),
		[
			'clients[0].address: a client is on the internet, so its address is a public IPv4 address such as "198.51.100.7" (100.64.0.1 is shared address space: 100.64.0.0/10), got "100.64.0.1"'
		]
	],
	[
		'client address that is not IPv4',
		set('clients[0].address', '198.51.100'),
		[
			'clients[0].address: a client is on the internet, so its address is a public IPv4 address such as "198.51.100.7", got "198.51.100"'
		]
	],
	[
		'no connections',
		set('inputs[0].count', 0),
		['inputs[0].count: a client opens 1 to 1000 connections, got 0']
	],
	[
		'too many connections',
		set('inputs[0].count', 1001),
		['inputs[0].count: a client opens 1 to 1000 connections, got 1001']
	],
	[
		'ICMP connection',
		set('inputs[0].protocol', 'icmp'),
		['inputs[0].protocol: a connection\'s protocol is "tcp" or "udp", got "icmp"']
	],
	[
		'connection without a port',
		set('inputs[0].port', REMOVE),
		['inputs[0].port: missing; the port on the VIP, e.g. 80']
	],
	[
		'request above 9000 bytes',
		set('inputs[0].sizeBytes', 9001),
		["inputs[0].sizeBytes: a connection's request is 0 to 9000 bytes, got 9001"]
	],
	[
		'MUX index 8',
		set('inputs[2].mux', 8),
		['inputs[2].mux: a MUX index is a whole number from 0 to 7 (0 is the first MUX), got 8']
	],
	[
		'negative MUX index',
		set('inputs[3].mux', -1),
		['inputs[3].mux: a MUX index is a whole number from 0 to 7 (0 is the first MUX), got -1']
	],
	['service port 0', set('inputs[1].port', 0), ['inputs[1].port: a port is 1 to 65535, got 0']]
];

const CROSS_CASES: [string, Doc, string[]][] = [
	[
		'load balancers without an slb section',
		set('slb', REMOVE),
		[
			'loadBalancers: load balancers need the "slb" section, whose MUXes advertise their VIPs (FACTS 4.1), e.g. "slb": {"muxes": 2}, got 1 load balancer and no "slb"',
			'inputs[2].mux: no MUX 1: the scenario has no "slb" section, so no MUXes',
			'inputs[3].mux: no MUX 1: the scenario has no "slb" section, so no MUXes'
		]
	],
	[
		'router in another AS',
		set('slb.peerAsn', 64513),
		[
			"slb.peerAsn: the MUXes peer with the router by internal BGP (FACTS 4.1), so the router's AS number is the MUXes' (64512), got 64513"
		]
	],
	[
		'hold time not longer than the keepalive interval',
		set('slb', { keepaliveMs: 3000, holdMs: 3000 }),
		[
			'slb.holdMs: the hold time is longer than the keepalive interval (3000 ms), or the session drops between two keepalives, got 3000'
		]
	],
	[
		"VIP pool holding the physical network's addresses",
		patched([
			['slb.vipPool', '10.10.56.0/24'],
			[`${LB}.vip`, '10.10.56.40'],
			['inputs[0].vip', '10.10.56.40']
		]),
		[
			'slb.vipPool: the VIP pool holds none of the physical network\'s addresses, got "10.10.56.0/24", which holds 10.10.56.1 (the TOR, the MUXes\' BGP peer)'
		]
	],
	[
		"VIP pool holding a MUX's address",
		patched([
			['slb.vipPool', '10.10.57.0/24'],
			[`${LB}.vip`, '10.10.57.40'],
			['inputs[0].vip', '10.10.57.40']
		]),
		[
			'slb.vipPool: the VIP pool holds none of the physical network\'s addresses, got "10.10.57.0/24", which holds 10.10.57.11 (the provider address of MUX01)'
		]
	],
	[
		'duplicate load balancer name',
		set('loadBalancers[1]', apiLb({ name: 'web-lb' })),
		[
			'loadBalancers[1].name: load balancer names are unique, got "web-lb" again (also loadBalancers[0])'
		]
	],
	[
		'unknown tenant',
		set(`${LB}.tenant`, 'Contso'),
		[`${LB}.tenant: no tenant named "Contso" in tenants, did you mean "Contoso"?`]
	],
	[
		'VIP among the reserved addresses',
		patched([
			[`${LB}.vip`, '192.0.2.30'],
			['inputs[0].vip', '192.0.2.30']
		]),
		[
			`${LB}.vip: a VIP is an address of slb.vipPool (192.0.2.0/24) after its first 31, which are reserved (FACTS 6.1), so from 192.0.2.31 to 192.0.2.255 (192.0.2.30 is one of the reserved addresses), got "192.0.2.30"`
		]
	],
	[
		'VIP outside the pool (and a connection to the old VIP)',
		set(`${LB}.vip`, '198.51.100.40'),
		[
			`${LB}.vip: a VIP is an address of slb.vipPool (192.0.2.0/24) after its first 31, which are reserved (FACTS 6.1), so from 192.0.2.31 to 192.0.2.255 (outside the pool), got "198.51.100.40"`,
			'inputs[0].vip: no load balancer in loadBalancers has the VIP "192.0.2.40" (VIPs: "198.51.100.40")'
		]
	],
	[
		'two load balancers with one VIP',
		set('loadBalancers[1]', apiLb({ vip: '192.0.2.40' })),
		[
			'loadBalancers[1].vip: each load balancer has its own VIP (a MUX finds the load balancer by the VIP a packet is for), got "192.0.2.40" again (also loadBalancers[0])'
		]
	],
	[
		'unknown pool VM',
		set(`${LB}.backendPool[1]`, 'web3'),
		[`${LB}.backendPool[1]: no VM named "web3" in vms, did you mean "web1"?`]
	],
	[
		"another tenant's VM in the pool",
		set(`${LB}.backendPool[1]`, 'fab1'),
		[
			`${LB}.backendPool[1]: a back-end pool holds VMs of the load balancer's tenant ("Contoso"), got "fab1" of tenant "Fabrikam"`
		]
	],
	[
		'pool VMs in two virtual networks',
		set(`${LB}.backendPool[1]`, 'other1'),
		[
			`${LB}.backendPool[1]: a back-end pool's VMs are in one virtual network ("Contoso/vnet1", as "web1" at ${LB}.backendPool[0]), got "other1" in "Contoso/vnet2"`
		]
	],
	[
		'a VM twice in the pool',
		set(`${LB}.backendPool[1]`, 'web1'),
		[
			`${LB}.backendPool[1]: a VM is in a back-end pool once, got "web1" again (also ${LB}.backendPool[0])`
		]
	],
	[
		'a rule naming a missing probe',
		set(`${LB}.rules[0].probe`, 'web'),
		[`${LB}.rules[0].probe: no probe named "web" in ${LB}.probes (known: "http-probe")`]
	],
	[
		'a rule naming a misspelt probe',
		set(`${LB}.rules[0].probe`, 'http-prob'),
		[`${LB}.rules[0].probe: no probe named "http-prob" in ${LB}.probes, did you mean "http-probe"?`]
	],
	[
		'a rule and an inbound NAT rule with one name',
		set(`${LB}.inboundNatRules[0].name`, 'http'),
		[
			`${LB}.inboundNatRules[0].name: rule names are unique within a load balancer (rules and inbound NAT rules), got "http" again (also ${LB}.rules[0])`
		]
	],
	[
		'two probes with one name',
		set(`${LB}.probes[1]`, { name: 'http-probe', protocol: 'tcp', port: 8080 }),
		[
			`${LB}.probes[1].name: probe names are unique within a load balancer, got "http-probe" again (also ${LB}.probes[0])`
		]
	],
	[
		'two rules with one front end',
		set(`${LB}.inboundNatRules[0].frontendPort`, 80),
		[
			`${LB}.inboundNatRules[0].frontendPort: a front end (protocol and port on the VIP) belongs to one rule, got tcp 80 again (also ${LB}.rules[0])`
		]
	],
	[
		'an inbound NAT rule to a VM outside the pool',
		set(`${LB}.inboundNatRules[0].vm`, 'db1'),
		[`${LB}.inboundNatRules[0].vm: no VM named "db1" in ${LB}.backendPool (known: "web1", "web2")`]
	],
	[
		"a front end among the pool's outbound NAT ports",
		set(`${LB}.inboundNatRules[0].frontendPort`, 2048),
		[
			`${LB}.inboundNatRules[0].frontendPort: with outbound NAT ("all"), the VIP's tcp ports 1024 to 3071 are the pool's source ports (1024 per VM; 2048 to 3071 are "web2"'s), so a front end uses another port, got 2048`
		]
	],
	[
		'a VM behind two outbound NATs',
		set('loadBalancers[1]', apiLb({ outboundNat: { protocol: 'udp' } })),
		[
			'loadBalancers[1].backendPool[0]: a VM is in the pool of at most one load balancer with outbound NAT (its outgoing connections leave from one VIP), got "web2" again (also loadBalancers[0].backendPool[1])'
		]
	],
	[
		'an HTTP probe without a path',
		set(`${LB}.probes[0].path`, REMOVE),
		[
			`${LB}.probes[0].path: an "http" probe asks for a URL path such as "/health" (FACTS 4.4), got nothing`
		]
	],
	[
		'a TCP probe with a path',
		set(`${LB}.probes[0].protocol`, 'tcp'),
		[
			`${LB}.probes[0].path: only an "http" probe has a path (a "tcp" probe only opens a connection), got "/health"`
		]
	],
	[
		'two clients with one name',
		set('clients[1].name', 'alice'),
		['clients[1].name: client names are unique, got "alice" again (also clients[0])']
	],
	[
		'two clients with one address',
		set('clients[1].address', '198.51.100.7'),
		['clients[1].address: client addresses are unique, got "198.51.100.7" again (also clients[0])']
	],
	[
		'a client inside the VIP pool',
		set('clients[0].address', '192.0.2.9'),
		[
			'clients[0].address: a client is outside the datacenter, so its address is not in slb.vipPool (192.0.2.0/24), got "192.0.2.9"'
		]
	],
	[
		"a client inside a tenant's address space",
		set('clients[0].address', '203.0.113.9'),
		[
			'clients[0].address: a client is outside the datacenter, so its address is in no tenant\'s address space, got "203.0.113.9", which is in "Fabrikam/vnet1" (203.0.113.0/24)'
		]
	],
	[
		'a connection from an unknown client',
		set('inputs[0].client', 'alise'),
		['inputs[0].client: no client named "alise" in clients, did you mean "alice"?']
	],
	[
		'a connection to a VIP no load balancer has',
		set('inputs[0].vip', '192.0.2.41'),
		[
			'inputs[0].vip: no load balancer in loadBalancers has the VIP "192.0.2.41" (VIPs: "192.0.2.40")'
		]
	],
	[
		'a connection when there are no load balancers',
		set('loadBalancers', []),
		['inputs[0].vip: no load balancer in loadBalancers has the VIP "192.0.2.40" (there are none)']
	],
	[
		'failing a MUX the pool does not have',
		set('inputs[2].mux', 2),
		['inputs[2].mux: no MUX 2 in a 2-MUX pool (MUXes are 0 to 1)']
	],
	[
		'restoring a MUX of a one-MUX pool',
		set('slb.muxes', 1),
		[
			'inputs[2].mux: no MUX 1 in a 1-MUX pool (the only MUX is 0)',
			'inputs[3].mux: no MUX 1 in a 1-MUX pool (the only MUX is 0)'
		]
	],
	[
		'stopping a service on an unknown VM',
		set('inputs[1].vm', 'web9'),
		['inputs[1].vm: no VM named "web9" in vms, did you mean "web1"?']
	],
	[
		'starting a service on an unknown VM',
		set('inputs[4].vm', 'sql'),
		['inputs[4].vm: no VM named "sql" in vms (known: "web1", "web2", "db1", "other1", "fab1")']
	]
];

describe('SLB sections: messages', () => {
	it.each(SCHEMA_CASES)('schema: %s', (_, doc, expected) => {
		expect(errors(parse(doc))).toEqual(expected);
	});

	it.each(CROSS_CASES)('cross-field: %s', (_, doc, expected) => {
		expect(errors(parse(doc))).toEqual(expected);
	});

	it('refuses outbound NAT for more VMs than its port blocks serve (63)', () => {
		const vms = Array.from({ length: 64 }, (_, i) =>
			vm(`v${i}`, 'Contoso', 'vnet1', 'app', i % 4, `10.0.1.${10 + i}`)
		);
		const doc = patched([
			['vms', vms],
			[`${LB}.backendPool`, vms.map((m) => m.name)],
			[`${LB}.inboundNatRules`, []],
			['inputs', []]
		]);
		expect(errors(parse(doc))).toEqual([
			`${LB}.outboundNat: outbound NAT gives each pool VM 1024 of the VIP's ports from 1024, enough for 63 VMs, got a pool of 64`
		]);
		ok(parse(patched([[`${LB}.backendPool`, vms.slice(0, 63).map((m) => m.name)]], doc)));
	});

	it('warns about an empty pool and a connection no rule serves, without refusing them', () => {
		const result = parse(
			patched([
				['loadBalancers[1]', apiLb({ backendPool: [] })],
				['inputs[0].port', 443],
				[
					'inputs[1]',
					{
						t: 1500,
						type: 'client.connect',
						client: 'bob',
						vip: '192.0.2.41',
						protocol: 'udp',
						port: 53
					}
				]
			])
		);
		expect(result.ok && result.warnings).toEqual([
			'loadBalancers[1].backendPool: a load balancer without VMs drops every connection to its rules (there is no DIP to send it to), got an empty list',
			'inputs[0].port: load balancer "web-lb" has no rule for tcp 443 on "192.0.2.40" (it has tcp 80, tcp 50001), so the MUX drops these connections',
			'inputs[1].port: load balancer "api-lb" has no rule for udp 53 on "192.0.2.41" (it has no rules), so the MUX drops these connections'
		]);
	});

	it('checks references even when other SLB fields are invalid', () => {
		const doc = patched([
			['slb.muxes', 'two'],
			[`${LB}.vip`, 5],
			[`${LB}.rules[0].probe`, 'web']
		]);
		expect(errors(parse(doc))).toEqual([
			'slb.muxes: the MUX pool has 1 to 8 MUXes (one SLB Manager supports 8, FACTS 4.1), got "two"',
			`${LB}.vip: a VIP is an IPv4 address such as "192.0.2.40", got 5`,
			`${LB}.rules[0].probe: no probe named "web" in ${LB}.probes (known: "http-probe")`
		]);
	});

	it('does not guess at references into entries it cannot read', () => {
		const doc = patched([
			['vms', 'none'],
			[`${LB}.probes`, [{ name: 7, protocol: 'tcp', port: 80 }]],
			['clients', {}],
			['inputs', [{ t: 0, type: 'mux.fail', mux: 1 }, ...(base().inputs as Doc[]).slice(0, 2)]],
			['slb.muxes', 0]
		]);
		expect(errors(parse(doc))).toEqual([
			'vms: vms are a list, got "none"',
			'slb.muxes: the MUX pool has 1 to 8 MUXes (one SLB Manager supports 8, FACTS 4.1), got 0',
			`${LB}.probes[0].name: a name is 1 to 64 letters, digits, ".", "-" or "_", starting with a letter or digit, got 7`,
			'clients: clients are a list, got an object'
		]);
	});
});

describe('SLB inputs at run time', () => {
	const scenario = ok(parse(base()));

	it('accepts SLB inputs naming what exists, with defaults', () => {
		const result = parseRuntimeInput(
			{
				t: 9000,
				type: 'client.connect',
				client: 'bob',
				vip: '192.0.2.40',
				protocol: 'tcp',
				port: 80
			},
			scenario
		);
		expect(result).toEqual({
			ok: true,
			input: {
				t: 9000,
				type: 'client.connect',
				client: 'bob',
				vip: '192.0.2.40',
				protocol: 'tcp',
				port: 80,
				count: 1,
				intervalMs: 1000,
				sizeBytes: 512
			}
		});
		expect(parseRuntimeInput({ t: 1, type: 'mux.fail', mux: 0 }, scenario).ok).toBe(true);
		expect(
			parseRuntimeInput({ t: 1, type: 'vm.service-stop', vm: 'db1', port: 5432 }, scenario).ok
		).toBe(true);
	});

	it('refuses inputs naming MUXes, clients, VIPs or VMs that do not exist', () => {
		const refused = (input: Doc) => {
			const result = parseRuntimeInput(input, scenario);
			return result.ok ? [] : result.errors;
		};
		expect(refused({ t: 1, type: 'mux.restore', mux: 5 })).toEqual([
			'input.mux: no MUX 5 in a 2-MUX pool (MUXes are 0 to 1)'
		]);
		expect(
			refused({
				t: 1,
				type: 'client.connect',
				client: 'eve',
				vip: '192.0.2.99',
				protocol: 'udp',
				port: 53
			})
		).toEqual([
			'input.client: no client named "eve" in clients (known: "alice", "bob")',
			'input.vip: no load balancer in loadBalancers has the VIP "192.0.2.99" (VIPs: "192.0.2.40")'
		]);
		expect(refused({ t: 1, type: 'vm.service-start', vm: 'web', port: 80 })).toEqual([
			'input.vm: no VM named "web" in vms, did you mean "web1"?'
		]);
		// parseInput's paths name fields of the input without a prefix (formatIssues).
		expect(refused({ t: 1, type: 'mux.fail' })).toEqual([
			'mux: missing; the index of the MUX (0 is the first)'
		]);
	});
});

// --- Properties -------------------------------------------------------------------------------

/** A /22 to /26 VIP pool in public space away from the examples' other addresses. */
const poolArb = fc
	.record({
		length: fc.integer({ min: 22, max: 26 }),
		address: fc.integer({ min: 11 * 2 ** 24, max: 99 * 2 ** 24 - 1 })
	})
	.map(({ length, address }) => ({ address, length }));

/** The mistakes a layout may carry (each the kind net/slb's validation also knows). */
const MISTAKES = [
	'pool-twice',
	'rule-name-twice',
	'front-twice',
	'missing-probe',
	'nat-vm-outside-pool',
	'front-in-outbound-ports',
	'http-probe-without-path',
	'tcp-probe-with-path',
	'load-balancer-name-twice',
	'vip-twice'
] as const;

const protocolArb = fc.constantFrom('tcp', 'udp');

/** A sound layout (random pool, probes, rules, NAT) plus up to two mistakes. */
const layoutArb = fc.record({
	pool: fc.uniqueArray(fc.constantFrom('web1', 'web2', 'db1'), { minLength: 1, maxLength: 3 }),
	probes: fc.array(fc.constantFrom('tcp', 'http'), { minLength: 1, maxLength: 3 }),
	rules: fc.uniqueArray(
		fc.record({
			protocol: protocolArb,
			frontendPort: fc.integer({ min: 1, max: 1023 }),
			distribution: fc.constantFrom('Default', 'SourceIPProtocol', 'SourceIP'),
			probe: fc.nat()
		}),
		{ maxLength: 4, selector: (r) => `${r.protocol} ${r.frontendPort}` }
	),
	natRules: fc.uniqueArray(
		fc.record({
			protocol: protocolArb,
			frontendPort: fc.integer({ min: 50_000, max: 65_535 }),
			vm: fc.nat()
		}),
		{ maxLength: 3, selector: (r) => `${r.protocol} ${r.frontendPort}` }
	),
	outboundNat: fc.option(fc.constantFrom('tcp', 'udp', 'all'), { nil: undefined }),
	second: fc.boolean(),
	mistakes: fc.uniqueArray(fc.constantFrom(...MISTAKES), { maxLength: 2 })
});

type Layout = typeof layoutArb extends fc.Arbitrary<infer T> ? T : never;

function layoutDoc(l: Layout): Doc {
	const pool: string[] = [...l.pool];
	const probes: Doc[] = l.probes.map((protocol, i) => ({
		name: `p${i}`,
		protocol,
		port: 8080,
		...(protocol === 'http' ? { path: '/health' } : {})
	}));
	const rules: Doc[] = l.rules.map((r, i) => ({
		name: `r${i}`,
		protocol: r.protocol,
		frontendPort: r.frontendPort,
		backendPort: 8080,
		distribution: r.distribution,
		probe: `p${r.probe % probes.length}`
	}));
	const natRules: Doc[] = l.natRules.map((r, i) => ({
		name: `n${i}`,
		protocol: r.protocol,
		frontendPort: r.frontendPort,
		vm: pool[r.vm % pool.length],
		backendPort: 3389
	}));
	const second: Doc = {
		name: 'api-lb',
		tenant: 'Contoso',
		vip: '192.0.2.41',
		backendPool: ['db1']
	};
	for (const mistake of l.mistakes) {
		const [rule, nat] = [rules[0], natRules[0]];
		if (mistake === 'pool-twice') pool.push(pool[0]);
		if (mistake === 'rule-name-twice' && rule && nat) nat.name = rule.name;
		if (mistake === 'front-twice' && rule && nat) {
			[nat.protocol, nat.frontendPort] = [rule.protocol, rule.frontendPort];
		}
		if (mistake === 'missing-probe' && rule) rule.probe = 'nope';
		if (mistake === 'nat-vm-outside-pool' && nat) {
			nat.vm = ['web1', 'web2', 'db1', 'other1'].find((name) => !pool.includes(name));
		}
		if (mistake === 'front-in-outbound-ports' && rule) {
			rule.frontendPort = 1024 * l.pool.length;
		}
		if (mistake === 'http-probe-without-path')
			probes[0] = { name: 'p0', protocol: 'http', port: 80 };
		if (mistake === 'tcp-probe-with-path') probes[0] = { ...probes[0], protocol: 'tcp', path: '/' };
		if (mistake === 'load-balancer-name-twice') second.name = 'web-lb';
		if (mistake === 'vip-twice') second.vip = '192.0.2.40';
	}
	const lb: Doc = {
		name: 'web-lb',
		tenant: 'Contoso',
		vip: '192.0.2.40',
		backendPool: pool,
		rules,
		probes,
		inboundNatRules: natRules
	};
	if (l.outboundNat !== undefined) lb.outboundNat = { protocol: l.outboundNat };
	return patched([
		['loadBalancers', l.second ? [lb, second] : [lb]],
		['inputs', []]
	]);
}

/** What net/slb makes of a layout, converted without the scenario checks. */
const sectionsOnly = v.looseObject({
	tenants: tenantsSchema,
	vms: vmsSchema,
	...SLB_SCENARIO_ENTRIES
});

describe('SLB sections: properties', () => {
	it('accepts a VIP exactly when it lies in the pool after the 31 reserved addresses', () => {
		fc.assert(
			fc.property(poolArb, fc.integer({ min: -64, max: 1088 }), (prefix, offset) => {
				const network = networkOf(prefix);
				const last = lastOf(prefix);
				const pool = formatPrefix(prefix);
				const address = network + offset;
				if (address < 0 || address > 0xffff_ffff) return;
				const vip = formatAddress(address);
				const doc = patched([
					['slb.vipPool', pool],
					[`${LB}.vip`, vip],
					['inputs', []]
				]);
				const result = parse(doc);
				if (offset >= 31 && address <= last) {
					expect(result.ok).toBe(true);
					return;
				}
				const reason =
					address >= network && address <= last
						? ` (${vip} is one of the reserved addresses)`
						: ' (outside the pool)';
				expect(errors(result)).toEqual([
					`${LB}.vip: a VIP is an address of slb.vipPool (${pool}) after its first 31, which are reserved (FACTS 6.1), so from ${formatAddress(network + 31)} to ${formatAddress(last)}${reason}, got "${vip}"`
				]);
			})
		);
	});

	it("agrees with net/slb's validation: accepted exactly when slbProblems finds nothing, caught by the path checks", () => {
		fc.assert(
			fc.property(layoutArb, (layout) => {
				const doc = layoutDoc(layout);
				const config = slbConfigOf(v.parse(sectionsOnly, doc))!;
				const problems = slbProblems(config.loadBalancers, config.muxes, config.router);
				const result = parse(doc);
				expect(result.ok).toBe(problems.length === 0);
				if (!result.ok) {
					const lastWord = result.errors.filter((e) => e.startsWith('slb: the SLB data plane'));
					expect(lastWord).toEqual([]);
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('derives every DIP from its VM, whatever the pool', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(fc.constantFrom('web1', 'web2', 'db1'), { maxLength: 3 }),
				fc.integer({ min: 1, max: 8 }),
				(pool, muxes) => {
					const doc = patched([
						['slb.muxes', muxes],
						[`${LB}.backendPool`, pool],
						[`${LB}.inboundNatRules`, []],
						['inputs', []]
					]);
					const s = ok(parse(doc));
					const config = slbConfigOf(s)!;
					expect(config.muxes.map((m) => m.pa)).toEqual(
						Array.from({ length: muxes }, (_, i) => muxPa(i))
					);
					config.loadBalancers[0].backend.forEach((dip, i) => {
						const spec = s.vms.find((m) => m.name === pool[i])!;
						expect([dip.vm, dip.dip, dip.host, dip.mac]).toEqual([
							spec.name,
							spec.ca,
							spec.host,
							spec.mac
						]);
					});
				}
			)
		);
	});

	it('answers hostile values anywhere in the SLB sections with messages, never a crash', () => {
		const paths = [
			'slb',
			'slb.muxes',
			'slb.vipPool',
			'slb.peerAsn',
			'slb.holdMs',
			'loadBalancers',
			'loadBalancers[0]',
			`${LB}.name`,
			`${LB}.tenant`,
			`${LB}.vip`,
			`${LB}.backendPool`,
			`${LB}.backendPool[0]`,
			`${LB}.rules`,
			`${LB}.rules[0]`,
			`${LB}.rules[0].probe`,
			`${LB}.rules[0].frontendPort`,
			`${LB}.probes`,
			`${LB}.probes[0]`,
			`${LB}.probes[0].path`,
			`${LB}.inboundNatRules[0]`,
			`${LB}.inboundNatRules[0].vm`,
			`${LB}.outboundNat`,
			'clients',
			'clients[0]',
			'clients[0].address',
			'inputs[0]',
			'inputs[0].vip',
			'inputs[0].client',
			'inputs[2].mux',
			'inputs[1].vm',
			'tenants',
			'vms[0]'
		];
		fc.assert(
			fc.property(fc.constantFrom(...paths), fc.anything(), (path, value) => {
				const result = parse(set(path, value));
				const messages = result.ok ? result.warnings : result.errors;
				expect(
					messages.every((m) => typeof m === 'string' && !m.includes('could not be read'))
				).toBe(true);
			}),
			{ numRuns: 400 }
		);
	});
});

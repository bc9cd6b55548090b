import { describe, expect, it } from 'vitest';
import { evaluateRules } from './acl-evaluate';
import { effectiveRules } from './acl-profiles';
import type { AclRule, FlowTuple } from './acl-types';

const vnet = ['10.0.0.0/16', '172.16.0.0/24'];
const vm = '10.0.0.4';
function rule(id: string, priority: number, more: Partial<AclRule> = {}): AclRule {
	return {
		id,
		name: id,
		priority,
		direction: 'inbound',
		protocol: 'tcp',
		sourcePrefix: '*',
		sourcePorts: '*',
		destinationPrefix: '*',
		destinationPorts: '*',
		action: 'allow',
		...more
	};
}
const tcpIn = (srcIp: string, dstPort: number): FlowTuple => ({
	protocol: 'tcp',
	srcIp,
	dstIp: vm,
	srcPort: 50000,
	dstPort
});
const pingOut = (dstIp: string): FlowTuple => ({
	protocol: 'icmp',
	srcIp: vm,
	dstIp,
	icmpType: 8,
	icmpId: 1
});

describe("'sdn-allow-all' (FACTS §9 item 16)", () => {
	it('gives a port with no rules an explicit allow-all both ways', () => {
		const rules = effectiveRules([], [], 'sdn-allow-all', vnet);
		expect(rules.map((r) => [r.name, r.priority, r.direction, r.origin])).toEqual([
			['AllowAll_Inbound', 100, 'inbound', 'default'],
			['AllowAllOutbound', 110, 'outbound', 'default']
		]);
		expect(evaluateRules(rules, tcpIn('8.8.8.8', 3389), 'inbound')).toMatchObject({
			action: 'allow',
			rule: { name: 'AllowAll_Inbound' }
		});
		expect(evaluateRules(rules, pingOut('8.8.8.8'), 'outbound').rule?.name).toBe(
			'AllowAllOutbound'
		);
	});

	it('ends an ACL with an implicit deny once it has rules', () => {
		const rules = effectiveRules(
			[rule('web', 200, { destinationPorts: '80' })],
			[],
			'sdn-allow-all',
			vnet
		);
		expect(evaluateRules(rules, tcpIn('8.8.8.8', 80), 'inbound').rule?.name).toBe('web');
		expect(evaluateRules(rules, tcpIn('8.8.8.8', 22), 'inbound')).toMatchObject({
			action: 'deny',
			rule: { name: 'ImplicitDenyInbound', priority: 65536, origin: 'default' }
		});
		expect(evaluateRules(rules, pingOut('8.8.8.8'), 'outbound').rule?.name).toBe(
			'ImplicitDenyOutbound'
		);
	});
});

describe("'nsg-defaults' (FACTS §5.3)", () => {
	const defaults = effectiveRules([], [], 'nsg-defaults', vnet);

	it.each<[string, FlowTuple, 'inbound' | 'outbound', string, 'allow' | 'deny']>([
		['internet inbound is denied', tcpIn('8.8.8.8', 80), 'inbound', 'DenyAllInbound', 'deny'],
		['VNet inbound is allowed', tcpIn('10.0.200.9', 22), 'inbound', 'AllowVnetInBound', 'allow'],
		['second address space too', tcpIn('172.16.0.9', 22), 'inbound', 'AllowVnetInBound', 'allow'],
		['just outside it is not', tcpIn('172.16.1.9', 22), 'inbound', 'DenyAllInbound', 'deny'],
		[
			'load balancer probes',
			tcpIn('168.63.129.16', 80),
			'inbound',
			'AllowAzureLoadBalancerInBound',
			'allow'
		],
		['VNet outbound', pingOut('10.0.0.5'), 'outbound', 'AllowVnetOutBound', 'allow'],
		['internet outbound', pingOut('8.8.8.8'), 'outbound', 'AllowInternetOutBound', 'allow']
	])('%s', (_, packet, direction, name, action) => {
		expect(evaluateRules(defaults, packet, direction)).toMatchObject({ action, rule: { name } });
	});

	it('lets user rules override the defaults, which stay underneath', () => {
		const rdp = rule('AllowRdp', 300, { destinationPorts: '3389' });
		const denyVnetSsh = rule('DenySsh', 310, {
			destinationPorts: '22',
			sourcePrefix: 'VirtualNetwork'
		});
		const rules = effectiveRules([rdp, denyVnetSsh], [], 'nsg-defaults', vnet);
		expect(evaluateRules(rules, tcpIn('8.8.8.8', 3389), 'inbound').rule?.name).toBe('AllowRdp');
		expect(evaluateRules(rules, tcpIn('8.8.8.8', 22), 'inbound').rule?.name).toBe('DenyAllInbound');
		expect(evaluateRules(rules, tcpIn('10.0.9.9', 22), 'inbound').rule?.name).toBe('DenySsh');
		expect(evaluateRules(rules, tcpIn('10.0.9.9', 23), 'inbound').rule?.name).toBe(
			'AllowVnetInBound'
		);
	});
});

describe('effectiveRules', () => {
	it('sorts by direction, stage (inbound subnet first, outbound port first), then priority', () => {
		const port = [rule('pIn', 100), rule('pOut', 300, { direction: 'outbound' })];
		const subnet = [rule('sIn', 500), rule('sOut', 50, { direction: 'outbound' })];
		const rules = effectiveRules(port, subnet, 'sdn-allow-all', vnet);
		expect(rules.map((r) => `${r.name}@${r.stage}`)).toEqual([
			'sIn@0',
			'ImplicitDenyInbound@0',
			'pIn@1',
			'ImplicitDenyInbound@1',
			'pOut@0',
			'ImplicitDenyOutbound@0',
			'sOut@1',
			'ImplicitDenyOutbound@1'
		]);
	});

	it('applies the subnet ACL before the port ACL inbound (not one merged list)', () => {
		const subnet = [
			rule('DenyWinRm', 500, {
				sourcePrefix: '192.168.0.0/24',
				destinationPorts: '5985,5986',
				action: 'deny'
			}),
			rule('AllowAll', 1000, { protocol: 'any' })
		];
		const port = [rule('PortAllowAll', 100, { protocol: 'any' })];
		const rules = effectiveRules(port, subnet, 'sdn-allow-all', vnet);
		expect(evaluateRules(rules, tcpIn('192.168.0.7', 5986), 'inbound').rule?.name).toBe(
			'DenyWinRm'
		);
		expect(evaluateRules(rules, tcpIn('192.168.0.7', 443), 'inbound').rule?.name).toBe(
			'PortAllowAll'
		);
	});

	it('resolves VirtualNetwork to the address spaces, or leaves it matching nothing', () => {
		const tagged = rule('t', 200, { sourcePrefix: 'VirtualNetwork,192.168.9.0/24' });
		expect(effectiveRules([tagged], [], 'sdn-allow-all', vnet)[0].sourcePrefix).toBe(
			'10.0.0.0/16,172.16.0.0/24,192.168.9.0/24'
		);
		const unresolved = effectiveRules([tagged], [], 'sdn-allow-all', []);
		expect(unresolved[0].sourcePrefix).toBe('VirtualNetwork,192.168.9.0/24');
		expect(evaluateRules(unresolved, tcpIn('10.0.0.9', 80), 'inbound').rule?.name).toBe(
			'ImplicitDenyInbound'
		);
		expect(evaluateRules(unresolved, tcpIn('192.168.9.1', 80), 'inbound').rule?.name).toBe('t');
	});

	it('does not modify its inputs', () => {
		const port = [rule('t', 200, { sourcePrefix: 'VirtualNetwork' })];
		const copy = structuredClone(port);
		effectiveRules(port, [], 'nsg-defaults', vnet);
		expect(port).toEqual(copy);
	});
});

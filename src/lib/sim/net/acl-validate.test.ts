import { describe, expect, it } from 'vitest';
import type { AclRule } from './acl-types';
import { validateAclRule, validateAclRuleSet } from './acl-validate';

const web: AclRule = {
	id: 'r1',
	name: 'AllowWeb',
	priority: 200,
	direction: 'inbound',
	protocol: 'tcp',
	sourcePrefix: '*',
	sourcePorts: '0-65535',
	destinationPrefix: '10.0.0.0/24',
	destinationPorts: '80,443',
	action: 'allow',
	logging: true
};
const tail = ' (rule "AllowWeb", id "r1")';

describe('validateAclRule', () => {
	it('accepts a valid rule, and priorities at both ends of each range', () => {
		expect(validateAclRule(web)).toEqual([]);
		expect(validateAclRule({ ...web, priority: 100 })).toEqual([]);
		expect(validateAclRule({ ...web, priority: 65000 })).toEqual([]);
		expect(validateAclRule({ ...web, priority: 4096 }, 'nsg-defaults')).toEqual([]);
		expect(validateAclRule({ ...web, sourcePrefix: 'VirtualNetwork,192.168.0.1' })).toEqual([]);
	});

	it.each<[Partial<Record<keyof AclRule, unknown>>, string]>([
		[{ priority: 5 }, 'priority: an ACL rule priority is a whole number from 100 to 65000, got 5'],
		[
			{ priority: 99 },
			'priority: an ACL rule priority is a whole number from 100 to 65000, got 99'
		],
		[
			{ priority: 65001 },
			'priority: an ACL rule priority is a whole number from 100 to 65000, got 65001'
		],
		[
			{ priority: 150.5 },
			'priority: an ACL rule priority is a whole number from 100 to 65000, got 150.5'
		],
		[
			{ priority: '200' },
			'priority: an ACL rule priority is a whole number from 100 to 65000, got "200"'
		],
		[{ id: '' }, 'id: a rule needs a non-empty id'],
		[{ name: undefined }, 'name: a rule needs a non-empty name'],
		[{ direction: 'in' }, 'direction: expected inbound or outbound, got "in"'],
		[
			{ protocol: 'All' },
			'protocol: an ACL rule protocol is one of tcp, udp, icmp, any, got "All"'
		],
		[{ action: 'block' }, 'action: expected allow or deny, got "block"'],
		[
			{ sourcePrefix: '10.0.0.5/24' },
			'sourcePrefix: "10.0.0.5/24" has host bits set; the network is 10.0.0.0/24'
		],
		[
			{ destinationPrefix: '10.0.0.0/40' },
			'destinationPrefix: "10.0.0.0/40" needs a prefix length from 0 to 32'
		],
		[
			{ destinationPorts: '90-80' },
			'destinationPorts: range "90-80" runs backwards (from must be <= to)'
		],
		[{ sourcePorts: '70000' }, 'sourcePorts: "70000" is not a port (0-65535)'],
		[
			{ protocol: 'icmp' },
			'destinationPorts: ICMP has no ports, so an ICMP rule takes \'*\', got "80,443"'
		],
		[{ logging: 'yes' }, 'logging: expected true or false, got "yes"']
	])('%j → %s', (change, message) => {
		const rule = { ...web, ...change } as AclRule;
		const problems = validateAclRule(rule);
		expect(problems).toHaveLength(1);
		const label =
			change.id === ''
				? ' (rule "AllowWeb" without an id)'
				: change.name === undefined && 'name' in change
					? ' (unnamed rule, id "r1")'
					: tail;
		expect(problems[0].startsWith(message)).toBe(true);
		expect(problems[0].endsWith(label)).toBe(true);
	});

	it('applies the NSG profile: 100–4096 and no ICMP (FACTS §5.3)', () => {
		expect(validateAclRule({ ...web, priority: 4097 }, 'nsg-defaults')).toEqual([
			`priority: an NSG rule priority is a whole number from 100 to 4096, got 4097${tail}`
		]);
		const ping = { ...web, protocol: 'icmp' as const, sourcePorts: '*', destinationPorts: '*' };
		expect(validateAclRule(ping)).toEqual([]);
		expect(validateAclRule(ping, 'nsg-defaults')).toEqual([
			`protocol: an NSG rule protocol is one of tcp, udp, any, got "icmp"${tail}`
		]);
	});

	it('reports every problem of a rule, and survives non-objects', () => {
		const problems = validateAclRule({ ...web, priority: 5, destinationPorts: 'x' });
		expect(problems.map((p) => p.split(':')[0])).toEqual(['priority', 'destinationPorts']);
		expect(validateAclRule(null as unknown as AclRule)).toEqual([
			'rule: expected an object, got null'
		]);
	});
});

describe('validateAclRuleSet', () => {
	it('refuses two rules with one priority in one direction, naming both', () => {
		const other = { ...web, id: 'r2', name: 'DenyWeb', action: 'deny' as const };
		expect(validateAclRuleSet([web, other])).toEqual([
			'priority: rule "AllowWeb", id "r1" and rule "DenyWeb", id "r2" both have priority 200 for ' +
				'inbound traffic; priorities must be unique per direction'
		]);
		expect(validateAclRuleSet([web, { ...other, direction: 'outbound' }])).toEqual([]);
		expect(validateAclRuleSet([web, { ...other, priority: 201 }])).toEqual([]);
	});

	it('refuses duplicate ids and includes each rule’s own problems', () => {
		const problems = validateAclRuleSet([web, { ...web, name: 'Copy', priority: 5 }]);
		expect(problems).toEqual([
			'priority: an ACL rule priority is a whole number from 100 to 65000, got 5 (rule "Copy", id "r1")',
			'id: rule "AllowWeb", id "r1" and rule "Copy", id "r1" share an id'
		]);
	});
});

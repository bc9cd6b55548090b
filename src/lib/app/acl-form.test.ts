import { describe, expect, it } from 'vitest';
import { ACL_PRIORITY_RANGES } from '$lib/sim/net/acl-validate';
import { MAX_ACL_PRIORITY, MIN_ACL_PRIORITY } from '$lib/sim/scenario/defaults';
import {
	ACL_FORM_MAX_PRIORITY,
	ACL_FORM_MIN_PRIORITY,
	defaultFormValues,
	nextFreePriority,
	portsProblem,
	prefixProblem,
	sortRules,
	validateAclForm,
	type AclFormValues,
	type AclRuleView
} from './acl-form';

const rule = (over: Partial<AclRuleView>): AclRuleView => ({
	name: 'r',
	priority: 100,
	direction: 'inbound',
	protocol: 'any',
	sourcePrefix: '*',
	sourcePorts: '*',
	destinationPrefix: '*',
	destinationPorts: '*',
	action: 'deny',
	...over
});

const form = (over: Partial<AclFormValues> = {}): AclFormValues => ({
	...defaultFormValues([]),
	name: 'new',
	...over
});

describe('priority range', () => {
	it('is accepted by both the scenario schema and the SDN ACL engine', () => {
		const sdn = ACL_PRIORITY_RANGES['sdn-allow-all'];
		expect(ACL_FORM_MIN_PRIORITY).toBe(Math.max(MIN_ACL_PRIORITY, sdn.min));
		expect(ACL_FORM_MAX_PRIORITY).toBe(Math.min(MAX_ACL_PRIORITY, sdn.max));
	});
});

describe('nextFreePriority', () => {
	it('starts at 100 and follows the highest user rule of that direction', () => {
		expect(nextFreePriority([], 'inbound')).toBe(100);
		const rules = [
			rule({ name: 'a', priority: 100 }),
			rule({ name: 'b', priority: 125 }),
			rule({ name: 'c', priority: 300, direction: 'outbound' }),
			rule({ name: 'd', priority: 65000, origin: 'default' })
		];
		expect(nextFreePriority(rules, 'inbound')).toBe(130);
		expect(nextFreePriority(rules, 'outbound')).toBe(310);
	});

	it('falls back to the lowest free multiple of 10 at the top of the range', () => {
		const rules = [rule({ name: 'a', priority: 100 }), rule({ name: 'z', priority: 65000 })];
		expect(nextFreePriority(rules, 'inbound')).toBe(110);
	});
});

describe('defaultFormValues', () => {
	it('is any/any/any, deny, with the next free priority', () => {
		expect(defaultFormValues([rule({ priority: 200 })], 'inbound')).toEqual({
			name: '',
			priority: '210',
			direction: 'inbound',
			protocol: 'any',
			sourcePrefix: '*',
			sourcePorts: '*',
			destinationPrefix: '*',
			destinationPorts: '*',
			action: 'deny'
		});
	});
});

describe('portsProblem', () => {
	it.each(['*', '0', '80', '1024-65535', '65535', '5-5'])('accepts %s', (text) => {
		expect(portsProblem(text)).toBeUndefined();
	});
	it.each(['', '65536', '80-70', '-1', '08', '1,2', '1-2-3', 'http'])('refuses %s', (text) => {
		expect(portsProblem(text)).toBeTypeOf('string');
	});
});

describe('prefixProblem', () => {
	it.each(['*', '10.0.1.0/24', '0.0.0.0/0', '10.0.1.4/32', '172.16.0.0/12'])('accepts %s', (t) => {
		expect(prefixProblem(t)).toBeUndefined();
	});
	it.each(['', '10.0.1.0', '10.0.1/24', '10.0.1.0/33', '256.0.0.0/8', '10.0.01.0/24', 'any'])(
		'refuses %s',
		(text) => {
			expect(prefixProblem(text)).toMatch(/^use "\*" or an IPv4 prefix/);
		}
	);
	it('names the network address when host bits are set', () => {
		expect(prefixProblem('10.0.1.4/24')).toBe('the host bits must be zero, e.g. "10.0.1.0/24"');
	});
});

describe('validateAclForm', () => {
	it('returns the rule with a numeric priority', () => {
		const values = form({ priority: '150', protocol: 'tcp', destinationPorts: '80' });
		expect(validateAclForm(values, [])).toEqual({
			ok: true,
			rule: { ...values, priority: 150 }
		});
	});

	it.each([
		[{ name: '' }, 'name', /^Name: 1 to 64/],
		[{ name: 'taken' }, 'name', /^Name: a rule named "taken" already exists/],
		[{ priority: '99' }, 'priority', /^Priority: a whole number from 100 to 65000/],
		[{ priority: '65001' }, 'priority', /^Priority: a whole number/],
		[{ priority: '150.5' }, 'priority', /^Priority: a whole number/],
		[{ priority: '200' }, 'priority', /^Priority: 200 is already used by inbound rule "taken"/],
		[{ sourcePrefix: '10.0.0.1/8' }, 'sourcePrefix', /^Source prefix: the host bits/],
		[{ destinationPrefix: 'x' }, 'destinationPrefix', /^Destination prefix: use/],
		[{ sourcePorts: '9-1' }, 'sourcePorts', /^Source ports: a range goes from low/],
		[{ destinationPorts: '70000' }, 'destinationPorts', /^Destination ports: ports go/],
		[{ protocol: 'icmp', destinationPorts: '80' }, 'destinationPorts', /^Destination ports: ICMP/]
	] as const)('refuses %o with a message on %s', (over, field, message) => {
		const result = validateAclForm(form(over), [rule({ name: 'taken', priority: 200 })]);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(Object.keys(result.errors)).toEqual([field]);
		expect(result.errors[field]).toMatch(message);
	});

	it('allows the same priority in the other direction and over a default rule', () => {
		const rules = [
			rule({ name: 'a', priority: 200, direction: 'outbound' }),
			rule({ name: 'd', priority: 300, origin: 'default' })
		];
		expect(validateAclForm(form({ priority: '200' }), rules).ok).toBe(true);
		expect(validateAclForm(form({ priority: '300' }), rules).ok).toBe(true);
	});
});

describe('sortRules', () => {
	it('orders inbound before outbound, each by priority', () => {
		const rules = [
			rule({ name: 'o1', priority: 100, direction: 'outbound' }),
			rule({ name: 'i3', priority: 300 }),
			rule({ name: 'i1', priority: 100 }),
			rule({ name: 'o0', priority: 50, direction: 'outbound' })
		];
		expect(sortRules(rules).map((r) => r.name)).toEqual(['i1', 'i3', 'o0', 'o1']);
	});

	it('orders by evaluation stage before priority within a direction', () => {
		const rules = [
			rule({ name: 'port', priority: 100, stage: 1 }),
			rule({ name: 'subnet', priority: 4000, stage: 0 })
		];
		expect(sortRules(rules).map((r) => r.name)).toEqual(['subnet', 'port']);
	});
});

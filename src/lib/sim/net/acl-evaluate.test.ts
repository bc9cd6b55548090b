import { describe, expect, it } from 'vitest';
import { evaluateRules } from './acl-evaluate';
import type { AclRule, FlowTuple, RankedAclRule } from './acl-types';

function rule(
	id: string,
	priority: number,
	action: AclRule['action'],
	more: Partial<AclRule> = {}
) {
	return {
		id,
		name: id,
		priority,
		direction: 'inbound',
		protocol: 'any',
		sourcePrefix: '*',
		sourcePorts: '*',
		destinationPrefix: '*',
		destinationPorts: '*',
		action,
		...more
	} satisfies AclRule;
}
const web: FlowTuple = {
	protocol: 'tcp',
	srcIp: '8.8.8.8',
	dstIp: '10.0.0.4',
	srcPort: 5000,
	dstPort: 80
};

describe('priority order, first match wins', () => {
	it.each<[string, RankedAclRule[], string, 'allow' | 'deny']>([
		['deny 200 beats allow 300', [rule('a', 300, 'allow'), rule('d', 200, 'deny')], 'd', 'deny'],
		['allow 200 beats deny 300', [rule('d', 300, 'deny'), rule('a', 200, 'allow')], 'a', 'allow'],
		['in either input order', [rule('a', 200, 'allow'), rule('d', 300, 'deny')], 'a', 'allow'],
		['100 beats 65000', [rule('x', 65000, 'deny'), rule('y', 100, 'allow')], 'y', 'allow'],
		[
			'a lower rule that does not match is skipped',
			[rule('ssh', 100, 'deny', { destinationPorts: '22' }), rule('all', 200, 'allow')],
			'all',
			'allow'
		],
		[
			'a lower rule that matches decides',
			[rule('http', 100, 'deny', { destinationPorts: '80' }), rule('all', 200, 'allow')],
			'http',
			'deny'
		],
		[
			'outbound rules do not apply inbound',
			[rule('out', 100, 'deny', { direction: 'outbound' }), rule('in', 200, 'allow')],
			'in',
			'allow'
		]
	])('%s', (_, rules, id, action) => {
		const verdict = evaluateRules(rules, web, 'inbound');
		expect(verdict).toMatchObject({ action, decidedBy: 'rule', rule: { id } });
		expect(verdict.reason).toContain(`rule "${id}" (priority ${verdict.rule?.priority}`);
	});

	it('denies when no rule matches, naming no rule (modelling choice)', () => {
		const verdict = evaluateRules(
			[rule('ssh', 100, 'allow', { destinationPorts: '22' })],
			web,
			'inbound'
		);
		expect(verdict).toMatchObject({ action: 'deny', rule: null, decidedBy: 'no-match', trail: [] });
		expect(verdict.reason).toContain('no inbound rule of the ACL matched');
		expect(evaluateRules([], web, 'outbound').reason).toContain('there are no outbound rules');
	});

	it('marks the verdict logged when the deciding rule logs (FACTS §5.2 Logging)', () => {
		expect(evaluateRules([rule('a', 100, 'allow', { logging: true })], web, 'inbound').logged).toBe(
			true
		);
		expect(
			evaluateRules([rule('a', 100, 'allow', { logging: false })], web, 'inbound').logged
		).toBe(false);
	});
});

describe('stages (subnet ACL and port ACL both apply)', () => {
	const staged = (r: AclRule, origin: 'port' | 'subnet', stage: number): RankedAclRule => ({
		...r,
		origin,
		stage
	});

	it('needs every stage to allow, and names the rule that denied', () => {
		const rules = [
			staged(rule('subnetAllow', 100, 'allow'), 'subnet', 0),
			staged(rule('portDenyWeb', 300, 'deny', { destinationPorts: '80' }), 'port', 1),
			staged(rule('portAllow', 400, 'allow'), 'port', 1)
		];
		expect(evaluateRules(rules, web, 'inbound')).toMatchObject({
			action: 'deny',
			rule: { id: 'portDenyWeb', origin: 'port' },
			trail: [{ id: 'subnetAllow' }, { id: 'portDenyWeb' }]
		});
		const ssh = { ...web, dstPort: 22 };
		const allowed = evaluateRules(rules, ssh, 'inbound');
		expect(allowed).toMatchObject({ action: 'allow', rule: { id: 'portAllow' } });
		expect(allowed.reason).toBe(
			'allowed by rule "subnetAllow" (priority 100, subnet ACL), then rule "portAllow" (priority 400, port ACL)'
		);
	});

	it('stops at the first stage that denies, whatever the later stage’s priorities', () => {
		const rules = [
			staged(rule('portAllow', 100, 'allow'), 'port', 1),
			staged(rule('subnetDeny', 500, 'deny'), 'subnet', 0)
		];
		expect(evaluateRules(rules, web, 'inbound')).toMatchObject({
			action: 'deny',
			rule: { id: 'subnetDeny' }
		});
	});

	it('denies when a stage has no matching rule, even if the other allows', () => {
		const rules = [
			staged(rule('subnetOnly22', 100, 'allow', { destinationPorts: '22' }), 'subnet', 0),
			staged(rule('portAllow', 100, 'allow'), 'port', 1)
		];
		const verdict = evaluateRules(rules, web, 'inbound');
		expect(verdict).toMatchObject({ action: 'deny', decidedBy: 'no-match', trail: [] });
		expect(verdict.reason).toContain('no inbound rule of the subnet ACL matched');
	});
});

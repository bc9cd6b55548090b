/**
 * Validation of ACL rules as a learner or a scenario file writes them. Each message names the
 * field and the rule ("priority: … got 5 (rule "AllowWeb", id "r1")") so the UI can point at it.
 * Input may come from JSON, so nothing is trusted to have its declared type.
 */
import { coversAllPorts, parseAddressSpec, parsePortSpec } from './acl-match';
import type { AclProfile, AclRule } from './acl-types';

/** Rule priorities a learner may use, per profile. */
export interface PriorityRange {
	min: number;
	max: number;
	/** How messages name the rule kind. */
	noun: string;
}

/**
 * MODELLING CHOICE. 'sdn-allow-all': 100–65000. FACTS §5.2 says the SDN ACL docs do not state a
 * range (UNCONFIRMED); Microsoft Learn's Azure Stack HCI Datacenter Firewall module says "any
 * value between 100 and 65000" (SECONDARY, not yet in FACTS). 'nsg-defaults': 100–4096, Azure's
 * NSG range (FACTS §5.3, CONFIRMED for Azure), which keeps user rules clear of the defaults.
 */
export const ACL_PRIORITY_RANGES: Readonly<Record<AclProfile, PriorityRange>> = {
	'sdn-allow-all': { min: 100, max: 65000, noun: 'an ACL rule' },
	'nsg-defaults': { min: 100, max: 4096, noun: 'an NSG rule' }
};

/**
 * Protocols a rule may name, per profile. 'icmp' on SDN ACLs is a SIMULATOR EXTENSION: the
 * Datacenter Firewall docs offer TCP, UDP and All (All includes ICMP; Learn module, SECONDARY);
 * it is kept so a lesson can filter ping on its own. Azure Stack Hub NSGs take TCP, UDP or Any,
 * no ICMP (FACTS §5.3, CONFIRMED), so the NSG profile refuses it.
 */
export const ACL_PROTOCOLS: Readonly<Record<AclProfile, readonly string[]>> = {
	'sdn-allow-all': ['tcp', 'udp', 'icmp', 'any'],
	'nsg-defaults': ['tcp', 'udp', 'any']
};

const DIRECTIONS = ['inbound', 'outbound'];
const ACTIONS = ['allow', 'deny'];

function quote(value: unknown): string {
	return typeof value === 'string' ? `"${value}"` : String(value);
}

function ruleLabel(rule: AclRule): string {
	const named = (value: unknown) => typeof value === 'string' && value !== '';
	const name = named(rule?.name) ? `rule "${rule.name}"` : 'unnamed rule';
	return named(rule?.id) ? `${name}, id "${rule.id}"` : `${name} without an id`;
}

/** Problems with one rule (empty when it is valid), each naming the field and the rule. */
export function validateAclRule(rule: AclRule, profile: AclProfile = 'sdn-allow-all'): string[] {
	const problems: string[] = [];
	const say = (field: string, text: string) =>
		problems.push(`${field}: ${text} (${ruleLabel(rule)})`);
	if (typeof rule !== 'object' || rule === null) return [`rule: expected an object, got ${rule}`];
	for (const field of ['id', 'name'] as const) {
		if (typeof rule[field] !== 'string' || rule[field] === '') {
			say(field, `a rule needs a non-empty ${field}`);
		}
	}
	const range = ACL_PRIORITY_RANGES[profile];
	const { priority } = rule;
	if (!Number.isInteger(priority) || priority < range.min || priority > range.max) {
		const text = `${range.noun} priority is a whole number from ${range.min} to ${range.max}`;
		say('priority', `${text}, got ${quote(priority)}`);
	}
	if (!DIRECTIONS.includes(rule.direction)) {
		say('direction', `expected inbound or outbound, got ${quote(rule.direction)}`);
	}
	const protocols = ACL_PROTOCOLS[profile];
	if (!protocols.includes(rule.protocol)) {
		say(
			'protocol',
			`${range.noun} protocol is one of ${protocols.join(', ')}, got ${quote(rule.protocol)}`
		);
	}
	if (!ACTIONS.includes(rule.action)) {
		say('action', `expected allow or deny, got ${quote(rule.action)}`);
	}
	for (const field of ['sourcePrefix', 'destinationPrefix'] as const) {
		const spec = parseAddressSpec(rule[field]);
		if (!spec.ok) say(field, `${spec.reason}; use '*', a prefix, an address or VirtualNetwork`);
	}
	for (const field of ['sourcePorts', 'destinationPorts'] as const) {
		const spec = parsePortSpec(rule[field]);
		if (!spec.ok) say(field, `${spec.reason}; use '*', a port, a range or a comma list`);
		else if (rule.protocol === 'icmp' && !coversAllPorts(spec.value)) {
			say(field, `ICMP has no ports, so an ICMP rule takes '*', got ${quote(rule[field])}`);
		}
	}
	if (rule.logging !== undefined && typeof rule.logging !== 'boolean') {
		say('logging', `expected true or false, got ${quote(rule.logging)}`);
	}
	return problems;
}

/**
 * Problems with the rules of one ACL (one port's or one subnet's): each rule's, then duplicate
 * ids, then two rules sharing a priority in one direction (unique per ACL: FACTS §5.3 for NSGs;
 * the Learn module says the same for SDN ACLs, SECONDARY).
 */
export function validateAclRuleSet(
	rules: readonly AclRule[],
	profile: AclProfile = 'sdn-allow-all'
): string[] {
	const problems = rules.flatMap((rule) => validateAclRule(rule, profile));
	const byId: Record<string, AclRule> = {};
	const byPriority: Record<string, AclRule> = {};
	for (const rule of rules) {
		const first = byId[`#${rule?.id}`];
		if (first) problems.push(`id: ${ruleLabel(first)} and ${ruleLabel(rule)} share an id`);
		else byId[`#${rule?.id}`] = rule;
		const slot = `${rule?.direction} ${rule?.priority}`;
		const same = byPriority[slot];
		if (same) {
			problems.push(
				`priority: ${ruleLabel(same)} and ${ruleLabel(rule)} both have priority ` +
					`${rule.priority} for ${rule.direction} traffic; priorities must be unique per direction`
			);
		} else byPriority[slot] = rule;
	}
	return problems;
}

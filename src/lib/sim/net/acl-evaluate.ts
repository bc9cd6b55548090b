/**
 * Stateless rule evaluation for one packet at one port: within a stage, lowest priority number
 * first and the first match wins; every stage must allow (see ACL_STAGE_ORDER).
 */
import { ruleMatches } from './acl-match';
import { ACL_STAGE_ORDER } from './acl-profiles';
import type {
	AclAction,
	AclDirection,
	AclRuleRef,
	AclVerdict,
	FlowTuple,
	RankedAclRule
} from './acl-types';

/**
 * FACTS §5.2 (UNCONFIRMED for SDN ACLs: only implied by the docs' examples) and §9 item 16 (the
 * choice); CONFIRMED for Azure NSGs (FACTS §5.3): lowest priority number first, first match wins.
 * Equal priorities in one stage (which validation refuses) keep their input order.
 */
export const ACL_EVALUATION_ORDER = 'lowest priority number first, first match wins';

/**
 * What happens when a stage has rules for the direction but none matches, or the list has no rule
 * for the direction at all. effectiveRules always ends a stage with a catch-all, so this only
 * decides for hand-made lists: deny, as SDN_IMPLICIT_DENY_RULES (a modelling choice, UNCONFIRMED).
 */
export const ACL_NO_MATCH_ACTION: AclAction = 'deny';

function refOf(rule: RankedAclRule): AclRuleRef {
	const ref: AclRuleRef = { id: rule.id, name: rule.name, priority: rule.priority };
	if (rule.origin) ref.origin = rule.origin;
	return ref;
}

/** "rule "DenyAllInbound" (priority 65500, default of the subnet ACL)" */
export function describeRule(rule: RankedAclRule): string {
	const owner = ACL_STAGE_ORDER[rule.direction]?.[rule.stage ?? -1];
	const where =
		rule.origin === 'default'
			? `, default${owner ? ` of the ${owner} stage` : ''}`
			: rule.origin
				? `, ${rule.origin} ACL`
				: '';
	return `rule "${rule.name}" (priority ${rule.priority}${where})`;
}

/**
 * Evaluates `rules` (any order; plain rules form one stage) for `packet` going `direction`.
 * Never throws; a rule whose fields do not parse matches nothing.
 */
export function evaluateRules(
	rules: readonly RankedAclRule[],
	packet: FlowTuple,
	direction: AclDirection
): AclVerdict {
	const candidates = rules
		.map((rule, index) => ({ rule, index, stage: rule.stage ?? 0 }))
		.filter(({ rule }) => rule.direction === direction)
		.sort((a, b) => a.stage - b.stage || a.rule.priority - b.rule.priority || a.index - b.index);
	const trail: RankedAclRule[] = [];
	let i = 0;
	while (i < candidates.length) {
		const first = candidates[i].rule;
		let matched: RankedAclRule | undefined;
		for (; i < candidates.length && candidates[i].stage === (first.stage ?? 0); i++) {
			if (!matched && ruleMatches(candidates[i].rule, packet, direction)) {
				matched = candidates[i].rule;
			}
		}
		if (!matched) return noMatch(trail, `no ${direction} rule of ${aclOf(first)} matched`);
		trail.push(matched);
		if (matched.action === 'deny') {
			return verdict('deny', trail, `denied by ${describeRule(matched)}`);
		}
	}
	if (!trail.length) return noMatch(trail, `there are no ${direction} rules`);
	return verdict('allow', trail, `allowed by ${trail.map(describeRule).join(', then ')}`);
}

/** "the subnet ACL" for a staged rule, "the ACL" for a plain one. */
function aclOf(rule: RankedAclRule): string {
	const owner = rule.stage === undefined ? undefined : ACL_STAGE_ORDER[rule.direction][rule.stage];
	return owner ? `the ${owner} ACL` : 'the ACL';
}

function verdict(action: AclAction, trail: RankedAclRule[], reason: string): AclVerdict {
	return {
		action,
		rule: refOf(trail[trail.length - 1]),
		decidedBy: 'rule',
		reason,
		trail: trail.map(refOf),
		logged: trail.some((rule) => rule.logging === true)
	};
}

function noMatch(trail: RankedAclRule[], what: string): AclVerdict {
	const outcome = ACL_NO_MATCH_ACTION === 'deny' ? 'denied' : 'allowed';
	return {
		action: ACL_NO_MATCH_ACTION,
		rule: null,
		decidedBy: 'no-match',
		reason: `${outcome}: ${what}, and unmatched traffic is ${outcome} (modelling choice)`,
		trail: trail.map(refOf),
		logged: trail.some((rule) => rule.logging === true)
	};
}

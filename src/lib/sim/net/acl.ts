/**
 * The Datacenter Firewall (SDN ACL) at a tenant VM's virtual-switch port (FACTS §5.2): rules,
 * validation, default profiles, staged first-match evaluation and a stateful connection table.
 * This is the entry point; the pieces live in acl-*.ts.
 *
 * State ownership: a PortFirewallState belongs to one port; evaluatePacket updates it in place.
 */
import {
	type PortFirewallState,
	findConnection,
	openConnection,
	touchConnection
} from './acl-conntrack';
import { evaluateRules } from './acl-evaluate';
import type { AclDirection, AclVerdict, FlowPacket, RankedAclRule } from './acl-types';

export * from './acl-types';
export {
	ACL_ANY,
	PORT_MAX,
	VIRTUAL_NETWORK_TAG,
	ipv4ToUint,
	parseAddressSpec,
	parsePortSpec,
	ruleMatches
} from './acl-match';
export {
	ACL_PRIORITY_RANGES,
	ACL_PROTOCOLS,
	validateAclRule,
	validateAclRuleSet
} from './acl-validate';
export {
	ACL_IMPLICIT_DENY_PRIORITY,
	AZURE_LOAD_BALANCER_PREFIX,
	NSG_DEFAULT_RULES,
	SDN_ALLOW_ALL_RULES,
	SDN_IMPLICIT_DENY_RULES
} from './acl-defaults';
export { ACL_STAGE_ORDER, effectiveRules } from './acl-profiles';
export {
	ACL_EVALUATION_ORDER,
	ACL_NO_MATCH_ACTION,
	describeRule,
	evaluateRules
} from './acl-evaluate';
export {
	type ConnectionEntry,
	type PortFirewallState,
	type TcpConnectionState,
	sweepExpiredConnections
} from './acl-conntrack';
export {
	ICMP_IDLE_TIMEOUT_MS,
	OTHER_IDLE_TIMEOUT_MS,
	TCP_IDLE_TIMEOUT_MS,
	UDP_IDLE_TIMEOUT_MS,
	flowKey
} from './acl-flow-key';
export { flowTupleOf } from './acl-tuple';
export { ACL_SIMPLIFICATIONS } from './acl-simplifications';

/** A port's firewall with no tracked flows. */
export function createPortFirewall(): PortFirewallState {
	return { connections: {} };
}

/**
 * The verdict for `packet` crossing the port in `direction` at `nowMs` (simulated ms). A packet of
 * a tracked flow, either way, is allowed without consulting `rules`: replies need no rule, and rule
 * changes affect new connections only (FACTS §5.3, Azure NSG semantics ASSUMED for SDN ACLs).
 * Otherwise `rules` decide (evaluateRules), and an allowed packet that opens a flow is tracked.
 * Updates `state` in place; deterministic; never throws for rules that pass validation.
 */
export function evaluatePacket(
	state: PortFirewallState,
	rules: readonly RankedAclRule[],
	packet: FlowPacket,
	direction: AclDirection,
	nowMs: number
): AclVerdict {
	const match = findConnection(state, packet, direction, nowMs);
	if (match) {
		const { key, admittedBy } = match.entry;
		const role = match.role === 'initiator' ? 'a packet' : 'a reply';
		const after = touchConnection(state, match, packet, nowMs);
		const origin = admittedBy ? `, opened under rule "${admittedBy.name}"` : '';
		return {
			action: 'allow',
			rule: null,
			decidedBy: 'connection',
			reason: `allowed as ${role} of tracked flow ${key} (${after}${origin}); rules are not consulted`,
			trail: [],
			logged: false,
			connection: { key, state: after }
		};
	}
	const verdict = evaluateRules(rules, packet, direction);
	if (verdict.action === 'allow') {
		const admittedBy = verdict.rule && { ...verdict.rule }; // the state must not alias the verdict
		const entry = openConnection(state, packet, direction, nowMs, admittedBy);
		if (entry) verdict.connection = { key: entry.key, state: entry.tcpState || 'tracked' };
	}
	return verdict;
}

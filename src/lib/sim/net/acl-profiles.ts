/**
 * A port's effective rule list: the rules of the ACL on the VM's port and on its virtual subnet,
 * placed in evaluation stages, plus the defaults of the port's profile (acl-defaults.ts).
 */
import { NSG_DEFAULT_RULES, SDN_ALLOW_ALL_RULES, SDN_IMPLICIT_DENY_RULES } from './acl-defaults';
import { VIRTUAL_NETWORK_TAG } from './acl-match';
import type {
	AclDirection,
	AclProfile,
	AclRule,
	AclRuleOrigin,
	EffectiveAclRule
} from './acl-types';

/**
 * MODELLING CHOICE (SECONDARY): an ACL on the subnet and one on the port are evaluated one after
 * the other, and the packet must be allowed by both: inbound subnet then port, outbound port then
 * subnet. Microsoft Learn's Azure Stack HCI Datacenter Firewall module says so for SDN ACLs; it is
 * also Azure's documented NSG behaviour. Not in FACTS yet.
 */
export const ACL_STAGE_ORDER: Readonly<Record<AclDirection, readonly AclRuleOrigin[]>> = {
	inbound: ['subnet', 'port'],
	outbound: ['port', 'subnet']
};

/** Replaces the VirtualNetwork tag with the given prefixes; kept as is when there are none. */
function resolveTags(prefix: string, vnetPrefixes: readonly string[]): string {
	if (!vnetPrefixes.length || !prefix.split(',').some((p) => p.trim() === VIRTUAL_NETWORK_TAG)) {
		return prefix;
	}
	const items = prefix.split(',').map((p) => p.trim());
	return items.flatMap((p) => (p === VIRTUAL_NETWORK_TAG ? vnetPrefixes : [p])).join(',');
}

/**
 * The effective rules of one port, sorted by direction (inbound first), stage, priority, then input
 * order. An ACL with no rules counts as no ACL. 'sdn-allow-all': with no rules anywhere, the
 * allow-all pair; otherwise each attached ACL's stage ends in an implicit deny. 'nsg-defaults':
 * each attached ACL's stage ends with the NSG defaults; with none, the port has them alone.
 * `vnetPrefixes` (IPv4 prefixes) are the virtual network's address spaces, for VirtualNetwork.
 */
export function effectiveRules(
	portRules: readonly AclRule[],
	subnetRules: readonly AclRule[],
	profile: AclProfile,
	vnetPrefixes: readonly string[]
): EffectiveAclRule[] {
	const attached = { port: portRules, subnet: subnetRules };
	const defaults = profile === 'nsg-defaults' ? NSG_DEFAULT_RULES : SDN_IMPLICIT_DENY_RULES;
	const placed: EffectiveAclRule[] = [];
	const place = (rule: AclRule, origin: AclRuleOrigin, owner: AclRuleOrigin) => {
		const stage = ACL_STAGE_ORDER[rule.direction]?.indexOf(owner) ?? 0;
		const sourcePrefix = resolveTags(rule.sourcePrefix, vnetPrefixes);
		const destinationPrefix = resolveTags(rule.destinationPrefix, vnetPrefixes);
		placed.push({ ...rule, sourcePrefix, destinationPrefix, origin, stage: Math.max(stage, 0) });
	};
	const owners = (['port', 'subnet'] as const).filter((owner) => attached[owner].length > 0);
	if (!owners.length && profile === 'sdn-allow-all') {
		SDN_ALLOW_ALL_RULES.forEach((rule) => place(rule, 'default', 'port'));
	}
	if (!owners.length && profile === 'nsg-defaults') owners.push('port');
	for (const owner of owners) {
		attached[owner].forEach((rule) => place(rule, owner, owner));
		defaults.forEach((rule) => place(rule, 'default', owner));
	}
	const order = placed.map((rule, index) => ({ rule, index }));
	order.sort(
		(a, b) =>
			Number(a.rule.direction === 'outbound') - Number(b.rule.direction === 'outbound') ||
			a.rule.stage - b.rule.stage ||
			a.rule.priority - b.rule.priority ||
			a.index - b.index
	);
	return order.map(({ rule }) => rule);
}

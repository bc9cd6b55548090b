/**
 * The default rules of the two profiles (FACTS §9 item 16): the SDN allow-all pair and implicit
 * deny, and Azure's NSG defaults. effectiveRules (acl-profiles.ts) places them.
 */
import { VIRTUAL_NETWORK_TAG } from './acl-match';
import type { AclAction, AclDirection, AclRule } from './acl-types';

function defaultRule(
	name: string,
	priority: number,
	direction: AclDirection,
	action: AclAction,
	sourcePrefix = '*',
	destinationPrefix = '*'
): AclRule {
	const ports = { sourcePorts: '*', destinationPorts: '*' };
	return Object.freeze({
		id: `default:${name}`,
		name,
		priority,
		direction,
		protocol: 'any',
		action,
		...ports,
		sourcePrefix,
		destinationPrefix
	});
}

/**
 * FACTS §9 item 16 (a choice, flagged): a port with no ACL rules, on the port or its subnet, gets
 * an explicit allow-all. The rules are the docs' allow-all example (FACTS §5.2: Inbound Allow 100,
 * Outbound Allow 110), named as in the PowerShell example. Note that Microsoft Learn's Azure Stack
 * HCI module says a NIC without rules allows outbound and blocks inbound (SECONDARY, conflicting).
 */
export const SDN_ALLOW_ALL_RULES: readonly AclRule[] = [
	defaultRule('AllowAll_Inbound', 100, 'inbound', 'allow'),
	defaultRule('AllowAllOutbound', 110, 'outbound', 'allow')
];

/**
 * Source of Azure load balancer health probes for the AllowAzureLoadBalancerInBound default:
 * Azure's well-known 168.63.129.16. UNCONFIRMED for Azure Stack Hub, where SDN SLB probes come
 * from each host's SLB agent (FACTS §4.4); a modelling choice.
 */
export const AZURE_LOAD_BALANCER_PREFIX = '168.63.129.16/32';

/**
 * Azure NSG defaults (FACTS §5.3; CONFIRMED for Azure, UNCONFIRMED on Azure Stack Hub, flagged by
 * FACTS §9 item 16). SIMPLIFICATION: the Internet tag is modelled as any address; it only differs
 * from Azure's for private addresses outside the virtual network, as AllowVnetOutBound comes first.
 */
export const NSG_DEFAULT_RULES: readonly AclRule[] = [
	defaultRule(
		'AllowVnetInBound',
		65000,
		'inbound',
		'allow',
		VIRTUAL_NETWORK_TAG,
		VIRTUAL_NETWORK_TAG
	),
	defaultRule(
		'AllowAzureLoadBalancerInBound',
		65001,
		'inbound',
		'allow',
		AZURE_LOAD_BALANCER_PREFIX
	),
	defaultRule('DenyAllInbound', 65500, 'inbound', 'deny'),
	defaultRule(
		'AllowVnetOutBound',
		65000,
		'outbound',
		'allow',
		VIRTUAL_NETWORK_TAG,
		VIRTUAL_NETWORK_TAG
	),
	defaultRule('AllowInternetOutBound', 65001, 'outbound', 'allow'),
	defaultRule('DenyAllOutBound', 65500, 'outbound', 'deny')
];

/**
 * Priority of the SDN profile's implicit deny, above every user priority (max 65000) so it is
 * always last in its stage.
 */
export const ACL_IMPLICIT_DENY_PRIORITY = 65536;

/**
 * MODELLING CHOICE (UNCONFIRMED: the docs never say what an SDN ACL does with traffic no rule
 * matches). It is denied: every documented example ends with explicit allow rules (FACTS §5.2,
 * subnet isolation 104–105), which would be pointless otherwise. effectiveRules writes it out as a
 * rule so the UI can name it.
 */
export const SDN_IMPLICIT_DENY_RULES: readonly AclRule[] = [
	defaultRule('ImplicitDenyInbound', ACL_IMPLICIT_DENY_PRIORITY, 'inbound', 'deny'),
	defaultRule('ImplicitDenyOutbound', ACL_IMPLICIT_DENY_PRIORITY, 'outbound', 'deny')
];

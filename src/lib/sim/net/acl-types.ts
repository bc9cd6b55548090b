/**
 * Types of the Datacenter Firewall (SDN ACL) model: rules as the Network Controller holds them
 * (FACTS §5.2), the 5-tuple a tenant VM's vSwitch port filters on, and the verdict the UI explains.
 * All plain data (strings, numbers, booleans, records), so state and verdicts survive
 * structuredClone checkpoints and JSON event logs.
 */
import type { TcpFlags } from './tcp-flags';

/** Seen from the VM: inbound = towards the VM's vNIC, outbound = sent by it (FACTS §5.2 `Type`). */
export type AclDirection = 'inbound' | 'outbound';
/** FACTS §5.2 `Protocol`; 'any' is the docs' "All"/"Any". On 'icmp' see ACL_PROTOCOLS. */
export type AclProtocol = 'tcp' | 'udp' | 'icmp' | 'any';
/** FACTS §5.2 `Action`. */
export type AclAction = 'allow' | 'deny';

/**
 * Which default rules a port gets (FACTS §9 item 16): 'sdn-allow-all' = Datacenter Firewall, where
 * a port with no rules gets an explicit allow-all; 'nsg-defaults' = Azure NSG semantics, with the
 * undeletable 65000/65001/65500 defaults (FACTS §5.3). See acl-profiles.ts.
 */
export type AclProfile = 'sdn-allow-all' | 'nsg-defaults';

/** One ACL rule with the properties of FACTS §5.2, plus an id and a display name. */
export interface AclRule {
	/** Unique within its ACL (the Network Controller's ResourceId). */
	id: string;
	name: string;
	/** Lower numbers are evaluated first; the allowed range depends on the profile (acl-validate). */
	priority: number;
	direction: AclDirection;
	protocol: AclProtocol;
	/** '*', an IPv4 prefix '10.0.0.0/24', an address (= /32), 'VirtualNetwork', or a comma list. */
	sourcePrefix: string;
	/** '*', a port '80', a range '0-65535' (from <= to), or a comma list '5985,5986'. */
	sourcePorts: string;
	/** As sourcePrefix. */
	destinationPrefix: string;
	/** As sourcePorts. */
	destinationPorts: string;
	action: AclAction;
	/** FACTS §5.2 `Logging`; a matching rule with logging on marks its verdict `logged`. */
	logging?: boolean;
}

/** Where a rule in a port's effective list comes from. */
export type AclRuleOrigin = 'port' | 'subnet' | 'default';

/**
 * A rule placed in a port's effective list by effectiveRules: its origin, and the stage it is
 * evaluated in (every stage that has rules for the packet's direction must allow; stage 0 first).
 */
export interface EffectiveAclRule extends AclRule {
	origin: AclRuleOrigin;
	stage: number;
}

/** What evaluation accepts: plain rules (one stage, 0) or effective ones. */
export type RankedAclRule = AclRule & { origin?: AclRuleOrigin; stage?: number };

/** The 5-tuple view of an IPv4 packet that rules and the connection table look at. */
export interface FlowTuple {
	/** 'tcp', 'udp', 'icmp', or the IP protocol number of anything else (e.g. 47 for GRE). */
	protocol: 'tcp' | 'udp' | 'icmp' | number;
	srcIp: string;
	dstIp: string;
	/** TCP/UDP only; absent on fragments after the first, which carry no transport header. */
	srcPort?: number;
	dstPort?: number;
	/** ICMP type (RFC 792): 8 echo request, 0 echo reply, 3 unreachable… */
	icmpType?: number;
	/** ICMP echo identifier (RFC 792), present on echo requests and replies only. */
	icmpId?: number;
}

/** A packet as the port sees it: the 5-tuple plus, for TCP, its control bits. */
export interface FlowPacket extends FlowTuple {
	tcpFlags?: TcpFlags;
}

/** Names a rule for the UI ("dropped by DenyAllInbound, priority 65500, NSG default"). */
export interface AclRuleRef {
	id: string;
	name: string;
	priority: number;
	origin?: AclRuleOrigin;
}

/** The outcome for one packet at one port, with enough to explain it to a learner. */
export interface AclVerdict {
	action: AclAction;
	/** The rule that decided; null when a tracked connection or the no-match default decided. */
	rule: AclRuleRef | null;
	/** A rule, a tracked connection (FACTS §5.3 "replies need no rule"), or nothing matched. */
	decidedBy: 'rule' | 'connection' | 'no-match';
	/** One sentence: which rule or flow decided, and why. */
	reason: string;
	/** The rule that matched at each stage, in evaluation order (empty when a connection decided). */
	trail: AclRuleRef[];
	/** True when a matching rule on the trail has logging on (FACTS §5.2 `Logging`). */
	logged: boolean;
	/** The tracked flow, when decidedBy is 'connection' or an allowed packet opened one. */
	connection?: { key: string; state: string };
}

/**
 * The firewall's modelling choices as learners see them in "What is simplified". Each names its
 * FACTS label; the constants they describe live in acl-*.ts.
 */
import type { Simplification } from '../simplifications';
import { ICMP_IDLE_TIMEOUT_MS, TCP_IDLE_TIMEOUT_MS, UDP_IDLE_TIMEOUT_MS } from './acl-flow-key';
import { ACL_PRIORITY_RANGES } from './acl-validate';

const seconds = (ms: number) => `${ms / 1000} s`;
const sdn = ACL_PRIORITY_RANGES['sdn-allow-all'];
const nsg = ACL_PRIORITY_RANGES['nsg-defaults'];

/** Listed by sim/simplifications.ts. */
export const ACL_SIMPLIFICATIONS: readonly Simplification[] = [
	{
		id: 'acl.order',
		title: 'Firewall rule order',
		detail:
			'Rules are checked from the lowest priority number up and the first match decides. The SDN firewall docs only imply this through their examples; Azure NSGs document it.',
		source: 'FACTS.md §5.2 (UNCONFIRMED for SDN ACLs), §5.3, §9 item 16'
	},
	{
		id: 'acl.defaults',
		title: 'Ports without firewall rules',
		detail:
			'A port with no rules on it or its subnet allows everything (an explicit allow-all pair at 100/110). Once rules exist, traffic no rule matches is denied, shown as an ImplicitDeny rule. The docs state neither; a Microsoft Learn module even says a bare NIC blocks inbound. The NSG profile uses Azure\u2019s default rules instead.',
		source:
			'FACTS.md §9 item 16, §5.2 (no-ACL default UNCONFIRMED), §5.3 (defaults UNCONFIRMED on Azure Stack Hub)'
	},
	{
		id: 'acl.stages',
		title: 'Subnet and port ACLs together',
		detail:
			'When both the subnet and the port have an ACL, a packet must be allowed by both: inbound by the subnet\u2019s then the port\u2019s, outbound the other way round. A Microsoft Learn module says so for SDN ACLs; Azure documents it for NSGs.',
		source: 'Not in FACTS (SECONDARY: Learn, Azure Stack HCI Datacenter Firewall module)'
	},
	{
		id: 'acl.priorities',
		title: 'Priority ranges',
		detail: `SDN ACL rules take priorities ${sdn.min}\u2013${sdn.max} (a Learn module's figure; the reference docs give none); NSG rules take ${nsg.min}\u2013${nsg.max} as in Azure.`,
		source: 'FACTS.md §5.2 (range UNCONFIRMED), §5.3'
	},
	{
		id: 'acl.state',
		title: 'Connection tracking',
		detail: `Replies to an allowed flow, and later packets of it, pass without rules, and a rule added later does not cut it (Azure NSG behaviour, assumed for SDN ACLs). TCP flows start at a SYN and end at RST or after both FINs; flows idle for ${seconds(TCP_IDLE_TIMEOUT_MS)} (TCP), ${seconds(UDP_IDLE_TIMEOUT_MS)} (UDP) or ${seconds(ICMP_IDLE_TIMEOUT_MS)} (ping) are forgotten. The timeouts are our choice.`,
		source: 'FACTS.md §5.2 "stateful", §5.3 (Azure semantics)'
	},
	{
		id: 'acl.icmp',
		title: 'ICMP rules',
		detail:
			'SDN ACL rules may name ICMP on its own here; the real firewall offers TCP, UDP or All. Azure Stack Hub NSGs offer no ICMP, so the NSG profile refuses it. Port conditions only constrain TCP and UDP; a packet without ports matches only \u201cany port\u201d.',
		source: 'FACTS.md §5.2, §5.3 (no ICMP on Azure Stack Hub NSGs, CONFIRMED)'
	}
];

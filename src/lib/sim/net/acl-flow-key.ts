/**
 * Flow keys and idle timeouts of the firewall's connection table (acl-conntrack.ts).
 */
import { protocolName } from './acl-match';
import type { FlowTuple } from './acl-types';
import { ICMP_ECHO_REPLY, ICMP_ECHO_REQUEST } from './icmp';

/**
 * MODELLING CHOICE: idle timeouts (ms) after which a flow is forgotten. No source gives the
 * Datacenter Firewall's; 4 minutes follows Azure's default TCP idle timeout (Azure Load Balancer
 * docs, not in FACTS). ICMP: 30 s, well past Windows ping's 4 s wait for each reply. Other IP
 * protocols are tracked by address pair like UDP.
 */
export const TCP_IDLE_TIMEOUT_MS = 240_000;
/** MODELLING CHOICE, see TCP_IDLE_TIMEOUT_MS. */
export const UDP_IDLE_TIMEOUT_MS = 240_000;
/** MODELLING CHOICE, see TCP_IDLE_TIMEOUT_MS. */
export const ICMP_IDLE_TIMEOUT_MS = 30_000;
/** MODELLING CHOICE, see TCP_IDLE_TIMEOUT_MS. */
export const OTHER_IDLE_TIMEOUT_MS = UDP_IDLE_TIMEOUT_MS;

/**
 * The canonical key of the flow `p` belongs to, written from the side that opened it: `p`'s own
 * view, or (reverse) the view of the packet it answers. ICMP echoes are keyed by identifier (a
 * request opens, a reply answers); other ICMP is not tracked (null), nor are TCP/UDP packets
 * without ports (later fragments). Other IP protocols are keyed by address pair.
 */
export function flowKey(p: FlowTuple, reverse: boolean): string | null {
	const protocol = protocolName(p.protocol);
	const [src, dst] = reverse ? [p.dstIp, p.srcIp] : [p.srcIp, p.dstIp];
	if (protocol === 'icmp') {
		const echo = reverse ? ICMP_ECHO_REPLY : ICMP_ECHO_REQUEST;
		return p.icmpType === echo && p.icmpId !== undefined
			? `icmp ${src}>${dst} id ${p.icmpId}`
			: null;
	}
	if (protocol === 'tcp' || protocol === 'udp') {
		if (p.srcPort === undefined || p.dstPort === undefined) return null; // a later fragment
		const [sp, dp] = reverse ? [p.dstPort, p.srcPort] : [p.srcPort, p.dstPort];
		return `${protocol} ${src}:${sp}>${dst}:${dp}`;
	}
	return `proto ${protocol} ${src}>${dst}`;
}

/** The idle timeout (ms) of a tracked flow of `protocol`. */
export function idleTimeoutMs(flowProtocol: FlowTuple['protocol']): number {
	const protocol = protocolName(flowProtocol);
	if (protocol === 'tcp') return TCP_IDLE_TIMEOUT_MS;
	if (protocol === 'udp') return UDP_IDLE_TIMEOUT_MS;
	return protocol === 'icmp' ? ICMP_IDLE_TIMEOUT_MS : OTHER_IDLE_TIMEOUT_MS;
}

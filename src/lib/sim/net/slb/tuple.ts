/**
 * Reading and naming connections: the 5-tuple of an IPv4 TCP/UDP packet (through the firewall's
 * tuple reader, so there is one parser of flows), its reverse, and a canonical text key.
 */
import { flowTupleOf } from '../acl-tuple';
import { IP_PROTOCOL_TCP, IP_PROTOCOL_UDP } from '../ipv4';
import { type ParseResult, fail, ok } from '../wire';
import type { FiveTuple, SlbProtocol } from './types';

/** The IP protocol number of a balanced protocol (IANA: TCP 6, UDP 17). */
export function protocolNumber(protocol: SlbProtocol): number {
	return protocol === 'tcp' ? IP_PROTOCOL_TCP : IP_PROTOCOL_UDP;
}

/**
 * The 5-tuple of an IPv4 packet (`packet` starts at the IPv4 header). CHOICE (FACTS §4.2 rule
 * fields, §4.5 outbound protocol ALL): the SLB here balances and translates TCP and UDP only, so
 * anything else (ICMP, another protocol, a fragment after the first) is refused.
 */
export function fiveTupleOf(packet: Uint8Array): ParseResult<FiveTuple> {
	const flow = flowTupleOf(packet);
	if (!flow.ok) return flow;
	const { protocol, srcIp, dstIp, srcPort, dstPort } = flow.value;
	if (protocol !== 'tcp' && protocol !== 'udp') {
		return fail(`protocol ${protocol} is not load balanced (TCP and UDP only)`);
	}
	if (srcPort === undefined || dstPort === undefined) {
		return fail('a fragment without its transport header cannot be load balanced');
	}
	return ok({ protocol, srcIp, srcPort, dstIp, dstPort });
}

/** The same connection seen from the other end (source and destination swapped). */
export function reverseTuple(t: FiveTuple): FiveTuple {
	return {
		protocol: t.protocol,
		srcIp: t.dstIp,
		srcPort: t.dstPort,
		dstIp: t.srcIp,
		dstPort: t.srcPort
	};
}

/** Canonical text of a tuple, as logs and NAT tables key it: "tcp 1.2.3.4:5 > 6.7.8.9:80". */
export function tupleKey(t: FiveTuple): string {
	return `${t.protocol} ${t.srcIp}:${t.srcPort} > ${t.dstIp}:${t.dstPort}`;
}

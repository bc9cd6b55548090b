/**
 * The 5-tuple of an IPv4 packet, read from its bytes with the net/ parsers, for the firewall.
 */
import type { FlowPacket } from './acl-types';
import { parseIcmpMessage } from './icmp';
import { IP_PROTOCOL_ICMP, IP_PROTOCOL_TCP, IP_PROTOCOL_UDP, parseIpv4Packet } from './ipv4';
import { parseTcpSegment } from './tcp';
import { parseUdpDatagram } from './udp';
import { type ParseResult, fail, ok } from './wire';

/**
 * The flow tuple of an IPv4 packet (`bytes` starts at the IPv4 header; link padding after it is
 * ignored): TCP and UDP ports and TCP flags, or the ICMP type and echo identifier. A fragment
 * after the first carries no transport header, so it yields addresses and protocol only.
 * Checksums are not the firewall's business and are not checked. Never throws.
 */
export function flowTupleOf(bytes: Uint8Array): ParseResult<FlowPacket> {
	const ip = parseIpv4Packet(bytes);
	if (!ip.ok) return ip;
	const { srcIp, dstIp, protocol, payload, fragmentOffset } = ip.value;
	const addresses = { srcIp, dstIp };
	const later = fragmentOffset !== 0;
	if (protocol === IP_PROTOCOL_TCP) {
		if (later) return ok({ protocol: 'tcp', ...addresses });
		const tcp = parseTcpSegment(payload, addresses);
		if (!tcp.ok) return fail(`TCP: ${tcp.reason}`);
		const { srcPort, dstPort, flags } = tcp.value;
		return ok({ protocol: 'tcp', ...addresses, srcPort, dstPort, tcpFlags: flags });
	}
	if (protocol === IP_PROTOCOL_UDP) {
		if (later) return ok({ protocol: 'udp', ...addresses });
		const udp = parseUdpDatagram(payload, addresses);
		if (!udp.ok) return fail(`UDP: ${udp.reason}`);
		return ok({
			protocol: 'udp',
			...addresses,
			srcPort: udp.value.srcPort,
			dstPort: udp.value.dstPort
		});
	}
	if (protocol === IP_PROTOCOL_ICMP) {
		if (later) return ok({ protocol: 'icmp', ...addresses });
		const icmp = parseIcmpMessage(payload);
		if (!icmp.ok) return fail(`ICMP: ${icmp.reason}`);
		const { type, echo } = icmp.value;
		return ok({
			protocol: 'icmp',
			...addresses,
			icmpType: type,
			...(echo ? { icmpId: echo.identifier } : {})
		});
	}
	return ok({ protocol, ...addresses });
}

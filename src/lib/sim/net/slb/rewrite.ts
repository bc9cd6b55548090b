/**
 * Rewriting the addresses and ports of an IPv4 TCP/UDP packet, as a NAT does: the IPv4 header
 * checksum and the TCP/UDP checksum (whose pseudo-header covers the addresses, RFC 9293 §3.1,
 * RFC 768) are updated incrementally (RFC 1624), so a packet that arrived corrupted stays
 * detectably corrupted instead of being given a fresh, valid checksum.
 */
import { onesComplementSum, parseIpv4 } from '../bytes';
import { IP_PROTOCOL_TCP, IP_PROTOCOL_UDP, parseIpv4Packet } from '../ipv4';
import { type ParseResult, fail, ok, readU16, writeU16 } from '../wire';

/** Offsets inside the IPv4 header and the TCP/UDP headers (RFC 791 §3.1, RFC 9293, RFC 768). */
const IPV4_CHECKSUM_AT = 10;
const IPV4_SRC_AT = 12;
const IPV4_DST_AT = 16;
const TCP_CHECKSUM_AT = 16;
const UDP_CHECKSUM_AT = 6;

/** New endpoint values; fields left out keep their value. */
export interface EndpointChange {
	srcIp?: string;
	srcPort?: number;
	dstIp?: string;
	dstPort?: number;
}

/**
 * RFC 1624 eqn. 3: the checksum after 16-bit words `before` (even length) were replaced by
 * `after`: HC' = ~(~HC + ~m + m'), in one's complement arithmetic.
 */
export function adjustChecksum(checksum: number, before: Uint8Array, after: Uint8Array): number {
	if (before.length !== after.length || before.length % 2 !== 0) {
		throw new RangeError('adjustChecksum needs old and new words of the same even length');
	}
	const inverted = before.map((b) => ~b & 0xff);
	const sum = onesComplementSum(after, onesComplementSum(inverted, ~checksum & 0xffff));
	return ~sum & 0xffff;
}

/**
 * A copy of the IPv4 packet (`packet` starts at the IPv4 header; link padding is dropped) with
 * the given endpoints replaced and both checksums updated. Refuses anything but a whole TCP or
 * UDP packet: a fragment has no ports to rewrite. A UDP checksum of 0 means "none" (RFC 768) and
 * stays 0; a UDP result of 0 is sent as 0xffff.
 */
export function rewriteEndpoints(
	packet: Uint8Array,
	change: EndpointChange
): ParseResult<Uint8Array> {
	const parsed = parseIpv4Packet(packet);
	if (!parsed.ok) return parsed;
	const ip = parsed.value;
	const tcp = ip.protocol === IP_PROTOCOL_TCP;
	if (!tcp && ip.protocol !== IP_PROTOCOL_UDP) {
		return fail(`IP protocol ${ip.protocol} has no ports to translate`);
	}
	if (ip.moreFragments || ip.fragmentOffset !== 0) return fail('cannot translate a fragment');
	const checksumAt = tcp ? TCP_CHECKSUM_AT : UDP_CHECKSUM_AT;
	if (ip.payload.length < checksumAt + 2) return fail('transport header is truncated');

	const out = packet.slice(0, ip.totalLength);
	const l4 = ip.headerBytes;
	// The 12 bytes NAT may change: source and destination address, then the two ports.
	const before = Uint8Array.of(
		...out.subarray(IPV4_SRC_AT, IPV4_DST_AT + 4),
		...out.subarray(l4, l4 + 4)
	);
	if (change.srcIp !== undefined) out.set(parseIpv4(change.srcIp), IPV4_SRC_AT);
	if (change.dstIp !== undefined) out.set(parseIpv4(change.dstIp), IPV4_DST_AT);
	if (change.srcPort !== undefined) writePort(out, l4, change.srcPort);
	if (change.dstPort !== undefined) writePort(out, l4 + 2, change.dstPort);
	const after = Uint8Array.of(
		...out.subarray(IPV4_SRC_AT, IPV4_DST_AT + 4),
		...out.subarray(l4, l4 + 4)
	);

	const addresses = [before.subarray(0, 8), after.subarray(0, 8)] as const;
	const ipSum = adjustChecksum(readU16(out, IPV4_CHECKSUM_AT), ...addresses);
	writeU16(out, IPV4_CHECKSUM_AT, ipSum);
	const l4Sum = readU16(out, l4 + checksumAt);
	if (tcp || l4Sum !== 0) {
		const next = adjustChecksum(l4Sum, before, after);
		writeU16(out, l4 + checksumAt, tcp ? next : next || 0xffff);
	}
	return ok(out);
}

function writePort(out: Uint8Array, offset: number, port: number): void {
	if (!Number.isInteger(port) || port < 0 || port > 0xffff) {
		throw new RangeError(`port must be an integer in 0..65535, got ${port}`);
	}
	writeU16(out, offset, port);
}

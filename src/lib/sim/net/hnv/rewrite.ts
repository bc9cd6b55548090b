/**
 * What every IPv4 router does to a frame it forwards (RFC 1812 §5.3.1, §4.2.2.5): new link-layer
 * addresses, TTL − 1, header checksum recomputed. The TOR does it to outer frames and the
 * distributed router to inner frames (FACTS §3.3 "Forwarding").
 */
import { internetChecksum, parseMac } from '../bytes';
import type { Ipv4Packet } from '../ipv4';
import { writeU16 } from '../wire';

/** Byte offsets inside an IPv4 header (RFC 791 §3.1). */
const IPV4_TTL_OFFSET = 8;
const IPV4_CHECKSUM_OFFSET = 10;

/**
 * A copy of `frame` with dst/src MAC replaced, the IPv4 TTL (header at `ipOffset`, parsed as
 * `ip`) decremented and its checksum recomputed. The caller has checked ip.ttl > 1.
 */
export function routedCopy(
	frame: Uint8Array,
	ipOffset: number,
	ip: Pick<Ipv4Packet, 'ttl' | 'headerBytes'>,
	dstMac: string,
	srcMac: string
): Uint8Array {
	const out = frame.slice();
	out.set(parseMac(dstMac), 0);
	out.set(parseMac(srcMac), 6);
	out[ipOffset + IPV4_TTL_OFFSET] = ip.ttl - 1;
	writeU16(out, ipOffset + IPV4_CHECKSUM_OFFSET, 0);
	const header = out.subarray(ipOffset, ipOffset + ip.headerBytes);
	writeU16(out, ipOffset + IPV4_CHECKSUM_OFFSET, internetChecksum(header));
	return out;
}

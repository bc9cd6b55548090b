/**
 * UDP (RFC 768). The checksum covers the IPv4 pseudo-header, the UDP header and the data. VXLAN
 * sends it as 0, meaning "not computed", and receivers must accept 0 (RFC 7348 §5, FACTS §3.1).
 */
import { internetChecksum } from './bytes';
import { IP_PROTOCOL_UDP, ipv4PseudoHeaderSum } from './ipv4';
import { type ParseResult, checkUint, fail, ok, readU16, writeU16 } from './wire';

/** UDP header (bytes): source port, destination port, length, checksum (RFC 768). */
export const UDP_HEADER_BYTES = 8;

/** The addresses of the enclosing IPv4 header, which the checksum's pseudo-header includes. */
export interface PseudoHeaderAddresses {
	srcIp: string;
	dstIp: string;
}

/** The ports of a UDP header. */
export interface UdpFields {
	srcPort: number;
	dstPort: number;
}

/** A parsed UDP datagram. */
export interface UdpDatagram extends UdpFields {
	/** Length field: header + data (bytes). */
	length: number;
	checksum: number;
	/** True when the checksum verifies, or is 0 (not sent, RFC 768). */
	checksumOk: boolean;
	/** Data bytes, up to the length field. */
	payload: Uint8Array;
}

/**
 * Builds a UDP datagram. `checksum` is either the IPv4 addresses to compute it over, or 'zero'
 * to send 0 as VXLAN does. A computed 0 is sent as 0xffff, since 0 means "none" (RFC 768).
 */
export function buildUdpDatagram(
	fields: UdpFields,
	payload: Uint8Array,
	checksum: PseudoHeaderAddresses | 'zero'
): Uint8Array {
	checkUint('UDP source port', fields.srcPort, 16);
	checkUint('UDP destination port', fields.dstPort, 16);
	const length = UDP_HEADER_BYTES + payload.length;
	checkUint('UDP length', length, 16);
	const out = new Uint8Array(length);
	writeU16(out, 0, fields.srcPort);
	writeU16(out, 2, fields.dstPort);
	writeU16(out, 4, length);
	out.set(payload, UDP_HEADER_BYTES);
	if (checksum !== 'zero') {
		const sum = ipv4PseudoHeaderSum(checksum.srcIp, checksum.dstIp, IP_PROTOCOL_UDP, length);
		writeU16(out, 6, internetChecksum(out, sum) || 0xffff);
	}
	return out;
}

/**
 * Parses a UDP datagram from the start of `bytes` (the IPv4 payload). A bad length is rejected;
 * a wrong checksum is reported as checksumOk = false.
 */
export function parseUdpDatagram(
	bytes: Uint8Array,
	addresses: PseudoHeaderAddresses
): ParseResult<UdpDatagram> {
	if (bytes.length < UDP_HEADER_BYTES) return fail(`UDP header needs 8 bytes, got ${bytes.length}`);
	const length = readU16(bytes, 4);
	if (length < UDP_HEADER_BYTES) return fail(`UDP length ${length} is below the 8-byte header`);
	if (length > bytes.length) {
		return fail(`UDP length ${length} but only ${bytes.length} bytes present`);
	}
	const datagram = bytes.subarray(0, length);
	const checksum = readU16(bytes, 6);
	const sum = ipv4PseudoHeaderSum(addresses.srcIp, addresses.dstIp, IP_PROTOCOL_UDP, length);
	return ok({
		srcPort: readU16(bytes, 0),
		dstPort: readU16(bytes, 2),
		length,
		checksum,
		checksumOk: checksum === 0 || internetChecksum(datagram, sum) === 0,
		payload: bytes.subarray(UDP_HEADER_BYTES, length)
	});
}

/**
 * IPv4 headers (RFC 791 §3.1). Builders write the 20-byte header without options; parsers skip
 * options, verify the header checksum and report it instead of rejecting, so a learner can see a
 * corrupted packet rather than have it vanish.
 */
import { formatIpv4, internetChecksum, onesComplementSum, parseIpv4 } from './bytes';
import { type ParseResult, checkUint, fail, ok, readU16, writeU16 } from './wire';

/** IPv4 version number (RFC 791 §3.1). */
export const IPV4_VERSION = 4;
/** Header without options (bytes): IHL 5 × 4 (RFC 791 §3.1). */
export const IPV4_HEADER_BYTES = 20;
/** Largest total length (bytes): the field is 16 bits (RFC 791 §3.1). */
export const IPV4_MAX_TOTAL_BYTES = 0xffff;
/** Protocol number of ICMP (IANA protocol numbers; RFC 792). */
export const IP_PROTOCOL_ICMP = 1;
/** Protocol number of TCP (IANA protocol numbers; RFC 9293). */
export const IP_PROTOCOL_TCP = 6;
/** Protocol number of UDP (IANA protocol numbers; RFC 768); VXLAN's outer header (FACTS §3.1). */
export const IP_PROTOCOL_UDP = 17;
/**
 * Default time to live (hops). Windows' DefaultTTL is 128, so inner packets look like a Windows
 * guest's and outer ones like the Hyper-V host's. FACTS is silent on the outer TTL: a modelling
 * choice.
 */
export const DEFAULT_TTL = 128;

/** Fields of an IPv4 header. Optional ones default as documented on each. */
export interface Ipv4Fields {
	srcIp: string;
	dstIp: string;
	/** Upper-layer protocol (IP_PROTOCOL_*). */
	protocol: number;
	/** Hops; default DEFAULT_TTL. */
	ttl?: number;
	/** Differentiated services code point, 6 bits (RFC 2474); default 0. */
	dscp?: number;
	/** Explicit congestion notification, 2 bits (RFC 3168); default 0. */
	ecn?: number;
	/** 16 bits; default 0, which RFC 6864 §4.1 allows for atomic (DF, unfragmented) datagrams. */
	identification?: number;
	/** Don't Fragment; default true: VTEPs must not fragment (RFC 7348 §4.3, FACTS §3.1). */
	dontFragment?: boolean;
	/** More Fragments; default false. */
	moreFragments?: boolean;
	/** Fragment offset in 8-byte units (13 bits); default 0. */
	fragmentOffset?: number;
}

/** A parsed IPv4 packet: every field, the checksum and its verdict, and a view of the payload. */
export interface Ipv4Packet extends Required<Ipv4Fields> {
	/** Header length including options (bytes). */
	headerBytes: number;
	/** Total length field (bytes). */
	totalLength: number;
	checksum: number;
	checksumOk: boolean;
	/** The bytes from the end of the header to totalLength; link-layer padding is excluded. */
	payload: Uint8Array;
}

/** Builds a 20-byte IPv4 header followed by `payload`, with the header checksum filled in. */
export function buildIpv4Packet(fields: Ipv4Fields, payload: Uint8Array): Uint8Array {
	const f = withDefaults(fields);
	const totalLength = IPV4_HEADER_BYTES + payload.length;
	if (totalLength > IPV4_MAX_TOTAL_BYTES) {
		throw new RangeError(`IPv4 total length ${totalLength} exceeds ${IPV4_MAX_TOTAL_BYTES}`);
	}
	checkUint('IPv4 protocol', f.protocol, 8);
	checkUint('IPv4 TTL', f.ttl, 8);
	checkUint('IPv4 DSCP', f.dscp, 6);
	checkUint('IPv4 ECN', f.ecn, 2);
	checkUint('IPv4 identification', f.identification, 16);
	checkUint('IPv4 fragment offset', f.fragmentOffset, 13);
	const out = new Uint8Array(totalLength);
	out[0] = (IPV4_VERSION << 4) | (IPV4_HEADER_BYTES / 4);
	out[1] = (f.dscp << 2) | f.ecn;
	writeU16(out, 2, totalLength);
	writeU16(out, 4, f.identification);
	const flags = (f.dontFragment ? 0x4000 : 0) | (f.moreFragments ? 0x2000 : 0);
	writeU16(out, 6, flags | f.fragmentOffset);
	out[8] = f.ttl;
	out[9] = f.protocol;
	out.set(parseIpv4(f.srcIp), 12);
	out.set(parseIpv4(f.dstIp), 16);
	writeU16(out, 10, internetChecksum(out.subarray(0, IPV4_HEADER_BYTES)));
	out.set(payload, IPV4_HEADER_BYTES);
	return out;
}

/**
 * Parses an IPv4 packet from the start of `bytes` (which may carry link padding after it).
 * Rejects a wrong version, a bad IHL or total length, or truncation; a wrong checksum is
 * reported as checksumOk = false, not rejected.
 */
export function parseIpv4Packet(bytes: Uint8Array): ParseResult<Ipv4Packet> {
	if (bytes.length < IPV4_HEADER_BYTES) {
		return fail(`IPv4 header needs 20 bytes, got ${bytes.length}`);
	}
	const version = bytes[0] >>> 4;
	if (version !== IPV4_VERSION) return fail(`IP version is ${version}, not 4`);
	const headerBytes = (bytes[0] & 0x0f) * 4;
	if (headerBytes < IPV4_HEADER_BYTES) return fail(`IPv4 header length ${headerBytes} is below 20`);
	const totalLength = readU16(bytes, 2);
	if (totalLength < headerBytes) {
		return fail(`IPv4 total length ${totalLength} is shorter than its header (${headerBytes})`);
	}
	if (totalLength > bytes.length) {
		return fail(`IPv4 total length ${totalLength} but only ${bytes.length} bytes present`);
	}
	const flagsAndOffset = readU16(bytes, 6);
	return ok({
		srcIp: formatIpv4(bytes, 12),
		dstIp: formatIpv4(bytes, 16),
		protocol: bytes[9],
		ttl: bytes[8],
		dscp: bytes[1] >>> 2,
		ecn: bytes[1] & 0x03,
		identification: readU16(bytes, 4),
		dontFragment: (flagsAndOffset & 0x4000) !== 0,
		moreFragments: (flagsAndOffset & 0x2000) !== 0,
		fragmentOffset: flagsAndOffset & 0x1fff,
		headerBytes,
		totalLength,
		checksum: readU16(bytes, 10),
		checksumOk: internetChecksum(bytes.subarray(0, headerBytes)) === 0,
		payload: bytes.subarray(headerBytes, totalLength)
	});
}

/**
 * The one's complement sum of the IPv4 pseudo-header that TCP and UDP checksums cover (RFC 768;
 * RFC 9293 §3.1): source, destination, zero, protocol, upper-layer length (bytes).
 */
export function ipv4PseudoHeaderSum(
	srcIp: string,
	dstIp: string,
	protocol: number,
	length: number
): number {
	const sum = onesComplementSum(parseIpv4(srcIp), protocol + length);
	return onesComplementSum(parseIpv4(dstIp), sum);
}

function withDefaults(f: Ipv4Fields): Required<Ipv4Fields> {
	// `??` rather than spreading, so an explicit `undefined` also takes the default.
	return {
		srcIp: f.srcIp,
		dstIp: f.dstIp,
		protocol: f.protocol,
		ttl: f.ttl ?? DEFAULT_TTL,
		dscp: f.dscp ?? 0,
		ecn: f.ecn ?? 0,
		identification: f.identification ?? 0,
		dontFragment: f.dontFragment ?? true,
		moreFragments: f.moreFragments ?? false,
		fragmentOffset: f.fragmentOffset ?? 0
	};
}

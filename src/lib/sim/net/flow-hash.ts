/**
 * The outer UDP source port of a VXLAN packet, hashed from the inner frame so that underlay ECMP
 * keeps one flow on one path and spreads different flows (RFC 7348 §5 "Source Port"). The hash
 * itself is a modelling choice (FACTS choice 9.11): HNV does not document its own.
 */
import { ETHERNET_HEADER_BYTES, ETHERTYPE_IPV4, ETHERTYPE_VLAN, VLAN_TAG_BYTES } from './ethernet';
import { IPV4_HEADER_BYTES, IP_PROTOCOL_TCP, IP_PROTOCOL_UDP } from './ipv4';
import { readU16 } from './wire';

/** Lowest outer source port: RFC 7348 §5 recommends the dynamic range 49152–65535. */
export const VXLAN_SOURCE_PORT_MIN = 49152;
/** Highest outer source port (RFC 7348 §5; RFC 6335 §6 dynamic range). */
export const VXLAN_SOURCE_PORT_MAX = 65535;

/**
 * MODELLING CHOICE (FACTS 9.11): FNV-1a, 32-bit (Fowler/Noll/Vo, draft-eastlake-fnv-21), over
 * the inner flow key, xor-folded to 14 bits (the draft's advice for hash sizes that are not a
 * native width) and added to 49152. Chosen because it is simple, byte-oriented and identical in every engine.
 */
export const FLOW_HASH_ALGORITHM = 'FNV-1a-32 over the inner flow key, xor-folded to 14 bits';

// FNV-1a 32-bit parameters (draft-eastlake-fnv-21): offset basis 2166136261, prime 16777619.
const FNV32_OFFSET_BASIS = 0x811c9dc5;
const FNV32_PRIME = 0x01000193;
const PORT_RANGE_BITS = 14; // 65535 - 49152 + 1 = 16384 = 2^14

/** FNV-1a 32-bit hash of `bytes` (an unsigned 32-bit integer). */
export function fnv1a32(bytes: Uint8Array): number {
	let hash = FNV32_OFFSET_BASIS;
	for (const byte of bytes) hash = Math.imul(hash ^ byte, FNV32_PRIME);
	return hash >>> 0;
}

/**
 * The bytes that identify an inner flow. IPv4: protocol, source, destination, then for TCP and
 * UDP both ports (13 bytes) — the 5-tuple of FACTS 9.11. Fragments leave the ports out so that
 * every fragment of a datagram takes one path. Anything else (ARP, truncated IPv4): destination
 * MAC, source MAC and EtherType (14 bytes), so one L2 conversation stays on one path.
 */
export function innerFlowKey(innerFrame: Uint8Array): Uint8Array {
	const tagged = innerFrame.length >= 16 && readU16(innerFrame, 12) === ETHERTYPE_VLAN;
	const typeAt = tagged ? 12 + VLAN_TAG_BYTES : 12;
	const ip = typeAt + 2;
	const isIpv4 =
		innerFrame.length >= ip + IPV4_HEADER_BYTES &&
		readU16(innerFrame, typeAt) === ETHERTYPE_IPV4 &&
		innerFrame[ip] >>> 4 === 4;
	if (!isIpv4) {
		const key = new Uint8Array(ETHERNET_HEADER_BYTES);
		key.set(innerFrame.subarray(0, 12));
		key.set(innerFrame.subarray(typeAt, typeAt + 2), 12);
		return key;
	}
	const protocol = innerFrame[ip + 9];
	const l4 = ip + (innerFrame[ip] & 0x0f) * 4;
	const fragment = (readU16(innerFrame, ip + 6) & 0x3fff) !== 0; // MF or a fragment offset
	const hasPorts =
		(protocol === IP_PROTOCOL_TCP || protocol === IP_PROTOCOL_UDP) &&
		!fragment &&
		innerFrame.length >= l4 + 4;
	const key = new Uint8Array(hasPorts ? 13 : 9);
	key[0] = protocol;
	key.set(innerFrame.subarray(ip + 12, ip + 20), 1);
	if (hasPorts) key.set(innerFrame.subarray(l4, l4 + 4), 9);
	return key;
}

/** The outer UDP source port (49152–65535) for an inner Ethernet frame; see FLOW_HASH_ALGORITHM. */
export function vxlanSourcePort(innerFrame: Uint8Array): number {
	const hash = fnv1a32(innerFlowKey(innerFrame));
	const folded = ((hash >>> PORT_RANGE_BITS) ^ hash) & ((1 << PORT_RANGE_BITS) - 1);
	return VXLAN_SOURCE_PORT_MIN + folded;
}

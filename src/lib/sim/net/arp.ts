/**
 * ARP (RFC 826) for IPv4 over Ethernet, the only pairing HNV carries (FACTS §3.3: the vSwitch
 * answers tenant ARP from the Host Agent's store). Request and reply only; no RARP or InARP.
 */
import { IPV4_ADDRESS_BYTES, MAC_BYTES, formatIpv4, formatMac, parseIpv4, parseMac } from './bytes';
import { ETHERTYPE_IPV4 } from './ethernet';
import { type ParseResult, fail, ok, readU16, writeU16 } from './wire';

/** ARP hardware type of Ethernet (RFC 826 "ar$hrd"; IANA ARP parameters: 1 = Ethernet). */
export const ARP_HTYPE_ETHERNET = 1;
/** ARP opcode of a request (RFC 826 "ares_op$REQUEST"). */
export const ARP_OP_REQUEST = 1;
/** ARP opcode of a reply (RFC 826 "ares_op$REPLY"). */
export const ARP_OP_REPLY = 2;
/** Length of an IPv4-over-Ethernet ARP packet (bytes): 8 fixed + 2 × (6 MAC + 4 IPv4). */
export const ARP_PACKET_BYTES = 28;
/**
 * Target MAC of a request: unknown, so zero (RFC 5227 §2.1.1 says it "SHOULD be set to all
 * zeroes"; RFC 826 leaves it unspecified).
 */
export const ARP_UNKNOWN_MAC = '00:00:00:00:00:00';

/** The variable fields of an IPv4-over-Ethernet ARP packet. Addresses are text. */
export interface ArpPacket {
	op: 'request' | 'reply';
	senderMac: string;
	senderIp: string;
	targetMac: string;
	targetIp: string;
}

/** Builds the 28-byte ARP packet that follows an Ethernet header with EtherType 0x0806. */
export function buildArpPacket(packet: ArpPacket): Uint8Array {
	const out = new Uint8Array(ARP_PACKET_BYTES);
	writeU16(out, 0, ARP_HTYPE_ETHERNET);
	writeU16(out, 2, ETHERTYPE_IPV4);
	out[4] = MAC_BYTES;
	out[5] = IPV4_ADDRESS_BYTES;
	writeU16(out, 6, packet.op === 'request' ? ARP_OP_REQUEST : ARP_OP_REPLY);
	out.set(parseMac(packet.senderMac), 8);
	out.set(parseIpv4(packet.senderIp), 14);
	out.set(parseMac(packet.targetMac), 18);
	out.set(parseIpv4(packet.targetIp), 24);
	return out;
}

/** Parses an ARP packet; anything but an IPv4-over-Ethernet request or reply is rejected. */
export function parseArpPacket(bytes: Uint8Array): ParseResult<ArpPacket> {
	if (bytes.length < ARP_PACKET_BYTES) {
		return fail(`ARP for IPv4 over Ethernet needs 28 bytes, got ${bytes.length}`);
	}
	const htype = readU16(bytes, 0);
	const ptype = readU16(bytes, 2);
	if (htype !== ARP_HTYPE_ETHERNET || ptype !== ETHERTYPE_IPV4) {
		return fail(`ARP hardware/protocol type ${htype}/0x${ptype.toString(16)} is not Ethernet/IPv4`);
	}
	if (bytes[4] !== MAC_BYTES || bytes[5] !== IPV4_ADDRESS_BYTES) {
		return fail(`ARP address lengths ${bytes[4]}/${bytes[5]} are not 6/4`);
	}
	const opcode = readU16(bytes, 6);
	if (opcode !== ARP_OP_REQUEST && opcode !== ARP_OP_REPLY) {
		return fail(`ARP opcode ${opcode} is neither request (1) nor reply (2)`);
	}
	return ok({
		op: opcode === ARP_OP_REQUEST ? 'request' : 'reply',
		senderMac: formatMac(bytes, 8),
		senderIp: formatIpv4(bytes, 14),
		targetMac: formatMac(bytes, 18),
		targetIp: formatIpv4(bytes, 24)
	});
}

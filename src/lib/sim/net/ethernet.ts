/**
 * Ethernet II (DIX) frames as a vNIC or host NIC hands them over: destination, source, EtherType,
 * payload, no preamble and no FCS (the HNV doc, FACTS §3.1: VXLAN carries the tenant frame
 * without FCS). One optional IEEE 802.1Q tag is written on request and read on parse.
 */
import { MAC_BYTES, formatMac, parseMac } from './bytes';
import { type ParseResult, checkUint, fail, ok, readU16, writeU16 } from './wire';

/** EtherType of IPv4 (IEEE registry, listed in RFC 7042 Appendix B.1). */
export const ETHERTYPE_IPV4 = 0x0800;
/** EtherType of ARP (RFC 826; RFC 7042 Appendix B.1). */
export const ETHERTYPE_ARP = 0x0806;
/** Tag protocol identifier of an IEEE 802.1Q VLAN tag (C-tag, RFC 7042 App. B.1). */
export const ETHERTYPE_VLAN = 0x8100;
/** Untagged Ethernet II header (bytes): 6 destination + 6 source + 2 EtherType. */
export const ETHERNET_HEADER_BYTES = 14;
/** An IEEE 802.1Q tag (bytes): 2 TPID + 2 TCI, inserted before the EtherType. */
export const VLAN_TAG_BYTES = 4;
/**
 * Smallest frame on the wire without FCS (bytes): IEEE 802.3 minimum 64 minus the 4-byte FCS.
 * Builders do not pad (a vNIC hands over short frames and the NIC pads); see padEthernetFrame.
 */
export const ETHERNET_MIN_FRAME_BYTES = 60;

/** An 802.1Q tag control field: priority (3 bits), drop eligible (1 bit), VLAN id (12 bits). */
export interface VlanTag {
	pcp: number;
	dei: boolean;
	vid: number;
}

/** The header fields of an Ethernet II frame. MACs are text (see parseMac). */
export interface EthernetFields {
	dstMac: string;
	srcMac: string;
	etherType: number;
	vlan?: VlanTag;
}

/** A parsed frame: its fields, the header length (14 or 18 bytes) and a view of the payload. */
export interface EthernetFrame extends EthernetFields {
	headerBytes: number;
	payload: Uint8Array;
}

/** Builds an Ethernet II frame (header + payload, no FCS); length = 14 (+4 tagged) + payload. */
export function buildEthernetFrame(fields: EthernetFields, payload: Uint8Array): Uint8Array {
	checkUint('EtherType', fields.etherType, 16);
	const tagBytes = fields.vlan ? VLAN_TAG_BYTES : 0;
	const out = new Uint8Array(ETHERNET_HEADER_BYTES + tagBytes + payload.length);
	out.set(parseMac(fields.dstMac), 0);
	out.set(parseMac(fields.srcMac), MAC_BYTES);
	if (fields.vlan) {
		const { pcp, dei, vid } = fields.vlan;
		checkUint('802.1Q priority', pcp, 3);
		checkUint('802.1Q VLAN id', vid, 12);
		writeU16(out, 12, ETHERTYPE_VLAN);
		writeU16(out, 14, (pcp << 13) | (dei ? 0x1000 : 0) | vid);
	}
	writeU16(out, 12 + tagBytes, fields.etherType);
	out.set(payload, ETHERNET_HEADER_BYTES + tagBytes);
	return out;
}

/**
 * Parses an Ethernet II frame. The payload is everything after the header, including any
 * padding: the layer above knows its own length. Stacked tags (802.1ad) are not modelled.
 */
export function parseEthernetFrame(frame: Uint8Array): ParseResult<EthernetFrame> {
	if (frame.length < ETHERNET_HEADER_BYTES) {
		return fail(`Ethernet header needs 14 bytes, frame has ${frame.length}`);
	}
	const dstMac = formatMac(frame, 0);
	const srcMac = formatMac(frame, MAC_BYTES);
	let etherType = readU16(frame, 12);
	if (etherType !== ETHERTYPE_VLAN) {
		const payload = frame.subarray(ETHERNET_HEADER_BYTES);
		return ok({ dstMac, srcMac, etherType, headerBytes: ETHERNET_HEADER_BYTES, payload });
	}
	const headerBytes = ETHERNET_HEADER_BYTES + VLAN_TAG_BYTES;
	if (frame.length < headerBytes) {
		return fail(`802.1Q-tagged Ethernet header needs 18 bytes, frame has ${frame.length}`);
	}
	const tci = readU16(frame, 14);
	const vlan = { pcp: tci >>> 13, dei: (tci & 0x1000) !== 0, vid: tci & 0x0fff };
	etherType = readU16(frame, 16);
	return ok({ dstMac, srcMac, etherType, vlan, headerBytes, payload: frame.subarray(headerBytes) });
}

/** Returns the frame zero-padded to 60 bytes, as a NIC sends it; longer frames come back as is. */
export function padEthernetFrame(frame: Uint8Array): Uint8Array {
	if (frame.length >= ETHERNET_MIN_FRAME_BYTES) return frame;
	const out = new Uint8Array(ETHERNET_MIN_FRAME_BYTES);
	out.set(frame);
	return out;
}

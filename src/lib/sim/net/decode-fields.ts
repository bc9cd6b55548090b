/**
 * Field lists for the packet inspector: one entry per header field with its byte range, so the
 * UI can highlight it in a hex dump. Offsets here are relative to the layer; rows() shifts them.
 */
import type { ArpPacket } from './arp';
import { hexByte, internetChecksum } from './bytes';
import { ETHERTYPE_ARP, ETHERTYPE_IPV4, type EthernetFrame } from './ethernet';
import { IP_PROTOCOL_ICMP, IP_PROTOCOL_TCP, IP_PROTOCOL_UDP, type Ipv4Packet } from './ipv4';

/** One header field: display value, and where it sits (bytes; bit fields give their bytes). */
export interface DecodedField {
	name: string;
	value: string;
	/** Offset from the start of the decoded frame (bytes). */
	offset: number;
	/** Length (bytes); a bit field reports the bytes that contain it. */
	length: number;
	/** A short explanation, e.g. what a code means or whether a checksum verifies. */
	note?: string;
}

/** A field with its offset relative to the layer: name, value, offset, length (bytes), note. */
export type Row = [name: string, value: string, offset: number, length: number, note?: string];

// Display names only; IPv6 (0x86dd, RFC 7042 App. B.1) is named but not decoded (FACTS §3.3:
// WS2016 SDN is IPv4-only).
const ETHER_TYPES: Record<number, string> = {
	[ETHERTYPE_IPV4]: 'IPv4',
	[ETHERTYPE_ARP]: 'ARP',
	0x86dd: 'IPv6'
};
const PROTOCOLS: Record<number, string> = {
	[IP_PROTOCOL_ICMP]: 'ICMP',
	[IP_PROTOCOL_TCP]: 'TCP',
	[IP_PROTOCOL_UDP]: 'UDP'
};

/** `0x` and zero-padded hex of a `bytes`-wide value. */
export function hex(value: number, bytes: number): string {
	return `0x${value.toString(16).padStart(bytes * 2, '0')}`;
}

/** Short learner-facing summary of opaque data: printable text quoted, else leading hex. */
export function describeData(data: Uint8Array): string {
	const printable = data.every((b) => b >= 0x20 && b < 0x7f);
	const head = data.subarray(0, 24);
	const more = data.length > head.length ? '…' : '';
	const text = printable
		? `"${String.fromCharCode(...head)}${more}"`
		: Array.from(head, hexByte).join(' ') + more;
	return `${data.length} bytes: ${text}`;
}

/** Turns relative rows into absolute fields. */
export function rows(start: number, list: Row[]): DecodedField[] {
	return list.map(([name, value, offset, length, note]) =>
		note === undefined
			? { name, value, offset: start + offset, length }
			: { name, value, offset: start + offset, length, note }
	);
}

/** The verdict on a checksum: 0 over the covered bytes means it verifies (RFC 1071). */
export function verdict(covered: Uint8Array, at: number, initial = 0): string {
	if (internetChecksum(covered, initial) === 0) return 'correct';
	const copy = covered.slice();
	copy[at] = 0;
	copy[at + 1] = 0;
	return `incorrect, should be ${hex(internetChecksum(copy, initial), 2)}`;
}

/** Ethernet II header fields, with the 802.1Q tag when present. */
export function ethernetRows(eth: EthernetFrame): Row[] {
	const list: Row[] = [
		['Destination', eth.dstMac, 0, 6],
		['Source', eth.srcMac, 6, 6]
	];
	if (eth.vlan) {
		list.push(['802.1Q TPID', '0x8100', 12, 2, 'VLAN tag follows']);
		list.push(['Priority (PCP)', String(eth.vlan.pcp), 14, 1]);
		list.push(['Drop eligible (DEI)', eth.vlan.dei ? '1' : '0', 14, 1]);
		list.push(['VLAN ID', String(eth.vlan.vid), 14, 2]);
	}
	const type = ETHER_TYPES[eth.etherType] ?? 'not decoded';
	list.push(['Type', hex(eth.etherType, 2), eth.headerBytes - 2, 2, type]);
	return list;
}

/** IPv4 header fields; `header` is the header's bytes, for the checksum verdict. */
export function ipv4Rows(ip: Ipv4Packet, header: Uint8Array): Row[] {
	const flags = [ip.dontFragment ? 'DF' : '', ip.moreFragments ? 'MF' : ''].filter(Boolean);
	const list: Row[] = [
		['Version', '4', 0, 1],
		['Header length', `${ip.headerBytes} bytes`, 0, 1, `IHL ${ip.headerBytes / 4}`],
		['DSCP', String(ip.dscp), 1, 1],
		['ECN', String(ip.ecn), 1, 1],
		['Total length', `${ip.totalLength} bytes`, 2, 2],
		['Identification', `${hex(ip.identification, 2)} (${ip.identification})`, 4, 2],
		['Flags', flags.join(', ') || 'none', 6, 1],
		['Fragment offset', String(ip.fragmentOffset), 6, 2, 'in 8-byte units'],
		['Time to live', String(ip.ttl), 8, 1],
		['Protocol', String(ip.protocol), 9, 1, PROTOCOLS[ip.protocol] ?? 'not decoded'],
		['Header checksum', hex(ip.checksum, 2), 10, 2, verdict(header, 10)],
		['Source', ip.srcIp, 12, 4],
		['Destination', ip.dstIp, 16, 4]
	];
	if (ip.headerBytes > 20)
		list.push(['Options', `${ip.headerBytes - 20} bytes`, 20, ip.headerBytes - 20]);
	return list;
}

/** ARP fields (IPv4 over Ethernet only, as parseArpPacket accepts). */
export function arpRows(arp: ArpPacket): Row[] {
	return [
		['Hardware type', '1', 0, 2, 'Ethernet'],
		['Protocol type', '0x0800', 2, 2, 'IPv4'],
		['Hardware size', '6', 4, 1],
		['Protocol size', '4', 5, 1],
		['Opcode', arp.op === 'request' ? '1' : '2', 6, 2, arp.op],
		['Sender MAC', arp.senderMac, 8, 6],
		['Sender IP', arp.senderIp, 14, 4],
		['Target MAC', arp.targetMac, 18, 6],
		['Target IP', arp.targetIp, 24, 4]
	];
}

/**
 * Hand-made Ethernet frames for the pcapng tests, independent of net/ (built separately) so the
 * writer is checked against bytes assembled here from the RFCs. Test support only.
 */

/**
 * RFC 1071 Internet checksum: ones' complement of the ones' complement sum of 16-bit words.
 * Parts are summed as one byte string, so every part but the last must have an even length.
 */
export function internetChecksum(...parts: Uint8Array[]): number {
	let sum = 0;
	for (const part of parts) {
		for (let i = 0; i < part.length; i += 2) sum += (part[i] << 8) | (part[i + 1] ?? 0);
	}
	while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
	return ~sum & 0xffff;
}

const concat = (...parts: Uint8Array[]): Uint8Array => {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
	return out;
};
const u16 = (value: number) => Uint8Array.of(value >> 8, value & 0xff);
const ip = (dotted: string) => Uint8Array.from(dotted.split('.').map(Number));
const mac = (colons: string) => Uint8Array.from(colons.split(':').map((h) => parseInt(h, 16)));

/** Ethernet II: destination, source, EtherType, payload (no FCS, as captures store it). */
export function ethernet(dst: string, src: string, etherType: number, payload: Uint8Array) {
	return concat(mac(dst), mac(src), u16(etherType), payload);
}

/** IPv4 with a 20-byte header, DF set and a correct header checksum. */
export function ipv4(src: string, dst: string, protocol: number, payload: Uint8Array) {
	const header = concat(
		Uint8Array.of(0x45, 0), // version 4, IHL 5 words; DSCP/ECN 0
		u16(20 + payload.length),
		u16(0x1234), // identification
		u16(0x4000), // flags: don't fragment
		Uint8Array.of(64, protocol), // TTL, protocol
		u16(0), // checksum, filled below
		ip(src),
		ip(dst)
	);
	header.set(u16(internetChecksum(header)), 10);
	return concat(header, payload);
}

/** UDP with its checksum over the IPv4 pseudo-header (RFC 768). */
export function udp(src: string, dst: string, srcPort: number, dstPort: number, data: Uint8Array) {
	const length = 8 + data.length;
	const segment = concat(u16(srcPort), u16(dstPort), u16(length), u16(0), data);
	const pseudo = concat(ip(src), ip(dst), Uint8Array.of(0, 17), u16(length));
	// 0 means "no checksum" in UDP over IPv4, so a computed 0 is sent as all ones.
	segment.set(u16(internetChecksum(pseudo, segment) || 0xffff), 6);
	return segment;
}

/** ICMP echo request (type 8) or reply (type 0) with a correct checksum (RFC 792). */
export function icmpEcho(type: 0 | 8, id: number, sequence: number, data: Uint8Array) {
	const message = concat(Uint8Array.of(type, 0), u16(0), u16(id), u16(sequence), data);
	message.set(u16(internetChecksum(message)), 2);
	return message;
}

export const ETHERTYPE_IPV4 = 0x0800;
export const PROTOCOL_ICMP = 1;
export const PROTOCOL_UDP = 17;

/**
 * Address text <-> bytes, the Internet checksum and hex helpers. Addresses travel through the
 * model as canonical text (structured-cloneable, readable in logs) and become bytes only here.
 */

/** Length of an Ethernet MAC address (bytes), IEEE 802 EUI-48. */
export const MAC_BYTES = 6;
/** Length of an IPv4 address (bytes), RFC 791 §3.1. */
export const IPV4_ADDRESS_BYTES = 4;

const MAC_PATTERN = /^[0-9a-f]{2}([:-])[0-9a-f]{2}(\1[0-9a-f]{2}){4}$/i;
// No leading zeros: "010" is octal to some parsers and decimal to others, so it is refused.
const OCTET_PATTERN = /^(0|[1-9][0-9]{0,2})$/;

/**
 * Parses a MAC address written as six two-digit hex groups separated by ':' (IEEE and Linux
 * style) or '-' (how Windows and Hyper-V print them), in either case; the separator must not mix.
 * Throws a TypeError naming the input otherwise. Returns 6 bytes.
 */
export function parseMac(text: string): Uint8Array {
	if (!MAC_PATTERN.test(text)) {
		throw new TypeError(
			`Invalid MAC address "${text}": expected six hex pairs like 00:15:5d:01:02:03`
		);
	}
	const out = new Uint8Array(MAC_BYTES);
	for (let i = 0; i < MAC_BYTES; i++) out[i] = parseInt(text.slice(i * 3, i * 3 + 2), 16);
	return out;
}

/** Formats 6 bytes from `offset` as lowercase colon-separated text (the canonical form here). */
export function formatMac(bytes: Uint8Array, offset = 0): string {
	if (offset < 0 || offset + MAC_BYTES > bytes.length) {
		throw new RangeError(`formatMac needs ${MAC_BYTES} bytes at offset ${offset}`);
	}
	const parts: string[] = [];
	for (let i = 0; i < MAC_BYTES; i++) parts.push(hexByte(bytes[offset + i]));
	return parts.join(':');
}

/**
 * Parses dotted-decimal IPv4 text (exactly four decimal octets 0..255, no leading zeros, no
 * spaces). Throws a TypeError naming the input otherwise. Returns 4 bytes.
 */
export function parseIpv4(text: string): Uint8Array {
	const parts = text.split('.');
	const bad = (why: string) => new TypeError(`Invalid IPv4 address "${text}": ${why}`);
	if (parts.length !== IPV4_ADDRESS_BYTES) throw bad('expected four dot-separated octets');
	const out = new Uint8Array(IPV4_ADDRESS_BYTES);
	parts.forEach((part, i) => {
		if (!OCTET_PATTERN.test(part)) throw bad(`octet "${part}" is not a decimal number`);
		const value = Number(part);
		if (value > 255) throw bad(`octet ${value} is above 255`);
		out[i] = value;
	});
	return out;
}

/** Formats 4 bytes from `offset` as dotted-decimal text. */
export function formatIpv4(bytes: Uint8Array, offset = 0): string {
	if (offset < 0 || offset + IPV4_ADDRESS_BYTES > bytes.length) {
		throw new RangeError(`formatIpv4 needs ${IPV4_ADDRESS_BYTES} bytes at offset ${offset}`);
	}
	return Array.from(bytes.subarray(offset, offset + IPV4_ADDRESS_BYTES)).join('.');
}

/**
 * One's complement sum (RFC 1071 §4.1) of `bytes` as 16-bit big-endian words, added to
 * `initial` and folded to 16 bits. An odd final byte counts as the high byte of a word whose low
 * byte is zero (RFC 1071 §4.1 "Add left-over byte"), so only the last piece of a chained sum
 * may have an odd length.
 */
export function onesComplementSum(bytes: Uint8Array, initial = 0): number {
	let sum = initial;
	const even = bytes.length & ~1;
	for (let i = 0; i < even; i += 2) sum += (bytes[i] << 8) | bytes[i + 1];
	if (even < bytes.length) sum += bytes[even] << 8;
	// Deferred carries (RFC 1071 §2(B)): a double holds 2^37 words exactly before folding.
	while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
	return sum;
}

/**
 * The Internet checksum (RFC 1071): the one's complement of the one's complement sum. Computed
 * over data whose checksum field is zero it gives the value to store; over data that includes a
 * correct checksum it gives 0.
 */
export function internetChecksum(bytes: Uint8Array, initial = 0): number {
	return ~onesComplementSum(bytes, initial) & 0xffff;
}

/** Two lowercase hex digits for one byte. */
export function hexByte(value: number): string {
	return (value & 0xff).toString(16).padStart(2, '0');
}

/** Lowercase hex of all bytes, no separators (e.g. for golden test literals). */
export function toHex(bytes: Uint8Array): string {
	let out = '';
	for (const b of bytes) out += hexByte(b);
	return out;
}

/** Parses hex text into bytes; whitespace is ignored so literals can be laid out in rows. */
export function fromHex(text: string): Uint8Array {
	const clean = text.replace(/\s+/g, '');
	if (clean.length % 2 !== 0 || !/^[0-9a-f]*$/i.test(clean)) {
		throw new TypeError('fromHex: expected an even number of hex digits');
	}
	const out = new Uint8Array(clean.length / 2);
	for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
	return out;
}

/**
 * A classic hex dump: 16 bytes per line, a 4-digit hex offset, the bytes, then printable ASCII
 * ('.' otherwise). The layout matches `tshark -x`, which makes cross-checks by eye easy.
 */
export function hexDump(bytes: Uint8Array): string {
	const lines: string[] = [];
	for (let line = 0; line < bytes.length; line += 16) {
		const row = bytes.subarray(line, line + 16);
		const hex = Array.from(row, hexByte).join(' ').padEnd(47, ' ');
		const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.'));
		lines.push(`${line.toString(16).padStart(4, '0')}  ${hex}   ${ascii.join('')}`);
	}
	return lines.join('\n');
}

/**
 * IPv4 addresses and prefixes as a scenario author writes them ("10.0.1.4", "10.0.1.0/24"), held
 * as unsigned 32-bit numbers. Text rules match net/bytes.ts parseIpv4: exactly four decimal octets
 * 0..255, no leading zeros, no spaces. Never throws: invalid text gives `undefined`.
 */

/** An IPv4 prefix: `address` as written (host bits may be set) and its length 0..32. */
export interface Prefix {
	address: number;
	length: number;
}

const OCTET = /^(0|[1-9]\d{0,2})$/;
const LENGTH = /^(0|[1-9]\d?)$/;

/** The address as an unsigned 32-bit number, or undefined if `text` is not dotted-decimal IPv4. */
export function parseAddress(text: unknown): number | undefined {
	if (typeof text !== 'string') return undefined;
	const parts = text.split('.');
	if (parts.length !== 4) return undefined;
	let value = 0;
	for (const part of parts) {
		if (!OCTET.test(part)) return undefined;
		const octet = Number(part);
		if (octet > 255) return undefined;
		value = value * 256 + octet;
	}
	return value;
}

/** Dotted-decimal text of an unsigned 32-bit address. */
export function formatAddress(value: number): string {
	return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** `a.b.c.d/n` with n in 0..32, or undefined. Host bits are not checked here (see isNetwork). */
export function parsePrefix(text: unknown): Prefix | undefined {
	if (typeof text !== 'string') return undefined;
	const slash = text.indexOf('/');
	if (slash < 0) return undefined;
	const address = parseAddress(text.slice(0, slash));
	const lengthText = text.slice(slash + 1);
	if (address === undefined || !LENGTH.test(lengthText)) return undefined;
	const length = Number(lengthText);
	return length <= 32 ? { address, length } : undefined;
}

/** The network mask of a prefix length, as an unsigned 32-bit number. */
export function maskOf(length: number): number {
	return length === 0 ? 0 : (0xffff_ffff << (32 - length)) >>> 0;
}

/** The network address of a prefix (host bits cleared). */
export function networkOf(prefix: Prefix): number {
	return (prefix.address & maskOf(prefix.length)) >>> 0;
}

/** The highest address of a prefix (the broadcast address of a subnet). */
export function lastOf(prefix: Prefix): number {
	return (networkOf(prefix) | ~maskOf(prefix.length)) >>> 0;
}

/** True if the prefix is written as its network address (all host bits zero). */
export function isNetwork(prefix: Prefix): boolean {
	return networkOf(prefix) === prefix.address;
}

/** Canonical text of a prefix: its network address and length. */
export function formatPrefix(prefix: Prefix): string {
	return `${formatAddress(networkOf(prefix))}/${prefix.length}`;
}

/** True if `address` lies in `prefix`. */
export function containsAddress(prefix: Prefix, address: number): boolean {
	return address >= networkOf(prefix) && address <= lastOf(prefix);
}

/** True if every address of `inner` lies in `outer`. */
export function containsPrefix(outer: Prefix, inner: Prefix): boolean {
	return inner.length >= outer.length && containsAddress(outer, networkOf(inner));
}

/** True if the two prefixes share an address (for prefixes: one contains the other). */
export function overlaps(a: Prefix, b: Prefix): boolean {
	return containsPrefix(a, b) || containsPrefix(b, a);
}

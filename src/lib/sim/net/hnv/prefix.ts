/**
 * IPv4 prefix arithmetic for virtual subnets (CIDR, RFC 4632), as plain numbers so that tables
 * stay structured-cloneable. Kept local to hnv/ so the data plane depends only on net/.
 */
import { parseIpv4 } from '../bytes';
import { GATEWAY_HOST_OFFSET } from './constants';

/** A parsed prefix: the network address as an unsigned 32-bit number and the length (bits). */
export interface Ipv4Prefix {
	network: number;
	length: number;
}

/** Dotted-decimal text to an unsigned 32-bit number; undefined when the text is not IPv4. */
export function ipv4ToNumber(text: string): number | undefined {
	try {
		const b = parseIpv4(text);
		return ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
	} catch {
		return undefined;
	}
}

/** An unsigned 32-bit number to dotted-decimal text. */
export function numberToIpv4(value: number): string {
	return [24, 16, 8, 0].map((shift) => (value >>> shift) & 0xff).join('.');
}

/** The mask of a prefix length 0..32 as an unsigned 32-bit number. */
export function prefixMask(length: number): number {
	return length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
}

/**
 * Parses "a.b.c.d/n" (n 0..32). Undefined when malformed or when host bits are set: a subnet is
 * written as its network address.
 */
export function parsePrefix(text: string): Ipv4Prefix | undefined {
	const match = /^([0-9.]+)\/(0|[1-9][0-9]?)$/.exec(text);
	if (!match) return undefined;
	const address = ipv4ToNumber(match[1]);
	const length = Number(match[2]);
	if (address === undefined || length > 32) return undefined;
	if ((address & prefixMask(length)) >>> 0 !== address) return undefined;
	return { network: address, length };
}

/** True when `address` (a number) lies inside `prefix`. */
export function prefixContains(prefix: Ipv4Prefix, address: number): boolean {
	return (address & prefixMask(prefix.length)) >>> 0 === prefix.network;
}

/** The last (broadcast) address of a prefix. */
export function prefixLast(prefix: Ipv4Prefix): number {
	return (prefix.network | ~prefixMask(prefix.length)) >>> 0;
}

/** True when two prefixes share at least one address. */
export function prefixesOverlap(a: Ipv4Prefix, b: Ipv4Prefix): boolean {
	const shorter = a.length <= b.length ? a : b;
	const longer = shorter === a ? b : a;
	return prefixContains(shorter, longer.network);
}

/** The default gateway of a subnet: network + GATEWAY_HOST_OFFSET (FACTS §3.3, see constants). */
export function gatewayOf(prefix: Ipv4Prefix): string {
	return numberToIpv4(prefix.network + GATEWAY_HOST_OFFSET);
}

/** Orders dotted-decimal addresses numerically (unparsable text sorts last, then by text). */
export function compareIpv4(a: string, b: string): number {
	const x = ipv4ToNumber(a) ?? Infinity;
	const y = ipv4ToNumber(b) ?? Infinity;
	return x !== y ? (x < y ? -1 : 1) : compareText(a, b);
}

/** Locale-independent text order (code units), so sorting is the same in every engine. */
export function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

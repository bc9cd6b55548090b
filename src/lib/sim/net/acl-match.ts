/**
 * Parsing of ACL address and port specifications, and whether one rule matches one packet.
 * Parsers return a ParseResult with a learner-readable reason (validation reuses them); matching
 * never throws: a specification that does not parse matches nothing.
 */
import { parseIpv4 } from './bytes';
import type { AclDirection, AclRule, FlowTuple } from './acl-types';
import { type ParseResult, fail, ok } from './wire';

/** The wildcard of FACTS §5.2 ("*" = any address or port). */
export const ACL_ANY = '*';
/**
 * The service tag for the port's virtual network address spaces (FACTS §5.3 AllowVNetInBound).
 * effectiveRules replaces it with the prefixes it is given; left unresolved it matches nothing.
 */
export const VIRTUAL_NETWORK_TAG = 'VirtualNetwork';
/** Highest TCP/UDP port (16-bit field, RFC 768 / RFC 9293). */
export const PORT_MAX = 0xffff;

/** An inclusive range of 32-bit unsigned integers (addresses or ports). */
export type NumberRange = readonly [first: number, last: number];
/** A parsed specification: 'any', or a list of ranges (empty = matches nothing). */
export type SpecRanges = 'any' | NumberRange[];

const DECIMAL = /^(0|[1-9][0-9]*)$/;

/** The address as an unsigned 32-bit integer, or NaN when it is not dotted-decimal IPv4. */
export function ipv4ToUint(text: string): number {
	try {
		const b = parseIpv4(text);
		return ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
	} catch {
		return NaN;
	}
}

/** Parses one prefix item: 'a.b.c.d/n' (host bits must be zero) or an address (= /32). */
function parsePrefixItem(item: string): ParseResult<NumberRange> {
	const [address, length, extra] = item.split('/');
	const base = ipv4ToUint(address);
	if (Number.isNaN(base) || extra !== undefined) {
		return fail(`"${item}" is not an IPv4 prefix like 10.0.0.0/24 or an address like 10.0.0.4`);
	}
	const bits = length === undefined ? 32 : DECIMAL.test(length) ? Number(length) : NaN;
	if (!(bits >= 0 && bits <= 32)) return fail(`"${item}" needs a prefix length from 0 to 32`);
	const size = 2 ** (32 - bits);
	const first = base - (base % size);
	if (first !== base) {
		const network = [24, 16, 8, 0].map((s) => (first / 2 ** s) & 0xff).join('.');
		return fail(`"${item}" has host bits set; the network is ${network}/${bits}`);
	}
	return ok([first, first + size - 1]);
}

/**
 * Parses an address specification: '*', or a comma list of prefixes, addresses and the
 * 'VirtualNetwork' tag (which contributes no range until effectiveRules resolves it).
 */
export function parseAddressSpec(text: string): ParseResult<SpecRanges> {
	if (typeof text !== 'string') return fail(`expected text, got ${typeof text}`);
	if (text === ACL_ANY) return ok('any');
	const ranges: NumberRange[] = [];
	for (const item of text.split(',').map((s) => s.trim())) {
		if (item === VIRTUAL_NETWORK_TAG) continue;
		const range = parsePrefixItem(item);
		if (!range.ok) return range;
		ranges.push(range.value);
	}
	return ok(ranges);
}

/** Parses a port specification: '*', or a comma list of 'N' and 'A-B' (0–65535, A <= B). */
export function parsePortSpec(text: string): ParseResult<SpecRanges> {
	if (typeof text !== 'string') return fail(`expected text, got ${typeof text}`);
	if (text === ACL_ANY) return ok('any');
	const ranges: NumberRange[] = [];
	for (const item of text.split(',').map((s) => s.trim())) {
		const ends = item.split('-');
		const [from, to] = [ends[0], ends[ends.length - 1]].map((e) => (DECIMAL.test(e) ? +e : NaN));
		if (ends.length > 2 || !(from <= PORT_MAX && to <= PORT_MAX)) {
			return fail(`"${item}" is not a port (0-${PORT_MAX}) or a range like 1024-65535`);
		}
		if (from > to) return fail(`range "${item}" runs backwards (from must be <= to)`);
		ranges.push([from, to]);
	}
	return ok(ranges);
}

/** Whether a parsed specification covers every port (the docs' allow-all writes '0-65535'). */
export function coversAllPorts(spec: SpecRanges): boolean {
	return spec === 'any' || spec.some(([first, last]) => first === 0 && last === PORT_MAX);
}

function inRanges(spec: SpecRanges, value: number): boolean {
	return spec === 'any' || spec.some(([first, last]) => value >= first && value <= last);
}

/** The packet's protocol as a rule names it: IP protocol numbers 6, 17 and 1 become names. */
export function protocolName(protocol: FlowTuple['protocol']): FlowTuple['protocol'] {
	const names: Record<number, FlowTuple['protocol']> = { 1: 'icmp', 6: 'tcp', 17: 'udp' };
	return typeof protocol === 'number' ? (names[protocol] ?? protocol) : protocol;
}

/**
 * MODELLING CHOICE (FACTS §5.2 is silent): a port condition constrains only packets that carry
 * ports (TCP and UDP). A packet without ports (ICMP, other protocols, later fragments) matches only
 * a condition covering all ports ('*' or '0-65535'), so the docs' allow-all rule, Protocol All with
 * 0-65535, still admits ICMP.
 */
function portMatches(text: string, port: number | undefined): boolean {
	const spec = parsePortSpec(text);
	if (!spec.ok) return false;
	return port === undefined ? coversAllPorts(spec.value) : inRanges(spec.value, port);
}

function addressMatches(text: string, address: string): boolean {
	const spec = parseAddressSpec(text);
	return spec.ok && inRanges(spec.value, ipv4ToUint(address));
}

/** Whether `rule` matches `packet` travelling in `direction` (all five fields and direction). */
export function ruleMatches(rule: AclRule, packet: FlowTuple, direction: AclDirection): boolean {
	const protocol = protocolName(packet.protocol);
	const hasPorts = protocol === 'tcp' || protocol === 'udp';
	return (
		rule.direction === direction &&
		(rule.protocol === 'any' || rule.protocol === protocol) &&
		addressMatches(rule.sourcePrefix, packet.srcIp) &&
		addressMatches(rule.destinationPrefix, packet.dstIp) &&
		portMatches(rule.sourcePorts, hasPorts ? packet.srcPort : undefined) &&
		portMatches(rule.destinationPorts, hasPorts ? packet.dstPort : undefined)
	);
}

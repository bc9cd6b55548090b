import { describe, expect, it } from 'vitest';
import { parseAddressSpec, parsePortSpec, ruleMatches } from './acl-match';
import type { AclRule, FlowTuple } from './acl-types';

const base: AclRule = {
	id: 'r1',
	name: 'Rule',
	priority: 100,
	direction: 'inbound',
	protocol: 'any',
	sourcePrefix: '*',
	sourcePorts: '*',
	destinationPrefix: '*',
	destinationPorts: '*',
	action: 'allow'
};
const tcp = (srcIp: string, srcPort = 1000, dstPort = 80): FlowTuple => ({
	protocol: 'tcp',
	srcIp,
	dstIp: '10.0.0.4',
	srcPort,
	dstPort
});

describe('address prefixes', () => {
	it.each([
		['*', '1.2.3.4', true],
		['0.0.0.0/0', '0.0.0.0', true],
		['0.0.0.0/0', '255.255.255.255', true],
		['10.0.0.4/32', '10.0.0.4', true],
		['10.0.0.4/32', '10.0.0.5', false],
		['10.0.0.4', '10.0.0.4', true],
		['10.0.0.4', '10.0.0.3', false],
		['10.0.0.0/24', '10.0.0.0', true],
		['10.0.0.0/24', '10.0.0.255', true],
		['10.0.0.0/24', '10.0.1.0', false],
		['10.0.0.0/24', '9.255.255.255', false],
		['128.0.0.0/1', '127.255.255.255', false],
		['128.0.0.0/1', '128.0.0.0', true],
		['128.0.0.0/1', '255.255.255.255', true],
		['10.0.0.0/24,192.168.1.0/24', '192.168.1.7', true],
		['10.0.0.0/24, 192.168.1.0/24', '172.16.0.1', false],
		['VirtualNetwork', '10.0.0.7', false], // unresolved tag: matches nothing
		['10.0.0.5/24', '10.0.0.5', false] // invalid (host bits): matches nothing
	])('source %s vs %s → %s', (sourcePrefix, srcIp, expected) => {
		expect(ruleMatches({ ...base, sourcePrefix }, tcp(srcIp), 'inbound')).toBe(expected);
		const asDestination = { ...base, destinationPrefix: sourcePrefix };
		expect(ruleMatches(asDestination, { ...tcp('1.1.1.1'), dstIp: srcIp }, 'inbound')).toBe(
			expected
		);
	});
});

describe('port ranges', () => {
	it.each([
		['*', 0, true],
		['*', 65535, true],
		['80', 80, true],
		['80', 79, false],
		['80', 81, false],
		['1024-65535', 1023, false],
		['1024-65535', 1024, true],
		['1024-65535', 65535, true],
		['0-65535', 0, true],
		['0', 0, true],
		['0', 1, false],
		['5985,5986', 5986, true],
		['5985,5986', 5987, false],
		['90-80', 85, false] // invalid: matches nothing
	])('%s vs port %i → %s', (ports, port, expected) => {
		expect(
			ruleMatches({ ...base, destinationPorts: ports }, tcp('1.1.1.1', 1, port), 'inbound')
		).toBe(expected);
		expect(ruleMatches({ ...base, sourcePorts: ports }, tcp('1.1.1.1', port, 1), 'inbound')).toBe(
			expected
		);
	});

	it.each([
		['*', true],
		['0-65535', true],
		['80', false],
		['1-65535', false]
	])('a packet without ports (ICMP) matches %s → %s', (ports, expected) => {
		const ping: FlowTuple = { protocol: 'icmp', srcIp: '1.1.1.1', dstIp: '10.0.0.4', icmpType: 8 };
		expect(ruleMatches({ ...base, destinationPorts: ports }, ping, 'inbound')).toBe(expected);
		const fragment: FlowTuple = { protocol: 'udp', srcIp: '1.1.1.1', dstIp: '10.0.0.4' };
		expect(ruleMatches({ ...base, sourcePorts: ports }, fragment, 'inbound')).toBe(expected);
	});
});

describe('protocol and direction', () => {
	it.each([
		['any', 'tcp', true],
		['any', 47, true],
		['tcp', 'tcp', true],
		['tcp', 6, true],
		['tcp', 'udp', false],
		['udp', 17, true],
		['udp', 'icmp', false],
		['icmp', 1, true],
		['icmp', 'tcp', false],
		['tcp', 47, false]
	] as const)('rule %s vs packet %s → %s', (protocol, packetProtocol, expected) => {
		const packet = { ...tcp('1.1.1.1'), protocol: packetProtocol };
		expect(ruleMatches({ ...base, protocol }, packet, 'inbound')).toBe(expected);
	});

	it('matches only its own direction', () => {
		expect(ruleMatches(base, tcp('1.1.1.1'), 'outbound')).toBe(false);
		expect(ruleMatches({ ...base, direction: 'outbound' }, tcp('1.1.1.1'), 'outbound')).toBe(true);
	});
});

describe('specification parsing', () => {
	it.each([
		['90-80', 'runs backwards'],
		['65536', 'is not a port'],
		['-1', 'is not a port'],
		['1-2-3', 'is not a port'],
		['', 'is not a port'],
		['80,', 'is not a port'],
		['http', 'is not a port']
	])('port spec %j is refused (%s)', (text, reason) => {
		const result = parsePortSpec(text);
		expect(result.ok).toBe(false);
		expect(result.ok ? '' : result.reason).toContain(reason);
	});

	it.each([
		['10.0.0.0/33', 'prefix length from 0 to 32'],
		['10.0.0.0/08', 'prefix length from 0 to 32'],
		['256.0.0.0/8', 'is not an IPv4 prefix'],
		['10.0.0/8', 'is not an IPv4 prefix'],
		['10.0.0.5/24', 'host bits set; the network is 10.0.0.0/24'],
		['Internet', 'is not an IPv4 prefix'],
		['', 'is not an IPv4 prefix']
	])('address spec %j is refused (%s)', (text, reason) => {
		const result = parseAddressSpec(text);
		expect(result.ok).toBe(false);
		expect(result.ok ? '' : result.reason).toContain(reason);
	});

	it('parses ranges as inclusive integer pairs', () => {
		expect(parsePortSpec('80,1000-2000')).toEqual({
			ok: true,
			value: [
				[80, 80],
				[1000, 2000]
			]
		});
		expect(parseAddressSpec('10.0.0.0/30,VirtualNetwork')).toEqual({
			ok: true,
			value: [[167772160, 167772163]]
		});
		expect(parseAddressSpec('*')).toEqual({ ok: true, value: 'any' });
	});
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIpv4, fromHex, internetChecksum, toHex } from './bytes';
import { type Ipv4Fields, buildIpv4Packet, ipv4PseudoHeaderSum, parseIpv4Packet } from './ipv4';

const ipArb = fc.uint8Array({ minLength: 4, maxLength: 4 }).map((b) => formatIpv4(b));
const fieldsArb: fc.Arbitrary<Required<Ipv4Fields>> = fc.record({
	srcIp: ipArb,
	dstIp: ipArb,
	protocol: fc.integer({ min: 0, max: 255 }),
	ttl: fc.integer({ min: 0, max: 255 }),
	dscp: fc.integer({ min: 0, max: 63 }),
	ecn: fc.integer({ min: 0, max: 3 }),
	identification: fc.integer({ min: 0, max: 0xffff }),
	dontFragment: fc.boolean(),
	moreFragments: fc.boolean(),
	fragmentOffset: fc.integer({ min: 0, max: 0x1fff })
});

function parsed(bytes: Uint8Array) {
	const result = parseIpv4Packet(bytes);
	if (!result.ok) throw new Error(result.reason);
	return result.value;
}

describe('IPv4 header (RFC 791)', () => {
	it('writes version/IHL 0x45, defaults DF set, TTL 128, identification 0', () => {
		const packet = buildIpv4Packet(
			{ srcIp: '10.0.0.4', dstIp: '10.0.0.5', protocol: 1 },
			new Uint8Array(8)
		);
		// By hand: 4500 + 001c + 0000 + 4000 + 8001 + 0a00 + 0004 + 0a00 + 0005 = 0x11926,
		// folded 0x1927, complemented 0xe6d8.
		expect(toHex(packet.subarray(0, 20))).toBe('4500001c000040008001e6d80a0000040a000005');
	});

	it('round-trips every field, and the checksum verifies', () => {
		fc.assert(
			fc.property(fieldsArb, fc.uint8Array({ maxLength: 100 }), (fields, payload) => {
				const packet = parsed(buildIpv4Packet(fields, payload));
				const {
					headerBytes,
					totalLength,
					checksum: _sum,
					checksumOk,
					payload: got,
					...rest
				} = packet;
				expect(rest).toEqual(fields);
				expect([headerBytes, totalLength, checksumOk]).toEqual([20, 20 + payload.length, true]);
				expect(got).toEqual(payload);
			})
		);
	});

	it('makes checksumOk false (or rejects the header) when any single header bit flips', () => {
		// Header-only packets, so a flipped IHL cannot pull payload bytes into the checked header.
		fc.assert(
			fc.property(fieldsArb, fc.integer({ min: 0, max: 159 }), (fields, bit) => {
				const packet = buildIpv4Packet(fields, new Uint8Array(0));
				packet[bit >>> 3] ^= 0x80 >>> (bit & 7);
				const result = parseIpv4Packet(packet);
				expect(result.ok ? result.value.checksumOk : 'rejected').not.toBe(true);
				// Outside version/IHL (byte 0) and total length (bytes 2-3) the header still parses.
				if (![0, 2, 3].includes(bit >>> 3)) expect(result.ok).toBe(true);
			})
		);
	});

	it('excludes link padding after the total length from the payload', () => {
		const packet = buildIpv4Packet(
			{ srcIp: '1.2.3.4', dstIp: '5.6.7.8', protocol: 17 },
			Uint8Array.of(7, 7)
		);
		const padded = new Uint8Array(46);
		padded.set(packet);
		expect(Array.from(parsed(padded).payload)).toEqual([7, 7]);
	});

	it('skips options on parse and checks them in the checksum', () => {
		// IHL 6: one 4-byte option (NOP NOP NOP EOL), total 24, no payload.
		const header = fromHex('46000018 00004000 40110000 0a000001 0a000002 01010100');
		const sum = internetChecksum(header);
		header[10] = sum >>> 8;
		header[11] = sum & 0xff;
		const packet = parsed(header);
		expect([packet.headerBytes, packet.payload.length, packet.checksumOk]).toEqual([24, 0, true]);
		header[21] = 0x02;
		expect(parsed(header).checksumOk).toBe(false);
	});

	it.each([
		['is truncated', '4500'],
		['has version 6', '6500001400004000400100000a0000010a000002'],
		['has IHL 4', '4400001400004000400100000a0000010a000002'],
		['claims more bytes than present', '4500001500004000400100000a0000010a000002'],
		['has total length below its header', '4500001300004000400100000a0000010a000002']
	])('rejects a packet that %s', (_why, hex) => {
		expect(parseIpv4Packet(fromHex(hex)).ok).toBe(false);
	});

	it('refuses out-of-range fields and oversized payloads', () => {
		const base = { srcIp: '10.0.0.1', dstIp: '10.0.0.2', protocol: 6 };
		const empty = new Uint8Array(0);
		expect(() => buildIpv4Packet({ ...base, ttl: 256 }, empty)).toThrow('TTL');
		expect(() => buildIpv4Packet({ ...base, dscp: 64 }, empty)).toThrow('DSCP');
		expect(() => buildIpv4Packet({ ...base, srcIp: '10.0.0' }, empty)).toThrow('Invalid IPv4');
		expect(() => buildIpv4Packet(base, new Uint8Array(65516))).toThrow('exceeds');
	});

	it('sums the pseudo-header as source, destination, zero, protocol, length', () => {
		// 0a00 + 0004 + 0a00 + 0005 + 0011 + 0010 = 0x142a
		expect(ipv4PseudoHeaderSum('10.0.0.4', '10.0.0.5', 17, 16)).toBe(0x142a);
		// ffff + ffff + ffff + 0000 + 0011 + ffff = 0x4000d, folded 0x000d + 4 = 0x11.
		expect(ipv4PseudoHeaderSum('255.255.255.255', '255.255.0.0', 17, 0xffff)).toBe(0x11);
	});
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	formatIpv4,
	formatMac,
	fromHex,
	hexDump,
	internetChecksum,
	onesComplementSum,
	parseIpv4,
	parseMac,
	toHex
} from './bytes';

describe('MAC addresses', () => {
	it('parses colon and dash forms in either case, and formats lowercase with colons', () => {
		expect(Array.from(parseMac('00:15:5d:01:02:03'))).toEqual([0x00, 0x15, 0x5d, 1, 2, 3]);
		expect(Array.from(parseMac('00-15-5D-0A-FF-03'))).toEqual([0x00, 0x15, 0x5d, 10, 255, 3]);
		expect(formatMac(parseMac('00-15-5D-0A-FF-03'))).toBe('00:15:5d:0a:ff:03');
		expect(formatMac(Uint8Array.of(9, 0, 0, 1, 2, 3, 4, 5), 2)).toBe('00:01:02:03:04:05');
	});

	it('round-trips any 6 bytes', () => {
		fc.assert(
			fc.property(fc.uint8Array({ minLength: 6, maxLength: 6 }), (bytes) => {
				expect(parseMac(formatMac(bytes))).toEqual(bytes);
			})
		);
	});

	it.each([
		'00:15:5d:01:02',
		'00:15:5d:01:02:03:04',
		'00:15-5d:01:02:03',
		'0:15:5d:01:02:03',
		'00:15:5d:01:02:0g',
		' 00:15:5d:01:02:03',
		'00155d010203',
		''
	])('rejects %j with a message naming it', (text) => {
		expect(() => parseMac(text)).toThrow(`Invalid MAC address "${text}"`);
	});

	it('refuses to format past the end of the bytes', () => {
		expect(() => formatMac(new Uint8Array(6), 1)).toThrow(RangeError);
	});
});

describe('IPv4 addresses', () => {
	it('parses and formats dotted decimal', () => {
		expect(Array.from(parseIpv4('10.10.56.11'))).toEqual([10, 10, 56, 11]);
		expect(Array.from(parseIpv4('255.0.0.255'))).toEqual([255, 0, 0, 255]);
		expect(formatIpv4(Uint8Array.of(1, 192, 168, 0, 1), 1)).toBe('192.168.0.1');
	});

	it('round-trips any 4 bytes', () => {
		fc.assert(
			fc.property(fc.uint8Array({ minLength: 4, maxLength: 4 }), (bytes) => {
				expect(parseIpv4(formatIpv4(bytes))).toEqual(bytes);
			})
		);
	});

	it.each([
		['10.0.0', 'expected four'],
		['10.0.0.4.5', 'expected four'],
		['10.0.0.256', 'above 255'],
		['10.0.0.04', '"04" is not a decimal'],
		['10.0.0.-1', 'not a decimal'],
		['10.0.0. 4', 'not a decimal'],
		['10.0.0.0x4', 'not a decimal'],
		['10..0.4', 'not a decimal']
	])('rejects %j (%s)', (text, why) => {
		expect(() => parseIpv4(text)).toThrow(`Invalid IPv4 address "${text}"`);
		expect(() => parseIpv4(text)).toThrow(why);
	});
});

describe('Internet checksum (RFC 1071)', () => {
	it('reproduces the RFC 1071 §3 worked example', () => {
		// 0001 + f203 + f4f5 + f6f7 = 2ddf0, folded ddf2; the checksum is its complement.
		const data = fromHex('0001 f203 f4f5 f6f7');
		expect(onesComplementSum(data)).toBe(0xddf2);
		expect(internetChecksum(data)).toBe(0x220d);
	});

	it('pads an odd final byte with a zero low byte', () => {
		expect(onesComplementSum(Uint8Array.of(0x12, 0x34, 0xab))).toBe(0x1234 + 0xab00);
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 99 }), (data) => {
				const padded = new Uint8Array(data.length + (data.length % 2));
				padded.set(data);
				expect(internetChecksum(data)).toBe(internetChecksum(padded));
			})
		);
	});

	it('gives 0 over data followed by its own checksum, and chains sums', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ maxLength: 64 }), (a, b) => {
				const even = a.subarray(0, a.length & ~1);
				const withSum = new Uint8Array(even.length + 2);
				withSum.set(even);
				const sum = internetChecksum(even);
				withSum[even.length] = sum >>> 8;
				withSum[even.length + 1] = sum & 0xff;
				expect(internetChecksum(withSum)).toBe(0);
				const whole = new Uint8Array(even.length + b.length);
				whole.set(even);
				whole.set(b, even.length);
				expect(internetChecksum(b, onesComplementSum(even))).toBe(internetChecksum(whole));
			})
		);
	});
});

describe('hex helpers', () => {
	it('round-trips hex text and ignores layout whitespace', () => {
		expect(toHex(fromHex('00 1d d8\n b7 1C'))).toBe('001dd8b71c');
		expect(() => fromHex('abc')).toThrow('even number');
		expect(() => fromHex('zz')).toThrow('even number');
	});

	it('dumps 16 bytes a line with offsets and printable ASCII, like tshark -x', () => {
		const bytes = new Uint8Array(18);
		bytes.set(
			Uint8Array.from('abcdefghijklmnop', (c) => c.charCodeAt(0)),
			2
		);
		expect(hexDump(bytes).split('\n')).toEqual([
			'0000  00 00 61 62 63 64 65 66 67 68 69 6a 6b 6c 6d 6e   ..abcdefghijklmn',
			'0010  6f 70                                             op'
		]);
	});
});

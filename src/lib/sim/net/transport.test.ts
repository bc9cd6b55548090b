import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIpv4, fromHex, toHex } from './bytes';
import { buildIcmpEcho, icmpEchoOf, parseIcmpMessage } from './icmp';
import { type TcpFields, buildTcpSegment, parseTcpSegment } from './tcp';
import { formatTcpFlags } from './tcp-flags';
import { buildUdpDatagram, parseUdpDatagram } from './udp';

const ipArb = fc.uint8Array({ minLength: 4, maxLength: 4 }).map((b) => formatIpv4(b));
const addrArb = fc.record({ srcIp: ipArb, dstIp: ipArb });
const portArb = fc.integer({ min: 0, max: 0xffff });
const u32Arb = fc.integer({ min: 0, max: 0xffffffff });
const payloadArb = fc.uint8Array({ maxLength: 80 });
const addresses = { srcIp: '10.0.0.4', dstIp: '10.0.0.5' };

describe('ICMP echo (RFC 792)', () => {
	it('round-trips requests and replies and the checksum covers the whole message', () => {
		const echoArb = fc.record({
			type: fc.constantFrom('echo-request' as const, 'echo-reply' as const),
			identifier: portArb,
			sequence: portArb,
			payload: payloadArb
		});
		fc.assert(
			fc.property(echoArb, fc.nat(), (echo, flip) => {
				const bytes = buildIcmpEcho(echo);
				const parsed = parseIcmpMessage(bytes);
				if (!parsed.ok) throw new Error(parsed.reason);
				expect(parsed.value.checksumOk).toBe(true);
				expect(icmpEchoOf(parsed.value)).toEqual(echo);
				const bit = flip % (bytes.length * 8);
				bytes[bit >>> 3] ^= 1 << (bit & 7);
				expect(parseIcmpMessage(bytes)).toMatchObject({ ok: true, value: { checksumOk: false } });
			})
		);
	});

	it('reads non-echo messages without echo fields, and rejects short ones', () => {
		const unreachable = parseIcmpMessage(fromHex('0303fcfc00000000'));
		expect(unreachable).toMatchObject({ ok: true, value: { type: 3, code: 3, checksumOk: true } });
		expect(unreachable.ok && icmpEchoOf(unreachable.value)).toBeUndefined();
		expect(parseIcmpMessage(new Uint8Array(7)).ok).toBe(false);
	});
});

describe('UDP (RFC 768)', () => {
	it('round-trips with a computed checksum, which covers the pseudo-header', () => {
		fc.assert(
			fc.property(portArb, portArb, payloadArb, addrArb, (srcPort, dstPort, payload, addr) => {
				const bytes = buildUdpDatagram({ srcPort, dstPort }, payload, addr);
				const parsed = parseUdpDatagram(bytes, addr);
				expect(parsed).toMatchObject({ ok: true, value: { srcPort, dstPort, checksumOk: true } });
				expect(parsed.ok && parsed.value.checksum).not.toBe(0);
				expect(parsed.ok && parsed.value.payload).toEqual(payload);
				const moved = { ...addr, dstIp: addr.dstIp === '1.2.3.4' ? '1.2.3.5' : '1.2.3.4' };
				expect(parseUdpDatagram(bytes, moved)).toMatchObject({ value: { checksumOk: false } });
			})
		);
	});

	it('sends 0 when asked (as VXLAN does) and accepts 0 on parse', () => {
		const bytes = buildUdpDatagram(
			{ srcPort: 50000, dstPort: 4789 },
			Uint8Array.of(1, 2, 3),
			'zero'
		);
		expect(toHex(bytes)).toBe('c35012b5000b0000010203');
		expect(parseUdpDatagram(bytes, addresses)).toMatchObject({
			ok: true,
			value: { checksum: 0, checksumOk: true, length: 11 }
		});
	});

	it('sends a computed checksum of 0 as 0xffff (RFC 768)', () => {
		// Pseudo 0a00+0004+0a00+0005+0011+000a = 0x1424; header c350+12b5+000a = 0xd60f; total
		// 0xea33. Data word 0x15cc brings the sum to 0xffff, so the checksum would be 0.
		const data = Uint8Array.of(0x15, 0xcc);
		const bytes = buildUdpDatagram({ srcPort: 50000, dstPort: 4789 }, data, addresses);
		expect(toHex(bytes.subarray(6, 8))).toBe('ffff');
		expect(parseUdpDatagram(bytes, addresses)).toMatchObject({ value: { checksumOk: true } });
	});

	it('rejects bad lengths and drops bytes past the length field', () => {
		expect(parseUdpDatagram(fromHex('0001000200070000'), addresses).ok).toBe(false);
		expect(parseUdpDatagram(fromHex('0001000200090000'), addresses).ok).toBe(false);
		const padded = parseUdpDatagram(fromHex('000100020009000042ffff'), addresses);
		expect(padded.ok && Array.from(padded.value.payload)).toEqual([0x42]);
	});
});

describe('TCP (RFC 9293)', () => {
	const flagsArb = fc.record({
		syn: fc.boolean(),
		ack: fc.boolean(),
		fin: fc.boolean(),
		rst: fc.boolean(),
		psh: fc.boolean()
	});
	const tcpArb: fc.Arbitrary<TcpFields> = fc.record(
		{
			srcPort: portArb,
			dstPort: portArb,
			seq: u32Arb,
			ackNumber: u32Arb,
			flags: flagsArb,
			window: portArb,
			mss: fc.integer({ min: 0, max: 0xffff })
		},
		{ requiredKeys: ['srcPort', 'dstPort', 'seq', 'ackNumber', 'flags', 'window'] }
	);

	it('round-trips every field, with and without MSS, and the checksum verifies', () => {
		fc.assert(
			fc.property(tcpArb, payloadArb, addrArb, (fields, payload, addr) => {
				const bytes = buildTcpSegment(fields, payload, addr);
				const parsed = parseTcpSegment(bytes, addr);
				if (!parsed.ok) throw new Error(parsed.reason);
				const {
					headerBytes,
					checksum: _sum,
					checksumOk,
					urgentPointer,
					payload: got,
					...rest
				} = parsed.value;
				expect(rest).toEqual(fields);
				expect([headerBytes, checksumOk, urgentPointer]).toEqual([
					fields.mss === undefined ? 20 : 24,
					true,
					0
				]);
				expect(got).toEqual(payload);
			})
		);
	});

	it('lays out a SYN with MSS 1460 byte for byte', () => {
		const syn = buildTcpSegment(
			{
				srcPort: 49700,
				dstPort: 443,
				seq: 0x01020304,
				ackNumber: 0,
				flags: { syn: true, ack: false, fin: false, rst: false, psh: false },
				window: 64240,
				mss: 1460
			},
			new Uint8Array(0),
			addresses
		);
		// Data offset 6 (24 bytes), flags 0x02, options 02 04 05b4. Checksum, summed separately
		// in Python: pseudo 0a00+0004+0a00+0005+0006+0018 = 0x1427; segment words c224+01bb+
		// 0102+0304+6002+faf0+0204+05b4 = 0x22a8f; total 0x23eb6, folded 0x3eb8, complement 0xc147.
		expect(toHex(syn)).toBe('c22401bb0102030400000000' + '6002faf0c1470000' + '020405b4');
	});

	it('formats flags as a capture shows them', () => {
		const flags = { syn: true, ack: true, fin: false, rst: false, psh: false };
		expect(formatTcpFlags(flags)).toBe('SYN, ACK');
		expect(formatTcpFlags({ ...flags, syn: false, psh: true, fin: true })).toBe('ACK, PSH, FIN');
		expect(formatTcpFlags({ ...flags, syn: false, ack: false })).toBe('none');
	});

	it('rejects bad data offsets and option lengths, and skips unknown options', () => {
		const header = (offsetByte: string, options = '') =>
			fromHex(`00010002 00000000 00000000 ${offsetByte}02 ffff 0000 0000 ${options}`);
		expect(parseTcpSegment(header('40'), addresses).ok).toBe(false);
		expect(parseTcpSegment(header('60'), addresses).ok).toBe(false);
		expect(parseTcpSegment(header('60', '08010000'), addresses).ok).toBe(false);
		// NOP, NOP, SACK permitted (kind 4, length 2), then MSS 1460.
		const withSack = parseTcpSegment(header('70', '01010402020405b4'), addresses);
		expect(withSack).toMatchObject({ ok: true, value: { headerBytes: 28, mss: 1460 } });
	});
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildArpPacket, parseArpPacket, type ArpPacket } from './arp';
import { formatIpv4, formatMac, fromHex, toHex } from './bytes';
import {
	ETHERTYPE_ARP,
	buildEthernetFrame,
	padEthernetFrame,
	parseEthernetFrame,
	type EthernetFields
} from './ethernet';

const macArb = fc.uint8Array({ minLength: 6, maxLength: 6 }).map((b) => formatMac(b));
const ipArb = fc.uint8Array({ minLength: 4, maxLength: 4 }).map((b) => formatIpv4(b));
const vlanArb = fc.record({
	pcp: fc.integer({ min: 0, max: 7 }),
	dei: fc.boolean(),
	vid: fc.integer({ min: 0, max: 4095 })
});
const ethArb: fc.Arbitrary<EthernetFields> = fc.record(
	{
		dstMac: macArb,
		srcMac: macArb,
		etherType: fc.integer({ min: 0, max: 0xffff }).filter((t) => t !== 0x8100),
		vlan: vlanArb
	},
	{ requiredKeys: ['dstMac', 'srcMac', 'etherType'] }
);

describe('Ethernet II', () => {
	it('writes destination, source, EtherType, payload in that order', () => {
		const frame = buildEthernetFrame(
			{ dstMac: 'ff:ff:ff:ff:ff:ff', srcMac: '00:1d:d8:b7:1c:04', etherType: ETHERTYPE_ARP },
			Uint8Array.of(0xaa)
		);
		expect(toHex(frame)).toBe('ffffffffffff001dd8b71c040806aa');
	});

	it('writes an 802.1Q tag before the EtherType: TPID 0x8100, then PCP|DEI|VID', () => {
		const vlan = { pcp: 5, dei: true, vid: 0x123 };
		const frame = buildEthernetFrame(
			{ dstMac: '00:00:00:00:00:01', srcMac: '00:00:00:00:00:02', etherType: 0x0800, vlan },
			new Uint8Array(0)
		);
		expect(toHex(frame.subarray(12))).toBe('8100b1230800');
	});

	it('round-trips random headers and payloads, with and without a tag', () => {
		fc.assert(
			fc.property(ethArb, fc.uint8Array({ maxLength: 64 }), (fields, payload) => {
				const frame = buildEthernetFrame(fields, payload);
				const parsed = parseEthernetFrame(frame);
				if (!parsed.ok) throw new Error(parsed.reason);
				const { headerBytes, payload: got, ...rest } = parsed.value;
				expect(rest).toEqual(fields);
				expect(headerBytes).toBe(fields.vlan ? 18 : 14);
				expect(got).toEqual(payload);
			})
		);
	});

	it('rejects frames shorter than their header', () => {
		expect(parseEthernetFrame(new Uint8Array(13))).toEqual({
			ok: false,
			reason: 'Ethernet header needs 14 bytes, frame has 13'
		});
		const tagged = fromHex('000000000001 000000000002 8100 0001');
		expect(parseEthernetFrame(tagged).ok).toBe(false);
	});

	it('rejects out-of-range fields instead of truncating them', () => {
		const base = { dstMac: '00:00:00:00:00:01', srcMac: '00:00:00:00:00:02' };
		const empty = new Uint8Array(0);
		expect(() => buildEthernetFrame({ ...base, etherType: 0x10000 }, empty)).toThrow('EtherType');
		const vlan = { pcp: 0, dei: false, vid: 4096 };
		expect(() => buildEthernetFrame({ ...base, etherType: 0x800, vlan }, empty)).toThrow('VLAN id');
	});

	it('pads short frames with zeros to 60 bytes and leaves longer ones alone', () => {
		const padded = padEthernetFrame(Uint8Array.of(1, 2, 3));
		expect(padded.length).toBe(60);
		expect(Array.from(padded.subarray(0, 4))).toEqual([1, 2, 3, 0]);
		const long = new Uint8Array(61);
		expect(padEthernetFrame(long)).toBe(long);
	});
});

describe('ARP (RFC 826)', () => {
	it('lays out a request byte for byte', () => {
		const request: ArpPacket = {
			op: 'request',
			senderMac: '00:1d:d8:b7:1c:04',
			senderIp: '10.0.0.4',
			targetMac: '00:00:00:00:00:00',
			targetIp: '10.0.0.5'
		};
		// htype 1, ptype 0x0800, hlen 6, plen 4, op 1, sha, spa, tha, tpa.
		expect(toHex(buildArpPacket(request))).toBe(
			'0001 0800 06 04 0001 001dd8b71c04 0a000004 000000000000 0a000005'.replace(/ /g, '')
		);
	});

	it('round-trips requests and replies', () => {
		const arpArb = fc.record({
			op: fc.constantFrom('request' as const, 'reply' as const),
			senderMac: macArb,
			senderIp: ipArb,
			targetMac: macArb,
			targetIp: ipArb
		});
		fc.assert(
			fc.property(arpArb, (packet) => {
				expect(parseArpPacket(buildArpPacket(packet))).toEqual({ ok: true, value: packet });
			})
		);
	});

	it('rejects other hardware, protocols, lengths and opcodes, and truncation', () => {
		const good = buildArpPacket({
			op: 'reply',
			senderMac: '00:00:00:00:00:01',
			senderIp: '10.0.0.1',
			targetMac: '00:00:00:00:00:02',
			targetIp: '10.0.0.2'
		});
		const tweak = (at: number, value: number) => {
			const copy = good.slice();
			copy[at] = value;
			return parseArpPacket(copy);
		};
		expect(tweak(1, 6)).toMatchObject({ ok: false, reason: expect.stringContaining('type') });
		expect(tweak(2, 0x86)).toMatchObject({ ok: false, reason: expect.stringContaining('type') });
		expect(tweak(4, 8)).toMatchObject({ ok: false, reason: expect.stringContaining('lengths') });
		expect(tweak(5, 16)).toMatchObject({ ok: false, reason: expect.stringContaining('lengths') });
		expect(tweak(7, 3)).toMatchObject({ ok: false, reason: expect.stringContaining('opcode 3') });
		expect(parseArpPacket(good.subarray(0, 27)).ok).toBe(false);
	});
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIpv4, formatMac, fromHex, hexDump, internetChecksum, toHex } from './bytes';
import {
	VXLAN_OVERHEAD_BYTES,
	VXLAN_OVERHEAD_TAGGED_BYTES,
	decapsulateVxlan,
	encapsulateVxlan
} from './encap';
import { ETHERTYPE_IPV4, buildEthernetFrame } from './ethernet';
import { examplePingOverVxlan } from './example';
import { IP_PROTOCOL_UDP, buildIpv4Packet } from './ipv4';
import { buildUdpDatagram } from './udp';
import { buildVxlanHeader } from './vxlan';

const GOLDEN_OUTER = {
	srcMac: '00:15:5d:0a:38:0b',
	dstMac: '00:15:5d:0a:38:0c',
	srcPa: '10.10.56.11',
	dstPa: '10.10.56.12',
	vni: 5001
};

/*
 * Expected bytes of examplePingOverVxlan(), written out by layer and checked independently:
 * - Outer IPv4 checksum by hand: 4500+006e+0000+4000+8011+0a0a+380b+0a0a+380c = 0x189aa,
 *   folded 0x89ab, complement 0x7654.
 * - Inner IPv4 checksum: 4500+003c+3d2e+4000+8001+0a00+0004+0a00+0005 = 0x15674, folded
 *   0x5675, complement 0xa98a.
 * - ICMP checksum: 0800+0001+0001 + the 16 payload words 6162..6869 = 0x6b29f, folded 0xb2a5,
 *   complement 0x4d5a (Windows ping's familiar 0x4d5a for id 1, seq 1). Sums redone in Python.
 * - UDP source port: FNV-1a 32 of the key 01 0a000004 0a000005 (ICMP: no ports) = 0x77fb2797,
 *   xor-folded (h >>> 14 ^ h) & 0x3fff = 0x387b, + 49152 = 63611 = 0xf87b (Python again).
 * - Cross-checked once with tshark 4.0.17 (text2pcap of these bytes, then `tshark -V`): it
 *   decodes eth:ip:udp:vxlan:eth:ip:icmp, "Header Checksum: 0x7654 [correct]", "Src Port:
 *   63611, Dst Port: 4789", UDP "Checksum: 0x0000 [zero-value ignored]", VXLAN flags "VXLAN
 *   Network ID (VNI): True", "VNI: 5001", inner "Header Checksum: 0xa98a [correct]", ICMP
 *   "Echo (ping) request", "Checksum: 0x4d5a [correct]", id 1, seq 1, 32 data bytes.
 *   TSHARK_DUMP below is its `tshark -x` output, verbatim. The test does not run tshark.
 */
const GOLDEN_HEX = [
	'00155d0a380c 00155d0a380b 0800', // outer Ethernet: dst, src, IPv4
	'4500 006e 0000 4000 80 11 7654 0a0a380b 0a0a380c', // outer IPv4: DF, TTL 128, UDP
	'f87b 12b5 005a 0000', // UDP: src 63611, dst 4789, length 90, checksum 0
	'08 000000 001389 00', // VXLAN: I flag, reserved, VNI 5001, reserved
	'001dd8b71c05 001dd8b71c04 0800', // inner Ethernet
	'4500 003c 3d2e 4000 80 01 a98a 0a000004 0a000005', // inner IPv4: DF, TTL 128, ICMP
	'08 00 4d5a 0001 0001', // ICMP echo request, id 1, seq 1
	'6162636465666768696a6b6c6d6e6f7071727374757677616263646566676869' // "abcdefghi…"
].join(' ');

const TSHARK_DUMP = `0000  00 15 5d 0a 38 0c 00 15 5d 0a 38 0b 08 00 45 00   ..].8...].8...E.
0010  00 6e 00 00 40 00 80 11 76 54 0a 0a 38 0b 0a 0a   .n..@...vT..8...
0020  38 0c f8 7b 12 b5 00 5a 00 00 08 00 00 00 00 13   8..{...Z........
0030  89 00 00 1d d8 b7 1c 05 00 1d d8 b7 1c 04 08 00   ................
0040  45 00 00 3c 3d 2e 40 00 80 01 a9 8a 0a 00 00 04   E..<=.@.........
0050  0a 00 00 05 08 00 4d 5a 00 01 00 01 61 62 63 64   ......MZ....abcd
0060  65 66 67 68 69 6a 6b 6c 6d 6e 6f 70 71 72 73 74   efghijklmnopqrst
0070  75 76 77 61 62 63 64 65 66 67 68 69               uvwabcdefghi`;

const macArb = fc.uint8Array({ minLength: 6, maxLength: 6 }).map((b) => formatMac(b));
const ipArb = fc.uint8Array({ minLength: 4, maxLength: 4 }).map((b) => formatIpv4(b));
const innerArb = fc.uint8Array({ minLength: 14, maxLength: 200 });
const outerArb = fc.record(
	{
		srcMac: macArb,
		dstMac: macArb,
		srcPa: ipArb,
		dstPa: ipArb,
		vni: fc.integer({ min: 0, max: 2 ** 24 - 1 }),
		ttl: fc.integer({ min: 1, max: 255 }),
		vlan: fc.record({
			pcp: fc.integer({ min: 0, max: 7 }),
			dei: fc.boolean(),
			vid: fc.integer({ min: 0, max: 4095 })
		})
	},
	{ requiredKeys: ['srcMac', 'dstMac', 'srcPa', 'dstPa', 'vni'] }
);

describe('encapsulateVxlan', () => {
	it('produces the golden ICMP echo request byte for byte', () => {
		const frame = examplePingOverVxlan();
		expect(toHex(frame)).toBe(toHex(fromHex(GOLDEN_HEX)));
		expect(hexDump(frame)).toBe(TSHARK_DUMP);
		expect(internetChecksum(frame.subarray(14, 34))).toBe(0);
	});

	it('adds exactly VXLAN_OVERHEAD_BYTES = 50 (54 with an outer 802.1Q tag)', () => {
		expect(VXLAN_OVERHEAD_BYTES).toBe(50);
		expect(VXLAN_OVERHEAD_TAGGED_BYTES).toBe(54);
		fc.assert(
			fc.property(innerArb, outerArb, (inner, outer) => {
				const overhead = encapsulateVxlan(inner, outer).length - inner.length;
				expect(overhead).toBe(outer.vlan ? VXLAN_OVERHEAD_TAGGED_BYTES : VXLAN_OVERHEAD_BYTES);
			})
		);
	});

	it('refuses an inner frame shorter than an Ethernet header', () => {
		expect(() => encapsulateVxlan(new Uint8Array(13), GOLDEN_OUTER)).toThrow('below an Ethernet');
	});
});

describe('decapsulateVxlan', () => {
	it('returns what encapsulateVxlan put in', () => {
		fc.assert(
			fc.property(innerArb, outerArb, (inner, outer) => {
				const result = decapsulateVxlan(encapsulateVxlan(inner, outer));
				if (!result.ok) throw new Error(result.reason);
				const { vni, outer: got } = result.value;
				expect(vni).toBe(outer.vni);
				expect(result.value.inner).toEqual(inner);
				const { vni: _vni, ttl = 128, ...addresses } = outer;
				expect(got).toMatchObject({ ...addresses, ttl, dstPort: 4789 });
				expect(got.srcPort).toBeGreaterThanOrEqual(49152);
			})
		);
	});

	/** Returns a corruptor that sets byte `at` (of the golden frame) to `value`. */
	const poke = (at: number, value: number) => (frame: Uint8Array) => {
		frame[at] = value;
		return frame;
	};
	/** Re-computes the outer IPv4 checksum so that only the intended field is wrong. */
	const andFixIp = (corrupt: (f: Uint8Array) => Uint8Array) => (frame: Uint8Array) => {
		corrupt(frame).fill(0, 24, 26);
		const sum = internetChecksum(frame.subarray(14, 34));
		return poke(25, sum & 0xff)(poke(24, sum >>> 8)(frame));
	};
	it.each<[string, (f: Uint8Array) => Uint8Array, string]>([
		['an ARP frame', poke(13, 0x06), 'not IPv4'],
		['a bad outer IPv4 checksum', poke(25, 0x55), 'checksum is wrong'],
		['TCP instead of UDP', andFixIp(poke(23, 6)), 'not UDP'],
		['a fragment', andFixIp(poke(20, 0x60)), 'fragment'],
		['another UDP port', poke(37, 0xb6), 'not VXLAN (4789)'],
		['a bad non-zero UDP checksum', poke(41, 1), 'UDP checksum is wrong'],
		['I = 0', poke(42, 0), 'I = 0'],
		['a truncated frame', (f) => f.slice(0, 60), 'only']
	])('drops %s with a reason', (_what, corrupt, reason) => {
		const result = decapsulateVxlan(corrupt(examplePingOverVxlan()));
		expect(result.ok).toBe(false);
		expect(!result.ok && result.reason).toContain(reason);
	});

	it('drops a VXLAN payload too short for an inner Ethernet header', () => {
		const addresses = { srcIp: '10.10.56.11', dstIp: '10.10.56.12' };
		const vxlan = new Uint8Array(8 + 13);
		vxlan.set(buildVxlanHeader(5001));
		const udp = buildUdpDatagram({ srcPort: 50000, dstPort: 4789 }, vxlan, 'zero');
		const ip = buildIpv4Packet({ ...addresses, protocol: IP_PROTOCOL_UDP }, udp);
		const macs = { srcMac: GOLDEN_OUTER.srcMac, dstMac: GOLDEN_OUTER.dstMac };
		const frame = buildEthernetFrame({ ...macs, etherType: ETHERTYPE_IPV4 }, ip);
		const result = decapsulateVxlan(frame);
		expect(!result.ok && result.reason).toBe('Inner frame has 13 bytes, below an Ethernet header');
	});
});

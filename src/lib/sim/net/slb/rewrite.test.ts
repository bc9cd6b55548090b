import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIpv4, toHex } from '../bytes';
import { IP_PROTOCOL_ICMP, buildIpv4Packet, parseIpv4Packet } from '../ipv4';
import { parseTcpSegment } from '../tcp';
import { parseUdpDatagram } from '../udp';
import { adjustChecksum, rewriteEndpoints } from './rewrite';
import { fiveTupleOf } from './tuple';
import type { FiveTuple } from './types';
import { packetOf } from './web-lb.fixture';

const ipArb = fc.uint8Array({ minLength: 4, maxLength: 4 }).map((b) => formatIpv4(b));
const portArb = fc.integer({ min: 0, max: 0xffff });
const tupleArb: fc.Arbitrary<FiveTuple> = fc.record({
	protocol: fc.constantFrom('tcp' as const, 'udp' as const),
	srcIp: ipArb,
	srcPort: portArb,
	dstIp: ipArb,
	dstPort: portArb
});
const dataArb = fc.uint8Array({ maxLength: 64 });
const changeArb = fc.record(
	{ srcIp: ipArb, srcPort: portArb, dstIp: ipArb, dstPort: portArb },
	{ requiredKeys: [] }
);

/** Parses a packet and reports both checksum verdicts and the transport payload. */
function verify(packet: Uint8Array) {
	const ip = parseIpv4Packet(packet);
	if (!ip.ok) throw new Error(ip.reason);
	const { srcIp, dstIp, protocol, payload } = ip.value;
	const l4 =
		protocol === 6
			? parseTcpSegment(payload, { srcIp, dstIp })
			: parseUdpDatagram(payload, { srcIp, dstIp });
	if (!l4.ok) throw new Error(l4.reason);
	return { ipOk: ip.value.checksumOk, l4Ok: l4.value.checksumOk, data: toHex(l4.value.payload) };
}

function must<T>(r: { ok: true; value: T } | { ok: false; reason: string }): T {
	if (!r.ok) throw new Error(r.reason);
	return r.value;
}

describe('rewriteEndpoints', () => {
	it('gives the same bytes as building the translated packet from scratch', () => {
		const from: FiveTuple = {
			protocol: 'tcp',
			srcIp: '198.51.100.7',
			srcPort: 50123,
			dstIp: '203.0.113.10',
			dstPort: 80
		};
		const to = { ...from, dstIp: '10.0.1.5', dstPort: 8080 };
		const data = new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n');
		const rewritten = must(rewriteEndpoints(packetOf(from, { data }), to));
		expect(toHex(rewritten)).toBe(toHex(packetOf(to, { data })));
		const udp = { ...from, protocol: 'udp' as const };
		const udpOut = must(rewriteEndpoints(packetOf(udp, { data }), { srcIp: '10.0.1.4' }));
		expect(toHex(udpOut)).toBe(toHex(packetOf({ ...udp, srcIp: '10.0.1.4' }, { data })));
	});

	it('keeps both checksums valid, the payload intact, and sets exactly the new endpoints', () => {
		fc.assert(
			fc.property(tupleArb, dataArb, changeArb, (t, data, change) => {
				const out = must(rewriteEndpoints(packetOf(t, { data }), change));
				expect(verify(out)).toEqual({ ipOk: true, l4Ok: true, data: toHex(data) });
				expect(must(fiveTupleOf(out))).toEqual({ ...t, ...change });
				// Byte for byte what the builders give for the translated tuple.
				expect(toHex(out)).toBe(toHex(packetOf({ ...t, ...change }, { data })));
			})
		);
	});

	it('undoing a rewrite restores the original bytes', () => {
		fc.assert(
			fc.property(tupleArb, dataArb, changeArb, (t, data, change) => {
				const original = packetOf(t, { data });
				const back = must(rewriteEndpoints(must(rewriteEndpoints(original, change)), t));
				expect(toHex(back)).toBe(toHex(original));
			})
		);
	});

	it('leaves a corrupted packet detectably corrupted (incremental update, RFC 1624)', () => {
		fc.assert(
			fc.property(
				tupleArb,
				dataArb,
				changeArb,
				fc.integer({ min: 1, max: 0xfffe }),
				(t, data, change, delta) => {
					const bad = packetOf(t, { data: Uint8Array.of(...data, 0, 0) });
					// Corrupt the last two payload bytes (a one's complement sum sees any nonzero delta).
					bad[bad.length - 2] = delta >>> 8;
					bad[bad.length - 1] = delta & 0xff;
					fc.pre(t.protocol === 'tcp' || bad[27] !== 0 || bad[26] !== 0);
					const out = must(rewriteEndpoints(bad, change));
					expect(verify(out).l4Ok).toBe(false);
					expect(verify(out).ipOk).toBe(true);
				}
			)
		);
	});

	it('keeps a UDP checksum of 0 ("not computed", RFC 768) at 0', () => {
		const t: FiveTuple = {
			protocol: 'udp',
			srcIp: '1.2.3.4',
			srcPort: 1,
			dstIp: '5.6.7.8',
			dstPort: 2
		};
		const packet = packetOf(t);
		packet[26] = 0;
		packet[27] = 0;
		const out = must(rewriteEndpoints(packet, { dstIp: '10.0.0.9' }));
		expect([out[26], out[27]]).toEqual([0, 0]);
		expect(verify(out)).toMatchObject({ ipOk: true, l4Ok: true });
	});

	it('refuses what it cannot translate', () => {
		const icmp = buildIpv4Packet(
			{ srcIp: '1.2.3.4', dstIp: '5.6.7.8', protocol: IP_PROTOCOL_ICMP },
			new Uint8Array(8)
		);
		expect(rewriteEndpoints(icmp, {})).toEqual({
			ok: false,
			reason: 'IP protocol 1 has no ports to translate'
		});
		const fragment = packetOf({
			protocol: 'udp',
			srcIp: '1.2.3.4',
			srcPort: 1,
			dstIp: '5.6.7.8',
			dstPort: 2
		});
		fragment[6] = 0x20; // More Fragments
		expect(rewriteEndpoints(fragment, {})).toMatchObject({
			ok: false,
			reason: 'cannot translate a fragment'
		});
		expect(rewriteEndpoints(new Uint8Array(10), {}).ok).toBe(false);
		expect(() =>
			rewriteEndpoints(
				packetOf({ protocol: 'udp', srcIp: '1.2.3.4', srcPort: 1, dstIp: '5.6.7.8', dstPort: 2 }),
				{ srcPort: 70000 }
			)
		).toThrow(RangeError);
	});
});

describe('adjustChecksum (RFC 1624 eqn. 3)', () => {
	it('matches RFC 1624 §4: HC 0xDD2F, field 0x5555 → 0x3285, gives 0x0000', () => {
		// RFC 1624 §4: HC = 0xDD2F, m = 0x5555, m' = 0x3285 gives HC' = 0x0000, not 0xFFFF.
		expect(adjustChecksum(0xdd2f, Uint8Array.of(0x55, 0x55), Uint8Array.of(0x32, 0x85))).toBe(
			0x0000
		);
	});

	it('refuses words of different lengths', () => {
		expect(() => adjustChecksum(0, new Uint8Array(2), new Uint8Array(4))).toThrow(RangeError);
	});
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIpv4, toHex } from './bytes';
import { buildArpPacket } from './arp';
import { ETHERTYPE_ARP, ETHERTYPE_IPV4, buildEthernetFrame } from './ethernet';
import { buildIpv4Packet } from './ipv4';
import { fnv1a32, innerFlowKey, vxlanSourcePort } from './flow-hash';
import { buildTcpSegment } from './tcp';
import { buildUdpDatagram } from './udp';

const eth = { dstMac: '00:1d:d8:b7:1c:05', srcMac: '00:1d:d8:b7:1c:04', etherType: ETHERTYPE_IPV4 };

interface Flow {
	srcIp: string;
	dstIp: string;
	protocol: 6 | 17;
	srcPort: number;
	dstPort: number;
}

/** A frame of `flow` whose other fields (TTL, id, seq, payload) vary with `noise`. */
function frameOf(flow: Flow, noise: { ttl: number; id: number; seq: number; data: Uint8Array }) {
	const { srcIp, dstIp, srcPort, dstPort, protocol } = flow;
	const l4 =
		protocol === 17
			? buildUdpDatagram({ srcPort, dstPort }, noise.data, { srcIp, dstIp })
			: buildTcpSegment(
					{
						srcPort,
						dstPort,
						seq: noise.seq,
						ackNumber: 0,
						flags: { syn: false, ack: true, fin: false, rst: false, psh: true },
						window: 1024
					},
					noise.data,
					{ srcIp, dstIp }
				);
	const ip = buildIpv4Packet(
		{ srcIp, dstIp, protocol, ttl: noise.ttl, identification: noise.id },
		l4
	);
	return buildEthernetFrame(eth, ip);
}

const ipArb = fc.uint8Array({ minLength: 4, maxLength: 4 }).map((b) => formatIpv4(b));
const flowArb: fc.Arbitrary<Flow> = fc.record({
	srcIp: ipArb,
	dstIp: ipArb,
	protocol: fc.constantFrom(6 as const, 17 as const),
	srcPort: fc.integer({ min: 0, max: 0xffff }),
	dstPort: fc.integer({ min: 0, max: 0xffff })
});
const noiseArb = fc.record({
	ttl: fc.integer({ min: 1, max: 255 }),
	id: fc.integer({ min: 0, max: 0xffff }),
	seq: fc.integer({ min: 0, max: 0xffffffff }),
	data: fc.uint8Array({ maxLength: 40 })
});

describe('FNV-1a 32', () => {
	it('matches the published test vectors', () => {
		const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
		expect(fnv1a32(ascii(''))).toBe(0x811c9dc5);
		expect(fnv1a32(ascii('a'))).toBe(0xe40c292c);
		expect(fnv1a32(ascii('foobar'))).toBe(0xbf9cf968);
	});
});

describe('outer UDP source port', () => {
	it('is in 49152–65535 and equal for equal inner flows, whatever else differs', () => {
		fc.assert(
			fc.property(flowArb, noiseArb, noiseArb, (flow, a, b) => {
				const port = vxlanSourcePort(frameOf(flow, a));
				expect(port).toBeGreaterThanOrEqual(49152);
				expect(port).toBeLessThanOrEqual(65535);
				expect(vxlanSourcePort(frameOf(flow, b))).toBe(port);
			})
		);
	});

	it('stays in range for any bytes at all', () => {
		fc.assert(
			fc.property(fc.uint8Array({ minLength: 14, maxLength: 80 }), (frame) => {
				const port = vxlanSourcePort(frame);
				expect(port >= 49152 && port <= 65535 && Number.isInteger(port)).toBe(true);
			})
		);
	});

	it('usually differs between flows: 500 client ports spread over nearly 500 outer ports', () => {
		const noise = { ttl: 128, id: 0, seq: 0, data: new Uint8Array(0) };
		const ports = new Set<number>();
		for (let srcPort = 50000; srcPort < 50500; srcPort++) {
			const flow: Flow = {
				srcIp: '10.0.0.4',
				dstIp: '10.0.0.5',
				protocol: 6,
				srcPort,
				dstPort: 443
			};
			ports.add(vxlanSourcePort(frameOf(flow, noise)));
		}
		// Uniform hashing into 16384 ports expects about 500²/(2·16384) ≈ 8 collisions.
		expect(ports.size).toBeGreaterThanOrEqual(480);
	});

	it('keys IPv4 on protocol, addresses and ports; fragments and ARP on what they have', () => {
		const flow: Flow = {
			srcIp: '10.0.0.4',
			dstIp: '10.0.0.5',
			protocol: 17,
			srcPort: 0x1234,
			dstPort: 53
		};
		const frame = frameOf(flow, { ttl: 1, id: 2, seq: 3, data: Uint8Array.of(9) });
		expect(toHex(innerFlowKey(frame))).toBe('11' + '0a000004' + '0a000005' + '1234' + '0035');
		frame[14 + 6] |= 0x20; // set More Fragments: ports are left out
		expect(toHex(innerFlowKey(frame))).toBe('110a0000040a000005');
		const arp = buildEthernetFrame(
			{ ...eth, dstMac: 'ff:ff:ff:ff:ff:ff', etherType: ETHERTYPE_ARP },
			buildArpPacket({
				op: 'request',
				senderMac: eth.srcMac,
				senderIp: '10.0.0.4',
				targetMac: '00:00:00:00:00:00',
				targetIp: '10.0.0.5'
			})
		);
		expect(toHex(innerFlowKey(arp))).toBe('ffffffffffff' + '001dd8b71c04' + '0806');
	});
});

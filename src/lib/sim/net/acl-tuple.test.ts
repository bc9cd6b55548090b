import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flowTupleOf } from './acl-tuple';
import { formatIpv4 } from './bytes';
import { buildIcmpEcho } from './icmp';
import { IP_PROTOCOL_ICMP, IP_PROTOCOL_TCP, IP_PROTOCOL_UDP, buildIpv4Packet } from './ipv4';
import { buildTcpSegment } from './tcp';
import { buildUdpDatagram } from './udp';

const addresses = { srcIp: '10.0.0.4', dstIp: '10.0.1.5' };
const noFlags = { syn: false, ack: false, fin: false, rst: false, psh: false };

describe('flowTupleOf', () => {
	it('reads TCP ports and flags', () => {
		const flags = { ...noFlags, syn: true };
		const tcp = buildTcpSegment(
			{ srcPort: 49152, dstPort: 80, seq: 1, ackNumber: 0, flags, window: 65535, mss: 1410 },
			new Uint8Array(0),
			addresses
		);
		expect(flowTupleOf(buildIpv4Packet({ ...addresses, protocol: IP_PROTOCOL_TCP }, tcp))).toEqual({
			ok: true,
			value: { protocol: 'tcp', ...addresses, srcPort: 49152, dstPort: 80, tcpFlags: flags }
		});
	});

	it('reads an ICMP echo’s type and identifier, and only the type of other ICMP', () => {
		const echo = buildIcmpEcho({
			type: 'echo-request',
			identifier: 1,
			sequence: 9,
			payload: new Uint8Array(32)
		});
		const packet = buildIpv4Packet({ ...addresses, protocol: IP_PROTOCOL_ICMP }, echo);
		expect(flowTupleOf(packet)).toEqual({
			ok: true,
			value: { protocol: 'icmp', ...addresses, icmpType: 8, icmpId: 1 }
		});
		const unreachable = new Uint8Array([3, 3, 0xfc, 0xfc, 0, 0, 0, 0]);
		const value = { protocol: 'icmp', ...addresses, icmpType: 3 };
		expect(
			flowTupleOf(buildIpv4Packet({ ...addresses, protocol: IP_PROTOCOL_ICMP }, unreachable))
		).toEqual({ ok: true, value });
	});

	it('gives other protocols by number, and later fragments without ports', () => {
		const gre = buildIpv4Packet({ ...addresses, protocol: 47 }, new Uint8Array(8));
		expect(flowTupleOf(gre)).toEqual({ ok: true, value: { protocol: 47, ...addresses } });
		const fragment = buildIpv4Packet(
			{ ...addresses, protocol: IP_PROTOCOL_UDP, dontFragment: false, fragmentOffset: 185 },
			new Uint8Array(16)
		);
		expect(flowTupleOf(fragment)).toEqual({ ok: true, value: { protocol: 'udp', ...addresses } });
	});

	it('explains bad bytes instead of throwing', () => {
		expect(flowTupleOf(new Uint8Array(10))).toMatchObject({
			ok: false,
			reason: expect.stringContaining('20 bytes')
		});
		const shortTcp = buildIpv4Packet(
			{ ...addresses, protocol: IP_PROTOCOL_TCP },
			new Uint8Array(8)
		);
		expect(flowTupleOf(shortTcp)).toMatchObject({
			ok: false,
			reason: expect.stringMatching(/^TCP: /)
		});
		const shortUdp = buildIpv4Packet(
			{ ...addresses, protocol: IP_PROTOCOL_UDP },
			new Uint8Array(4)
		);
		expect(flowTupleOf(shortUdp)).toMatchObject({
			ok: false,
			reason: expect.stringMatching(/^UDP: /)
		});
	});

	it('round-trips any UDP 5-tuple through bytes', () => {
		const ip = fc.uint8Array({ minLength: 4, maxLength: 4 }).map((b) => formatIpv4(b));
		const port = fc.integer({ min: 0, max: 0xffff });
		fc.assert(
			fc.property(ip, ip, port, port, (srcIp, dstIp, srcPort, dstPort) => {
				const udp = buildUdpDatagram({ srcPort, dstPort }, new Uint8Array(3), { srcIp, dstIp });
				const bytes = buildIpv4Packet({ srcIp, dstIp, protocol: IP_PROTOCOL_UDP }, udp);
				expect(flowTupleOf(bytes)).toEqual({
					ok: true,
					value: { protocol: 'udp', srcIp, dstIp, srcPort, dstPort }
				});
			})
		);
	});
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIpv4 } from '../bytes';
import { parseIpv4Packet } from '../ipv4';
import { parseTcpSegment } from '../tcp';
import { parseUdpDatagram } from '../udp';
import {
	NAT_IDLE_TIMEOUT_MS,
	type NatResult,
	emptyNatTable,
	expireIdle,
	hostInbound,
	hostOutbound,
	outboundSnat
} from './nat';
import { snatBlock, snatOwner } from './snat';
import { fiveTupleOf, reverseTuple } from './tuple';
import type { FiveTuple } from './types';
import { VIP, WEB_LB, packetOf, toVip } from './web-lb.fixture';

const [web1, web2, web3] = WEB_LB.backend;
const SERVER = '192.0.2.80';

function translated(r: NatResult | { kind: 'untranslated' }) {
	if (r.kind !== 'translated') throw new Error(r.kind === 'drop' ? r.reason : r.kind);
	return r;
}
function tupleOf(packet: Uint8Array): FiveTuple {
	const t = fiveTupleOf(packet);
	if (!t.ok) throw new Error(t.reason);
	return t.value;
}
/** Both checksums of a packet verify. */
function checksumsOk(packet: Uint8Array): boolean {
	const ip = parseIpv4Packet(packet);
	if (!ip.ok) return false;
	const { srcIp, dstIp, protocol, payload } = ip.value;
	const l4 =
		protocol === 6
			? parseTcpSegment(payload, { srcIp, dstIp })
			: parseUdpDatagram(payload, { srcIp, dstIp });
	return ip.value.checksumOk && l4.ok && l4.value.checksumOk;
}

describe('load-balanced flow: VIP → DIP in, DSR reply out (FACTS §4.2 steps 3–4)', () => {
	it('translates VIP:80 to DIP:8080, reuses the entry, and the reply leaves as VIP:80', () => {
		const table = emptyNatTable();
		const syn = packetOf(toVip(50123));
		const first = translated(hostInbound(table, WEB_LB, web2, syn, 0));
		expect(tupleOf(first.packet)).toEqual({ ...toVip(50123), dstIp: '10.0.1.5', dstPort: 8080 });
		expect(checksumsOk(first.packet)).toBe(true);
		expect(first).toMatchObject({
			created: true,
			entry: { kind: 'load-balancing', rule: 'http', vm: 'web2' }
		});
		expect(translated(hostInbound(table, WEB_LB, web2, syn, 10)).created).toBe(false);

		const reply = packetOf(reverseTuple(tupleOf(first.packet)));
		const out = translated(hostOutbound(table, reply, 20));
		expect(tupleOf(out.packet)).toEqual(reverseTuple(toVip(50123)));
		expect(checksumsOk(out.packet)).toBe(true);
	});

	it('round trip: the reply to any balanced connection reaches the client as VIP:frontendPort', () => {
		const ipArb = fc.uint8Array({ minLength: 4, maxLength: 4 }).map((b) => formatIpv4(b));
		fc.assert(
			fc.property(
				ipArb,
				fc.integer({ min: 1, max: 0xffff }),
				fc.constantFrom(...WEB_LB.rules),
				fc.constantFrom(...WEB_LB.backend),
				fc.uint8Array({ maxLength: 32 }),
				(srcIp, srcPort, rule, dip, data) => {
					const t: FiveTuple = {
						protocol: rule.protocol,
						srcIp,
						srcPort,
						dstIp: VIP,
						dstPort: rule.frontendPort
					};
					const table = emptyNatTable();
					const inbound = translated(hostInbound(table, WEB_LB, dip, packetOf(t, { data }), 0));
					expect(tupleOf(inbound.packet)).toEqual({
						...t,
						dstIp: dip.dip,
						dstPort: rule.backendPort
					});
					expect(checksumsOk(inbound.packet)).toBe(true);
					const reply = packetOf(reverseTuple(tupleOf(inbound.packet)), { data });
					const out = translated(hostOutbound(table, reply, 1));
					expect(reverseTuple(tupleOf(out.packet))).toEqual(t);
					expect(checksumsOk(out.packet)).toBe(true);
				}
			)
		);
	});

	it('a flow the MUX moves to another DIP on the same host gets a fresh entry', () => {
		const table = emptyNatTable();
		const syn = packetOf(toVip(40000));
		translated(hostInbound(table, WEB_LB, web1, syn, 0));
		const moved = translated(hostInbound(table, WEB_LB, web3, syn, 5));
		expect(moved).toMatchObject({ created: true, entry: { vm: 'web3' } });
		expect(Object.keys(table.entries)).toHaveLength(1);
	});

	it('forgets a flow idle for the timeout, lazily or by a sweep', () => {
		const table = emptyNatTable();
		const first = translated(hostInbound(table, WEB_LB, web2, packetOf(toVip(50000)), 0));
		const reply = packetOf(reverseTuple(tupleOf(first.packet)));
		expect(hostOutbound(table, reply, NAT_IDLE_TIMEOUT_MS - 1).kind).toBe('translated');
		expect(expireIdle(table, 2 * NAT_IDLE_TIMEOUT_MS - 2)).toBe(0);
		expect(hostOutbound(table, reply, 2 * NAT_IDLE_TIMEOUT_MS - 1)).toEqual({
			kind: 'untranslated'
		});
		translated(hostInbound(table, WEB_LB, web2, packetOf(toVip(50001)), 0));
		expect(expireIdle(table, NAT_IDLE_TIMEOUT_MS)).toBe(1);
		expect(table).toEqual(emptyNatTable());
	});

	it('refuses packets for another address or a port without a rule', () => {
		const table = emptyNatTable();
		expect(
			hostInbound(table, WEB_LB, web1, packetOf({ ...toVip(1), dstIp: '203.0.113.99' }), 0)
		).toEqual({
			kind: 'drop',
			reason: '203.0.113.99 is not the VIP 203.0.113.10 of web-lb'
		});
		expect(hostInbound(table, WEB_LB, web1, packetOf(toVip(1, 8443)), 0)).toMatchObject({
			kind: 'drop',
			reason: 'no rule of web-lb sends tcp port 8443 to web1'
		});
		expect(hostInbound(table, WEB_LB, web1, packetOf(toVip(1, 80, 'udp')), 0).kind).toBe('drop');
	});
});

describe('inbound NAT rule (FACTS §4.5)', () => {
	it('sends VIP:50001 to web1:3389 only', () => {
		const table = emptyNatTable();
		const syn = packetOf(toVip(51000, 50001));
		const r = translated(hostInbound(table, WEB_LB, web1, syn, 0));
		expect(tupleOf(r.packet)).toMatchObject({ dstIp: '10.0.1.4', dstPort: 3389 });
		expect(r.entry).toMatchObject({ kind: 'inbound-nat', rule: 'rdp-web1' });
		const reply = translated(hostOutbound(table, packetOf(reverseTuple(tupleOf(r.packet))), 1));
		expect(tupleOf(reply.packet)).toEqual(reverseTuple(toVip(51000, 50001)));
		expect(hostInbound(emptyNatTable(), WEB_LB, web2, syn, 0).kind).toBe('drop');
	});
});

describe('outbound NAT (FACTS §4.5)', () => {
	const out = (srcPort: number, dstPort = 443): FiveTuple => ({
		protocol: 'tcp',
		srcIp: web2.dip,
		srcPort,
		dstIp: SERVER,
		dstPort
	});

	it('gives web2 ports from its own block in turn, and replies find their way back', () => {
		const table = emptyNatTable();
		const block = snatBlock(WEB_LB, 'web2');
		expect(block).toEqual({ first: 2048, last: 3071 });
		expect(hostOutbound(table, packetOf(out(60000)), 0)).toEqual({ kind: 'untranslated' });
		const a = translated(outboundSnat(table, WEB_LB, web2, packetOf(out(60000)), 0));
		const b = translated(outboundSnat(table, WEB_LB, web2, packetOf(out(60001)), 0));
		expect(tupleOf(a.packet)).toEqual({ ...out(60000), srcIp: VIP, srcPort: 2048 });
		expect(tupleOf(b.packet).srcPort).toBe(2049);
		expect(checksumsOk(a.packet)).toBe(true);
		expect(tupleOf(translated(hostOutbound(table, packetOf(out(60000)), 5)).packet).srcPort).toBe(
			2048
		);

		const reply = packetOf(reverseTuple(tupleOf(a.packet)));
		expect(snatOwner(WEB_LB, 2048)).toBe(web2);
		const back = translated(hostInbound(table, WEB_LB, web2, reply, 10));
		expect(tupleOf(back.packet)).toEqual(reverseTuple(out(60000)));
		expect(back.entry.kind).toBe('outbound-nat');
	});

	it('never hands out one VIP port to two live flows to the same destination', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(fc.integer({ min: 1024, max: 65535 }), { minLength: 1, maxLength: 60 }),
				(ports) => {
					const table = emptyNatTable();
					const used = ports.map(
						(p) =>
							tupleOf(translated(outboundSnat(table, WEB_LB, web3, packetOf(out(p)), 0)).packet)
								.srcPort
					);
					expect(new Set(used).size).toBe(used.length);
					for (const p of used) expect(snatOwner(WEB_LB, p)).toBe(web3);
				}
			)
		);
	});

	it('runs out after 1024 live flows and reuses a port once its flow has expired', () => {
		const table = emptyNatTable();
		for (let i = 0; i < 1024; i++)
			translated(
				outboundSnat(table, WEB_LB, web1, packetOf({ ...out(10000 + i), srcIp: web1.dip }), i)
			);
		const more = packetOf({ ...out(20000), srcIp: web1.dip });
		expect(outboundSnat(table, WEB_LB, web1, more, 2000)).toEqual({
			kind: 'drop',
			reason: 'web1 has used all 1024 outbound NAT ports of 203.0.113.10'
		});
		const later = translated(outboundSnat(table, WEB_LB, web1, more, NAT_IDLE_TIMEOUT_MS));
		expect(tupleOf(later.packet).srcPort).toBe(1024);
	});

	it('refuses protocols outbound NAT does not cover, and VMs outside the pool', () => {
		const tcpOnly = { ...WEB_LB, outboundNat: { protocol: 'tcp' as const } };
		const udp = packetOf({ ...out(5000), protocol: 'udp' });
		expect(outboundSnat(emptyNatTable(), tcpOnly, web2, udp, 0).kind).toBe('drop');
		expect(
			outboundSnat(emptyNatTable(), { ...WEB_LB, outboundNat: undefined }, web2, udp, 0).kind
		).toBe('drop');
		const stranger = { ...web2, vm: 'db1' };
		expect(outboundSnat(emptyNatTable(), WEB_LB, stranger, packetOf(out(1)), 0).kind).toBe('drop');
	});
});

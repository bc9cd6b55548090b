import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from '../bytes';
import { decapsulateVxlan } from '../encap';
import { parseEthernetFrame } from '../ethernet';
import { buildIcmpEcho } from '../icmp';
import { IP_PROTOCOL_ICMP, buildIpv4Packet } from '../ipv4';
import { openSession, routeTable } from './bgp';
import { pickDip } from './hash';
import { type MuxView, muxForward, routerPickMux } from './mux';
import { probeKey } from './probe';
import { HOSTS, MUXES, ROUTER, VIP, WEB_LB, packetOf, toVip } from './web-lb.fixture';

/** Every pool member healthy under every probe, except `down`. */
function health(down: string[] = []): Record<string, boolean> {
	const view: Record<string, boolean> = {};
	for (const p of WEB_LB.probes) {
		for (const m of WEB_LB.backend)
			view[probeKey(WEB_LB.name, p.name, m.vm)] = !down.includes(m.vm);
	}
	return view;
}
function viewOf(mux = 0, down: string[] = []): MuxView {
	return {
		mux: MUXES[mux],
		lbs: [WEB_LB],
		hosts: HOSTS,
		gatewayMac: ROUTER.mac,
		health: health(down)
	};
}
function encap(view: MuxView, packet: Uint8Array) {
	const d = muxForward(view, packet);
	if (d.kind !== 'encap') throw new Error(d.reason);
	return d;
}
const portArb = fc.integer({ min: 1024, max: 65535 });

describe('muxForward (FACTS §4.2 step 2)', () => {
	it("wraps the client's unchanged packet in VXLAN to the chosen DIP host's PA", () => {
		const packet = packetOf(toVip(50123), { data: new Uint8Array([1, 2, 3]) });
		const d = encap(viewOf(), packet);
		const dip = pickDip(
			WEB_LB.backend.map((m) => m.dip),
			toVip(50123),
			'Default'
		);
		expect(d.target.dip).toBe(dip);
		expect(d).toMatchObject({ lb: 'web-lb', rule: 'http', reason: 'load-balancing', vni: 5001 });
		const wire = decapsulateVxlan(d.outerFrame);
		if (!wire.ok) throw new Error(wire.reason);
		expect(wire.value.vni).toBe(5001);
		expect(wire.value.outer).toMatchObject({
			srcPa: MUXES[0].pa,
			dstPa: HOSTS[d.target.host].pa,
			srcMac: MUXES[0].mac,
			dstMac: ROUTER.mac,
			dstPort: 4789
		});
		const inner = parseEthernetFrame(wire.value.inner);
		if (!inner.ok) throw new Error(inner.reason);
		expect(inner.value).toMatchObject({
			dstMac: d.target.mac,
			srcMac: MUXES[0].mac,
			etherType: 0x0800
		});
		expect(toHex(inner.value.payload)).toBe(toHex(packet));
	});

	it('every MUX sends a connection to the same DIP, and inner bytes are always the client packet', () => {
		fc.assert(
			fc.property(portArb, fc.constantFrom(80, 53), (srcPort, dstPort) => {
				const packet = packetOf(toVip(srcPort, dstPort, dstPort === 53 ? 'udp' : 'tcp'));
				const decisions = MUXES.map((_, i) => encap(viewOf(i), packet));
				expect(new Set(decisions.map((d) => d.target.vm)).size).toBe(1);
				for (const d of decisions) {
					const wire = decapsulateVxlan(d.outerFrame);
					expect(wire.ok && toHex(wire.value.inner.subarray(14))).toBe(toHex(packet));
				}
			})
		);
	});

	it('never sends to an unhealthy DIP, and drops when none is healthy', () => {
		fc.assert(
			fc.property(portArb, (srcPort) => {
				expect(encap(viewOf(0, ['web2']), packetOf(toVip(srcPort))).target.vm).not.toBe('web2');
			})
		);
		expect(muxForward(viewOf(0, ['web1', 'web2', 'web3']), packetOf(toVip(1)))).toEqual({
			kind: 'drop',
			reason: 'no healthy DIP for rule http of web-lb'
		});
	});

	it('follows inbound NAT rules and routes outbound NAT replies to the port owner', () => {
		const rdp = encap(viewOf(1), packetOf(toVip(40000, 50001)));
		expect(rdp).toMatchObject({ reason: 'inbound-nat', rule: 'rdp-web1', target: { vm: 'web1' } });
		const reply = encap(viewOf(2), packetOf({ ...toVip(443, 2050), srcIp: '192.0.2.80' }));
		expect(reply).toMatchObject({
			reason: 'outbound-nat-reply',
			target: { vm: 'web2' },
			hostPa: HOSTS[1].pa
		});
	});

	it('drops what no rule covers, other VIPs and non-TCP/UDP packets', () => {
		expect(muxForward(viewOf(), packetOf(toVip(1, 22)))).toEqual({
			kind: 'drop',
			reason: 'no rule for tcp port 22 of web-lb'
		});
		expect(muxForward(viewOf(), packetOf({ ...toVip(1), dstIp: '203.0.113.77' })).kind).toBe(
			'drop'
		);
		const icmp = buildIpv4Packet(
			{ srcIp: '198.51.100.7', dstIp: VIP, protocol: IP_PROTOCOL_ICMP },
			buildIcmpEcho({ type: 'echo-request', identifier: 1, sequence: 1, payload: new Uint8Array() })
		);
		expect(muxForward(viewOf(), icmp).kind).toBe('drop');
	});
});

describe('routerPickMux (FACTS §4.2 step 1)', () => {
	it('spreads connections over the MUXes whose sessions are up, and drops with none', () => {
		const routes = routeTable(MUXES.map((m) => openSession(m, ROUTER, [VIP], 0)));
		const picks = new Set<string>();
		for (let port = 40000; port < 40060; port++) {
			const r = routerPickMux(routes, packetOf(toVip(port)));
			if (r.kind !== 'mux') throw new Error(r.reason);
			picks.add(r.nextHop);
		}
		expect([...picks].sort()).toEqual(MUXES.map((m) => m.pa));
		expect(routerPickMux([], packetOf(toVip(1)))).toEqual({
			kind: 'drop',
			reason: `no route to ${VIP}/32: no MUX advertises it`
		});
	});
});

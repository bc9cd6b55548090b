/**
 * The whole inbound path as the model will wire it: client → router (ECMP) → MUX → host (decap,
 * NAT) → VM, and the DSR reply VM → host (reverse NAT) → router, never through a MUX. Then a MUX
 * fails: BGP withdraws it and the connection moves to another MUX but keeps its DIP.
 */
import { describe, expect, it } from 'vitest';
import { decapsulateVxlan } from '../encap';
import { parseEthernetFrame } from '../ethernet';
import { type BgpSession, expire, holdExpiry, onKeepalive, openSession, routeTable } from './bgp';
import { muxForward, routerPickMux } from './mux';
import { type NatTable, emptyNatTable, hostInbound, hostOutbound } from './nat';
import { probeKey } from './probe';
import { fiveTupleOf, reverseTuple } from './tuple';
import { HOSTS, MUXES, ROUTER, VIP, WEB_LB, packetOf, toVip } from './web-lb.fixture';

const health = Object.fromEntries(
	WEB_LB.probes.flatMap((p) =>
		WEB_LB.backend.map((m) => [probeKey(WEB_LB.name, p.name, m.vm), true])
	)
);
const natTables: NatTable[] = HOSTS.map(() => emptyNatTable());

function tuple(packet: Uint8Array) {
	const t = fiveTupleOf(packet);
	if (!t.ok) throw new Error(t.reason);
	return t.value;
}

/** Router → MUX → host → VM for one client packet at `nowMs`; what each hop decided. */
function inbound(sessions: BgpSession[], packet: Uint8Array, nowMs: number) {
	const hop = routerPickMux(routeTable(sessions), packet);
	if (hop.kind !== 'mux') throw new Error(hop.reason);
	const mux = MUXES.find((m) => m.pa === hop.nextHop);
	if (!mux) throw new Error(`no MUX at ${hop.nextHop}`);
	const view = { mux, lbs: [WEB_LB], hosts: HOSTS, gatewayMac: ROUTER.mac, health };
	const decision = muxForward(view, packet);
	if (decision.kind !== 'encap') throw new Error(decision.reason);
	// The host: decapsulate, find the DIP by the inner destination MAC and VSID, then NAT.
	const wire = decapsulateVxlan(decision.outerFrame);
	if (!wire.ok) throw new Error(wire.reason);
	const host = HOSTS.find((h) => h.pa === wire.value.outer.dstPa);
	const inner = parseEthernetFrame(wire.value.inner);
	if (!host || !inner.ok) throw new Error('bad frame');
	const target = WEB_LB.backend.find(
		(m) => m.host === host.index && m.mac === inner.value.dstMac && m.vsid === wire.value.vni
	);
	if (!target) throw new Error('no DIP on that host');
	const nat = hostInbound(natTables[host.index], WEB_LB, target, inner.value.payload, nowMs);
	if (nat.kind !== 'translated') throw new Error(nat.reason);
	return { mux: mux.name, host: host.index, vm: target.vm, toVm: nat.packet, created: nat.created };
}

describe('client → VIP and back by DSR (FACTS §4.2)', () => {
	it('delivers to DIP:8080, and the reply leaves the DIP host as VIP:80 without any MUX', () => {
		const sessions = MUXES.map((m) => openSession(m, ROUTER, [VIP], 0));
		const syn = packetOf(toVip(50123));
		const got = inbound(sessions, syn, 0);
		const seen = tuple(got.toVm);
		expect(seen).toMatchObject({ srcIp: '198.51.100.7', srcPort: 50123, dstPort: 8080 });
		expect(WEB_LB.backend.find((m) => m.vm === got.vm)?.dip).toBe(seen.dstIp);

		const reply = hostOutbound(natTables[got.host], packetOf(reverseTuple(seen)), 1);
		if (reply.kind !== 'translated') throw new Error('reply not translated');
		// Plain IPv4 from the VIP straight to the client: the host hands it to its physical gateway.
		expect(tuple(reply.packet)).toEqual(reverseTuple(toVip(50123)));
		expect(decapsulateVxlan(reply.packet).ok).toBe(false);
	});

	it('when its MUX fails, the connection moves to another MUX and keeps its DIP (FACTS §9 item 13)', () => {
		let sessions = MUXES.map((m) => openSession(m, ROUTER, [VIP], 0));
		const packet = packetOf(toVip(40404));
		const before = inbound(sessions, packet, 0);
		const failed = MUXES.findIndex((m) => m.name === before.mux);
		// Keepalives stop from the failed MUX after t = 0; the others keep sending every second.
		for (let t = 1_000; t <= 3_000; t += 1_000) {
			sessions = sessions.map((s, i) => (i === failed ? expire(s, t) : onKeepalive(s, t)));
		}
		expect(sessions[failed].state).toBe('idle');
		expect(holdExpiry(sessions[failed])).toBeUndefined();
		const after = inbound(sessions, packet, 3_000);
		expect(after.mux).not.toBe(before.mux);
		expect(after).toMatchObject({ vm: before.vm, host: before.host, created: false });
		// And once the MUX is back, other connections may use it again.
		sessions = sessions.map((s) => onKeepalive(s, 9_000));
		const muxes = new Set<string>();
		for (let port = 30000; port < 30040; port++)
			muxes.add(inbound(sessions, packetOf(toVip(port)), 9_000).mux);
		expect(muxes.has(before.mux)).toBe(true);
	});
});

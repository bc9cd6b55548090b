/**
 * The inbound path through the SLB (FACTS §4.2 steps 1–2): the router picks a MUX by ECMP over
 * the live BGP next hops, and the MUX picks a DIP and VXLAN-encapsulates the client's packet,
 * unchanged, to the DIP host's PA.
 *
 * CHOICE (FACTS §9 items 12–13): every inbound packet of a connection goes through a MUX (only the
 * replies skip it, by DSR), and the MUX keeps no per-connection table: the hash over the healthy
 * DIPs alone decides. So every MUX sends a connection to the same DIP, and a connection moves
 * only when its DIP leaves the healthy set, or when a DIP that (re)joins it wins the connection.
 */
import { encapsulateVxlan } from '../encap';
import { ETHERTYPE_IPV4, buildEthernetFrame } from '../ethernet';
import { parseIpv4Packet } from '../ipv4';
import { type VipRoute, liveNextHops } from './bgp';
import { ecmpPick, pickDip } from './hash';
import { healthyMembers } from './probe';
import { snatCovers, snatOwner } from './snat';
import { fiveTupleOf } from './tuple';
import type { BackendDip, FiveTuple, LoadBalancer, MuxIdentity, SlbDrop } from './types';

/** What one MUX knows: every VIP's load balancer (FACTS §4.1), the hosts' PAs and DIP health. */
export interface MuxView {
	mux: MuxIdentity;
	/** Every load balancer, each with its VIP. */
	lbs: readonly LoadBalancer[];
	/** Provider addresses by host index. */
	hosts: readonly { index: number; pa: string }[];
	/** The MUX's next hop on the physical network (its TOR), the outer destination MAC. */
	gatewayMac: string;
	/** probeKey(lb, probe, vm) → healthy, as the SLB Manager reports it (see probe.ts). */
	health: Readonly<Record<string, boolean>>;
}

/** Why the MUX sent a packet to a DIP. */
export type MuxReason = 'load-balancing' | 'inbound-nat' | 'outbound-nat-reply';

/** The MUX's decision: the DIP, the VNI, and the frame as it leaves the MUX. */
export type MuxDecision =
	| {
			kind: 'encap';
			lb: string;
			/** The LB rule or inbound NAT rule used; 'outbound' for replies to outbound NAT. */
			rule: string;
			reason: MuxReason;
			target: BackendDip;
			hostPa: string;
			vni: number;
			/** The inner Ethernet frame: a new header around the client's unchanged IPv4 packet. */
			innerFrame: Uint8Array;
			/** The whole VXLAN frame (outer Ethernet + IPv4 + UDP + VXLAN + inner frame). */
			outerFrame: Uint8Array;
	  }
	| SlbDrop;

const drop = (reason: string): SlbDrop => ({ kind: 'drop', reason });

/**
 * The router's choice of MUX for a packet to a VIP (`packet` starts at the IPv4 header): ECMP over
 * the MUXes whose sessions currently advertise the VIP's /32 (bgp.ts routeTable), or a drop when
 * none does.
 */
export function routerPickMux(
	routes: readonly VipRoute[],
	packet: Uint8Array
): { kind: 'mux'; nextHop: string } | SlbDrop {
	const t = fiveTupleOf(packet);
	if (!t.ok) return drop(t.reason);
	const nextHop = ecmpPick(liveNextHops(routes, t.value.dstIp), t.value);
	return nextHop
		? { kind: 'mux', nextHop }
		: drop(`no route to ${t.value.dstIp}/32: no MUX advertises it`);
}

/**
 * One MUX's work on one inbound packet (`packet` starts at the IPv4 header, as the router
 * delivered it). The target is, in this order: a healthy DIP of the LB rule for the packet's
 * protocol and port (per the rule's distribution, hash.ts), the VM of an inbound NAT rule, or the
 * pool member whose outbound NAT block holds the port (snat.ts).
 *
 * CHOICE (FACTS §3.3, §4.2 name no VNI for MUX traffic): the MUX encapsulates with the DIP's own
 * VSID, the VNI every host already uses for that virtual subnet, so the receiving vSwitch finds
 * the VM's port as for any tenant frame. The inner Ethernet header is new: destination the DIP's
 * vNIC MAC (which tells the host which DIP was chosen), source the MUX's MAC; the IPv4 packet
 * inside it is the client's, byte for byte (TTL included). The outer UDP source port is the
 * existing flow hash of the inner frame (flow-hash.ts, FACTS §9 item 11).
 */
export function muxForward(view: MuxView, packet: Uint8Array): MuxDecision {
	const ip = parseIpv4Packet(packet);
	if (!ip.ok) return drop(ip.reason);
	const parsed = fiveTupleOf(packet);
	if (!parsed.ok) return drop(parsed.reason);
	const t = parsed.value;
	const lb = view.lbs.find((l) => l.vip === t.dstIp);
	if (!lb) return drop(`${view.mux.name} holds no load balancer for ${t.dstIp}`);
	const chosen = chooseTarget(view, lb, t);
	if (chosen.kind === 'drop') return chosen;
	const { target } = chosen;
	const host = view.hosts.find((h) => h.index === target.host);
	if (!host) return drop(`${target.vm}'s host ${target.host} has no provider address`);
	const innerFrame = buildEthernetFrame(
		{ dstMac: target.mac, srcMac: view.mux.mac, etherType: ETHERTYPE_IPV4 },
		packet.subarray(0, ip.value.totalLength)
	);
	const outerFrame = encapsulateVxlan(innerFrame, {
		srcMac: view.mux.mac,
		dstMac: view.gatewayMac,
		srcPa: view.mux.pa,
		dstPa: host.pa,
		vni: target.vsid
	});
	const { rule, reason } = chosen;
	const common = { lb: lb.name, rule, reason, target, hostPa: host.pa, vni: target.vsid };
	return { kind: 'encap', ...common, innerFrame, outerFrame };
}

/**
 * The pool member a packet goes to, by LB rule, inbound NAT rule or outbound NAT port.
 * CHOICE (FACTS §4.4 ties probes to LB rules only): inbound NAT rules and outbound NAT replies go
 * to their one VM whatever its probe says; there is no other VM to send them to.
 */
function chooseTarget(
	view: MuxView,
	lb: LoadBalancer,
	t: FiveTuple
): { kind: 'target'; target: BackendDip; rule: string; reason: MuxReason } | SlbDrop {
	const matches = (r: { protocol: string; frontendPort: number }) =>
		r.protocol === t.protocol && r.frontendPort === t.dstPort;
	const lbRule = lb.rules.find(matches);
	if (lbRule) {
		const pool = healthyMembers(lb, lbRule, view.health);
		const dip = pickDip(
			pool.map((m) => m.dip),
			t,
			lbRule.distribution
		);
		const target = pool.find((m) => m.dip === dip);
		if (!target) return drop(`no healthy DIP for rule ${lbRule.name} of ${lb.name}`);
		return { kind: 'target', target, rule: lbRule.name, reason: 'load-balancing' };
	}
	const natRule = lb.inboundNatRules.find(matches);
	if (natRule) {
		const target = lb.backend.find((m) => m.vm === natRule.vm);
		if (!target)
			return drop(`inbound NAT rule ${natRule.name} names ${natRule.vm}, not in the pool`);
		return { kind: 'target', target, rule: natRule.name, reason: 'inbound-nat' };
	}
	const owner = snatCovers(lb, t.protocol) ? snatOwner(lb, t.dstPort) : undefined;
	if (!owner) return drop(`no rule for ${t.protocol} port ${t.dstPort} of ${lb.name}`);
	return { kind: 'target', target: owner, rule: 'outbound', reason: 'outbound-nat-reply' };
}

/**
 * The sending vSwitch (VFP, FACTS §3.3 "Forwarding"): a frame from a VM's port goes to a local
 * port (never encapsulated), out of the uplink in VXLAN with VNI = the destination VSID, or is
 * dropped with a reason a learner can read. Decisions come only from the host agent's copy.
 */
import { encapsulateVxlan } from '../encap';
import { ETHERTYPE_ARP, ETHERTYPE_IPV4, parseEthernetFrame } from '../ethernet';
import { parseIpv4Packet } from '../ipv4';
import { DISTRIBUTED_ROUTER_MAC } from './constants';
import { canonicalMac, findMapping, findVsid } from './policy';
import { ipv4ToNumber, parsePrefix, prefixContains } from './prefix';
import { type Target, routeViaDistributedRouter } from './router';
import type { Decision, Drop, HostAgentView, Underlay, VmPort } from './types';
import { encapsulatedSize, mtuDropReason } from './underlay';

/**
 * Forwards `innerFrame` (Ethernet II, no FCS) sent by `vm` on this host. Drops: no port or no
 * policy here; malformed, tagged, non-IPv4 or group-addressed frames (broadcast replication is
 * not modelled, FACTS §3.3); a source MAC other than the port's (CHOICE: Hyper-V's MAC spoofing
 * protection, on by default, not in FACTS); ARP (answered by hostAgentArp); an unknown CA; a
 * destination outside the virtual network (needs a gateway); and an encapsulated frame larger
 * than the underlay MTU (VTEPs do not fragment, FACTS §3.1, §9 item 10).
 */
export function forwardFromVm(
	view: HostAgentView,
	vm: string,
	innerFrame: Uint8Array,
	underlay: Underlay
): Decision {
	const drop = (reason: string): Drop => ({ kind: 'drop', reason });
	const port = view.ports.find((p) => p.vm === vm);
	if (!port) return drop(`VM "${vm}" has no port on ${view.host.name}`);
	const eth = parseEthernetFrame(innerFrame);
	if (!eth.ok) return drop(`malformed frame: ${eth.reason}`);
	const { srcMac, dstMac, etherType, vlan } = eth.value;
	if (vlan) return drop('malformed frame: VMs on a virtual subnet send untagged frames');
	if (srcMac !== port.mac) return drop(`source MAC ${srcMac} is not ${vm}'s MAC ${port.mac}`);
	if (etherType === ETHERTYPE_ARP) return drop('ARP is answered by the host agent, not forwarded');
	if (etherType !== ETHERTYPE_IPV4) {
		return drop(
			`EtherType 0x${etherType.toString(16)} is not forwarded: HNV is IPv4-only (FACTS 3.3)`
		);
	}
	if (parseInt(dstMac.slice(0, 2), 16) & 1) {
		return drop(`${dstMac} is a group address: broadcast replication is not modelled`);
	}
	const ip = parseIpv4Packet(eth.value.payload);
	if (!ip.ok) return drop(`malformed frame: ${ip.reason}`);
	if (!ip.value.checksumOk) return drop('malformed frame: inner IPv4 header checksum is wrong');
	const target =
		dstMac === DISTRIBUTED_ROUTER_MAC
			? routeViaDistributedRouter(view, port, eth.value, ip.value, innerFrame)
			: bridgeInSubnet(view, port, dstMac, ip.value.dstIp, innerFrame);
	if ('kind' in target) return target;
	return deliverTarget(view, target, underlay);
}

/** Same VSID, addressed to a VM's MAC: the CA must be mapped in the port's VSID to that MAC. */
function bridgeInSubnet(
	view: HostAgentView,
	port: VmPort,
	dstMac: string,
	dstIp: string,
	frame: Uint8Array
): Target | Drop {
	const drop = (reason: string): Drop => ({ kind: 'drop', reason });
	const table = findVsid(view, port.vsid);
	if (!table) return drop(`${view.host.name} holds no policy for VSID ${port.vsid}`);
	if (!prefixContains(parsePrefix(table.prefix)!, ipv4ToNumber(dstIp)!)) {
		return drop(
			`${dstIp} is outside subnet ${table.prefix} but the frame is not addressed to the default gateway ${table.gateway} (${DISTRIBUTED_ROUTER_MAC})`
		);
	}
	const mapping = findMapping(table, dstIp);
	if (!mapping) return drop(`no mapping for CA ${dstIp} in VSID ${port.vsid} (FACTS 3.3)`);
	if (mapping.mac !== dstMac) {
		return drop(
			`${dstMac} is not the MAC mapped to ${dstIp} in VSID ${port.vsid} (${mapping.mac})`
		);
	}
	return { vsid: port.vsid, mapping, frame, routed: false };
}

/** Local port if the target VM is on this host, else VXLAN to its PA via the TOR. */
function deliverTarget(view: HostAgentView, target: Target, underlay: Underlay): Decision {
	const { vsid, mapping, frame, routed } = target;
	if (mapping.host === view.host.index) {
		const local = view.ports.find((p) => p.vm === mapping.vm && p.vsid === vsid);
		if (!local)
			return { kind: 'drop', reason: `VM "${mapping.vm}" is mapped here but has no port` };
		return { kind: 'local', toPort: local.vm, vsid, routed, innerFrame: frame };
	}
	const size = encapsulatedSize(frame.length);
	const tooBig = mtuDropReason(size, underlay.mtuBytes);
	if (tooBig) return { kind: 'drop', reason: tooBig };
	const outerFrame = encapsulateVxlan(frame, {
		srcMac: view.host.mac,
		dstMac: canonicalMac(underlay.torMac),
		srcPa: view.host.pa,
		dstPa: mapping.pa,
		vni: vsid
	});
	return {
		kind: 'encap',
		vni: vsid,
		dstHost: mapping.host,
		dstPa: mapping.pa,
		routed,
		innerFrame: frame,
		outerFrame
	};
}

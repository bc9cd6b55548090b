/**
 * The distributed router, one copy in every host's vSwitch (FACTS §3.3 "Forwarding"): it owns
 * each subnet's default gateway and moves frames between the subnets (VSIDs) of ONE virtual
 * network. Anything outside the virtual network needs a gateway, which this model does not have.
 */
import type { EthernetFrame } from '../ethernet';
import type { Ipv4Packet } from '../ipv4';
import { DISTRIBUTED_ROUTER_MAC } from './constants';
import { findMapping, findVsid } from './policy';
import { ipv4ToNumber, parsePrefix, prefixContains } from './prefix';
import { routedCopy } from './rewrite';
import type { CaMapping, Drop, HostAgentView, VmPort } from './types';

/** Where a frame goes once its VSID and destination mapping are known. */
export interface Target {
	vsid: number;
	mapping: CaMapping;
	frame: Uint8Array;
	routed: boolean;
}

/**
 * Routes a frame the VM addressed to the gateway MAC. Finds the subnet of the virtual network
 * that holds the destination CA, maps the CA in that subnet's VSID, and rewrites the frame as a
 * router does: dst MAC = the target VM's, src MAC = DISTRIBUTED_ROUTER_MAC, TTL − 1, checksum.
 * The VNI of the encapsulated frame is then the DESTINATION subnet's VSID (FACTS §3.3: the router
 * "rewrites the VSID"). CHOICE: a frame sent to the gateway for an address of the sender's own
 * subnet is routed the same way (hairpin); the gateway address itself does not answer (no ICMP
 * from the router is modelled), nor does the router send ICMP time exceeded.
 */
export function routeViaDistributedRouter(
	view: HostAgentView,
	port: VmPort,
	eth: EthernetFrame,
	ip: Ipv4Packet,
	frame: Uint8Array
): Target | Drop {
	const drop = (reason: string): Drop => ({
		kind: 'drop',
		reason: `distributed router: ${reason}`
	});
	const vnet = view.vnets.find((v) => v.vnet === port.vnet);
	if (!vnet) return drop(`${view.host.name} holds no policy for virtual network "${port.vnet}"`);
	const dst = ipv4ToNumber(ip.dstIp)!;
	const subnet = vnet.subnets.find((s) => prefixContains(parsePrefix(s.prefix)!, dst));
	if (!subnet) {
		return drop(
			`${ip.dstIp} is not in virtual network "${port.vnet}": another virtual network, another tenant or the outside is reachable only through a gateway (FACTS 3.3), and no path exists without one`
		);
	}
	const table = findVsid(view, subnet.vsid)!;
	if (ip.dstIp === table.gateway) {
		return drop(
			`${ip.dstIp} is the default gateway itself; the router does not answer (not modelled)`
		);
	}
	const mapping = findMapping(table, ip.dstIp);
	if (!mapping) {
		return drop(`no mapping for CA ${ip.dstIp} in VSID ${subnet.vsid} (subnet "${subnet.subnet}")`);
	}
	if (ip.ttl <= 1) return drop(`TTL expired routing to ${ip.dstIp}`);
	const routed = routedCopy(frame, eth.headerBytes, ip, mapping.mac, DISTRIBUTED_ROUTER_MAC);
	return { vsid: subnet.vsid, mapping, frame: routed, routed: true };
}

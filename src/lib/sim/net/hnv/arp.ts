/**
 * The host agent's ARP responder (FACTS §3.3 "ARP"): the vSwitch intercepts a VM's ARP request
 * and the agent replies from its copy of the policy. With no mapping there is no reply, and the
 * guest marks the address unreachable. Requests never leave the host.
 */
import { buildArpPacket, parseArpPacket } from '../arp';
import { ETHERTYPE_ARP, buildEthernetFrame, parseEthernetFrame } from '../ethernet';
import { DISTRIBUTED_ROUTER_MAC } from './constants';
import { findMapping, findVsid } from './policy';
import type { ArpAnswer, Drop, HostAgentView } from './types';

/**
 * Answers an ARP request (an Ethernet frame, EtherType 0x0806) sent by `vm` on this host:
 * - the default gateway of the VM's subnet → DISTRIBUTED_ROUTER_MAC;
 * - a CA mapped in the VM's own VSID at this host → that VM's MAC;
 * - anything else → no reply (a Drop with the reason).
 * CHOICE: only the requester's own VSID is consulted. A VSID is one L2 broadcast domain (FACTS
 * §3.3 "IDs"), so ARP for a CA in another subnet, even of the same virtual network, gets no reply:
 * guests reach other subnets through the gateway. A request for the VM's own CA (a duplicate
 * address probe) gets no reply either, since no other VM holds it.
 * The reply is a 42-byte frame to the requester (no padding: vNICs take short frames, see
 * ETHERNET_MIN_FRAME_BYTES).
 */
export function hostAgentArp(view: HostAgentView, vm: string, requestFrame: Uint8Array): ArpAnswer {
	const none = (reason: string): Drop => ({ kind: 'drop', reason: `no ARP reply: ${reason}` });
	const port = view.ports.find((p) => p.vm === vm);
	if (!port) return none(`VM "${vm}" has no port on ${view.host.name}`);
	const eth = parseEthernetFrame(requestFrame);
	if (!eth.ok) return none(`malformed frame: ${eth.reason}`);
	if (eth.value.etherType !== ETHERTYPE_ARP) return none('the frame is not ARP');
	const arp = parseArpPacket(eth.value.payload);
	if (!arp.ok) return none(`malformed ARP: ${arp.reason}`);
	const request = arp.value;
	if (request.op !== 'request') return none('only requests are answered');
	if (eth.value.srcMac !== port.mac || request.senderMac !== port.mac) {
		return none(`sender MAC is not ${port.vm}'s MAC ${port.mac}`);
	}
	const table = findVsid(view, port.vsid);
	if (!table) return none(`${view.host.name} holds no policy for VSID ${port.vsid}`);
	let answeredMac: string;
	if (request.targetIp === table.gateway) answeredMac = DISTRIBUTED_ROUTER_MAC;
	else {
		const mapping = findMapping(table, request.targetIp);
		if (!mapping) {
			return none(`${request.targetIp} has no mapping in VSID ${port.vsid} (FACTS 3.3)`);
		}
		if (mapping.vm === port.vm) return none(`${request.targetIp} is ${port.vm}'s own address`);
		answeredMac = mapping.mac;
	}
	const reply = buildArpPacket({
		op: 'reply',
		senderMac: answeredMac,
		senderIp: request.targetIp,
		targetMac: request.senderMac,
		targetIp: request.senderIp
	});
	const frame = buildEthernetFrame(
		{ dstMac: port.mac, srcMac: answeredMac, etherType: ETHERTYPE_ARP },
		reply
	);
	return { kind: 'reply', frame, answeredMac };
}

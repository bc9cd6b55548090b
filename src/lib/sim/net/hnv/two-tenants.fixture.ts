/**
 * Test and lesson fixture: two tenants with OVERLAPPING customer addresses on three hosts
 * (Contoso VSID 5001 and Fabrikam VSID 6001 both use 10.0.1.4 and 10.0.1.5), plus frame
 * builders and `carry`, which takes a frame along the whole path: sending vSwitch → TOR →
 * receiving vSwitch. Pure, like the rest of sim/.
 */
import { buildArpPacket, ARP_UNKNOWN_MAC } from '../arp';
import { ETHERTYPE_ARP, ETHERTYPE_IPV4, buildEthernetFrame } from '../ethernet';
import { buildIcmpEcho } from '../icmp';
import { IP_PROTOCOL_ICMP, buildIpv4Packet } from '../ipv4';
import { BROADCAST_MAC } from './constants';
import { deliverFromUplink } from './deliver';
import { forwardFromVm } from './forward';
import type { Decision, HostAgentView, HostInfo, Underlay, VmPort } from './types';
import { torForward } from './underlay';

export const HOSTS: HostInfo[] = [0, 1, 2].map((index) => ({
	index,
	name: `Node0${index + 1}`,
	pa: `10.10.56.${11 + index}`,
	mac: `00:15:5d:0a:38:0${(0xb + index).toString(16)}`
}));

/** The documented fabric MTU (FACTS §3.2) and a TOR MAC (arbitrary, Microsoft-free OUI). */
export const UNDERLAY: Underlay = { mtuBytes: 1674, torMac: '00:25:b5:00:00:01' };

type PortRow = [vm: string, host: number, ca: string, macByte: number];
function subnet(
	tenant: string,
	vnet: string,
	name: string,
	vsid: number,
	prefix: string,
	rows: PortRow[]
): VmPort[] {
	return rows.map(([vm, host, ca, macByte]) => ({
		vm,
		host,
		tenant,
		vnet,
		subnet: name,
		vsid,
		subnetPrefix: prefix,
		ca,
		mac: `00:1d:d8:b7:1c:${macByte.toString(16).padStart(2, '0')}`
	}));
}

export const PORTS: VmPort[] = [
	...subnet('Contoso', 'contoso-vnet1', 'web', 5001, '10.0.1.0/24', [
		['c-web1', 0, '10.0.1.4', 0x01],
		['c-web2', 1, '10.0.1.5', 0x02],
		['c-web3', 0, '10.0.1.6', 0x03]
	]),
	...subnet('Contoso', 'contoso-vnet1', 'app', 5002, '10.0.2.0/24', [
		['c-app1', 1, '10.0.2.4', 0x04],
		['c-app2', 0, '10.0.2.5', 0x05]
	]),
	...subnet('Contoso', 'contoso-vnet2', 'web', 5101, '10.1.1.0/24', [
		['c2-web1', 1, '10.1.1.4', 0x06]
	]),
	...subnet('Fabrikam', 'fabrikam-vnet1', 'web', 6001, '10.0.1.0/24', [
		['f-web1', 0, '10.0.1.4', 0x11],
		['f-web2', 1, '10.0.1.5', 0x12]
	]),
	...subnet('Fabrikam', 'fabrikam-vnet1', 'db', 6003, '10.0.3.0/24', [
		['f-db1', 1, '10.0.3.4', 0x13]
	])
];

/** The port of `vm` in PORTS (throws if absent, to fail a test loudly). */
export function port(vm: string, ports: readonly VmPort[] = PORTS): VmPort {
	const found = ports.find((p) => p.vm === vm);
	if (!found) throw new Error(`no VM ${vm}`);
	return found;
}

/** An ICMP echo (request by default) from `from` to `dstIp` via `dstMac`; `payloadBytes` of 'a'. */
export function ping(
	from: VmPort,
	dstIp: string,
	dstMac: string,
	opts: { payloadBytes?: number; ttl?: number; reply?: boolean; srcMac?: string } = {}
): Uint8Array {
	const payload = new Uint8Array(opts.payloadBytes ?? 32).fill(0x61);
	const type = opts.reply ? 'echo-reply' : 'echo-request';
	const icmp = buildIcmpEcho({ type, identifier: 1, sequence: 1, payload });
	const ip = buildIpv4Packet(
		{ srcIp: from.ca, dstIp, protocol: IP_PROTOCOL_ICMP, ttl: opts.ttl },
		icmp
	);
	const srcMac = opts.srcMac ?? from.mac;
	return buildEthernetFrame({ dstMac, srcMac, etherType: ETHERTYPE_IPV4 }, ip);
}

/** A broadcast ARP request from `from` for `targetIp`. */
export function arpRequest(from: VmPort, targetIp: string): Uint8Array {
	const arp = buildArpPacket({
		op: 'request',
		senderMac: from.mac,
		senderIp: from.ca,
		targetMac: ARP_UNKNOWN_MAC,
		targetIp
	});
	return buildEthernetFrame(
		{ dstMac: BROADCAST_MAC, srcMac: from.mac, etherType: ETHERTYPE_ARP },
		arp
	);
}

/** The outcome of `carry`: where the frame ended, and every hop's output for inspection. */
export type PathResult =
	| {
			kind: 'delivered';
			toPort: string;
			innerFrame: Uint8Array;
			decision: Decision;
			torFrame?: Uint8Array;
	  }
	| { kind: 'dropped'; at: 'sender' | 'tor' | 'receiver'; reason: string; decision: Decision };

/**
 * Carries `frame` from `vm` along the whole path using each host's own view (`views[host]`):
 * forwardFromVm, then for VXLAN torForward and deliverFromUplink on the host the TOR chose.
 */
export function carry(
	views: readonly HostAgentView[],
	underlay: Underlay,
	vm: string,
	frame: Uint8Array
): PathResult {
	const sender = views.find((v) => v.ports.some((p) => p.vm === vm));
	if (!sender) throw new Error(`no host view has a port for ${vm}`);
	const decision = forwardFromVm(sender, vm, frame, underlay);
	if (decision.kind === 'drop')
		return { kind: 'dropped', at: 'sender', reason: decision.reason, decision };
	if (decision.kind === 'local') {
		return {
			kind: 'delivered',
			toPort: decision.toPort,
			innerFrame: decision.innerFrame,
			decision
		};
	}
	const hosts = views.map((v) => v.host);
	const tor = torForward(underlay, hosts, decision.outerFrame);
	if (tor.kind === 'drop') return { kind: 'dropped', at: 'tor', reason: tor.reason, decision };
	const receiver = views.find((v) => v.host.index === tor.host)!;
	const delivery = deliverFromUplink(receiver, tor.frame);
	if (delivery.kind === 'drop') {
		return { kind: 'dropped', at: 'receiver', reason: delivery.reason, decision };
	}
	const { toPort, innerFrame } = delivery;
	return { kind: 'delivered', toPort, innerFrame, decision, torFrame: tor.frame };
}

/**
 * The frames tenant VMs send, built with the byte-exact codecs of net/: ARP requests, ICMP echoes,
 * TCP segments and UDP datagrams, each a complete Ethernet II frame (no FCS).
 */
import { ARP_UNKNOWN_MAC, buildArpPacket } from '../arp';
import { ETHERTYPE_ARP, ETHERTYPE_IPV4, buildEthernetFrame } from '../ethernet';
import { BROADCAST_MAC } from '../hnv/constants';
import { buildIcmpEcho } from '../icmp';
import { IP_PROTOCOL_ICMP, IP_PROTOCOL_TCP, IP_PROTOCOL_UDP, buildIpv4Packet } from '../ipv4';
import { buildTcpSegment } from '../tcp';
import type { TcpFlags } from '../tcp-flags';
import { buildUdpDatagram } from '../udp';

/** Addresses of one frame: L2 next hop and L3 endpoints. */
export interface FrameAddresses {
	srcMac: string;
	dstMac: string;
	srcIp: string;
	dstIp: string;
}

/** `sizeBytes` of payload: "abcdefghijklmnopqrstuvw" repeated, as Windows ping fills its echoes. */
export function pingPayload(sizeBytes: number): Uint8Array {
	const out = new Uint8Array(sizeBytes);
	for (let i = 0; i < sizeBytes; i++) out[i] = 0x61 + (i % 23);
	return out;
}

/** A broadcast ARP request for `targetIp`. */
export function arpRequestFrame(srcMac: string, srcIp: string, targetIp: string): Uint8Array {
	const arp = buildArpPacket({
		op: 'request',
		senderMac: srcMac,
		senderIp: srcIp,
		targetMac: ARP_UNKNOWN_MAC,
		targetIp
	});
	return buildEthernetFrame({ dstMac: BROADCAST_MAC, srcMac, etherType: ETHERTYPE_ARP }, arp);
}

function ipv4Frame(a: FrameAddresses, protocol: number, payload: Uint8Array): Uint8Array {
	const ip = buildIpv4Packet({ srcIp: a.srcIp, dstIp: a.dstIp, protocol }, payload);
	return buildEthernetFrame({ dstMac: a.dstMac, srcMac: a.srcMac, etherType: ETHERTYPE_IPV4 }, ip);
}

/** An ICMP echo request or reply. */
export function icmpEchoFrame(
	a: FrameAddresses,
	type: 'echo-request' | 'echo-reply',
	identifier: number,
	sequence: number,
	payload: Uint8Array
): Uint8Array {
	return ipv4Frame(a, IP_PROTOCOL_ICMP, buildIcmpEcho({ type, identifier, sequence, payload }));
}

/** TCP receive window the VMs advertise (bytes). CHOICE: the unscaled maximum. */
export const TCP_WINDOW_BYTES = 65_535;

/** A TCP segment. */
export function tcpFrame(
	a: FrameAddresses,
	ports: { srcPort: number; dstPort: number },
	seq: number,
	ackNumber: number,
	flags: Partial<TcpFlags>,
	payload: Uint8Array
): Uint8Array {
	const segment = buildTcpSegment(
		{
			...ports,
			seq: seq >>> 0,
			ackNumber: ackNumber >>> 0,
			flags: { syn: false, ack: false, fin: false, rst: false, psh: false, ...flags },
			window: TCP_WINDOW_BYTES
		},
		payload,
		{ srcIp: a.srcIp, dstIp: a.dstIp }
	);
	return ipv4Frame(a, IP_PROTOCOL_TCP, segment);
}

/** A UDP datagram (checksum computed). */
export function udpFrame(
	a: FrameAddresses,
	ports: { srcPort: number; dstPort: number },
	payload: Uint8Array
): Uint8Array {
	const datagram = buildUdpDatagram(ports, payload, { srcIp: a.srcIp, dstIp: a.dstIp });
	return ipv4Frame(a, IP_PROTOCOL_UDP, datagram);
}

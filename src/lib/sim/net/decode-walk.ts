/**
 * The layer-by-layer walk behind decodeFrame. Each step parses its header with the codec's own
 * parser (so the inspector and the simulation agree on what is valid), records the fields, and
 * hands the rest of its bytes to the next step; the first failure ends the walk.
 */
import { ARP_PACKET_BYTES, parseArpPacket } from './arp';
import type { DecodedLayer, LayerName } from './decode';
import { type Row, arpRows, describeData, ethernetRows, ipv4Rows, rows } from './decode-fields';
import { icmpRows, tcpRows, udpRows, vxlanRows } from './decode-fields-l4';
import { ETHERTYPE_ARP, ETHERTYPE_IPV4, parseEthernetFrame } from './ethernet';
import { parseIcmpMessage } from './icmp';
import {
	IP_PROTOCOL_ICMP,
	IP_PROTOCOL_TCP,
	IP_PROTOCOL_UDP,
	ipv4PseudoHeaderSum,
	parseIpv4Packet
} from './ipv4';
import { parseTcpSegment } from './tcp';
import { type PseudoHeaderAddresses, UDP_HEADER_BYTES, parseUdpDatagram } from './udp';
import { VXLAN_HEADER_BYTES, VXLAN_UDP_PORT, parseVxlanHeader } from './vxlan';

/** Collects layers in byte order; methods take [start, end) byte offsets into the frame. */
export class Walk {
	readonly layers: DecodedLayer[] = [];
	constructor(readonly bytes: Uint8Array) {}

	ethernet(start: number, end: number): void {
		const eth = parseEthernetFrame(this.bytes.subarray(start, end));
		if (!eth.ok) return this.malformed(start, end, eth.reason);
		this.push('Ethernet', start, eth.value.headerBytes, ethernetRows(eth.value));
		const next = start + eth.value.headerBytes;
		if (eth.value.etherType === ETHERTYPE_IPV4) this.ipv4(next, end);
		else if (eth.value.etherType === ETHERTYPE_ARP) this.arp(next, end);
		else this.data(next, end);
	}

	arp(start: number, end: number): void {
		const arp = parseArpPacket(this.bytes.subarray(start, end));
		if (!arp.ok) return this.malformed(start, end, arp.reason);
		this.push('ARP', start, ARP_PACKET_BYTES, arpRows(arp.value));
		this.padding(start + ARP_PACKET_BYTES, end);
	}

	ipv4(start: number, end: number): void {
		const ip = parseIpv4Packet(this.bytes.subarray(start, end));
		if (!ip.ok) return this.malformed(start, end, ip.reason);
		const { headerBytes, totalLength, protocol, srcIp, dstIp } = ip.value;
		const header = this.bytes.subarray(start, start + headerBytes);
		this.push('IPv4', start, headerBytes, ipv4Rows(ip.value, header));
		const [l4, l4End] = [start + headerBytes, start + totalLength];
		if (ip.value.moreFragments || ip.value.fragmentOffset !== 0) this.data(l4, l4End);
		else if (protocol === IP_PROTOCOL_ICMP) this.icmp(l4, l4End);
		else if (protocol === IP_PROTOCOL_UDP) this.udp(l4, l4End, { srcIp, dstIp });
		else if (protocol === IP_PROTOCOL_TCP) this.tcp(l4, l4End, { srcIp, dstIp });
		else this.data(l4, l4End);
		this.padding(l4End, end);
	}

	icmp(start: number, end: number): void {
		const message = this.bytes.subarray(start, end);
		const icmp = parseIcmpMessage(message);
		if (!icmp.ok) return this.malformed(start, end, icmp.reason);
		this.push('ICMP', start, end - start, icmpRows(icmp.value, message));
	}

	udp(start: number, end: number, addresses: PseudoHeaderAddresses): void {
		const udp = parseUdpDatagram(this.bytes.subarray(start, end), addresses);
		if (!udp.ok) return this.malformed(start, end, udp.reason);
		const { length, dstPort } = udp.value;
		const datagram = this.bytes.subarray(start, start + length);
		const pseudo = ipv4PseudoHeaderSum(addresses.srcIp, addresses.dstIp, IP_PROTOCOL_UDP, length);
		const data = start + UDP_HEADER_BYTES;
		this.push('UDP', start, UDP_HEADER_BYTES, udpRows(udp.value, datagram, pseudo));
		if (dstPort === VXLAN_UDP_PORT) this.vxlan(data, start + length);
		else this.data(data, start + length);
		this.padding(start + length, end);
	}

	tcp(start: number, end: number, addresses: PseudoHeaderAddresses): void {
		const segment = this.bytes.subarray(start, end);
		const tcp = parseTcpSegment(segment, addresses);
		if (!tcp.ok) return this.malformed(start, end, tcp.reason);
		const pseudo = ipv4PseudoHeaderSum(
			addresses.srcIp,
			addresses.dstIp,
			IP_PROTOCOL_TCP,
			end - start
		);
		this.push('TCP', start, tcp.value.headerBytes, tcpRows(tcp.value, segment, pseudo));
		this.data(start + tcp.value.headerBytes, end);
	}

	vxlan(start: number, end: number): void {
		const vxlan = parseVxlanHeader(this.bytes.subarray(start, end));
		if (!vxlan.ok) return this.malformed(start, end, vxlan.reason);
		this.push('VXLAN', start, VXLAN_HEADER_BYTES, vxlanRows(vxlan.value));
		this.ethernet(start + VXLAN_HEADER_BYTES, end);
	}

	/** An undecoded payload; nothing when empty. */
	data(start: number, end: number): void {
		if (this.stopped || end <= start) return;
		const data = this.bytes.subarray(start, end);
		this.push('Data', start, end - start, [['Data', describeData(data), 0, end - start]]);
	}

	/** Bytes after a packet's own length, up to the end of its container. */
	padding(start: number, end: number): void {
		if (this.stopped || end <= start) return;
		const note = 'zeros a NIC adds to reach 60 bytes, or bytes past the length field';
		this.push('Padding', start, end - start, [
			['Padding', `${end - start} bytes`, 0, end - start, note]
		]);
	}

	malformed(start: number, end: number, reason: string): void {
		this.layers.push({ name: 'Malformed', offset: start, length: end - start, fields: [], reason });
	}

	get stopped(): boolean {
		return this.layers.length > 0 && this.layers[this.layers.length - 1].name === 'Malformed';
	}

	private push(name: LayerName, start: number, length: number, relative: Row[]): void {
		this.layers.push({ name, offset: start, length, fields: rows(start, relative) });
	}
}

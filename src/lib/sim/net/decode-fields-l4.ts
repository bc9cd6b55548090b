/**
 * Inspector field lists for ICMP, UDP, TCP and VXLAN (see decode-fields.ts for the conventions).
 */
import { hexByte } from './bytes';
import { type Row, describeData, hex, verdict } from './decode-fields';
import {
	ICMP_DEST_UNREACHABLE,
	ICMP_ECHO_REPLY,
	ICMP_ECHO_REQUEST,
	type IcmpMessage
} from './icmp';
import type { TcpSegment } from './tcp';
import { formatTcpFlags } from './tcp-flags';
import type { UdpDatagram } from './udp';
import { VXLAN_FLAG_I, VXLAN_UDP_PORT, type VxlanHeader } from './vxlan';

const ICMP_TYPES: Record<number, string> = {
	[ICMP_ECHO_REPLY]: 'Echo reply',
	[ICMP_DEST_UNREACHABLE]: 'Destination unreachable',
	[ICMP_ECHO_REQUEST]: 'Echo request'
};

/** ICMP fields; `message` is the whole ICMP message, which its checksum covers. */
export function icmpRows(icmp: IcmpMessage, message: Uint8Array): Row[] {
	const list: Row[] = [
		['Type', String(icmp.type), 0, 1, ICMP_TYPES[icmp.type] ?? 'not decoded'],
		['Code', String(icmp.code), 1, 1],
		['Checksum', hex(icmp.checksum, 2), 2, 2, verdict(message, 2)]
	];
	if (icmp.echo) {
		list.push(['Identifier', String(icmp.echo.identifier), 4, 2]);
		list.push(['Sequence number', String(icmp.echo.sequence), 6, 2]);
	} else {
		list.push(['Rest of header', Array.from(message.subarray(4, 8), hexByte).join(' '), 4, 4]);
	}
	if (icmp.payload.length) list.push(['Data', describeData(icmp.payload), 8, icmp.payload.length]);
	return list;
}

/** UDP header fields; `pseudoSum` is the IPv4 pseudo-header sum for the checksum verdict. */
export function udpRows(udp: UdpDatagram, datagram: Uint8Array, pseudoSum: number): Row[] {
	const note =
		udp.checksum === 0
			? 'none sent (allowed; RFC 7348 §5 sends 0)'
			: verdict(datagram, 6, pseudoSum);
	return [
		['Source port', String(udp.srcPort), 0, 2],
		[
			'Destination port',
			String(udp.dstPort),
			2,
			2,
			udp.dstPort === VXLAN_UDP_PORT ? 'VXLAN' : undefined
		],
		['Length', `${udp.length} bytes`, 4, 2],
		['Checksum', hex(udp.checksum, 2), 6, 2, note]
	];
}

/** TCP header fields; `pseudoSum` is the IPv4 pseudo-header sum for the checksum verdict. */
export function tcpRows(tcp: TcpSegment, segment: Uint8Array, pseudoSum: number): Row[] {
	const list: Row[] = [
		['Source port', String(tcp.srcPort), 0, 2],
		['Destination port', String(tcp.dstPort), 2, 2],
		['Sequence number', String(tcp.seq), 4, 4],
		['Acknowledgment number', String(tcp.ackNumber), 8, 4],
		['Header length', `${tcp.headerBytes} bytes`, 12, 1],
		['Flags', formatTcpFlags(tcp.flags), 13, 1, hex(segment[13], 1)],
		['Window', String(tcp.window), 14, 2],
		['Checksum', hex(tcp.checksum, 2), 16, 2, verdict(segment, 16, pseudoSum)],
		['Urgent pointer', String(tcp.urgentPointer), 18, 2]
	];
	if (tcp.headerBytes > 20) {
		const value = tcp.mss === undefined ? 'present' : `MSS ${tcp.mss}`;
		list.push(['Options', value, 20, tcp.headerBytes - 20]);
	}
	return list;
}

/** VXLAN header fields (RFC 7348 §5). */
export function vxlanRows(vxlan: VxlanHeader): Row[] {
	const iSet = (vxlan.flags & VXLAN_FLAG_I) !== 0;
	return [
		['Flags', hex(vxlan.flags, 1), 0, 1, iSet ? 'I = 1: VNI valid' : 'I = 0'],
		['Reserved', hex(vxlan.reserved1, 3), 1, 3],
		['VNI', String(vxlan.vni), 4, 3],
		['Reserved', hex(vxlan.reserved2, 1), 7, 1]
	];
}

/**
 * A ready-made packet: the VXLAN-encapsulated ping that the packet inspector can open with and
 * that the tests pin byte for byte (encap.test.ts spells out and cross-checks its bytes).
 */
import { encapsulateVxlan } from './encap';
import { ETHERTYPE_IPV4, buildEthernetFrame } from './ethernet';
import { buildIcmpEcho } from './icmp';
import { IP_PROTOCOL_ICMP, buildIpv4Packet } from './ipv4';

/** The payload Windows ping sends by default: 32 bytes of the alphabet, a–w then a–i. */
export const WINDOWS_PING_PAYLOAD = 'abcdefghijklmnopqrstuvwabcdefghi';

/**
 * VM 10.0.0.4 (00:1d:d8:b7:1c:04) pings VM 10.0.0.5 (…:05), id 1, seq 1, identification 0x3d2e,
 * encapsulated by host PA 10.10.56.11 (00:15:5d:0a:38:0b) for host PA 10.10.56.12
 * (00:15:5d:0a:38:0c) in VNI 5001. Returns a new 124-byte frame (74 inner + 50 overhead).
 */
export function examplePingOverVxlan(): Uint8Array {
	const payload = new Uint8Array(WINDOWS_PING_PAYLOAD.length);
	for (let i = 0; i < payload.length; i++) payload[i] = WINDOWS_PING_PAYLOAD.charCodeAt(i);
	const icmp = buildIcmpEcho({ type: 'echo-request', identifier: 1, sequence: 1, payload });
	const ip = buildIpv4Packet(
		{ srcIp: '10.0.0.4', dstIp: '10.0.0.5', protocol: IP_PROTOCOL_ICMP, identification: 0x3d2e },
		icmp
	);
	const inner = buildEthernetFrame(
		{ dstMac: '00:1d:d8:b7:1c:05', srcMac: '00:1d:d8:b7:1c:04', etherType: ETHERTYPE_IPV4 },
		ip
	);
	return encapsulateVxlan(inner, {
		srcMac: '00:15:5d:0a:38:0b',
		dstMac: '00:15:5d:0a:38:0c',
		srcPa: '10.10.56.11',
		dstPa: '10.10.56.12',
		vni: 5001
	});
}

/**
 * VXLAN encapsulation as a Hyper-V host's VTEP does it (FACTS §3.1, §3.3): outer Ethernet +
 * outer IPv4 (protocol 17) + UDP (destination 4789, hashed source port, checksum 0) + VXLAN +
 * the tenant frame without FCS.
 */
import {
	ETHERNET_HEADER_BYTES,
	ETHERTYPE_IPV4,
	type VlanTag,
	VLAN_TAG_BYTES,
	buildEthernetFrame,
	parseEthernetFrame
} from './ethernet';
import { vxlanSourcePort } from './flow-hash';
import { IPV4_HEADER_BYTES, IP_PROTOCOL_UDP, buildIpv4Packet, parseIpv4Packet } from './ipv4';
import { UDP_HEADER_BYTES, buildUdpDatagram, parseUdpDatagram } from './udp';
import { VXLAN_HEADER_BYTES, VXLAN_UDP_PORT, buildVxlanHeader, parseVxlanHeader } from './vxlan';
import { type ParseResult, concatBytes, fail, ok } from './wire';

/**
 * Bytes VXLAN adds on an untagged IPv4 underlay: Ethernet 14 + IPv4 20 + UDP 8 + VXLAN 8 = 50
 * (FACTS §3.2: sizes CONFIRMED, the sum derived; FACTS 9.10 uses it for MTU arithmetic).
 */
export const VXLAN_OVERHEAD_BYTES =
	ETHERNET_HEADER_BYTES + IPV4_HEADER_BYTES + UDP_HEADER_BYTES + VXLAN_HEADER_BYTES;
/** The same with an 802.1Q tag on the outer frame: 54 bytes (FACTS §3.2, derived). */
export const VXLAN_OVERHEAD_TAGGED_BYTES = VXLAN_OVERHEAD_BYTES + VLAN_TAG_BYTES;

/** Outer header fields chosen by the sending host. MACs and PAs (provider addresses) are text. */
export interface VxlanOuterFields {
	/** The sending host's NIC MAC. */
	srcMac: string;
	/** The next hop's MAC: the remote host's, or the PA gateway's (FACTS §3.3 "Outer headers"). */
	dstMac: string;
	/** Sending VTEP's provider address. */
	srcPa: string;
	/** Receiving VTEP's provider address. */
	dstPa: string;
	/** Virtual network identifier, 24 bits (in HNV, the VSID; FACTS §3.3). */
	vni: number;
	/** Outer TTL (hops); default DEFAULT_TTL of ipv4.ts. */
	ttl?: number;
	/** Outer IPv4 identification; default 0 (DF is always set, RFC 6864 §4.1). */
	identification?: number;
	/** Optional 802.1Q tag on the outer frame (FACTS §3.1). */
	vlan?: VlanTag;
}

/** What a receiving VTEP learns from an encapsulated frame. */
export interface VxlanDecapsulated {
	vni: number;
	outer: {
		srcMac: string;
		dstMac: string;
		vlan?: VlanTag;
		srcPa: string;
		dstPa: string;
		ttl: number;
		srcPort: number;
		dstPort: number;
	};
	/** The tenant Ethernet frame (a view into the input, bytes). */
	inner: Uint8Array;
}

/**
 * Wraps a tenant Ethernet frame (no FCS, at least 14 bytes) in VXLAN. The result is
 * innerFrame.length + VXLAN_OVERHEAD_BYTES long (+4 with a tag). DF is set because VTEPs must
 * not fragment (RFC 7348 §4.3); the UDP checksum is 0 as RFC 7348 §5 recommends.
 */
export function encapsulateVxlan(innerFrame: Uint8Array, outer: VxlanOuterFields): Uint8Array {
	if (innerFrame.length < ETHERNET_HEADER_BYTES) {
		throw new RangeError(`Inner frame has ${innerFrame.length} bytes, below an Ethernet header`);
	}
	const vxlan = concatBytes(buildVxlanHeader(outer.vni), innerFrame);
	const ports = { srcPort: vxlanSourcePort(innerFrame), dstPort: VXLAN_UDP_PORT };
	const udp = buildUdpDatagram(ports, vxlan, 'zero');
	const ip = buildIpv4Packet(
		{
			srcIp: outer.srcPa,
			dstIp: outer.dstPa,
			protocol: IP_PROTOCOL_UDP,
			ttl: outer.ttl,
			identification: outer.identification,
			dontFragment: true
		},
		udp
	);
	const { srcMac, dstMac, vlan } = outer;
	return buildEthernetFrame({ srcMac, dstMac, vlan, etherType: ETHERTYPE_IPV4 }, ip);
}

/**
 * Unwraps a VXLAN frame as the receiving VTEP would, or says why it would drop it: not IPv4 or
 * UDP, a bad IPv4 or UDP checksum (0 is accepted, RFC 7348 §5), a fragment (a VTEP may drop
 * them, RFC 7348 §4.3; we always do), another port than `udpPort`, I = 0 (FACTS 9.9), or an inner
 * frame shorter than an Ethernet header.
 */
export function decapsulateVxlan(
	frame: Uint8Array,
	udpPort = VXLAN_UDP_PORT
): ParseResult<VxlanDecapsulated> {
	const eth = parseEthernetFrame(frame);
	if (!eth.ok) return eth;
	const { srcMac, dstMac, vlan, etherType } = eth.value;
	if (etherType !== ETHERTYPE_IPV4)
		return fail(`Outer EtherType 0x${etherType.toString(16)} is not IPv4`);
	const ip = parseIpv4Packet(eth.value.payload);
	if (!ip.ok) return ip;
	const { srcIp: srcPa, dstIp: dstPa, ttl, protocol } = ip.value;
	if (!ip.value.checksumOk) return fail('Outer IPv4 header checksum is wrong');
	if (protocol !== IP_PROTOCOL_UDP) return fail(`Outer IPv4 protocol ${protocol} is not UDP (17)`);
	if (ip.value.moreFragments || ip.value.fragmentOffset !== 0) {
		return fail('Outer IPv4 packet is a fragment; VTEPs drop fragments (RFC 7348 §4.3)');
	}
	const udp = parseUdpDatagram(ip.value.payload, { srcIp: srcPa, dstIp: dstPa });
	if (!udp.ok) return udp;
	const { srcPort, dstPort } = udp.value;
	if (!udp.value.checksumOk) return fail('Outer UDP checksum is wrong');
	if (dstPort !== udpPort) return fail(`UDP destination port ${dstPort} is not VXLAN (${udpPort})`);
	const vxlan = parseVxlanHeader(udp.value.payload);
	if (!vxlan.ok) return vxlan;
	const inner = vxlan.value.payload;
	if (inner.length < ETHERNET_HEADER_BYTES) {
		return fail(`Inner frame has ${inner.length} bytes, below an Ethernet header`);
	}
	const outerFields = { srcMac, dstMac, srcPa, dstPa, ttl, srcPort, dstPort };
	return ok({ vni: vxlan.value.vni, outer: vlan ? { ...outerFields, vlan } : outerFields, inner });
}

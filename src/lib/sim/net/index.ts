/**
 * Byte-exact packets for the simulation: codecs for Ethernet II, ARP, IPv4, ICMP, UDP, TCP and
 * VXLAN, VXLAN encapsulation with a hashed outer source port, and the inspector's frame decoder.
 * All multi-byte fields are big-endian (network byte order); addresses are canonical text.
 */
export {
	IPV4_ADDRESS_BYTES,
	MAC_BYTES,
	formatIpv4,
	formatMac,
	fromHex,
	hexDump,
	internetChecksum,
	onesComplementSum,
	parseIpv4,
	parseMac,
	toHex
} from './bytes';
export { type ParseResult, concatBytes } from './wire';
export {
	ETHERNET_HEADER_BYTES,
	ETHERNET_MIN_FRAME_BYTES,
	ETHERTYPE_ARP,
	ETHERTYPE_IPV4,
	ETHERTYPE_VLAN,
	type EthernetFields,
	type EthernetFrame,
	VLAN_TAG_BYTES,
	type VlanTag,
	buildEthernetFrame,
	padEthernetFrame,
	parseEthernetFrame
} from './ethernet';
export {
	ARP_PACKET_BYTES,
	ARP_UNKNOWN_MAC,
	type ArpPacket,
	buildArpPacket,
	parseArpPacket
} from './arp';
export {
	DEFAULT_TTL,
	IPV4_HEADER_BYTES,
	IP_PROTOCOL_ICMP,
	IP_PROTOCOL_TCP,
	IP_PROTOCOL_UDP,
	type Ipv4Fields,
	type Ipv4Packet,
	buildIpv4Packet,
	ipv4PseudoHeaderSum,
	parseIpv4Packet
} from './ipv4';
export {
	ICMP_HEADER_BYTES,
	type IcmpEcho,
	type IcmpMessage,
	buildIcmpEcho,
	icmpEchoOf,
	parseIcmpMessage
} from './icmp';
export {
	type PseudoHeaderAddresses,
	UDP_HEADER_BYTES,
	type UdpDatagram,
	type UdpFields,
	buildUdpDatagram,
	parseUdpDatagram
} from './udp';
export {
	TCP_HEADER_BYTES,
	type TcpFields,
	type TcpSegment,
	buildTcpSegment,
	parseTcpSegment
} from './tcp';
export { type TcpFlags, formatTcpFlags } from './tcp-flags';
export {
	VNI_MAX,
	VXLAN_HEADER_BYTES,
	VXLAN_UDP_PORT,
	type VxlanHeader,
	buildVxlanHeader,
	parseVxlanHeader
} from './vxlan';
export {
	FLOW_HASH_ALGORITHM,
	VXLAN_SOURCE_PORT_MAX,
	VXLAN_SOURCE_PORT_MIN,
	fnv1a32,
	innerFlowKey,
	vxlanSourcePort
} from './flow-hash';
export {
	VXLAN_OVERHEAD_BYTES,
	VXLAN_OVERHEAD_TAGGED_BYTES,
	type VxlanDecapsulated,
	type VxlanOuterFields,
	decapsulateVxlan,
	encapsulateVxlan
} from './encap';
export { type DecodedField, type DecodedLayer, type LayerName, decodeFrame } from './decode';
export { WINDOWS_PING_PAYLOAD, examplePingOverVxlan } from './example';

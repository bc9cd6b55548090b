/**
 * The physical side of HNV: VXLAN frame sizes against the underlay MTU (FACTS §3.1 §4.3, §3.2,
 * §9 item 10) and the top-of-rack switch that carries outer frames between host PAs.
 *
 * CHOICE (FACTS §3.3 "Outer headers": the outer MAC comes from the host stack's ARP for its PA
 * gateway; physical L3 routes between PA subnets): one rack, one TOR, which is every host's PA
 * gateway. Hosts address outer frames to the TOR's MAC; the TOR routes by destination PA (a host
 * route per PA) out of the port the host is on, rewriting the outer MACs and decrementing the
 * outer TTL as an IPv4 router does (RFC 1812 §5.3.1). ECMP across two TORs is not modelled.
 */
import { VXLAN_OVERHEAD_BYTES } from '../encap';
import { ETHERTYPE_IPV4, parseEthernetFrame } from '../ethernet';
import { parseIpv4Packet } from '../ipv4';
import { canonicalMac } from './policy';
import { routedCopy } from './rewrite';
import { TOR_FIRST_HOST_PORT } from './constants';
import type { Drop, HostInfo, Underlay } from './types';

/**
 * Size (bytes) of the outer frame that carries an inner frame of `innerFrameBytes` on an
 * untagged IPv4 underlay: inner + 50 (FACTS §3.2, §9 item 10; 1674 is only the fabric
 * requirement). This is the number compared with Underlay.mtuBytes, both with the Ethernet header.
 */
export function encapsulatedSize(innerFrameBytes: number): number {
	return innerFrameBytes + VXLAN_OVERHEAD_BYTES;
}

/**
 * Why an outer frame of `frameBytes` cannot leave on an underlay of `mtuBytes`, or undefined when
 * it fits (frameBytes ≤ mtuBytes, both including the Ethernet header). VTEPs never fragment.
 */
export function mtuDropReason(frameBytes: number, mtuBytes: number): string | undefined {
	if (frameBytes <= mtuBytes) return undefined;
	return `encapsulated frame is ${frameBytes} bytes, underlay MTU is ${mtuBytes}: VTEPs do not fragment (RFC 7348 §4.3)`;
}

/** The TOR port (1-based) a host's uplink is on; see TOR_FIRST_HOST_PORT. */
export function torPortOf(hostIndex: number): number {
	return TOR_FIRST_HOST_PORT + hostIndex;
}

/** The TOR's forwarding outcome for one outer frame. */
export type TorDecision = { kind: 'forward'; port: number; host: number; frame: Uint8Array } | Drop;

/**
 * Routes an outer frame received from a host: it must be addressed to the TOR's MAC, fit the MTU
 * (the TOR does not fragment either: the outer header has DF set) and go to a known PA. Returns
 * the egress port and a new frame with dst = the host's MAC, src = the TOR's MAC, TTL − 1 and the
 * header checksum recomputed. The input is not changed.
 */
export function torForward(
	underlay: Underlay,
	hosts: readonly HostInfo[],
	frame: Uint8Array
): TorDecision {
	const drop = (reason: string): Drop => ({ kind: 'drop', reason: `TOR: ${reason}` });
	const tooBig = mtuDropReason(frame.length, underlay.mtuBytes);
	if (tooBig) return drop(tooBig);
	const eth = parseEthernetFrame(frame);
	if (!eth.ok) return drop(eth.reason);
	const torMac = canonicalMac(underlay.torMac);
	if (eth.value.dstMac !== torMac) return drop(`frame is for ${eth.value.dstMac}, not the TOR`);
	if (eth.value.etherType !== ETHERTYPE_IPV4) return drop('only IPv4 is routed');
	const ip = parseIpv4Packet(eth.value.payload);
	if (!ip.ok) return drop(ip.reason);
	if (!ip.value.checksumOk) return drop('IPv4 header checksum is wrong');
	const host = hosts.find((h) => h.pa === ip.value.dstIp);
	if (!host) return drop(`no route to PA ${ip.value.dstIp}`);
	if (ip.value.ttl <= 1) return drop(`TTL expired on the way to PA ${ip.value.dstIp}`);
	const out = routedCopy(frame, eth.value.headerBytes, ip.value, host.mac, torMac);
	return { kind: 'forward', port: torPortOf(host.index), host: host.index, frame: out };
}

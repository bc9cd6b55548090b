/**
 * Test and lesson fixture: one public load balancer (VIP 203.0.113.10) over three web VMs on three
 * hosts, three MUXes peering with one TOR, and builders of client packets. Pure, like all of sim/.
 */
import { buildIpv4Packet } from '../ipv4';
import { buildTcpSegment } from '../tcp';
import type { TcpFlags } from '../tcp-flags';
import { buildUdpDatagram } from '../udp';
import { protocolNumber } from './tuple';
import type { FiveTuple, LoadBalancer, MuxIdentity, RouterIdentity } from './types';

/** A private 2-byte ASN (RFC 6996) shared by the MUXes and the TOR: internal BGP. */
export const ASN = 64512;

export const ROUTER: RouterIdentity = {
	name: 'TOR1',
	ip: '10.10.56.1',
	mac: '00:25:b5:00:00:01',
	asn: ASN
};

export const MUXES: MuxIdentity[] = [1, 2, 3].map((n) => ({
	name: `MUX${n}`,
	pa: `10.10.56.${40 + n}`,
	mac: `00:15:5d:0a:38:${(0x40 + n).toString(16)}`,
	asn: ASN
}));

/** Hosts by index: PA and uplink MAC (the same shape as hnv's HostInfo). */
export const HOSTS = [0, 1, 2].map((index) => ({
	index,
	name: `Node0${index + 1}`,
	pa: `10.10.56.${11 + index}`,
	mac: `00:15:5d:0a:38:0${(0xb + index).toString(16)}`
}));

export const VIP = '203.0.113.10';

export const WEB_LB: LoadBalancer = {
	name: 'web-lb',
	tenant: 'Contoso',
	vip: VIP,
	backend: [4, 5, 6].map((last, host) => ({
		vm: `web${host + 1}`,
		dip: `10.0.1.${last}`,
		host,
		mac: `00:1d:d8:b7:1c:0${last}`,
		vsid: 5001,
		subnetPrefix: '10.0.1.0/24'
	})),
	rules: [
		{
			name: 'http',
			protocol: 'tcp',
			frontendPort: 80,
			backendPort: 8080,
			distribution: 'Default',
			probe: 'http-probe'
		},
		{
			name: 'dns',
			protocol: 'udp',
			frontendPort: 53,
			backendPort: 53,
			distribution: 'SourceIP',
			probe: 'tcp-probe'
		}
	],
	probes: [
		{
			name: 'http-probe',
			protocol: 'http',
			port: 8080,
			path: '/health',
			intervalMs: 5_000,
			numberOfProbes: 2
		},
		{ name: 'tcp-probe', protocol: 'tcp', port: 53, intervalMs: 5_000, numberOfProbes: 2 }
	],
	inboundNatRules: [
		{ name: 'rdp-web1', protocol: 'tcp', frontendPort: 50001, vm: 'web1', backendPort: 3389 }
	],
	outboundNat: { protocol: 'all' }
};

/** A client on the internet. */
export const CLIENT = '198.51.100.7';

const SYN: TcpFlags = { syn: true, ack: false, fin: false, rst: false, psh: false };

/** An IPv4 packet carrying a TCP segment (SYN by default) or a UDP datagram for `t`. */
export function packetOf(
	t: FiveTuple,
	options: { flags?: TcpFlags; data?: Uint8Array; ttl?: number; seq?: number } = {}
): Uint8Array {
	const data = options.data ?? new Uint8Array();
	const addresses = { srcIp: t.srcIp, dstIp: t.dstIp };
	const l4 =
		t.protocol === 'tcp'
			? buildTcpSegment(
					{
						srcPort: t.srcPort,
						dstPort: t.dstPort,
						seq: options.seq ?? 1000,
						ackNumber: 0,
						flags: options.flags ?? SYN,
						window: 64240
					},
					data,
					addresses
				)
			: buildUdpDatagram({ srcPort: t.srcPort, dstPort: t.dstPort }, data, addresses);
	return buildIpv4Packet(
		{ ...addresses, protocol: protocolNumber(t.protocol), ttl: options.ttl ?? 57 },
		l4
	);
}

/** A client connection to the VIP. */
export function toVip(srcPort: number, dstPort = 80, protocol: 'tcp' | 'udp' = 'tcp'): FiveTuple {
	return { protocol, srcIp: CLIENT, srcPort, dstIp: VIP, dstPort };
}

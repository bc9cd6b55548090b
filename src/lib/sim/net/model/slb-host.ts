/**
 * The host side of load-balanced packets (FACTS §4.2): the DIP's host decapsulates what a MUX
 * sent, translates VIP→DIP and delivers it past the firewall to the service; the VM's reply (or
 * its own outbound connection) is translated back to the VIP and leaves straight for the router.
 */
import type { EventData, SimContext } from '../../kernel/types';
import { decapsulateVxlan } from '../encap';
import { ETHERTYPE_IPV4, buildEthernetFrame } from '../ethernet';
import { DISTRIBUTED_ROUTER_MAC } from '../hnv/constants';
import { hostInbound, hostOutbound, outboundSnat } from '../slb/index';
import {
	HOST_TO_TOR_MS,
	TOR_MAC,
	VNIC_TO_VSWITCH_MS,
	VSWITCH_TO_VNIC_MS,
	hostMac
} from './constants';
import {
	HOP_HOST_TO_TOR,
	HOP_TOR,
	HOP_VNIC_TO_VSWITCH,
	HOP_VSWITCH_TO_VNIC,
	capture,
	downReason,
	dropPacket,
	firewall,
	portOf,
	type NetWorld
} from './path';
import { currentLbs, hopTo, ipOf, slbOf } from './slb-path';
import { BORDER_MAC } from './slb-state';
import type { PacketRecord } from './state';

/** A MUX's VXLAN frame reaches the DIP's host: decapsulate, translate, check, deliver. */
export function hostRx(
	world: NetWorld,
	packet: PacketRecord,
	data: EventData,
	ctx: SimContext
): void {
	const net = world.net;
	const slb = slbOf(world);
	const host = packet.dstHost;
	const hostName = world.nodeNames[host];
	const down = downReason(world, host);
	if (down) return dropPacket(world, packet, hostName, down, ctx);
	capture(net, net.uplinkInterface[host], packet.outer!, ctx, `packet ${packet.id}`);
	const decap = decapsulateVxlan(packet.outer!);
	if (!decap.ok) return dropPacket(world, packet, hostName, decap.reason, ctx);
	const lb = currentLbs(world).find((l) => l.name === data.lb);
	const target = lb?.backend.find((m) => m.vm === packet.toVm);
	if (!lb || !target)
		return dropPacket(world, packet, hostName, `no pool member ${packet.toVm}`, ctx);
	if (portOf(net, target.vm)?.host !== host) {
		return dropPacket(world, packet, hostName, `${target.vm} does not run on ${hostName}`, ctx);
	}
	const nat = hostInbound(slb.nat[host], lb, target, ipOf(decap.value.inner), ctx.nowMs);
	if (nat.kind === 'drop') return dropPacket(world, packet, hostName, nat.reason, ctx);
	const rx = buildEthernetFrame(
		{ dstMac: target.mac, srcMac: DISTRIBUTED_ROUTER_MAC, etherType: ETHERTYPE_IPV4 },
		nat.packet
	);
	const denied = firewall(net, target.vm, rx, 'inbound', ctx);
	if (denied) return dropPacket(world, packet, target.vm, denied.reason, ctx, denied.rule);
	const port = nat.entry.vmSide.srcPort;
	const service = `${target.vm}:${port}`;
	// A reply to the VM's own outbound connection needs no service listening.
	if (nat.entry.kind !== 'outbound-nat' && slb.stopped.includes(service)) {
		return dropPacket(
			world,
			packet,
			target.vm,
			`no service listens on port ${port} (stopped)`,
			ctx
		);
	}
	packet.rx = rx;
	hopTo(
		world,
		packet,
		data,
		ctx,
		'slb.vm-rx',
		HOP_VSWITCH_TO_VNIC,
		host,
		host,
		false,
		VSWITCH_TO_VNIC_MS
	);
}

/** A DIP's VM puts its reply on its vNIC. */
export function vmTx(
	world: NetWorld,
	packet: PacketRecord,
	data: EventData,
	ctx: SimContext
): void {
	const net = world.net;
	const host = packet.srcHost;
	const down = downReason(world, host);
	if (down) return dropPacket(world, packet, packet.fromVm, down, ctx);
	capture(net, net.vnicInterface[packet.fromVm], packet.frame, ctx, `packet ${packet.id}`);
	const denied = firewall(net, packet.fromVm, packet.frame, 'outbound', ctx);
	if (denied) return dropPacket(world, packet, packet.fromVm, denied.reason, ctx, denied.rule);
	ctx.log('packet.sent', {
		packet: packet.id,
		vm: packet.fromVm,
		node: world.nodeNames[host],
		summary: packet.summary,
		bytes: packet.frame.length
	});
	hopTo(
		world,
		packet,
		data,
		ctx,
		'slb.vswitch-out',
		HOP_VNIC_TO_VSWITCH,
		host,
		host,
		false,
		VNIC_TO_VSWITCH_MS
	);
}

/**
 * The host agent rewrites the source DIP→VIP and sends the packet straight to the router: a reply
 * by Direct Server Return, or (outbound NAT) a packet of the VM's own connection to the internet.
 */
export function vswitchOut(
	world: NetWorld,
	packet: PacketRecord,
	data: EventData,
	ctx: SimContext
): void {
	const net = world.net;
	const slb = slbOf(world);
	const host = packet.srcHost;
	const hostName = world.nodeNames[host];
	const ip = ipOf(packet.frame);
	let nat = hostOutbound(slb.nat[host], ip, ctx.nowMs);
	if (nat.kind === 'untranslated') {
		const vm = packet.fromVm;
		const lb = currentLbs(world).find((l) => l.outboundNat && l.backend.some((m) => m.vm === vm));
		const member = lb?.backend.find((m) => m.vm === vm);
		if (!lb || !member) {
			const reason = `${vm} has no outbound NAT: no load balancer gives it a VIP to leave as`;
			return dropPacket(world, packet, hostName, reason, ctx);
		}
		nat = outboundSnat(slb.nat[host], lb, member, ip, ctx.nowMs);
	}
	if (nat.kind === 'drop') return dropPacket(world, packet, hostName, nat.reason, ctx);
	const dsr = buildEthernetFrame(
		{ dstMac: TOR_MAC, srcMac: hostMac(host), etherType: ETHERTYPE_IPV4 },
		nat.packet
	);
	packet.outer = dsr;
	packet.firstOuter ??= dsr;
	// As the TOR hands it to the border router (captured there when it arrives).
	packet.rx = buildEthernetFrame(
		{ dstMac: BORDER_MAC, srcMac: TOR_MAC, etherType: ETHERTYPE_IPV4 },
		nat.packet
	);
	capture(net, net.uplinkInterface[host], dsr, ctx, `packet ${packet.id}`);
	const outbound = nat.entry.kind === 'outbound-nat';
	if (outbound) slb.counters.outbound++;
	else slb.counters.directReturn++;
	ctx.log(outbound ? 'slb.outbound-nat' : 'slb.direct-return', {
		packet: packet.id,
		vm: packet.fromVm,
		node: hostName,
		vip: nat.entry.wireSide.srcIp,
		port: nat.entry.wireSide.srcPort
	});
	hopTo(
		world,
		packet,
		data,
		ctx,
		'slb.tor-out',
		HOP_HOST_TO_TOR,
		host,
		HOP_TOR,
		false,
		HOST_TO_TOR_MS
	);
}

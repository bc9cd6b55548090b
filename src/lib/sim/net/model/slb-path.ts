/**
 * Load-balanced packets in motion (FACTS §4.2), one kernel event per hop like path.ts:
 * inbound `slb.client-tx` (border link) → `slb.tor-in` (ECMP over live MUXes) → `slb.mux` (DIP
 * choice, VXLAN to the DIP's host) → `slb.tor-encap` → `slb.host-rx` (decapsulate, NAT VIP→DIP,
 * firewall, service) → `slb.vm-rx`; the reply `slb.vm-tx` → `slb.vswitch-out` (NAT DIP→VIP,
 * Direct Server Return) → `slb.tor-out` → `slb.client-rx`. A reply never visits a MUX.
 */
import { checkSlbInvariant } from '../../invariants/slb';
import type { EventData, SimContext } from '../../kernel/types';
import { decapsulateVxlan } from '../encap';
import { ETHERTYPE_IPV4, buildEthernetFrame, parseEthernetFrame } from '../ethernet';
import { DISTRIBUTED_ROUTER_MAC } from '../hnv/constants';
import {
	fiveTupleOf,
	hostInbound,
	hostOutbound,
	muxForward,
	outboundSnat,
	routerPickMux
} from '../slb/index';
import type { LoadBalancer } from '../slb/types';
import { HOST_TO_TOR_MS, TOR_MAC, TOR_NAME, TOR_TO_HOST_MS, VNIC_TO_VSWITCH_MS } from './constants';
import { VSWITCH_TO_VNIC_MS, hostMac } from './constants';
import {
	HOP_HOST_TO_TOR,
	HOP_TOR,
	HOP_TOR_TO_HOST,
	HOP_VNIC_TO_VSWITCH,
	HOP_VSWITCH_TO_VNIC,
	capture,
	downReason,
	dropPacket,
	firewall,
	landHop,
	portOf,
	type NetWorld
} from './path';
import { BORDER_MAC, BORDER_TO_TOR_MS, MUX_PROCESS_MS, type SlbState } from './slb-state';
import type { PacketRecord } from './state';

/** InFlightHop node of the border router. */
export const HOP_BORDER = -2;
export const HOP_BORDER_TO_TOR = 4;
export const HOP_TOR_TO_BORDER = 5;

/** Called when a packet reaches its end: the DIP's VM (inbound) or the client (reply). */
export type SlbDelivered = (
	world: NetWorld,
	packet: PacketRecord,
	data: EventData,
	ctx: SimContext
) => void;

export function slbOf(world: NetWorld): SlbState {
	const slb = world.net.slb;
	if (!slb) throw new Error('this scenario has no load balancer');
	return slb;
}

/** The load balancers with each DIP on the host its VM runs on now (vm.move may change it). */
export function currentLbs(world: NetWorld): LoadBalancer[] {
	return slbOf(world).config.loadBalancers.map((lb) => ({
		...lb,
		backend: lb.backend.map((m) => ({ ...m, host: portOf(world.net, m.vm)?.host ?? m.host }))
	}));
}

/** Schedules one hop of a load-balanced packet and records it as in flight. */
export function slbHop(
	world: NetWorld,
	packet: PacketRecord,
	data: EventData,
	ctx: SimContext,
	hop: { delayMs: number; type: string; kind: number; from: number; to: number; encap: boolean }
): void {
	world.net.inFlight.push({
		packetId: packet.id,
		hop: hop.kind,
		fromNode: hop.from,
		toNode: hop.to,
		startMs: ctx.nowMs,
		arriveMs: ctx.nowMs + hop.delayMs,
		encapsulated: hop.encap,
		tenant: -1,
		dropped: false,
		slb: isClient(world, packet.fromVm) ? 'in' : 'return'
	});
	ctx.schedule(hop.delayMs, hop.type, { ...data, packet: packet.id });
}

/** True for an internet client's name (its packets are inbound; a VM's are replies). */
export function isClient(world: NetWorld, name: string): boolean {
	return slbOf(world).config.clients.some((c) => c.name === name);
}

/** Sends a client's frame (Ethernet from the border router to the TOR) toward the VIP. */
export function clientTransmit(
	world: NetWorld,
	packet: PacketRecord,
	data: EventData,
	ctx: SimContext
) {
	const slb = slbOf(world);
	capture(world.net, slb.borderInterface, packet.frame, ctx, `packet ${packet.id}`);
	ctx.log('packet.sent', {
		packet: packet.id,
		client: packet.fromVm,
		summary: packet.summary,
		bytes: packet.frame.length
	});
	slbHop(world, packet, data, ctx, {
		delayMs: BORDER_TO_TOR_MS,
		type: 'slb.tor-in',
		kind: HOP_BORDER_TO_TOR,
		from: HOP_BORDER,
		to: HOP_TOR,
		encap: false
	});
}

const ipOf = (frame: Uint8Array): Uint8Array => {
	const eth = parseEthernetFrame(frame);
	return eth.ok ? eth.value.payload : new Uint8Array();
};

/** Handles the SLB packet events; false for any other event. */
export function handleSlbPacketEvent(
	world: NetWorld,
	type: string,
	data: EventData,
	ctx: SimContext,
	delivered: SlbDelivered
): boolean {
	if (!type.startsWith('slb.') || typeof data.packet !== 'number') return false;
	const packet = world.net.packets[data.packet - 1];
	switch (type) {
		case 'slb.tor-in':
			landHop(world.net, packet.id);
			torIn(world, packet, data, ctx);
			return true;
		case 'slb.mux':
			landHop(world.net, packet.id);
			mux(world, packet, data, ctx);
			return true;
		case 'slb.tor-encap':
			landHop(world.net, packet.id);
			capture(
				world.net,
				world.net.torInterface[packet.dstHost],
				packet.outer!,
				ctx,
				`packet ${packet.id}`
			);
			return hopTo(
				world,
				packet,
				data,
				ctx,
				'slb.host-rx',
				HOP_TOR_TO_HOST,
				HOP_TOR,
				packet.dstHost,
				true
			);
		case 'slb.host-rx':
			landHop(world.net, packet.id);
			hostRx(world, packet, data, ctx);
			return true;
		case 'slb.vm-rx':
			landHop(world.net, packet.id);
			capture(
				world.net,
				world.net.vnicInterface[packet.toVm],
				packet.rx!,
				ctx,
				`packet ${packet.id}`
			);
			delivered(world, packet, data, ctx);
			return true;
		case 'slb.vm-tx':
			vmTx(world, packet, data, ctx);
			return true;
		case 'slb.client-tx':
			clientTransmit(world, packet, data, ctx);
			return true;
		case 'slb.vswitch-out':
			landHop(world.net, packet.id);
			vswitchOut(world, packet, data, ctx);
			return true;
		case 'slb.tor-out':
			landHop(world.net, packet.id);
			return hopTo(
				world,
				packet,
				data,
				ctx,
				'slb.client-rx',
				HOP_TOR_TO_BORDER,
				HOP_TOR,
				HOP_BORDER,
				false,
				BORDER_TO_TOR_MS
			);
		case 'slb.client-rx':
			landHop(world.net, packet.id);
			capture(world.net, slbOf(world).borderInterface, packet.rx!, ctx, `packet ${packet.id}`);
			delivered(world, packet, data, ctx);
			return true;
		default:
			return false;
	}
}

function hopTo(
	world: NetWorld,
	packet: PacketRecord,
	data: EventData,
	ctx: SimContext,
	type: string,
	kind: number,
	from: number,
	to: number,
	encap: boolean,
	delayMs = TOR_TO_HOST_MS
): true {
	slbHop(world, packet, data, ctx, { delayMs, type, kind, from, to, encap });
	return true;
}

/** The TOR, as the MUXes' BGP peer, spreads packets to a VIP over the MUXes advertising it. */
function torIn(world: NetWorld, packet: PacketRecord, data: EventData, ctx: SimContext): void {
	const slb = slbOf(world);
	const pick = routerPickMux(slb.routes, ipOf(packet.frame));
	if (pick.kind === 'drop') return dropPacket(world, packet, TOR_NAME, pick.reason, ctx);
	const index = slb.config.muxes.findIndex((m) => m.pa === pick.nextHop);
	const host = slb.muxHost[index];
	hopTo(
		world,
		packet,
		{ ...data, mux: index },
		ctx,
		'slb.mux',
		HOP_TOR_TO_HOST,
		HOP_TOR,
		host,
		false
	);
}

function mux(world: NetWorld, packet: PacketRecord, data: EventData, ctx: SimContext): void {
	const slb = slbOf(world);
	const index = data.mux as number;
	const identity = slb.config.muxes[index];
	const host = slb.muxHost[index];
	const hostName = world.nodeNames[host];
	const down = downReason(world, host);
	if (down) return dropPacket(world, packet, hostName, `${identity.name}: ${down}`, ctx);
	if (!slb.muxRunning[index]) {
		return dropPacket(world, packet, hostName, `${identity.name} is not running`, ctx);
	}
	const ip = ipOf(packet.frame);
	const tuple = fiveTupleOf(ip);
	const isVip = (a: string) => slb.config.loadBalancers.some((lb) => lb.vip === a);
	const srcIp = tuple.ok ? tuple.value.srcIp : '';
	checkSlbInvariant(
		slb,
		'dsr',
		isVip(srcIp) ? `a reply from VIP ${srcIp} reached ${identity.name}` : undefined,
		ctx,
		{ packet: packet.id }
	);
	const session = slb.sessions[index];
	const live =
		session.state === 'established'
			? undefined
			: `${identity.name} forwarded packet ${packet.id} with its BGP session ${session.state}`;
	checkSlbInvariant(slb, 'viaLiveMux', live, ctx, { packet: packet.id });
	capture(world.net, slb.muxInterface[index], packet.frame, ctx, `packet ${packet.id}`);
	const decision = muxForward(
		{
			mux: identity,
			lbs: currentLbs(world),
			hosts: world.net.policy.hosts,
			gatewayMac: TOR_MAC,
			health: slb.health
		},
		ip
	);
	if (decision.kind === 'drop') return dropPacket(world, packet, hostName, decision.reason, ctx);
	slb.muxInbound[index]++;
	slb.counters.inbound++;
	packet.srcHost = host;
	packet.dstHost = decision.target.host;
	packet.toVm = decision.target.vm;
	packet.vni = decision.vni;
	packet.outer = decision.outerFrame;
	packet.firstOuter ??= decision.outerFrame;
	ctx.log('slb.mux-forwarded', {
		packet: packet.id,
		conn: data.conn as number,
		mux: identity.name,
		node: hostName,
		vm: decision.target.vm,
		rule: decision.rule,
		toPa: decision.hostPa,
		vni: decision.vni
	});
	const next = { ...data, lb: decision.lb };
	if (decision.target.host === host) {
		// The DIP runs on the MUX's own server: its vSwitch delivers the VXLAN frame locally.
		hopTo(
			world,
			packet,
			next,
			ctx,
			'slb.host-rx',
			HOP_VNIC_TO_VSWITCH,
			host,
			host,
			true,
			MUX_PROCESS_MS
		);
		return;
	}
	capture(
		world.net,
		world.net.uplinkInterface[host],
		decision.outerFrame,
		ctx,
		`packet ${packet.id}`
	);
	hopTo(
		world,
		packet,
		next,
		ctx,
		'slb.tor-encap',
		HOP_HOST_TO_TOR,
		host,
		HOP_TOR,
		true,
		MUX_PROCESS_MS + HOST_TO_TOR_MS
	);
}

function hostRx(world: NetWorld, packet: PacketRecord, data: EventData, ctx: SimContext): void {
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
function vmTx(world: NetWorld, packet: PacketRecord, data: EventData, ctx: SimContext): void {
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
function vswitchOut(world: NetWorld, packet: PacketRecord, data: EventData, ctx: SimContext): void {
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

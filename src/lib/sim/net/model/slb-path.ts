/**
 * Load-balanced packets in motion (FACTS §4.2), one kernel event per hop like path.ts:
 * inbound `slb.client-tx` (border link) → `slb.tor-in` (ECMP over live MUXes) → `slb.mux` (DIP
 * choice, VXLAN to the DIP's host) → `slb.tor-encap` → `slb.host-rx` (decapsulate, NAT VIP→DIP,
 * firewall, service) → `slb.vm-rx`; the reply `slb.vm-tx` → `slb.vswitch-out` (NAT DIP→VIP,
 * Direct Server Return) → `slb.tor-out` → `slb.client-rx`. A reply never visits a MUX. The host
 * side (host-rx, vm-tx, vswitch-out) is in slb-host.ts.
 */
import { checkSlbInvariant } from '../../invariants/slb';
import type { EventData, SimContext } from '../../kernel/types';
import { parseEthernetFrame } from '../ethernet';
import { fiveTupleOf, muxForward, routerPickMux } from '../slb/index';
import type { LoadBalancer } from '../slb/types';
import { HOST_TO_TOR_MS, TOR_MAC, TOR_NAME, TOR_TO_HOST_MS } from './constants';
import {
	HOP_HOST_TO_TOR,
	HOP_TOR,
	HOP_TOR_TO_HOST,
	HOP_VNIC_TO_VSWITCH,
	capture,
	downReason,
	dropPacket,
	landHop,
	portOf,
	type NetWorld
} from './path';
import { BORDER_TO_TOR_MS, MUX_PROCESS_MS, type SlbState } from './slb-state';
import type { PacketRecord } from './state';
import { hostRx, vmTx, vswitchOut } from './slb-host';

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

export const ipOf = (frame: Uint8Array): Uint8Array => {
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

export function hopTo(
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

/**
 * The data plane in motion: every hop of a packet is a kernel event carrying only the packet id
 * (`packet.vm-tx` → `packet.vswitch` → [`packet.tor` → `packet.host-rx`] → `packet.vm-rx`), and
 * each hop calls the pure HNV and ACL functions on the state's tables. Drops are logged with the
 * place and reason (and the rule, for the firewall).
 */
import { checkDeliveryIsolation } from '../../invariants/isolation';
import type { EventData, SimContext } from '../../kernel/types';
import {
	effectiveRules,
	evaluatePacket,
	flowTupleOf,
	type AclDirection,
	type AclRule,
	type EffectiveAclRule
} from '../acl';
import { parseEthernetFrame } from '../ethernet';
import {
	deliverFromUplink,
	forwardFromVm,
	hostAgentArp,
	torForward,
	torPortOf
} from '../hnv/index';
import type { HostAgentView, VmPort } from '../hnv/types';
import {
	ACL_PORT_PROFILE,
	DROP_MARK_MS,
	HOST_TO_TOR_MS,
	TOR_NAME,
	TOR_TO_HOST_MS,
	VNIC_TO_VSWITCH_MS,
	VSWITCH_TO_VNIC_MS
} from './constants';
import type { NetState, PacketRecord } from './state';

/** Hop kinds of InFlightHop (same numbers as frame.ts PacketHop). */
export const HOP_VNIC_TO_VSWITCH = 0;
export const HOP_HOST_TO_TOR = 1;
export const HOP_TOR_TO_HOST = 2;
export const HOP_VSWITCH_TO_VNIC = 3;
/** InFlightHop node of the TOR. */
export const HOP_TOR = -1;

/** The parts of the model state the data plane reads besides its own. */
export interface NetWorld {
	net: NetState;
	nodeNames: readonly string[];
	nodeUp: readonly boolean[];
}

export const PACKET_VM_TX = 'packet.vm-tx';
export const PACKET_VSWITCH = 'packet.vswitch';
export const PACKET_TOR = 'packet.tor';
export const PACKET_HOST_RX = 'packet.host-rx';
export const PACKET_VM_RX = 'packet.vm-rx';
/** Ends the display of a drop marker (see markDrop). */
export const PACKET_DROP_MARK_END = 'packet.drop-mark-end';

/** The VM port of `vm` in the controller's policy. */
export function portOf(net: NetState, vm: string): VmPort | undefined {
	return net.policy.ports.find((p) => p.vm === vm);
}

/** Records a frame at a capture point at the current time. */
export function capture(
	net: NetState,
	interfaceId: number,
	bytes: Uint8Array,
	ctx: SimContext,
	comment: string
): void {
	net.captures.push({ interfaceId, timeMs: ctx.nowMs, bytes: bytes.slice(), comment });
}

/** Adds a packet to the table; returns it (its id is sequential). */
export function newPacket(
	net: NetState,
	fields: Pick<PacketRecord, 'flow' | 'summary' | 'fromVm' | 'frame' | 'srcHost'>
): PacketRecord {
	const record: PacketRecord = {
		id: net.packets.length + 1,
		...fields,
		outer: null,
		firstOuter: null,
		rx: null,
		toVm: '',
		vni: 0,
		dstHost: -1
	};
	net.packets.push(record);
	return record;
}

/** Logs a drop and counts it. `at` names where (a VM, a host or the TOR). */
export function dropPacket(
	world: NetWorld,
	packet: PacketRecord,
	at: string,
	reason: string,
	ctx: SimContext,
	rule?: string
): void {
	world.net.counters.dropped++;
	const data: Record<string, string | number> = { packet: packet.id, at, reason };
	if (rule !== undefined) data.rule = rule;
	if (world.nodeNames.includes(at)) data.node = at;
	else data.vm = at;
	ctx.log('packet.dropped', data);
	markDrop(world, packet, at, ctx);
}

/**
 * Leaves a still marker where a packet was dropped, shown for DROP_MARK_MS: at the TOR, at the
 * receiving vNIC (inbound firewall), at a receiving host's NIC, or at the sending host's vSwitch.
 */
function markDrop(world: NetWorld, packet: PacketRecord, at: string, ctx: SimContext): void {
	let hop = HOP_VNIC_TO_VSWITCH;
	let from = packet.srcHost;
	let to = packet.srcHost;
	const atHost = world.nodeNames.indexOf(at);
	if (at === TOR_NAME) [hop, to] = [HOP_HOST_TO_TOR, HOP_TOR];
	else if (at === packet.toVm && packet.dstHost >= 0) {
		[hop, from, to] = [HOP_VSWITCH_TO_VNIC, packet.dstHost, packet.dstHost];
	} else if (packet.outer !== null && atHost >= 0 && atHost === packet.dstHost) {
		[hop, from, to] = [HOP_TOR_TO_HOST, HOP_TOR, packet.dstHost];
	} else if (atHost >= 0) [from, to] = [atHost, atHost];
	world.net.inFlight.push({
		packetId: packet.id,
		hop,
		fromNode: from,
		toNode: to,
		startMs: ctx.nowMs,
		arriveMs: ctx.nowMs,
		encapsulated: hop === HOP_HOST_TO_TOR || hop === HOP_TOR_TO_HOST,
		tenant: world.net.vmTenant[packet.fromVm] ?? -1,
		dropped: true
	});
	ctx.schedule(DROP_MARK_MS, PACKET_DROP_MARK_END, { packet: packet.id });
}

/** Why a server cannot take part, or undefined when it runs. */
export function downReason(world: NetWorld, host: number): string | undefined {
	return world.nodeUp[host] ? undefined : `server ${world.nodeNames[host]} is down`;
}

/** The host agent's applied view, or the reason there is none yet. */
export function viewOf(world: NetWorld, host: number): HostAgentView | string {
	const view = world.net.views[host];
	if (view) return view;
	return `mapping not yet pushed: ${world.nodeNames[host]}'s host agent has no policy from the Network Controller yet`;
}

/** The effective ACL rules of a VM's port. */
export function portRules(net: NetState, port: VmPort): EffectiveAclRule[] {
	const subnetRef = `${port.vnet}/${port.subnet}`;
	const toRule = (r: NetState['acls'][number]): AclRule => ({
		id: r.name,
		name: r.name,
		priority: r.priority,
		direction: r.direction,
		protocol: r.protocol,
		sourcePrefix: r.sourcePrefix,
		sourcePorts: r.sourcePorts,
		destinationPrefix: r.destinationPrefix,
		destinationPorts: r.destinationPorts,
		action: r.action
	});
	const onPort = net.acls.filter((r) => r.vm === port.vm).map(toRule);
	const onSubnet = net.acls.filter((r) => r.subnet === subnetRef).map(toRule);
	return effectiveRules(onPort, onSubnet, ACL_PORT_PROFILE, net.vnetPrefixes[port.vnet] ?? []);
}

/**
 * The firewall's verdict for `frame` crossing `vm`'s port: undefined when allowed, else the
 * reason and the deciding rule's name.
 */
export function firewall(
	net: NetState,
	vm: string,
	frame: Uint8Array,
	direction: AclDirection,
	ctx: SimContext
): { reason: string; rule?: string } | undefined {
	const port = portOf(net, vm);
	if (!port) return { reason: `no port for ${vm}` };
	const eth = parseEthernetFrame(frame);
	if (!eth.ok) return undefined; // malformed frames are the vSwitch's to drop
	const tuple = flowTupleOf(eth.value.payload);
	if (!tuple.ok) return undefined;
	const verdict = evaluatePacket(
		net.firewalls[vm],
		portRules(net, port),
		tuple.value,
		direction,
		ctx.nowMs
	);
	if (verdict.action === 'allow') return undefined;
	const rule = verdict.rule?.name;
	return rule === undefined ? { reason: verdict.reason } : { reason: verdict.reason, rule };
}

/** Puts a packet on its sender's vNIC now (the VM transmits). */
export function transmit(world: NetWorld, packet: PacketRecord, ctx: SimContext, delayMs = 0) {
	ctx.schedule(delayMs, PACKET_VM_TX, { packet: packet.id });
}

/** Schedules a packet's next hop event and records the hop as in flight until it is processed. */
function scheduleHop(
	world: NetWorld,
	packet: PacketRecord,
	ctx: SimContext,
	delayMs: number,
	type: string,
	hop: number,
	fromNode: number,
	toNode: number
): void {
	world.net.inFlight.push({
		packetId: packet.id,
		hop,
		fromNode,
		toNode,
		startMs: ctx.nowMs,
		arriveMs: ctx.nowMs + delayMs,
		encapsulated: hop === HOP_HOST_TO_TOR || hop === HOP_TOR_TO_HOST,
		tenant: world.net.vmTenant[packet.fromVm] ?? -1,
		dropped: false
	});
	ctx.schedule(delayMs, type, { packet: packet.id });
}

/** The last hop inside host `host`: from its virtual switch to the destination VM's vNIC. */
function scheduleToVnic(world: NetWorld, packet: PacketRecord, ctx: SimContext, host: number) {
	scheduleHop(
		world,
		packet,
		ctx,
		VSWITCH_TO_VNIC_MS,
		PACKET_VM_RX,
		HOP_VSWITCH_TO_VNIC,
		host,
		host
	);
}

/** Removes the packet's hop from the in-flight list (its event is being processed). */
export function landHop(net: NetState, packetId: number): void {
	const i = net.inFlight.findIndex((h) => h.packetId === packetId);
	if (i >= 0) net.inFlight.splice(i, 1);
}

function packetOf(world: NetWorld, data: EventData): PacketRecord {
	return world.net.packets[(data.packet as number) - 1];
}

/** The VM's stack reacts to a delivered frame (set by the traffic module). */
export type OnDelivered = (world: NetWorld, packet: PacketRecord, ctx: SimContext) => void;

/** Handles the packet hop events; false for other events. */
export function handlePacketEvent(
	world: NetWorld,
	type: string,
	data: EventData,
	ctx: SimContext,
	onDelivered: OnDelivered
): boolean {
	if (!type.startsWith('packet.')) return false;
	if (type !== PACKET_VM_TX && typeof data.packet === 'number') landHop(world.net, data.packet);
	switch (type) {
		case PACKET_VM_TX:
			vmTx(world, packetOf(world, data), ctx);
			return true;
		case PACKET_VSWITCH:
			vswitch(world, packetOf(world, data), ctx);
			return true;
		case PACKET_TOR:
			tor(world, packetOf(world, data), ctx);
			return true;
		case PACKET_HOST_RX:
			hostRx(world, packetOf(world, data), ctx);
			return true;
		case PACKET_VM_RX:
			vmRx(world, packetOf(world, data), ctx, onDelivered);
			return true;
		case PACKET_DROP_MARK_END:
			return true; // landHop above took the marker away
		default:
			return false;
	}
}

function vmTx(world: NetWorld, packet: PacketRecord, ctx: SimContext): void {
	const net = world.net;
	const host = packet.srcHost;
	const down = downReason(world, host);
	if (down) return dropPacket(world, packet, packet.fromVm, down, ctx);
	capture(net, net.vnicInterface[packet.fromVm], packet.frame, ctx, `packet ${packet.id}`);
	net.counters.sent++;
	ctx.log('packet.sent', {
		packet: packet.id,
		vm: packet.fromVm,
		node: world.nodeNames[host],
		summary: packet.summary,
		bytes: packet.frame.length
	});
	scheduleHop(
		world,
		packet,
		ctx,
		VNIC_TO_VSWITCH_MS,
		PACKET_VSWITCH,
		HOP_VNIC_TO_VSWITCH,
		host,
		host
	);
}

function vswitch(world: NetWorld, packet: PacketRecord, ctx: SimContext): void {
	const net = world.net;
	const host = packet.srcHost;
	const hostName = world.nodeNames[host];
	const down = downReason(world, host);
	if (down) return dropPacket(world, packet, hostName, down, ctx);
	const view = viewOf(world, host);
	if (typeof view === 'string') return dropPacket(world, packet, hostName, view, ctx);
	const denied = firewall(net, packet.fromVm, packet.frame, 'outbound', ctx);
	if (denied) return dropPacket(world, packet, packet.fromVm, denied.reason, ctx, denied.rule);
	const decision = forwardFromVm(view, packet.fromVm, packet.frame, net.underlay);
	if (decision.kind === 'drop') return dropPacket(world, packet, hostName, decision.reason, ctx);
	if (decision.kind === 'local') {
		packet.toVm = decision.toPort;
		packet.vni = decision.vsid;
		packet.dstHost = host;
		packet.rx = decision.innerFrame.slice();
		scheduleToVnic(world, packet, ctx, host);
		return;
	}
	packet.vni = decision.vni;
	packet.dstHost = decision.dstHost;
	packet.outer = decision.outerFrame;
	packet.firstOuter = decision.outerFrame;
	net.counters.encapsulated++;
	ctx.log('packet.encapsulated', {
		packet: packet.id,
		node: hostName,
		vni: decision.vni,
		fromPa: view.host.pa,
		toPa: decision.dstPa,
		bytes: decision.outerFrame.length
	});
	capture(net, net.uplinkInterface[host], decision.outerFrame, ctx, `packet ${packet.id}`);
	scheduleHop(world, packet, ctx, HOST_TO_TOR_MS, PACKET_TOR, HOP_HOST_TO_TOR, host, HOP_TOR);
}

function tor(world: NetWorld, packet: PacketRecord, ctx: SimContext): void {
	const net = world.net;
	const outer = packet.outer!;
	capture(net, net.torInterface[packet.srcHost], outer, ctx, `packet ${packet.id}`);
	const decision = torForward(net.underlay, net.policy.hosts, outer);
	if (decision.kind === 'drop') return dropPacket(world, packet, TOR_NAME, decision.reason, ctx);
	const down = downReason(world, decision.host);
	if (down) {
		return dropPacket(world, packet, TOR_NAME, `port ${torPortOf(decision.host)}: ${down}`, ctx);
	}
	packet.outer = decision.frame;
	packet.dstHost = decision.host;
	scheduleHop(
		world,
		packet,
		ctx,
		TOR_TO_HOST_MS,
		PACKET_HOST_RX,
		HOP_TOR_TO_HOST,
		HOP_TOR,
		decision.host
	);
}

function hostRx(world: NetWorld, packet: PacketRecord, ctx: SimContext): void {
	const net = world.net;
	const host = packet.dstHost;
	const hostName = world.nodeNames[host];
	const down = downReason(world, host);
	if (down) return dropPacket(world, packet, hostName, down, ctx);
	capture(net, net.uplinkInterface[host], packet.outer!, ctx, `packet ${packet.id}`);
	const view = viewOf(world, host);
	if (typeof view === 'string') return dropPacket(world, packet, hostName, view, ctx);
	const delivery = deliverFromUplink(view, packet.outer!);
	if (delivery.kind === 'drop') return dropPacket(world, packet, hostName, delivery.reason, ctx);
	packet.toVm = delivery.toPort;
	packet.vni = delivery.vni;
	packet.rx = delivery.innerFrame;
	scheduleToVnic(world, packet, ctx, host);
}

function vmRx(world: NetWorld, packet: PacketRecord, ctx: SimContext, onDelivered: OnDelivered) {
	const net = world.net;
	const host = packet.dstHost;
	const down = downReason(world, host);
	if (down) return dropPacket(world, packet, world.nodeNames[host], down, ctx);
	const runsOn = portOf(net, packet.toVm)?.host;
	if (runsOn !== host) {
		// The VM moved away: the old host's port is gone even before the controller's push lands.
		const where = runsOn === undefined ? '' : ` (it moved to ${world.nodeNames[runsOn]})`;
		const reason = `${packet.toVm} no longer runs on ${world.nodeNames[host]}${where}`;
		return dropPacket(world, packet, world.nodeNames[host], reason, ctx);
	}
	const frame = packet.rx!;
	const denied = firewall(net, packet.toVm, frame, 'inbound', ctx);
	if (denied) return dropPacket(world, packet, packet.toVm, denied.reason, ctx, denied.rule);
	checkDeliveryIsolation(net, packet.toVm, packet.vni, packet.id, ctx);
	capture(net, net.vnicInterface[packet.toVm], frame, ctx, `packet ${packet.id}`);
	net.counters.delivered++;
	ctx.log('packet.delivered', {
		packet: packet.id,
		vm: packet.toVm,
		node: world.nodeNames[host],
		vni: packet.vni
	});
	onDelivered(world, packet, ctx);
}

/** Answers an ARP request of `vm` from its host agent: the MAC, or the reason there is none. */
export function askHostAgent(
	world: NetWorld,
	vm: string,
	host: number,
	request: Uint8Array
): { mac: string; frame: Uint8Array } | { reason: string } {
	const down = downReason(world, host);
	if (down) return { reason: down };
	const view = viewOf(world, host);
	if (typeof view === 'string') return { reason: `no ARP reply: ${view}` };
	const answer = hostAgentArp(view, vm, request);
	if (answer.kind === 'drop') return { reason: answer.reason };
	return { mac: answer.answeredMac, frame: answer.frame };
}

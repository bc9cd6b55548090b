/**
 * Connections across the SLB (FACTS §4.2, §4.5), and the stateless services that answer them.
 * `client.connect`: an internet client opens connections to a VIP (a DIP's service answers);
 * `vm.connect`: a tenant VM opens connections to an internet client (outbound NAT, the client
 * answers). Either way `count` connections one `intervalMs` apart from successive source ports.
 * TCP: SYN → SYN/ACK → ACK with the request → response → FIN → FIN/ACK; UDP: request → response.
 * The initiator resends an unanswered segment (CLIENT_RETRY_MS, CLIENT_MAX_RETRIES).
 */
import { checkSlbInvariant } from '../../invariants/slb';
import type { EventData, InputEvent, SimContext } from '../../kernel/types';
import { parseEthernetFrame } from '../ethernet';
import { DISTRIBUTED_ROUTER_MAC } from '../hnv/constants';
import { parseIpv4Packet } from '../ipv4';
import { fiveTupleOf } from '../slb/index';
import { parseTcpSegment } from '../tcp';
import { TOR_MAC } from './constants';
import { pingPayload, tcpFrame, udpFrame, type FrameAddresses } from './frames';
import { newPacket, portOf, type NetWorld } from './path';
import { clientTransmit, isClient, slbOf } from './slb-path';
import {
	BORDER_MAC,
	CLIENT_FIRST_PORT,
	CLIENT_MAX_RETRIES,
	CLIENT_RETRY_MS,
	SLB_ANSWER_MS,
	type SlbConnection
} from './slb-state';
import type { PacketRecord } from './state';

export const CLIENT_OPEN = 'slb.client-open';
export const CLIENT_RETRY = 'slb.client-retry';

const MAX_PORT = 65_535;
const EMPTY = new Uint8Array();

/** Opens the connections of a `client.connect` or `vm.connect` input, `intervalMs` apart. */
export function startConnections(world: NetWorld, input: InputEvent, ctx: SimContext): void {
	const slb = slbOf(world);
	const client = slb.config.clients.find((c) => c.name === input.client);
	const vm = input.type === 'vm.connect' ? (input.vm as string) : '';
	if (!client || (vm && !portOf(world.net, vm))) {
		ctx.log('input.ignored', { reason: `${input.type}: unknown client or VM` });
		return;
	}
	const count = (input.count as number | undefined) ?? 1;
	const intervalMs = (input.intervalMs as number | undefined) ?? 1000;
	const initiator = vm || client.name;
	const used = slb.connections.filter((c) => (c.vm || c.client) === initiator).length;
	for (let i = 0; i < count; i++) {
		const id = slb.connections.length + 1;
		slb.connections.push({
			id,
			client: client.name,
			clientIp: client.address,
			vm,
			vip: vm ? '' : (input.vip as string),
			protocol: input.protocol as 'tcp' | 'udp',
			srcPort: CLIENT_FIRST_PORT + ((used + i) % (MAX_PORT - CLIENT_FIRST_PORT + 1)),
			dstPort: input.port as number,
			sizeBytes: (input.sizeBytes as number | undefined) ?? 512,
			phase: input.protocol === 'tcp' ? 'syn' : 'request',
			clientSeq: (id * 104_729) >>> 0,
			serverSeq: (id * 130_363 + 7) >>> 0,
			tries: 0,
			dip: '',
			version: slb.healthVersion
		});
		ctx.schedule(i * intervalMs, CLIENT_OPEN, { conn: id });
	}
	const entry: Record<string, string | number> = { client: client.name };
	if (vm) entry.vm = vm;
	else entry.vip = input.vip as string;
	const what = { protocol: input.protocol as string, port: input.port as number, count };
	ctx.log('slb.connections-started', { ...entry, ...what });
}

/** Handles the initiators' timers; false for other events. */
export function handleClientEvent(
	world: NetWorld,
	type: string,
	data: EventData,
	ctx: SimContext
): boolean {
	if (type !== CLIENT_OPEN && type !== CLIENT_RETRY) return false;
	const conn = slbOf(world).connections[(data.conn as number) - 1];
	if (type === CLIENT_OPEN) return (send(world, conn, ctx), true);
	if (conn.tries !== data.tries || conn.phase === 'done' || conn.phase === 'failed') return true;
	if (conn.tries > CLIENT_MAX_RETRIES) {
		conn.phase = 'failed';
		const reason = `no answer after ${conn.tries} tries`;
		ctx.log('slb.connection-failed', { conn: conn.id, client: conn.client, reason });
		return true;
	}
	send(world, conn, ctx);
	return true;
}

/** The frame the initiator sends in the connection's current phase, and its summary. */
function initiatorFrame(conn: SlbConnection, a: FrameAddresses): [Uint8Array, string] {
	const ports = { srcPort: conn.srcPort, dstPort: conn.dstPort };
	const request = pingPayload(conn.sizeBytes);
	const [c, s, n] = [conn.clientSeq, conn.serverSeq, conn.sizeBytes];
	if (conn.protocol === 'udp') return [udpFrame(a, ports, request), 'UDP request'];
	if (conn.phase === 'syn') return [tcpFrame(a, ports, c, 0, { syn: true }, EMPTY), 'TCP SYN'];
	if (conn.phase === 'request') {
		const frame = tcpFrame(a, ports, c + 1, s + 1, { ack: true, psh: true }, request);
		return [frame, `TCP request ${n} B`];
	}
	return [tcpFrame(a, ports, c + 1 + n, s + 1 + n, { fin: true, ack: true }, EMPTY), 'TCP FIN'];
}

/** Sends the connection's current segment from its initiator and arms the retry timer. */
function send(world: NetWorld, conn: SlbConnection, ctx: SimContext): void {
	conn.tries++;
	const again = conn.tries > 1 ? ` (try ${conn.tries})` : '';
	if (conn.vm) {
		const port = portOf(world.net, conn.vm)!;
		const a = {
			srcMac: port.mac,
			dstMac: DISTRIBUTED_ROUTER_MAC,
			srcIp: port.ca,
			dstIp: conn.clientIp
		};
		const [frame, summary] = initiatorFrame(conn, a);
		const fields = {
			flow: 0,
			summary: summary + again,
			fromVm: conn.vm,
			frame,
			srcHost: port.host
		};
		const packet = newPacket(world.net, fields);
		ctx.schedule(0, 'slb.vm-tx', { packet: packet.id, conn: conn.id });
	} else {
		const a = { srcMac: BORDER_MAC, dstMac: TOR_MAC, srcIp: conn.clientIp, dstIp: conn.vip };
		const [frame, summary] = initiatorFrame(conn, a);
		const fields = { flow: 0, summary: summary + again, fromVm: conn.client, frame, srcHost: -2 };
		clientTransmit(world, newPacket(world.net, fields), { conn: conn.id }, ctx);
	}
	ctx.schedule(CLIENT_RETRY_MS, CLIENT_RETRY, { conn: conn.id, tries: conn.tries });
}

function ipOf(frame: Uint8Array): Uint8Array {
	const eth = parseEthernetFrame(frame);
	return eth.ok ? eth.value.payload : EMPTY;
}

function flagsOf(frame: Uint8Array) {
	const ip = parseIpv4Packet(ipOf(frame));
	const segment = ip.ok ? parseTcpSegment(ip.value.payload, ip.value) : undefined;
	return segment?.ok ? segment.value.flags : undefined;
}

/** A packet reached its end (a VM or a client): the responder answers or the initiator moves on. */
export function onSlbDelivered(
	world: NetWorld,
	packet: PacketRecord,
	data: EventData,
	ctx: SimContext
): void {
	const conn = slbOf(world).connections[(data.conn as number) - 1];
	const atVm = isClient(world, packet.fromVm);
	const atInitiator = conn.vm ? atVm : !atVm;
	if (!atInitiator) return answer(world, conn, packet, data, ctx, atVm);
	const flags = conn.protocol === 'tcp' ? flagsOf(packet.rx!) : undefined;
	const advance =
		conn.protocol === 'udp'
			? conn.phase === 'request'
			: conn.phase === 'syn'
				? flags?.syn === true
				: conn.phase === 'request'
					? flags?.psh === true
					: conn.phase === 'closing' && flags?.fin === true;
	if (!advance) return;
	if (conn.protocol === 'udp' || conn.phase === 'closing') {
		conn.phase = 'done';
		ctx.log('slb.connection-done', { conn: conn.id, client: conn.client, vm: conn.vm || conn.dip });
		return;
	}
	conn.phase = conn.phase === 'syn' ? 'request' : 'closing';
	conn.tries = 0;
	send(world, conn, ctx);
}

/** The responder (a DIP's service, or an internet client) answers after SLB_ANSWER_MS. */
function answer(
	world: NetWorld,
	conn: SlbConnection,
	packet: PacketRecord,
	data: EventData,
	ctx: SimContext,
	atVm: boolean
): void {
	const slb = slbOf(world);
	const t = fiveTupleOf(ipOf(packet.rx!));
	if (!t.ok) return;
	let a: FrameAddresses;
	if (atVm) {
		const vm = packet.toVm;
		if (conn.dip === '') {
			[conn.dip, conn.version] = [vm, slb.healthVersion];
			const key = `${String(data.lb)}/${vm}`;
			slb.dipConnections[key] = (slb.dipConnections[key] ?? 0) + 1;
		}
		const moved = conn.dip !== vm && conn.version === slb.healthVersion;
		const violation = moved ? `connection ${conn.id} reached ${vm} after ${conn.dip}` : undefined;
		checkSlbInvariant(slb, 'stableDip', violation, ctx, { packet: packet.id });
		const port = portOf(world.net, vm);
		if (!port) return;
		a = {
			srcMac: port.mac,
			dstMac: DISTRIBUTED_ROUTER_MAC,
			srcIp: t.value.dstIp,
			dstIp: t.value.srcIp
		};
	} else {
		a = { srcMac: BORDER_MAC, dstMac: TOR_MAC, srcIp: t.value.dstIp, dstIp: t.value.srcIp };
	}
	const ports = { srcPort: t.value.dstPort, dstPort: t.value.srcPort };
	const response = pingPayload(conn.sizeBytes);
	const [c, s, n] = [conn.clientSeq, conn.serverSeq, conn.sizeBytes];
	const f = conn.protocol === 'tcp' ? flagsOf(packet.rx!) : undefined;
	let frame: Uint8Array;
	let summary: string;
	if (conn.protocol === 'udp') [frame, summary] = [udpFrame(a, ports, response), 'UDP response'];
	else if (f?.syn) {
		frame = tcpFrame(a, ports, s, c + 1, { syn: true, ack: true }, EMPTY);
		summary = 'TCP SYN/ACK';
	} else if (f?.fin) {
		frame = tcpFrame(a, ports, s + 1 + n, c + 2 + n, { fin: true, ack: true }, EMPTY);
		summary = 'TCP FIN/ACK';
	} else {
		frame = tcpFrame(a, ports, s + 1, c + 1 + n, { ack: true, psh: true }, response);
		summary = `TCP response ${n} B`;
	}
	const from = atVm ? packet.toVm : conn.client;
	const srcHost = atVm ? (portOf(world.net, from)?.host ?? -1) : -2;
	const reply = newPacket(world.net, { flow: 0, summary, fromVm: from, frame, srcHost });
	const next = { packet: reply.id, conn: conn.id, lb: String(data.lb ?? '') };
	ctx.schedule(SLB_ANSWER_MS, atVm ? 'slb.vm-tx' : 'slb.client-tx', next);
}

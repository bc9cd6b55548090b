/**
 * Internet clients talking to VIPs, and the DIPs' services answering them (FACTS §4.2). A
 * `client.connect` opens `count` connections one `intervalMs` apart from successive source ports.
 * TCP: SYN → SYN/ACK → ACK with the request → response → FIN → FIN/ACK; UDP: request → response.
 * An unanswered segment is sent again (CLIENT_RETRY_MS, CLIENT_MAX_RETRIES). The services are
 * stateless: each answers the segment it receives, with sequence numbers from the connection.
 */
import type { EventData, InputEvent, SimContext } from '../../kernel/types';
import { parseEthernetFrame } from '../ethernet';
import { DISTRIBUTED_ROUTER_MAC } from '../hnv/constants';
import { parseIpv4Packet } from '../ipv4';
import { parseTcpSegment } from '../tcp';
import { fiveTupleOf } from '../slb/index';
import { TOR_MAC } from './constants';
import { pingPayload, tcpFrame, udpFrame } from './frames';
import { newPacket, portOf, type NetWorld } from './path';
import {
	BORDER_MAC,
	CLIENT_FIRST_PORT,
	CLIENT_MAX_RETRIES,
	CLIENT_RETRY_MS,
	SLB_ANSWER_MS,
	type SlbConnection
} from './slb-state';
import { clientTransmit, currentLbs, slbOf } from './slb-path';
import { checkSlbInvariant } from '../../invariants/slb';
import type { PacketRecord } from './state';

export const CLIENT_OPEN = 'slb.client-open';
export const CLIENT_RETRY = 'slb.client-retry';

const MAX_PORT = 65_535;

/** Opens the connections of a `client.connect` input, one `intervalMs` apart. */
export function startConnections(world: NetWorld, input: InputEvent, ctx: SimContext): void {
	const slb = slbOf(world);
	const client = slb.config.clients.find((c) => c.name === input.client);
	if (!client) {
		ctx.log('input.ignored', { reason: `no client named ${String(input.client)}` });
		return;
	}
	const count = (input.count as number | undefined) ?? 1;
	const intervalMs = (input.intervalMs as number | undefined) ?? 1000;
	const used = slb.connections.filter((c) => c.client === client.name).length;
	for (let i = 0; i < count; i++) {
		const id = slb.connections.length + 1;
		slb.connections.push({
			id,
			client: client.name,
			clientIp: client.address,
			vip: input.vip as string,
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
	ctx.log('slb.connections-started', {
		client: client.name,
		vip: input.vip as string,
		protocol: input.protocol as string,
		port: input.port as number,
		count
	});
}

/** Handles the clients' timers; false for other events. */
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
		ctx.log('slb.connection-failed', {
			conn: conn.id,
			client: conn.client,
			reason: `no answer after ${conn.tries} tries`
		});
		return true;
	}
	send(world, conn, ctx);
	return true;
}

/** Sends the connection's current segment and arms its retry timer. */
function send(world: NetWorld, conn: SlbConnection, ctx: SimContext): void {
	conn.tries++;
	const a = { srcMac: BORDER_MAC, dstMac: TOR_MAC, srcIp: conn.clientIp, dstIp: conn.vip };
	const ports = { srcPort: conn.srcPort, dstPort: conn.dstPort };
	const request = pingPayload(conn.sizeBytes);
	let frame: Uint8Array;
	let summary: string;
	if (conn.protocol === 'udp') {
		[frame, summary] = [udpFrame(a, ports, request), 'UDP request'];
	} else if (conn.phase === 'syn') {
		[frame, summary] = [
			tcpFrame(a, ports, conn.clientSeq, 0, { syn: true }, new Uint8Array()),
			'TCP SYN'
		];
	} else if (conn.phase === 'request') {
		const seq = conn.clientSeq + 1;
		frame = tcpFrame(a, ports, seq, conn.serverSeq + 1, { ack: true, psh: true }, request);
		summary = `TCP request ${conn.sizeBytes} B`;
	} else {
		const seq = conn.clientSeq + 1 + conn.sizeBytes;
		frame = tcpFrame(
			a,
			ports,
			seq,
			conn.serverSeq + 1 + conn.sizeBytes,
			{ fin: true, ack: true },
			new Uint8Array()
		);
		summary = 'TCP FIN';
	}
	const again = conn.tries > 1 ? ` (try ${conn.tries})` : '';
	const packet = newPacket(world.net, {
		flow: 0,
		summary: `${summary}${again}`,
		fromVm: conn.client,
		frame,
		srcHost: -2
	});
	clientTransmit(world, packet, { conn: conn.id }, ctx);
	ctx.schedule(CLIENT_RETRY_MS, CLIENT_RETRY, { conn: conn.id, tries: conn.tries });
}

const segmentOf = (frame: Uint8Array) => {
	const eth = parseEthernetFrame(frame);
	const ip = eth.ok ? parseIpv4Packet(eth.value.payload) : undefined;
	return ip?.ok ? parseTcpSegment(ip.value.payload, ip.value) : undefined;
};

/** A load-balanced packet reached its end: the DIP's service answers, or the client moves on. */
export function onSlbDelivered(
	world: NetWorld,
	packet: PacketRecord,
	data: EventData,
	ctx: SimContext
): void {
	const slb = slbOf(world);
	const conn = slb.connections[(data.conn as number) - 1];
	if (packet.fromVm === conn.client) return serve(world, conn, packet, data, ctx);
	const segment = conn.protocol === 'tcp' ? segmentOf(packet.rx!) : undefined;
	const flags = segment?.ok ? segment.value.flags : undefined;
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
		ctx.log('slb.connection-done', { conn: conn.id, client: conn.client, vm: conn.dip });
		return;
	}
	conn.phase = conn.phase === 'syn' ? 'request' : 'closing';
	conn.tries = 0;
	send(world, conn, ctx);
}

/** The DIP's service answers the segment it received, after SLB_ANSWER_MS. */
function serve(
	world: NetWorld,
	conn: SlbConnection,
	packet: PacketRecord,
	data: EventData,
	ctx: SimContext
) {
	const slb = slbOf(world);
	const vm = packet.toVm;
	const lb = data.lb as string;
	if (conn.dip === '') {
		conn.dip = vm;
		conn.version = slb.healthVersion;
		slb.dipConnections[`${lb}/${vm}`] = (slb.dipConnections[`${lb}/${vm}`] ?? 0) + 1;
	}
	const moved = conn.dip !== vm && conn.version === slb.healthVersion;
	checkSlbInvariant(
		slb,
		'stableDip',
		moved ? `connection ${conn.id} reached ${vm} after ${conn.dip}` : undefined,
		ctx,
		{ packet: packet.id }
	);
	const eth = parseEthernetFrame(packet.rx!);
	const ip = eth.ok ? eth.value.payload : new Uint8Array();
	const t = fiveTupleOf(ip);
	const member = currentLbs(world)
		.find((l) => l.name === lb)
		?.backend.find((m) => m.vm === vm);
	const host = portOf(world.net, vm)?.host;
	if (!t.ok || !member || host === undefined) return;
	const a = {
		srcMac: member.mac,
		dstMac: DISTRIBUTED_ROUTER_MAC,
		srcIp: t.value.dstIp,
		dstIp: t.value.srcIp
	};
	const ports = { srcPort: t.value.dstPort, dstPort: t.value.srcPort };
	const response = pingPayload(conn.sizeBytes);
	let frame: Uint8Array;
	let summary: string;
	const segment = conn.protocol === 'tcp' ? segmentOf(packet.rx!) : undefined;
	const f = segment?.ok ? segment.value.flags : undefined;
	const s = conn.serverSeq;
	const c = conn.clientSeq;
	if (conn.protocol === 'udp') [frame, summary] = [udpFrame(a, ports, response), 'UDP response'];
	else if (f?.syn)
		[frame, summary] = [
			tcpFrame(a, ports, s, c + 1, { syn: true, ack: true }, new Uint8Array()),
			'TCP SYN/ACK'
		];
	else if (f?.fin) {
		frame = tcpFrame(
			a,
			ports,
			s + 1 + conn.sizeBytes,
			c + 2 + conn.sizeBytes,
			{ fin: true, ack: true },
			new Uint8Array()
		);
		summary = 'TCP FIN/ACK';
	} else {
		frame = tcpFrame(a, ports, s + 1, c + 1 + conn.sizeBytes, { ack: true, psh: true }, response);
		summary = `TCP response ${conn.sizeBytes} B`;
	}
	const reply = newPacket(world.net, { flow: 0, summary, fromVm: vm, frame, srcHost: host });
	ctx.schedule(SLB_ANSWER_MS, 'slb.vm-tx', { packet: reply.id, conn: conn.id, lb });
}

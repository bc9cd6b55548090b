/**
 * Tenant VMs' network stacks, as far as flows need them: `flow.start` schedules ticks; before the
 * first packet to an address the VM asks ARP (answered by its host agent); ICMP echo requests get
 * echo replies; TCP does a handshake, data segments each acknowledged, and a FIN/ACK close; UDP
 * datagrams get no answer.
 */
import type { EventData, SimContext } from '../../kernel/types';
import { parseEthernetFrame } from '../ethernet';
import { ICMP_ECHO_REPLY, ICMP_ECHO_REQUEST, parseIcmpMessage } from '../icmp';
import { IP_PROTOCOL_ICMP, IP_PROTOCOL_TCP, parseIpv4Packet } from '../ipv4';
import { findVsid } from '../hnv/policy';
import { ipv4ToNumber, parsePrefix, prefixContains } from '../hnv/prefix';
import { parseTcpSegment } from '../tcp';
import { HOST_AGENT_ARP_MS, VM_REPLY_MS } from './constants';
import {
	type FrameAddresses,
	arpRequestFrame,
	icmpEchoFrame,
	pingPayload,
	tcpFrame,
	udpFrame
} from './frames';
import {
	type NetWorld,
	askHostAgent,
	capture,
	dropPacket,
	newPacket,
	portOf,
	transmit
} from './path';
import type { FlowRecord, PacketRecord } from './state';

export const FLOW_TICK = 'flow.tick';
export const ARP_REPLY = 'arp.reply';

/** CHOICE: the first ephemeral TCP/UDP source port (IANA dynamic range, RFC 6335). */
export const EPHEMERAL_PORT_BASE = 49_152;

/** The fields of a `flow.start` input the model uses (defaults already filled). */
export interface FlowSpec {
	from: string;
	to: string;
	protocol: 'icmp' | 'tcp' | 'udp';
	count: number;
	sizeBytes: number;
	intervalMs: number;
	dstPort: number;
}

/** Starts a flow now: logs it and schedules its first tick. */
export function startFlow(world: NetWorld, spec: FlowSpec, ctx: SimContext): void {
	const net = world.net;
	const id = net.flows.length + 1;
	const flow: FlowRecord = {
		id,
		...spec,
		srcPort: EPHEMERAL_PORT_BASE + ((id - 1) % 16_384),
		answered: 0,
		sentAtMs: {},
		tcp: null
	};
	net.flows.push(flow);
	ctx.log('flow.started', {
		flow: id,
		vm: spec.from,
		to: spec.to,
		protocol: spec.protocol,
		count: spec.count,
		sizeBytes: spec.sizeBytes
	});
	ctx.schedule(0, FLOW_TICK, { flow: id, n: spec.protocol === 'tcp' ? 0 : 1 });
}

/** Handles flow ticks and ARP replies; false for other events. */
export function handleTrafficEvent(
	world: NetWorld,
	type: string,
	data: EventData,
	ctx: SimContext
): boolean {
	if (type === FLOW_TICK) {
		tick(world, world.net.flows[(data.flow as number) - 1], data.n as number, ctx);
		return true;
	}
	if (type === ARP_REPLY) {
		const flow = world.net.flows[(data.flow as number) - 1];
		const reply = world.net.packets[(data.packet as number) - 1];
		const port = portOf(world.net, flow.from)!;
		if (!world.nodeUp[port.host]) return true; // the VM stopped with its server
		capture(world.net, world.net.vnicInterface[flow.from], reply.frame, ctx, `packet ${reply.id}`);
		world.net.arp[flow.from][data.ip as string] = data.mac as string;
		ctx.log('arp.reply', { packet: reply.id, vm: flow.from, ip: data.ip, mac: data.mac });
		send(world, flow, data.n as number, ctx);
		return true;
	}
	return false;
}

/** One tick of a flow: packet n (TCP: 0 = SYN, then data segment n). */
function tick(world: NetWorld, flow: FlowRecord, n: number, ctx: SimContext): void {
	const chained = flow.protocol !== 'tcp' || n >= 1;
	if (chained && n < flow.count)
		ctx.schedule(flow.intervalMs, FLOW_TICK, { flow: flow.id, n: n + 1 });
	const net = world.net;
	const port = portOf(net, flow.from)!;
	const nextHop = nextHopIp(world, flow);
	if (net.arp[flow.from][nextHop] !== undefined) return send(world, flow, n, ctx);
	const request = newPacket(net, {
		flow: flow.id,
		summary: `ARP who has ${nextHop}`,
		fromVm: flow.from,
		frame: arpRequestFrame(port.mac, port.ca, nextHop),
		srcHost: port.host
	});
	if (world.nodeUp[port.host]) {
		capture(net, net.vnicInterface[flow.from], request.frame, ctx, `packet ${request.id}`);
		ctx.log('arp.request', { packet: request.id, vm: flow.from, ip: nextHop });
	}
	const answer = askHostAgent(world, flow.from, port.host, request.frame);
	if ('reason' in answer) return dropPacket(world, request, flow.from, answer.reason, ctx);
	const reply = newPacket(net, {
		flow: flow.id,
		summary: `ARP ${nextHop} is at ${answer.mac}`,
		fromVm: flow.from,
		frame: answer.frame,
		srcHost: port.host
	});
	ctx.schedule(HOST_AGENT_ARP_MS, ARP_REPLY, {
		flow: flow.id,
		n,
		packet: reply.id,
		ip: nextHop,
		mac: answer.mac
	});
}

/** The address the VM ARPs for: the destination in its own subnet, else the default gateway. */
function nextHopIp(world: NetWorld, flow: FlowRecord): string {
	const src = portOf(world.net, flow.from)!;
	const dst = portOf(world.net, flow.to)!;
	const prefix = parsePrefix(src.subnetPrefix)!;
	if (prefixContains(prefix, ipv4ToNumber(dst.ca)!)) return dst.ca;
	return findVsid(world.net.policy, src.vsid)!.gateway;
}

/** Sends packet n of a flow (the next hop's MAC is in the ARP cache). */
function send(world: NetWorld, flow: FlowRecord, n: number, ctx: SimContext): void {
	const net = world.net;
	const src = portOf(net, flow.from)!;
	const dst = portOf(net, flow.to)!;
	const a: FrameAddresses = {
		srcMac: src.mac,
		dstMac: net.arp[flow.from][nextHopIp(world, flow)],
		srcIp: src.ca,
		dstIp: dst.ca
	};
	const ports = { srcPort: flow.srcPort, dstPort: flow.dstPort };
	let frame: Uint8Array;
	let summary: string;
	if (flow.protocol === 'icmp') {
		frame = icmpEchoFrame(a, 'echo-request', flow.id, n, pingPayload(flow.sizeBytes));
		summary = `ICMP echo request seq ${n}`;
		flow.sentAtMs[String(n)] = ctx.nowMs;
	} else if (flow.protocol === 'udp') {
		frame = udpFrame(a, ports, pingPayload(flow.sizeBytes));
		summary = `UDP ${flow.srcPort} → ${flow.dstPort} datagram ${n}`;
	} else if (n === 0) {
		const isn = ctx.rng.int(0, 0xffff_ffff);
		flow.tcp = {
			clientSeq: (isn + 1) >>> 0,
			serverSeq: 0,
			srcPort: flow.srcPort,
			dstPort: flow.dstPort,
			phase: 'syn-sent',
			dataSent: 0,
			dataAcked: 0
		};
		frame = tcpFrame(a, ports, isn, 0, { syn: true }, new Uint8Array(0));
		summary = `TCP SYN ${flow.srcPort} → ${flow.dstPort}`;
	} else {
		const tcp = flow.tcp;
		if (!tcp || tcp.phase !== 'established') return; // the handshake did not complete
		const payload = pingPayload(flow.sizeBytes);
		frame = tcpFrame(a, ports, tcp.clientSeq, tcp.serverSeq, { ack: true, psh: true }, payload);
		tcp.clientSeq = (tcp.clientSeq + payload.length) >>> 0;
		tcp.dataSent++;
		summary = `TCP data segment ${n} (${flow.sizeBytes} bytes)`;
	}
	transmit(
		world,
		newPacket(net, { flow: flow.id, summary, fromVm: flow.from, frame, srcHost: src.host }),
		ctx
	);
}

/** The receiving VM's stack reacts to a delivered frame. */
export function onDelivered(world: NetWorld, packet: PacketRecord, ctx: SimContext): void {
	const flow = world.net.flows[packet.flow - 1];
	if (!flow) return;
	const eth = parseEthernetFrame(packet.rx!);
	if (!eth.ok) return;
	const ip = parseIpv4Packet(eth.value.payload);
	if (!ip.ok) return;
	const me = portOf(world.net, packet.toVm)!;
	const back: FrameAddresses = {
		srcMac: me.mac,
		dstMac: eth.value.srcMac,
		srcIp: ip.value.dstIp,
		dstIp: ip.value.srcIp
	};
	const reply = (frame: Uint8Array, summary: string) => {
		const record = newPacket(world.net, {
			flow: flow.id,
			summary,
			fromVm: packet.toVm,
			frame,
			srcHost: me.host
		});
		transmit(world, record, ctx, VM_REPLY_MS);
	};
	if (ip.value.protocol === IP_PROTOCOL_ICMP) {
		const icmp = parseIcmpMessage(ip.value.payload);
		if (!icmp.ok || !icmp.value.echo) return;
		const { identifier, sequence } = icmp.value.echo;
		if (icmp.value.type === ICMP_ECHO_REQUEST) {
			const frame = icmpEchoFrame(back, 'echo-reply', identifier, sequence, icmp.value.payload);
			return reply(frame, `ICMP echo reply seq ${sequence}`);
		}
		if (icmp.value.type === ICMP_ECHO_REPLY) {
			flow.answered++;
			const sentAt = flow.sentAtMs[String(sequence)];
			const rttMs = sentAt === undefined ? -1 : Math.round((ctx.nowMs - sentAt) * 1e6) / 1e6;
			ctx.log('ping.reply', { flow: flow.id, vm: packet.toVm, seq: sequence, rttMs });
		}
		return;
	}
	if (ip.value.protocol === IP_PROTOCOL_TCP)
		return onTcp(world, flow, packet, ip.value, back, reply, ctx);
	flow.answered++; // UDP: delivered, no answer
}

function onTcp(
	world: NetWorld,
	flow: FlowRecord,
	packet: PacketRecord,
	ip: { srcIp: string; dstIp: string; payload: Uint8Array },
	back: FrameAddresses,
	reply: (frame: Uint8Array, summary: string) => void,
	ctx: SimContext
): void {
	const tcp = flow.tcp;
	const seg = parseTcpSegment(ip.payload, { srcIp: ip.srcIp, dstIp: ip.dstIp });
	if (!tcp || !seg.ok) return;
	const { flags, seq } = seg.value;
	const len = seg.value.payload.length;
	const ports = { srcPort: seg.value.dstPort, dstPort: seg.value.srcPort };
	const empty = new Uint8Array(0);
	if (packet.toVm === flow.to) {
		// Server side.
		if (flags.syn && !flags.ack) {
			const isn = ctx.rng.int(0, 0xffff_ffff);
			tcp.serverSeq = (isn + 1) >>> 0;
			const f = tcpFrame(back, ports, isn, seq + 1, { syn: true, ack: true }, empty);
			return reply(f, `TCP SYN-ACK ${ports.srcPort} → ${ports.dstPort}`);
		}
		if (flags.fin) {
			const f = tcpFrame(
				back,
				ports,
				tcp.serverSeq,
				seq + len + 1,
				{ fin: true, ack: true },
				empty
			);
			tcp.serverSeq = (tcp.serverSeq + 1) >>> 0;
			return reply(f, 'TCP FIN-ACK (server)');
		}
		if (len > 0) {
			const f = tcpFrame(back, ports, tcp.serverSeq, seq + len, { ack: true }, empty);
			return reply(f, `TCP ACK of ${len} bytes`);
		}
		if (tcp.phase === 'fin-sent') {
			tcp.phase = 'closed';
			ctx.log('tcp.closed', { flow: flow.id, vm: flow.to });
		}
		return;
	}
	// Client side.
	if (flags.syn && flags.ack && tcp.phase === 'syn-sent') {
		tcp.phase = 'established';
		const f = tcpFrame(back, ports, tcp.clientSeq, seq + 1, { ack: true }, empty);
		reply(f, 'TCP ACK (handshake)');
		ctx.log('tcp.established', { flow: flow.id, vm: flow.from, to: flow.to });
		ctx.schedule(VM_REPLY_MS, FLOW_TICK, { flow: flow.id, n: 1 });
		return;
	}
	if (flags.fin) {
		const f = tcpFrame(back, ports, tcp.clientSeq, seq + 1, { ack: true }, empty);
		reply(f, 'TCP ACK of FIN');
		return;
	}
	if (flags.ack && len === 0 && tcp.phase === 'established') {
		tcp.dataAcked++;
		flow.answered++;
		if (tcp.dataAcked >= flow.count) {
			tcp.phase = 'fin-sent';
			const f = tcpFrame(
				back,
				ports,
				tcp.clientSeq,
				tcp.serverSeq,
				{ fin: true, ack: true },
				empty
			);
			tcp.clientSeq = (tcp.clientSeq + 1) >>> 0;
			reply(f, 'TCP FIN-ACK (client)');
		}
	}
}

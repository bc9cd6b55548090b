/**
 * The per-port connection table that makes the firewall stateful (FACTS §5.2 "stateful"; FACTS §5.3
 * "replies need no rule; changes affect new connections only", Azure NSG semantics, ASSUMED for
 * SDN ACLs). A record keyed by a canonical flow key, in insertion order; entries expire lazily,
 * judged from the packet's time, so no timers are needed.
 */
import { flowKey, idleTimeoutMs } from './acl-flow-key';
import { protocolName } from './acl-match';
import type { AclDirection, AclRuleRef, FlowPacket, FlowTuple } from './acl-types';

/**
 * MODELLING CHOICE for TCP: only a pure SYN opens an entry (a mid-stream segment allowed by a rule
 * passes untracked); the reply's SYN+ACK makes it established; RST closes it at once; after both
 * sides' FINs, the next pure ACK (the last of the close) removes it. No TIME_WAIT is kept.
 */
export type TcpConnectionState = 'syn-sent' | 'established' | 'closing';

/** One tracked flow, oriented from the side that opened it. */
export interface ConnectionEntry {
	key: string;
	/** Direction of the packet that opened the flow. */
	direction: AclDirection;
	/** 'tcp' | 'udp' | 'icmp' (echo) | another IP protocol number. */
	protocol: FlowTuple['protocol'];
	/** TCP only ('' for others). */
	tcpState: TcpConnectionState | '';
	finFromInitiator: boolean;
	finFromResponder: boolean;
	openedAtMs: number;
	lastSeenMs: number;
	/** The rule that allowed the opening packet. */
	admittedBy: AclRuleRef | null;
	packets: number;
}

/** A port's firewall state: plain data, cloned by checkpoints. Keys keep insertion order. */
export interface PortFirewallState {
	connections: Record<string, ConnectionEntry>;
}

/** A tracked flow found for a packet, and which side sent the packet. */
export interface ConnectionMatch {
	entry: ConnectionEntry;
	role: 'initiator' | 'responder';
}

/** Whether `entry` has been idle for its whole timeout at `nowMs` (simulated ms). */
export function isExpired(entry: ConnectionEntry, nowMs: number): boolean {
	return nowMs - entry.lastSeenMs >= idleTimeoutMs(entry.protocol);
}

/**
 * The tracked flow `packet` belongs to, if any, removing it instead when it has expired, or when a
 * pure SYN reuses the ports of a flow past its handshake (that is a new connection).
 */
export function findConnection(
	state: PortFirewallState,
	packet: FlowPacket,
	direction: AclDirection,
	nowMs: number
): ConnectionMatch | null {
	for (const role of ['initiator', 'responder'] as const) {
		const key = flowKey(packet, role === 'responder');
		const entry = key === null ? undefined : state.connections[key];
		if (!entry || (entry.direction === direction) !== (role === 'initiator')) continue;
		const flags = packet.tcpFlags;
		const newSyn =
			role === 'initiator' && flags?.syn && !flags.ack && entry.tcpState !== 'syn-sent';
		if (isExpired(entry, nowMs) || newSyn) {
			delete state.connections[entry.key];
			return null;
		}
		return { entry, role };
	}
	return null;
}

/** Opens an entry for an allowed packet that starts a trackable flow; returns it, or null. */
export function openConnection(
	state: PortFirewallState,
	packet: FlowPacket,
	direction: AclDirection,
	nowMs: number,
	admittedBy: AclRuleRef | null
): ConnectionEntry | null {
	const key = flowKey(packet, false);
	const protocol = protocolName(packet.protocol);
	const flags = packet.tcpFlags;
	if (key === null || (protocol === 'tcp' && !(flags?.syn && !flags.ack))) return null;
	const entry: ConnectionEntry = {
		key,
		direction,
		protocol,
		tcpState: protocol === 'tcp' ? 'syn-sent' : '',
		finFromInitiator: false,
		finFromResponder: false,
		openedAtMs: nowMs,
		lastSeenMs: nowMs,
		admittedBy,
		packets: 1
	};
	state.connections[key] = entry;
	return entry;
}

/** Records a packet of a tracked flow; returns the flow's state after it ('closed' if removed). */
export function touchConnection(
	state: PortFirewallState,
	match: ConnectionMatch,
	packet: FlowPacket,
	nowMs: number
): string {
	const { entry, role } = match;
	entry.lastSeenMs = nowMs;
	entry.packets += 1;
	const flags = packet.tcpFlags;
	if (entry.tcpState === '' || !flags) return entry.tcpState || 'tracked';
	const bothFins = entry.finFromInitiator && entry.finFromResponder;
	if (flags.rst || (bothFins && flags.ack && !flags.fin && !flags.syn)) {
		delete state.connections[entry.key];
		return 'closed';
	}
	if (role === 'responder' && flags.syn && flags.ack && entry.tcpState === 'syn-sent') {
		entry.tcpState = 'established';
	}
	if (flags.fin) {
		if (role === 'initiator') entry.finFromInitiator = true;
		else entry.finFromResponder = true;
		entry.tcpState = 'closing';
	}
	return entry.tcpState;
}

/** Removes every expired entry (for callers that want to bound the table); returns how many. */
export function sweepExpiredConnections(state: PortFirewallState, nowMs: number): number {
	let removed = 0;
	for (const key of Object.keys(state.connections)) {
		if (isExpired(state.connections[key], nowMs)) {
			delete state.connections[key];
			removed += 1;
		}
	}
	return removed;
}

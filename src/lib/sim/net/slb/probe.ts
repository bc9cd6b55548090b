/**
 * Health probes (FACTS §4.4). The SLB host agent on the DIP's own host probes the DIP, never the
 * MUX, from the subnet's first address; a DIP that is not healthy gets no traffic. One
 * ProbeState per (load balancer, probe, pool member); the model schedules a probe every
 * `intervalMs` and feeds the results to recordProbe. States are plain data; functions return copies.
 */
import { IP_PROTOCOL_TCP, buildIpv4Packet } from '../ipv4';
import { buildTcpSegment } from '../tcp';
import { gatewayOf, parsePrefix } from '../hnv/prefix';
import type { BackendDip, HealthProbe, LbRule, LoadBalancer } from './types';

/** What a learner sees about one DIP's health under one probe. */
export interface ProbeState {
	lb: string;
	probe: string;
	vm: string;
	dip: string;
	/** The probe's source address: the first address of the DIP's subnet (FACTS §4.4). */
	source: string;
	healthy: boolean;
	consecutiveOk: number;
	consecutiveFail: number;
	/** Probes sent so far; also picks each probe's source port. */
	sent: number;
	lastProbeMs: number | null;
	/** When `healthy` last changed (simulated ms). */
	sinceMs: number;
}

/** What a probe finds on the DIP: is the VM up, which ports listen, what its HTTP path returns. */
export interface ProbeTarget {
	running: boolean;
	listeningPorts: readonly number[];
	/** Status the VM answers the probe's path with (HTTP probes); default 200 when listening. */
	httpStatus?: number;
}

/** Key of a ProbeState and of the health view MUXes use: "lb/probe/vm". */
export function probeKey(lb: string, probe: string, vm: string): string {
	return `${lb}/${probe}/${vm}`;
}

/**
 * The probe source for a DIP's subnet: its first address, the one the docs warn never to block
 * (FACTS §4.4), e.g. 10.0.1.1 in 10.0.1.0/24. It is also the subnet's default gateway (hnv).
 */
export function probeSource(subnetPrefix: string): string {
	const prefix = parsePrefix(subnetPrefix);
	if (!prefix || prefix.length > 30) throw new RangeError(`no host addresses in ${subnetPrefix}`);
	return gatewayOf(prefix);
}

/**
 * CHOICE (FACTS §4.4 says only that N consecutive successes make a DIP healthy): a new DIP starts
 * unhealthy and must pass `numberOfProbes` probes first; pass `healthy = true` to start a
 * scenario with a warmed-up pool.
 */
export function newProbeState(
	lb: string,
	probe: HealthProbe,
	member: BackendDip,
	nowMs: number,
	healthy = false
): ProbeState {
	const source = probeSource(member.subnetPrefix);
	const counts = { consecutiveOk: 0, consecutiveFail: 0, sent: 0, lastProbeMs: null };
	return {
		lb,
		probe: probe.name,
		vm: member.vm,
		dip: member.dip,
		source,
		healthy,
		...counts,
		sinceMs: nowMs
	};
}

/** Whether a probe succeeds: TCP needs the port to accept, HTTP also a 200 answer (FACTS §4.4). */
export function probeSucceeds(probe: HealthProbe, target: ProbeTarget): boolean {
	const accepts = target.running && target.listeningPorts.includes(probe.port);
	return accepts && (probe.protocol === 'tcp' || (target.httpStatus ?? 200) === 200);
}

/**
 * The state after one probe result at `nowMs`. CHOICE (FACTS §4.4 gives the threshold for
 * becoming healthy only): the threshold is symmetric, so `numberOfProbes` consecutive failures
 * mark a healthy DIP unhealthy, as `numberOfProbes` consecutive successes mark it healthy again.
 */
export function recordProbe(
	state: ProbeState,
	probe: HealthProbe,
	ok: boolean,
	nowMs: number
): ProbeState {
	const consecutiveOk = ok ? state.consecutiveOk + 1 : 0;
	const consecutiveFail = ok ? 0 : state.consecutiveFail + 1;
	const threshold = Math.max(1, probe.numberOfProbes);
	const healthy = state.healthy ? consecutiveFail < threshold : consecutiveOk >= threshold;
	const sinceMs = healthy === state.healthy ? state.sinceMs : nowMs;
	const sent = state.sent + 1;
	return { ...state, healthy, consecutiveOk, consecutiveFail, sent, lastProbeMs: nowMs, sinceMs };
}

/** When the next probe is due: `intervalMs` after the last one (or now, if none yet). */
export function nextProbeMs(state: ProbeState, probe: HealthProbe, nowMs: number): number {
	return state.lastProbeMs === null ? nowMs : state.lastProbeMs + probe.intervalMs;
}

/**
 * The first packet of the next probe: a TCP SYN from the subnet's first address to DIP:port
 * (an HTTP probe's request would follow the handshake; its answer is judged by probeSucceeds).
 * CHOICE (FACTS §4.4 names no ports): the source port is 49152 + (probes sent mod 16384),
 * cycling through the dynamic range (RFC 6335 §6).
 */
export function buildProbePacket(state: ProbeState, probe: HealthProbe): Uint8Array {
	const srcPort = 49152 + (state.sent % 16384);
	const flags = { syn: true, ack: false, fin: false, rst: false, psh: false };
	const addresses = { srcIp: state.source, dstIp: state.dip };
	const fields = { srcPort, dstPort: probe.port, seq: 0, ackNumber: 0, flags, window: 64240 };
	const tcp = buildTcpSegment(fields, new Uint8Array(), addresses);
	return buildIpv4Packet({ ...addresses, protocol: IP_PROTOCOL_TCP }, tcp);
}

/** The health view a MUX works from: probeKey → healthy, from the host agents' probe states. */
export function healthView(states: readonly ProbeState[]): Record<string, boolean> {
	const view: Record<string, boolean> = {};
	for (const s of states) view[probeKey(s.lb, s.probe, s.vm)] = s.healthy;
	return view;
}

/** The pool members a rule may send new connections to: those its probe reports healthy. */
export function healthyMembers(
	lb: LoadBalancer,
	rule: LbRule,
	health: Readonly<Record<string, boolean>>
): BackendDip[] {
	return lb.backend.filter((m) => health[probeKey(lb.name, rule.probe, m.vm)] === true);
}

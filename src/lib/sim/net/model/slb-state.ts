/**
 * The Software Load Balancer's part of the model state (FACTS §4), plain data like the rest of
 * NetState: the scenario's SLB in net/slb terms, where each MUX VM runs and whether it runs, the
 * TOR's BGP sessions and routes, probe states and the health the MUXes use, the host agents' NAT
 * tables, the internet clients' connections, counters, capture points and invariant records.
 */
import type { CaptureInterface } from '../../export/pcapng';
import type { SlbConfig } from '../../scenario/slb-config';
import {
	emptyNatTable,
	healthView,
	newProbeState,
	openSession,
	routeTable,
	type BgpSession,
	type NatTable,
	type ProbeState,
	type VipRoute
} from '../slb/index';
import type { Simplification } from '../../simplifications';

/** CHOICE: MUX i (a VM) runs on server i modulo the server count (the hub spreads its SLB VMs). */
export function muxHost(index: number, nodes: number): number {
	return index % nodes;
}

/** CHOICE: one-way latency between the border router and the TOR (ms), like HOST_TO_TOR_MS. */
export const BORDER_TO_TOR_MS = 0.03;
/** CHOICE: a MUX VM handles a packet (receive, choose a DIP, encapsulate) in this long (ms). */
export const MUX_PROCESS_MS = 0.01;
/** CHOICE: an internet client or a DIP's service answers a segment after this long (ms). */
export const SLB_ANSWER_MS = 0.05;
/** CHOICE: a client resends an unanswered segment after this long (ms), at most this many times. */
export const CLIENT_RETRY_MS = 1000;
export const CLIENT_MAX_RETRIES = 3;
/** CHOICE: the first source port of an internet client's connections (the ephemeral range). */
export const CLIENT_FIRST_PORT = 49152;
/** The border router's name (the internet edge; the MUXes peer with the TOR, FACTS §4.1). */
export const BORDER_NAME = 'Border';
/** CHOICE: the border router's MAC (arbitrary, locally plausible). */
export const BORDER_MAC = '00:25:b5:00:00:fe';

/**
 * Where a client connection is: TCP goes syn → established (ACK + request sent) → closing
 * (FIN sent) → done; UDP goes request → done. 'failed' after the last retry.
 */
export type ConnectionPhase = 'syn' | 'request' | 'closing' | 'done' | 'failed';

export interface SlbConnection {
	id: number;
	client: string;
	clientIp: string;
	/** The VM that opened it (`vm.connect`, outbound NAT), or '' when the client did. */
	vm: string;
	/** The VIP the client connects to ('' for a VM's outbound connection). */
	vip: string;
	protocol: 'tcp' | 'udp';
	srcPort: number;
	dstPort: number;
	sizeBytes: number;
	phase: ConnectionPhase;
	/** Client's next sequence number and the server's (TCP). */
	clientSeq: number;
	serverSeq: number;
	/** Times the current segment has been sent. */
	tries: number;
	/** DIP (VM name) its packets reached, once known. */
	dip: string;
	/** SlbState.healthVersion when the connection reached its DIP (or opened). */
	version: number;
}

/** One SLB invariant's record, like the isolation invariant's. */
export interface SlbInvariantRecord {
	checks: number;
	violations: number;
	firstMessage: string | null;
}

export interface SlbState {
	config: SlbConfig;
	/** By MUX index. */
	muxHost: number[];
	/** The MUX VM runs (false after mux.fail). Its server must also be up to forward. */
	muxRunning: boolean[];
	/** Inbound packets each MUX has forwarded. */
	muxInbound: number[];
	/** The TOR's session with each MUX, by MUX index. */
	sessions: BgpSession[];
	routes: VipRoute[];
	probes: ProbeState[];
	/** probeKey → healthy: what the SLB Manager reports to the MUXes. */
	health: Record<string, boolean>;
	/**
	 * Bumped on every health change and distribution change: a connection may change DIP only
	 * across a bump.
	 */
	healthVersion: number;
	/** "vm:port" of stopped services. */
	stopped: string[];
	/** Host agents' NAT tables, by host index. */
	nat: NatTable[];
	connections: SlbConnection[];
	/** Connections sent to each DIP, by "lb/vm". */
	dipConnections: Record<string, number>;
	/** Connection id → the DIP it first reached and the health version then. */
	connectionDip: Record<number, { vm: string; version: number }>;
	/** Client packets a MUX forwarded, replies sent by DSR, VM packets sent out by outbound NAT. */
	counters: { inbound: number; directReturn: number; outbound: number };
	/** Capture interfaces: the border link, and each MUX's vNIC. */
	borderInterface: number;
	muxInterface: number[];
	invariants: {
		dsr: SlbInvariantRecord;
		viaLiveMux: SlbInvariantRecord;
		stableDip: SlbInvariantRecord;
	};
}

const record = (): SlbInvariantRecord => ({ checks: 0, violations: 0, firstMessage: null });

/**
 * The SLB at time 0: every session up and advertising every VIP (CHOICE: the SLB is already
 * running when the scenario starts), probes fresh (DIPs out of rotation until their probes pass),
 * capture interfaces appended to `interfaces`.
 */
export function createSlbState(
	config: SlbConfig,
	nodeNames: readonly string[],
	interfaces: CaptureInterface[]
): SlbState {
	const vips = config.loadBalancers.map((lb) => lb.vip);
	const sessions = config.muxes.map((m) => openSession(m, config.router, vips, 0, config.timers));
	const probes: ProbeState[] = [];
	for (const lb of config.loadBalancers) {
		for (const probe of lb.probes) {
			for (const member of lb.backend) probes.push(newProbeState(lb.name, probe, member, 0));
		}
	}
	const borderInterface = interfaces.length;
	interfaces.push({
		name: `${BORDER_NAME} link`,
		description: 'Border router ↔ TOR1: internet clients, VIPs, replies by Direct Server Return'
	});
	const muxInterface = config.muxes.map((m, i) => {
		interfaces.push({
			name: `${m.name} vNIC`,
			description: `${m.name} (PA ${m.pa}) on ${nodeNames[muxHost(i, nodeNames.length)]}: inbound only`
		});
		return interfaces.length - 1;
	});
	return {
		config,
		muxHost: config.muxes.map((_, i) => muxHost(i, nodeNames.length)),
		muxRunning: config.muxes.map(() => true),
		muxInbound: config.muxes.map(() => 0),
		sessions,
		routes: routeTable(sessions),
		probes,
		health: healthView(probes),
		healthVersion: 0,
		stopped: [],
		nat: nodeNames.map(() => emptyNatTable()),
		connections: [],
		dipConnections: {},
		connectionDip: {},
		counters: { inbound: 0, directReturn: 0, outbound: 0 },
		borderInterface,
		muxInterface,
		invariants: { dsr: record(), viaLiveMux: record(), stableDip: record() }
	};
}

/** Where the running SLB model departs from the real system (shown to learners). */
export const SLB_MODEL_SIMPLIFICATIONS: readonly Simplification[] = [
	{
		id: 'slb.model',
		title: 'Load balancer timings and placement',
		detail: `MUX i runs on server i (modulo the server count); a MUX handles a packet in ${MUX_PROCESS_MS * 1000} µs; the border router is ${BORDER_TO_TOR_MS * 1000} µs from the TOR. All BGP sessions are up and all DIPs out of rotation at time 0, until their probes pass. The MUX's own vNIC hops are not drawn.`,
		source: 'FACTS.md §4.1, §4.4 (timings and placement undocumented)'
	},
	{
		id: 'slb.clients',
		title: 'Internet clients',
		detail: `A client's TCP connection is a handshake, one request, one response and a FIN exchange; a UDP one is a request and a response. An unanswered segment is sent again after ${CLIENT_RETRY_MS} ms, at most ${CLIENT_MAX_RETRIES} times, which is how connections caught by a MUX failure recover once the TOR withdraws the MUX's routes. Source ports count up from ${CLIENT_FIRST_PORT}.`,
		source: 'FACTS.md §4.2, §9 items 12–13 (client behaviour is a modelling choice)'
	}
];

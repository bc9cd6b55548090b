/**
 * BGP between each MUX and a router (FACTS §4.1): one-way internal peering, every MUX advertising
 * every VIP as a /32, and the router's ECMP route table built from the sessions that are up. A
 * MUX that stops sending keepalives is noticed when its hold timer runs out, and its routes are
 * withdrawn (FACTS §4.1, §7 row "MUX fails"). Sessions are plain data; functions return copies.
 */
import { compareIpv4, compareText } from '../hnv/prefix';
import type { MuxIdentity, RouterIdentity } from './types';

/**
 * CHOICE (FACTS §9 item 14, §7 "timers undocumented"): keepalive every 1 s and a 3 s hold time,
 * short enough to watch a MUX drop out. Real routers commonly default to 60 s / 180 s (e.g. Cisco
 * IOS; RFC 4271 §10 suggests 30 s / 90 s), keeping the hold time three keepalives long, as here.
 */
export const BGP_KEEPALIVE_MS = 1_000;
export const BGP_HOLD_MS = 3_000;

/** A session's timers (simulated ms); scenarios may override the defaults above. */
export interface BgpTimers {
	keepaliveMs: number;
	holdMs: number;
}
export const DEFAULT_BGP_TIMERS: BgpTimers = { keepaliveMs: BGP_KEEPALIVE_MS, holdMs: BGP_HOLD_MS };

/**
 * CHOICE (FACTS §4.1 gives no state machine): two states. RFC 4271's Idle/Connect/Active/
 * OpenSent/OpenConfirm/Established is folded into 'idle' (no routes) and 'established' (routes);
 * the first keepalive heard from an idle peer re-establishes the session at once, standing for
 * the reconnect and OPEN exchange.
 */
export type BgpState = 'established' | 'idle';

/** One MUX → router peering as the router sees it. */
export interface BgpSession {
	mux: string;
	router: string;
	/** The MUX's PA: the next hop of every route it advertises. */
	nextHop: string;
	/** VIPs the MUX advertises as /32s (FACTS §4.1: all of them), sorted. */
	vips: string[];
	state: BgpState;
	/** When the router last heard from the MUX (simulated ms). */
	lastHeardMs: number;
	/** When the session last changed state (simulated ms). */
	sinceMs: number;
	timers: BgpTimers;
}

/** A session that comes up at `nowMs`, advertising `vips` with the MUX's PA as next hop. */
export function openSession(
	mux: MuxIdentity,
	router: RouterIdentity,
	vips: readonly string[],
	nowMs: number,
	timers: BgpTimers = DEFAULT_BGP_TIMERS
): BgpSession {
	if (mux.asn !== router.asn) {
		throw new RangeError(
			`MUX ${mux.name} (AS ${mux.asn}) and ${router.name} (AS ${router.asn})` +
				' must share an AS: the SLB peers by internal BGP (FACTS §4.1)'
		);
	}
	return {
		mux: mux.name,
		router: router.name,
		nextHop: mux.pa,
		vips: [...new Set(vips)].sort(compareIpv4),
		state: 'established',
		lastHeardMs: nowMs,
		sinceMs: nowMs,
		timers: { ...timers }
	};
}

/** A keepalive from the MUX reached the router at `nowMs`: restart the hold timer (and recover). */
export function onKeepalive(session: BgpSession, nowMs: number): BgpSession {
	const recovering = session.state === 'idle';
	return {
		...session,
		state: 'established',
		lastHeardMs: nowMs,
		sinceMs: recovering ? nowMs : session.sinceMs
	};
}

/** When the hold timer runs out unless a keepalive arrives first; undefined when idle. */
export function holdExpiry(session: BgpSession): number | undefined {
	return session.state === 'established' ? session.lastHeardMs + session.timers.holdMs : undefined;
}

/**
 * The session at `nowMs`: idle once the hold time has passed without a keepalive, else as it
 * was. Safe to call from a stale timer event: a keepalive since then simply keeps it up.
 */
export function expire(session: BgpSession, nowMs: number): BgpSession {
	const expiry = holdExpiry(session);
	if (expiry === undefined || nowMs < expiry) return session;
	return { ...session, state: 'idle', sinceMs: nowMs };
}

/** When a MUX that last sent a keepalive at `lastSentMs` sends the next one. */
export function nextKeepaliveMs(
	lastSentMs: number,
	timers: BgpTimers = DEFAULT_BGP_TIMERS
): number {
	return lastSentMs + timers.keepaliveMs;
}

/** The router's route to one VIP: the next hops (MUX PAs) it spreads packets over by ECMP. */
export interface VipRoute {
	/** "203.0.113.10/32". */
	prefix: string;
	vip: string;
	/** Sorted; never empty (a VIP nobody advertises has no route). */
	nextHops: string[];
}

/** A change between two route tables, for the log ("withdrawn 203.0.113.10/32 via …"). */
export interface RouteChange {
	change: 'advertised' | 'withdrawn';
	prefix: string;
	nextHop: string;
}

/** The router's table from its sessions: each VIP with the MUXes whose sessions are up. */
export function routeTable(sessions: readonly BgpSession[]): VipRoute[] {
	const hops: Record<string, Set<string>> = {};
	for (const s of sessions) {
		if (s.state !== 'established') continue;
		for (const vip of s.vips) (hops[vip] ??= new Set()).add(s.nextHop);
	}
	return Object.keys(hops)
		.sort(compareIpv4)
		.map((vip) => ({ prefix: `${vip}/32`, vip, nextHops: [...hops[vip]].sort(compareIpv4) }));
}

/** The live next hops for a destination address (exact /32 match), or [] when there is no route. */
export function liveNextHops(table: readonly VipRoute[], dstIp: string): string[] {
	return table.find((r) => r.vip === dstIp)?.nextHops ?? [];
}

/** What changed from `before` to `after`, withdrawals first, each group in address order. */
export function diffRoutes(before: readonly VipRoute[], after: readonly VipRoute[]): RouteChange[] {
	const pairs = (table: readonly VipRoute[]) =>
		table.flatMap((r) => r.nextHops.map((nextHop) => ({ prefix: r.prefix, nextHop })));
	const has = (
		list: { prefix: string; nextHop: string }[],
		p: { prefix: string; nextHop: string }
	) => list.some((q) => q.prefix === p.prefix && q.nextHop === p.nextHop);
	const old = pairs(before);
	const now = pairs(after);
	const order = (a: RouteChange, b: RouteChange) =>
		compareText(a.change, b.change) * -1 ||
		compareIpv4(a.prefix.split('/')[0], b.prefix.split('/')[0]) ||
		compareIpv4(a.nextHop, b.nextHop);
	return [
		...old.filter((p) => !has(now, p)).map((p) => ({ change: 'withdrawn' as const, ...p })),
		...now.filter((p) => !has(old, p)).map((p) => ({ change: 'advertised' as const, ...p }))
	].sort(order);
}

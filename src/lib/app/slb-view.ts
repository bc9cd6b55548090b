/**
 * Pure helpers for the SLB panel: distribution modes in words, each DIP's share of a load
 * balancer's connections, the defaults of the "send traffic" and service controls, and the checks
 * of their typed numbers. No DOM, so they are unit-tested without rendering.
 */
import type { SlbView } from '$lib/worker/protocol';

export type { SlbView };

export type SlbMux = SlbView['muxes'][number];
export type SlbLoadBalancer = SlbView['loadBalancers'][number];
export type SlbRule = SlbLoadBalancer['rules'][number];
export type SlbDip = SlbLoadBalancer['dips'][number];
export type SlbDistribution = SlbRule['distribution'];
export type SlbProtocol = SlbRule['protocol'];

/** Connections one "send traffic" asks for: enough to see a spread, few enough to watch. */
export const SLB_MIN_CONNECTIONS = 1;
export const SLB_MAX_CONNECTIONS = 200;
export const SLB_DEFAULT_CONNECTIONS = 20;
export const MIN_PORT = 1;
export const MAX_PORT = 65_535;
/** Service port when no rule names one (HTTP, the usual probe target). */
export const FALLBACK_SERVICE_PORT = 80;

/** What each distribution mode hashes, in words (FACTS §4.3, Azure's `loadDistribution`). */
export const DISTRIBUTION_WORDS: Readonly<Record<SlbDistribution, string>> = {
	Default:
		'5-tuple hash (source IP and port, destination IP and port, protocol): each new connection may land on another DIP',
	SourceIPProtocol:
		"3-tuple hash (source IP, destination IP, protocol): a client's connections of one protocol stay on one DIP",
	SourceIP: "2-tuple hash (source IP, destination IP): all of a client's connections go to one DIP"
};

/**
 * Each count's share of the total as whole percentages that add up to exactly 100 (largest
 * remainder, ties to the earlier entry), or all 0 when nothing was counted yet.
 */
export function connectionShares(counts: readonly number[]): number[] {
	const total = counts.reduce((sum, c) => sum + Math.max(0, c), 0);
	if (total === 0) return counts.map(() => 0);
	const exact = counts.map((c) => (Math.max(0, c) * 100) / total);
	const shares = exact.map(Math.floor);
	let missing = 100 - shares.reduce((sum, s) => sum + s, 0);
	const byRemainder = exact
		.map((e, i) => ({ i, rest: e - shares[i] }))
		.sort((a, b) => b.rest - a.rest || a.i - b.i);
	for (const { i } of byRemainder) {
		if (missing <= 0) break;
		shares[i]++;
		missing--;
	}
	return shares;
}

/** A typed number after its check: the value to use (null: refuse) and what to tell the learner. */
export interface CheckedNumber {
	value: number | null;
	/** Null when the text was fine as typed. */
	message: string | null;
}

const WHOLE = /^-?\d+$/;

/**
 * The connection count as typed: a whole number, clamped to 1–200 with a message saying so;
 * anything else is refused with a message (never silently replaced).
 */
export function checkConnectionCount(text: string): CheckedNumber {
	const trimmed = text.trim();
	const range = `${SLB_MIN_CONNECTIONS}–${SLB_MAX_CONNECTIONS}`;
	if (!WHOLE.test(trimmed)) {
		return { value: null, message: `Connections: enter a whole number from ${range}.` };
	}
	const asked = Number(trimmed);
	if (asked < SLB_MIN_CONNECTIONS) {
		return {
			value: SLB_MIN_CONNECTIONS,
			message: `Connections: at least ${SLB_MIN_CONNECTIONS} (you typed ${asked}); sending ${SLB_MIN_CONNECTIONS}.`
		};
	}
	if (asked > SLB_MAX_CONNECTIONS) {
		return {
			value: SLB_MAX_CONNECTIONS,
			message: `Connections: at most ${SLB_MAX_CONNECTIONS} at a time (you typed ${asked}); sending ${SLB_MAX_CONNECTIONS}.`
		};
	}
	return { value: asked, message: null };
}

/** A TCP/UDP port as typed: a whole number 1–65535, or refused with a message. */
export function checkPort(text: string, label = 'Port'): CheckedNumber {
	const trimmed = text.trim();
	const n = WHOLE.test(trimmed) ? Number(trimmed) : NaN;
	if (!(n >= MIN_PORT && n <= MAX_PORT)) {
		return { value: null, message: `${label}: enter a whole number from ${MIN_PORT}–${MAX_PORT}.` };
	}
	return { value: n, message: null };
}

/** The load balancer whose front end is `vip`, if any. */
export function loadBalancerOfVip(slb: SlbView, vip: string): SlbLoadBalancer | undefined {
	return slb.loadBalancers.find((lb) => lb.vip === vip);
}

/**
 * The port whose service a VM's health probe checks, as far as the view tells: the back-end port
 * of the first rule of the first load balancer with the VM among its DIPs, else of the first
 * rule anywhere, else 80. (SlbView carries no probe port; the rules' back-end port is the usual
 * probe target.)
 */
export function defaultServicePort(slb: SlbView | null, vm: string): number {
	const lbs = slb?.loadBalancers ?? [];
	const own = lbs.find((lb) => lb.dips.some((d) => d.vm === vm) && lb.rules.length > 0);
	return (
		own?.rules[0].backendPort ??
		lbs.find((lb) => lb.rules.length > 0)?.rules[0].backendPort ??
		FALLBACK_SERVICE_PORT
	);
}

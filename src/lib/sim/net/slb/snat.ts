/**
 * Outbound NAT's port plan (FACTS §4.5 "outbound NAT: VM → outside via a VIP"). Each pool member
 * owns a fixed block of the VIP's ports, so the host can pick a port without asking anyone, and a
 * MUX that receives a reply for VIP:port knows which DIP's host to send it to. FACTS says nothing
 * about how ports are shared out: everything here is a labelled choice.
 */
import type { BackendDip, LoadBalancer, SlbProtocol } from './types';

/**
 * CHOICE (FACTS §4.5 is silent): outbound NAT ports start at 1024, above the well-known ports
 * (RFC 6335 §6), so they never collide with a typical front-end port such as 80 or 443.
 */
export const SNAT_FIRST_PORT = 1024;
/**
 * CHOICE (FACTS §4.5 is silent): each pool member owns 1024 consecutive VIP ports, the member at
 * position i of `backend` owning SNAT_FIRST_PORT + i × 1024 onwards. 1024 is the number Azure
 * pre-allocates per VM in small pools (general knowledge, not in FACTS); 63 members fit.
 */
export const SNAT_PORTS_PER_DIP = 1024;
/** The most pool members whose port blocks fit below port 65536. */
export const SNAT_MAX_MEMBERS = Math.floor((0x10000 - SNAT_FIRST_PORT) / SNAT_PORTS_PER_DIP);

/** An inclusive range of VIP ports. */
export interface PortBlock {
	first: number;
	last: number;
}

/** The VIP port block of the pool member `vm`, or undefined if it is not in the pool (or past 63). */
export function snatBlock(lb: LoadBalancer, vm: string): PortBlock | undefined {
	const i = lb.backend.findIndex((b) => b.vm === vm);
	if (i < 0 || i >= SNAT_MAX_MEMBERS) return undefined;
	const first = SNAT_FIRST_PORT + i * SNAT_PORTS_PER_DIP;
	return { first, last: first + SNAT_PORTS_PER_DIP - 1 };
}

/** The pool member whose block holds VIP port `port`: where a reply to that port belongs. */
export function snatOwner(lb: LoadBalancer, port: number): BackendDip | undefined {
	if (!lb.outboundNat || port < SNAT_FIRST_PORT) return undefined;
	const i = Math.floor((port - SNAT_FIRST_PORT) / SNAT_PORTS_PER_DIP);
	return i < SNAT_MAX_MEMBERS ? lb.backend[i] : undefined;
}

/** Whether the load balancer's outbound NAT covers `protocol` ('all' covers TCP and UDP). */
export function snatCovers(lb: LoadBalancer, protocol: SlbProtocol): boolean {
	const p = lb.outboundNat?.protocol;
	return p === 'all' || p === protocol;
}

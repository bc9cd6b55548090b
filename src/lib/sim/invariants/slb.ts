/**
 * The Software Load Balancer's invariants as the simulation runs (FACTS §4.2, §9 items 12–13):
 * - direct-server-return: a reply of a load-balanced connection never transits a MUX;
 * - inbound-via-live-mux: a packet to a VIP enters through a MUX whose BGP session is up;
 * - stable-dip: every packet of a connection reaches the same DIP while DIP health is unchanged.
 * Each check is counted; a violation is logged as `invariant.violated` and recorded in the SLB
 * state, and Simulation.invariants() reports it with the first violating log entry.
 */
import type { EventData, SimContext } from '../kernel/types';
import type { SlbInvariantRecord, SlbState } from '../net/model/slb-state';

export const SLB_INVARIANTS = {
	dsr: {
		name: 'direct-server-return',
		description:
			'Return traffic of a load-balanced connection never transits a MUX: the DIP’s host sends replies, source rewritten to the VIP, straight to the router.'
	},
	viaLiveMux: {
		name: 'inbound-via-live-mux',
		description:
			'Every packet to a VIP enters through a MUX whose BGP session with the router is established when it forwards the packet.'
	},
	stableDip: {
		name: 'stable-dip',
		description:
			'Every packet of one connection reaches the same DIP as long as no DIP’s health and no rule’s distribution mode has changed since the connection started.'
	}
} as const;

export type SlbInvariant = keyof typeof SLB_INVARIANTS;

/** Counts one check of `which`; when `violation` is a message, logs and records it. */
export function checkSlbInvariant(
	slb: SlbState,
	which: SlbInvariant,
	violation: string | undefined,
	ctx: SimContext,
	detail: EventData = {}
): void {
	const rec: SlbInvariantRecord = slb.invariants[which];
	rec.checks++;
	if (violation === undefined) return;
	rec.violations++;
	rec.firstMessage ??= violation;
	ctx.log('invariant.violated', { name: SLB_INVARIANTS[which].name, reason: violation, ...detail });
}

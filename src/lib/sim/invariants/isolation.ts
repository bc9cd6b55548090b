/**
 * The tenant-isolation invariant as the simulation runs (ARCHITECTURE "no frame crosses tenants";
 * FACTS §3.3): on every delivery into a vNIC, the frame's VNI must be the port's own VSID in the
 * Network Controller's policy (hnv/isolation.ts checkIsolation). A violation is logged as
 * `invariant.violated` and recorded in the state; Simulation.invariants() reports it with the
 * index of the first violating log entry.
 */
import type { SimContext } from '../kernel/types';
import { checkIsolation } from '../net/hnv/index';
import type { NetState } from '../net/model/state';

/** Name of the invariant in logs and reports. */
export const TENANT_ISOLATION = 'tenant-isolation';
export const TENANT_ISOLATION_DESCRIPTION =
	"No frame is ever delivered into a virtual subnet other than its own: the VNI it arrives in is the receiving port's VSID, so tenants stay isolated even with overlapping addresses.";

/** Checks one delivery of a frame in `vni` into `vm`'s port; logs and records a violation. */
export function checkDeliveryIsolation(
	net: NetState,
	vm: string,
	vni: number,
	packetId: number,
	ctx: SimContext
): void {
	const port = net.policy.ports.find((p) => p.vm === vm);
	net.isolation.checks++;
	const violation = port
		? checkIsolation(port, vni, net.policy)
		: { kind: 'unknown-port', message: `no port "${vm}" in the policy` };
	if (!violation) return;
	net.isolation.violations++;
	if (net.isolation.firstViolationMs === null) {
		net.isolation.firstViolationMs = ctx.nowMs;
		net.isolation.firstMessage = violation.message;
	}
	ctx.log('invariant.violated', {
		name: TENANT_ISOLATION,
		packet: packetId,
		vm,
		vni,
		kind: violation.kind,
		message: violation.message
	});
}

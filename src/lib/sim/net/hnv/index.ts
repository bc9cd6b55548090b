/**
 * Hyper-V Network Virtualization over VXLAN as pure functions over plain-data tables (FACTS
 * §3.3): the Network Controller's policy and its per-host copies, southbound diffs, the host
 * agent's ARP responder, the sending and receiving vSwitch, the distributed router, the TOR, and
 * the isolation check. net/model/path.ts calls each function from the hop event it belongs to.
 */
export {
	BROADCAST_MAC,
	DISTRIBUTED_ROUTER_MAC,
	GATEWAY_HOST_OFFSET,
	HNV_MAX_VSID,
	HNV_MIN_VSID,
	TOR_FIRST_HOST_PORT
} from './constants';
export type {
	ArpAnswer,
	CaMapping,
	Decision,
	Delivery,
	Drop,
	HostAgentView,
	HostInfo,
	IsolationViolation,
	PolicyTables,
	Underlay,
	VmPort,
	VnetTable,
	VsidTable
} from './types';
export { policyProblems } from './validate';
export { buildPolicy, findMapping, findVsid, hostAgentView } from './policy';
export {
	type HostUpdate,
	type PolicyChange,
	applyHostUpdate,
	describeChange,
	diffPolicy
} from './diff';
export { hostAgentArp } from './arp';
export { forwardFromVm } from './forward';
export { deliverFromUplink } from './deliver';
export { checkIsolation } from './isolation';
export {
	type TorDecision,
	encapsulatedSize,
	mtuDropReason,
	torForward,
	torPortOf
} from './underlay';
export { HNV_SIMPLIFICATIONS } from './simplifications';

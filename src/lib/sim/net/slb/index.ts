/**
 * The Software Load Balancer's data plane as pure functions over plain data (FACTS §4): the
 * router's ECMP over MUXes and their BGP sessions, the MUX's DIP choice and VXLAN encapsulation,
 * the host agent's NAT and DSR, outbound NAT ports and health probes. net/model/slb-*.ts drives
 * them; README.md lists which event calls which function.
 */
export type {
	BackendDip,
	Distribution,
	FiveTuple,
	HealthProbe,
	InboundNatRule,
	LbRule,
	LoadBalancer,
	MuxIdentity,
	OutboundNat,
	RouterIdentity,
	SlbDrop,
	SlbProtocol
} from './types';
export { fiveTupleOf, protocolNumber, reverseTuple, tupleKey } from './tuple';
export {
	DIP_SALT,
	ECMP_SALT,
	SLB_HASH_ALGORITHM,
	distributionKey,
	ecmpPick,
	fmix32,
	hrwPick,
	hrwScore,
	pickDip
} from './hash';
export {
	BGP_HOLD_MS,
	BGP_KEEPALIVE_MS,
	DEFAULT_BGP_TIMERS,
	type BgpSession,
	type BgpState,
	type BgpTimers,
	type RouteChange,
	type VipRoute,
	diffRoutes,
	expire,
	holdExpiry,
	liveNextHops,
	nextKeepaliveMs,
	onKeepalive,
	openSession,
	routeTable
} from './bgp';
export { type EndpointChange, adjustChecksum, rewriteEndpoints } from './rewrite';
export {
	NAT_IDLE_TIMEOUT_MS,
	type NatEntry,
	type NatKind,
	type NatResult,
	type NatTable,
	emptyNatTable,
	expireIdle,
	hostInbound,
	hostOutbound,
	outboundSnat
} from './nat';
export {
	SNAT_FIRST_PORT,
	SNAT_MAX_MEMBERS,
	SNAT_PORTS_PER_DIP,
	type PortBlock,
	snatBlock,
	snatCovers,
	snatOwner
} from './snat';
export { type MuxDecision, type MuxReason, type MuxView, muxForward, routerPickMux } from './mux';
export {
	type ProbeState,
	type ProbeTarget,
	buildProbePacket,
	healthView,
	healthyMembers,
	newProbeState,
	nextProbeMs,
	probeKey,
	probeSource,
	probeSucceeds,
	recordProbe
} from './probe';
export { MAX_MUXES, lbProblems, slbProblems } from './validate';
export { SLB_SIMPLIFICATIONS } from './simplifications';

/**
 * The SLB host agent's NAT (FACTS §4.2 steps 3–4, §4.5) as byte rewrites of IPv4 TCP/UDP packets,
 * with one table per host. Every entry pairs the flow as the VM sends it (`vmSide`) with the same
 * flow as it leaves the host (`wireSide`), so two operations cover every mode:
 * - into the VM (`hostInbound`): a packet matching the reverse of `wireSide` gets its destination
 *   set to the VM's end: VIP:frontendPort → DIP:backendPort (load balancing, inbound NAT rules),
 *   or VIP:allocatedPort → CA:port (replies to outbound NAT);
 * - out of the VM (`hostOutbound`): a packet matching `vmSide` gets its source set to the wire's:
 *   DIP:backendPort → VIP:frontendPort (the DSR reply, FACTS §4.2 step 4) or CA:port → VIP:port.
 * Tables are plain records and are updated IN PLACE, like the firewall's connection table.
 */
import { type EndpointChange, rewriteEndpoints } from './rewrite';
import { snatBlock, snatCovers } from './snat';
import { fiveTupleOf, reverseTuple, tupleKey } from './tuple';
import type { BackendDip, FiveTuple, LoadBalancer, SlbDrop } from './types';

/**
 * CHOICE (FACTS §4.5 gives `IdleTimeoutInMinutes = 4` in an example rule): an entry unused for
 * 4 minutes of simulated time is forgotten, judged lazily from the packet's time. TCP FIN and RST
 * do not end an entry early.
 */
export const NAT_IDLE_TIMEOUT_MS = 4 * 60_000;

export type NatKind = 'load-balancing' | 'inbound-nat' | 'outbound-nat';

/** One translated flow. */
export interface NatEntry {
	kind: NatKind;
	lb: string;
	/** The LB rule or inbound NAT rule that created it; 'outbound' for outbound NAT. */
	rule: string;
	vm: string;
	/** The flow as the VM sends it (VM's address and port as source). */
	vmSide: FiveTuple;
	/** The same direction as it leaves the host (the VIP as source). */
	wireSide: FiveTuple;
	createdMs: number;
	lastUsedMs: number;
}

/** One host's NAT state. Plain data; records keep insertion order. */
export interface NatTable {
	/** By tupleKey(vmSide). */
	entries: Record<string, NatEntry>;
	/** tupleKey of packets arriving for the VM (the reverse of wireSide) → key in `entries`. */
	ingress: Record<string, string>;
	/** Outbound NAT: next port to try, by "protocol vip vm". */
	snatCursor: Record<string, number>;
}

export function emptyNatTable(): NatTable {
	return { entries: {}, ingress: {}, snatCursor: {} };
}

/** A translated packet (a new array), the entry it used and whether this packet created it. */
export type NatResult =
	{ kind: 'translated'; packet: Uint8Array; entry: NatEntry; created: boolean } | SlbDrop;

const drop = (reason: string): SlbDrop => ({ kind: 'drop', reason });

/**
 * A packet from outside, decapsulated on the host of `target` (the DIP the MUX chose, or the
 * owner of an outbound NAT port), on its way into that VM. Uses the flow's entry if there is one;
 * otherwise opens one from the load balancer's LB rule or inbound NAT rule for the packet's
 * protocol and front-end port. Refuses packets not for the VIP, or with no rule for their port.
 */
export function hostInbound(
	table: NatTable,
	lb: LoadBalancer,
	target: BackendDip,
	packet: Uint8Array,
	nowMs: number
): NatResult {
	const parsed = fiveTupleOf(packet);
	if (!parsed.ok) return drop(parsed.reason);
	const t = parsed.value;
	const found = lookup(table, table.ingress[tupleKey(t)], nowMs);
	if (found && (found.vm === target.vm || found.kind === 'outbound-nat')) {
		const change = { dstIp: found.vmSide.srcIp, dstPort: found.vmSide.srcPort };
		return translate(packet, found, change, nowMs);
	}
	if (found) remove(table, tupleKey(found.vmSide)); // the MUX now sends this flow elsewhere
	if (t.dstIp !== lb.vip) return drop(`${t.dstIp} is not the VIP ${lb.vip} of ${lb.name}`);
	const rule = lb.rules.find((r) => r.protocol === t.protocol && r.frontendPort === t.dstPort);
	const nat = lb.inboundNatRules.find(
		(r) => r.protocol === t.protocol && r.frontendPort === t.dstPort
	);
	const port = rule?.backendPort ?? nat?.backendPort;
	if (port === undefined || (!rule && nat?.vm !== target.vm)) {
		return drop(`no rule of ${lb.name} sends ${t.protocol} port ${t.dstPort} to ${target.vm}`);
	}
	const vmSide = { ...reverseTuple(t), srcIp: target.dip, srcPort: port };
	const how = rule
		? { kind: 'load-balancing' as const, rule: rule.name }
		: { kind: 'inbound-nat' as const, rule: nat?.name ?? '' };
	const entry = open(table, { ...how, lb: lb.name, vm: target.vm }, vmSide, reverseTuple(t), nowMs);
	return translate(packet, entry, { dstIp: target.dip, dstPort: port }, nowMs, true);
}

/**
 * A packet a VM sends. If it belongs to a translated flow its source becomes the VIP's end (the
 * DSR reply, or a later packet of an outbound NAT flow); otherwise 'untranslated', and the caller
 * decides whether outbound NAT applies (traffic leaving the virtual network: see outboundSnat).
 */
export function hostOutbound(
	table: NatTable,
	packet: Uint8Array,
	nowMs: number
): NatResult | { kind: 'untranslated' } {
	const parsed = fiveTupleOf(packet);
	if (!parsed.ok) return drop(parsed.reason);
	const entry = lookup(table, tupleKey(parsed.value), nowMs);
	if (!entry) return { kind: 'untranslated' };
	const change = { srcIp: entry.wireSide.srcIp, srcPort: entry.wireSide.srcPort };
	return translate(packet, entry, change, nowMs);
}

/**
 * Outbound NAT of the first packet of a flow from pool member `vm`: source CA:port → VIP:port.
 * CHOICE (FACTS §4.5 is silent): the port is the next free one of the member's block (snat.ts),
 * tried in turn from just after the last one handed out, so a port is not reused at once; a port
 * counts as taken only by a live flow to the same destination address and port.
 */
export function outboundSnat(
	table: NatTable,
	lb: LoadBalancer,
	vm: BackendDip,
	packet: Uint8Array,
	nowMs: number
): NatResult {
	const parsed = fiveTupleOf(packet);
	if (!parsed.ok) return drop(parsed.reason);
	const t = parsed.value;
	const block = snatBlock(lb, vm.vm);
	if (!snatCovers(lb, t.protocol) || !block) {
		return drop(`${lb.name} has no outbound NAT for ${t.protocol} from ${vm.vm}`);
	}
	const cursorKey = `${t.protocol} ${lb.vip} ${vm.vm}`;
	const size = block.last - block.first + 1;
	const start = table.snatCursor[cursorKey] ?? block.first;
	for (let i = 0; i < size; i++) {
		const port = block.first + ((start - block.first + i) % size);
		const wireSide = { ...t, srcIp: lb.vip, srcPort: port };
		if (lookup(table, table.ingress[tupleKey(reverseTuple(wireSide))], nowMs)) continue;
		table.snatCursor[cursorKey] = port === block.last ? block.first : port + 1;
		const how = { kind: 'outbound-nat' as const, rule: 'outbound', lb: lb.name, vm: vm.vm };
		const entry = open(table, how, t, wireSide, nowMs);
		return translate(packet, entry, { srcIp: lb.vip, srcPort: port }, nowMs, true);
	}
	return drop(`${vm.vm} has used all ${size} outbound NAT ports of ${lb.vip}`);
}

/** Removes every entry idle for NAT_IDLE_TIMEOUT_MS at `nowMs`; returns how many went. */
export function expireIdle(table: NatTable, nowMs: number): number {
	const stale = Object.keys(table.entries).filter((k) => isIdle(table.entries[k], nowMs));
	for (const key of stale) remove(table, key);
	return stale.length;
}

function isIdle(entry: NatEntry, nowMs: number): boolean {
	return nowMs - entry.lastUsedMs >= NAT_IDLE_TIMEOUT_MS;
}

function lookup(table: NatTable, key: string | undefined, nowMs: number): NatEntry | undefined {
	const entry = key === undefined ? undefined : table.entries[key];
	if (!entry || !isIdle(entry, nowMs)) return entry;
	remove(table, key as string);
	return undefined;
}

function open(
	table: NatTable,
	how: Pick<NatEntry, 'kind' | 'rule' | 'lb' | 'vm'>,
	vmSide: FiveTuple,
	wireSide: FiveTuple,
	nowMs: number
): NatEntry {
	const key = tupleKey(vmSide);
	remove(table, key);
	const entry: NatEntry = { ...how, vmSide, wireSide, createdMs: nowMs, lastUsedMs: nowMs };
	table.entries[key] = entry;
	table.ingress[tupleKey(reverseTuple(wireSide))] = key;
	return entry;
}

function remove(table: NatTable, key: string): void {
	const entry = table.entries[key];
	if (!entry) return;
	delete table.entries[key];
	delete table.ingress[tupleKey(reverseTuple(entry.wireSide))];
}

function translate(
	packet: Uint8Array,
	entry: NatEntry,
	change: EndpointChange,
	nowMs: number,
	created = false
): NatResult {
	const out = rewriteEndpoints(packet, change);
	if (!out.ok) return drop(out.reason);
	entry.lastUsedMs = nowMs;
	return { kind: 'translated', packet: out.value, entry, created };
}

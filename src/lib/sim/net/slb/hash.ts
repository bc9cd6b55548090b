/**
 * The SLB's two choices per connection, as deterministic hashes: which MUX a router's ECMP sends
 * it to (FACTS §4.1, §4.2 step 1) and which healthy DIP the MUX sends it on to (FACTS §4.2 step 2,
 * §4.3). Neither hash is documented (FACTS §4.3 "The hash function is undocumented"), so both are
 * our own (FACTS §9 item 11), written out here so a learner can recompute them by hand.
 */
import { parseIpv4 } from '../bytes';
import { fnv1a32 } from '../flow-hash';
import { compareIpv4 } from '../hnv/prefix';
import type { Distribution, FiveTuple } from './types';
import { protocolNumber } from './tuple';

/**
 * CHOICE (FACTS §4.3, §9 item 11): rendezvous hashing, also called highest random weight (HRW;
 * Thaler & Ravishankar, 1998). Every candidate (a DIP, or a MUX's next-hop address) gets the
 * score fmix32(FNV-1a-32(salt ‖ key ‖ candidate address)) and the highest score wins; an equal
 * score goes to the numerically lower address. Chosen over "hash mod N" because:
 * - the winner depends on the set of candidates, not on their order in a list;
 * - removing a candidate moves only the connections that were on it, and adding one takes over
 *   only the connections it now wins (about 1/N of them), which is what FACTS §9 item 13 asks of
 *   MUX loss and keeps the effect of a DIP going unhealthy easy to see.
 * FNV-1a is the flow hash already used for VXLAN source ports (flow-hash.ts); MurmurHash3's
 * 32-bit finaliser (fmix32) is added because FNV-1a alone mixes its last bytes poorly, and those
 * are the candidate's address.
 */
export const SLB_HASH_ALGORITHM =
	'rendezvous (highest random weight): fmix32(FNV-1a-32(salt ‖ key ‖ candidate)), highest wins';

/** Salt byte of the router's ECMP choice ('E'), so it is independent of the DIP choice. */
export const ECMP_SALT = 0x45;
/** Salt byte of the MUX's DIP choice ('D'). */
export const DIP_SALT = 0x44;

/**
 * The key bytes a distribution mode hashes (FACTS §4.3 table), in this order:
 * - Default: source IP, source port, destination IP, destination port, protocol (13 bytes);
 * - SourceIPProtocol: source IP, destination IP, protocol (9 bytes);
 * - SourceIP: source IP, destination IP (8 bytes).
 * Addresses are 4 bytes and ports 2 bytes, big-endian, protocol its IP number (6 or 17).
 */
export function distributionKey(tuple: FiveTuple, mode: Distribution): Uint8Array {
	const src = parseIpv4(tuple.srcIp);
	const dst = parseIpv4(tuple.dstIp);
	const protocol = protocolNumber(tuple.protocol);
	if (mode === 'SourceIP') return Uint8Array.of(...src, ...dst);
	if (mode === 'SourceIPProtocol') return Uint8Array.of(...src, ...dst, protocol);
	const port = (p: number) => [p >>> 8, p & 0xff];
	return Uint8Array.of(...src, ...port(tuple.srcPort), ...dst, ...port(tuple.dstPort), protocol);
}

/** MurmurHash3's 32-bit finaliser (fmix32): spreads every input bit over the whole output. */
export function fmix32(value: number): number {
	let h = value >>> 0;
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}

/** The rendezvous score (unsigned 32-bit) of one IPv4 candidate for a key under a salt. */
export function hrwScore(salt: number, key: Uint8Array, candidate: string): number {
	const bytes = new Uint8Array(1 + key.length + 4);
	bytes[0] = salt;
	bytes.set(key, 1);
	bytes.set(parseIpv4(candidate), 1 + key.length);
	return fmix32(fnv1a32(bytes));
}

/** The candidate with the highest score, or undefined when there are none. Order-independent. */
export function hrwPick(
	salt: number,
	candidates: readonly string[],
	key: Uint8Array
): string | undefined {
	let best: string | undefined;
	let bestScore = -1;
	for (const candidate of candidates) {
		const score = hrwScore(salt, key, candidate);
		const wins =
			score > bestScore ||
			(score === bestScore && best !== undefined && compareIpv4(candidate, best) < 0);
		if (wins) {
			best = candidate;
			bestScore = score;
		}
	}
	return best;
}

/**
 * The router's ECMP choice among the next hops (MUX PAs) whose BGP sessions are up, for one
 * packet of a connection (FACTS §4.2 step 1). CHOICE (FACTS §4.1 names ECMP, not its hash): the
 * 5-tuple, as routers commonly hash, with rendezvous selection, which acts like "resilient"
 * ECMP: when a MUX drops out only its connections move (FACTS §9 item 13).
 */
export function ecmpPick(liveNextHops: readonly string[], tuple: FiveTuple): string | undefined {
	return hrwPick(ECMP_SALT, liveNextHops, distributionKey(tuple, 'Default'));
}

/**
 * The MUX's DIP for a packet of a connection (`tuple` as the client sent it, to VIP:frontendPort)
 * among the healthy DIPs of the rule's pool, per the rule's distribution mode (FACTS §4.3). Every
 * packet of a connection gets the same DIP while the healthy set is unchanged, and every MUX makes
 * the same choice, since it depends on nothing held by the MUX (FACTS §9 item 13).
 */
export function pickDip(
	healthyDips: readonly string[],
	tuple: FiveTuple,
	mode: Distribution
): string | undefined {
	return hrwPick(DIP_SALT, healthyDips, distributionKey(tuple, mode));
}

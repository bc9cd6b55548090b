/**
 * Oracle test for cluster quorum: an independent step-by-step evaluation of FACTS §2.1, written
 * here from the rule sentences with named voters ('N1'…'Nn', 'W') in maps and sets, is compared
 * with `quorum.ts` after every step of
 * - every order of every subset of failing servers, one at a time, for 2…8 servers with and
 *   without a witness (every sequence of distinct servers, walked as a tree of prefixes);
 * - every subset failing at once, crash and graceful, for 2…8 servers;
 * - every sequence of groups failing at once (crash or graceful, the witness among the members)
 *   for 2…5 servers;
 * - random mixes of failures, returns and witness events (fast-check) for 1…8 servers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	createQuorum,
	explain,
	join,
	leave,
	voteTotal,
	witnessDown,
	witnessUp,
	type ClusterQuorum,
	type DepartureKind
} from './quorum';

// ---- the oracle ----

const WITNESS = 'W';
const serverNumber = (name: string) => Number(name.slice(1));

interface Oracle {
	readonly hasWitness: boolean;
	/** Members that are running: server names and, if reachable, 'W'. */
	readonly alive: ReadonlySet<string>;
	/** Votes per member; a member missing from the map has no vote. */
	readonly votes: ReadonlyMap<string, number>;
	readonly quorate: boolean;
}

function servers(alive: ReadonlySet<string>): string[] {
	return [...alive].filter((m) => m !== WITNESS).sort((a, b) => serverNumber(a) - serverNumber(b));
}

/**
 * FACTS §2.1, sentence by sentence, over the running servers:
 * "Every server has a vote." "Odd nodes without a witness: all vote." "Even + witness: the witness
 * votes. Odd + witness: it does not." "Even nodes without a witness: one node's vote is zeroed"
 * (FACTS §9.2: the highest-numbered).
 */
function documentedVotes(alive: ReadonlySet<string>): Map<string, number> {
	const running = servers(alive);
	const votes = new Map<string, number>(running.map((s) => [s, 1]));
	const even = running.length > 0 && running.length % 2 === 0;
	if (even && alive.has(WITNESS)) votes.set(WITNESS, 1);
	else if (even) votes.set(running[running.length - 1], 0);
	return votes;
}

/** "More than half of the votes": brute-force sums over the members. */
function majority(votes: ReadonlyMap<string, number>, alive: ReadonlySet<string>): boolean {
	let all = 0;
	let here = 0;
	for (const [member, vote] of votes) {
		all += vote;
		if (alive.has(member)) here += vote;
	}
	return here + here > all && servers(alive).length > 0;
}

function oracleStart(n: number, hasWitness: boolean): Oracle {
	const alive = new Set<string>();
	for (let s = 1; s <= n; s++) alive.add(`N${s}`);
	if (hasWitness) alive.add(WITNESS);
	return { hasWitness, alive, votes: documentedVotes(alive), quorate: true };
}

/**
 * Members change from `o.alive` to `next` in one step. The survivors (or the returned) are judged
 * against the votes held before the step; if they are a majority, dynamic quorum gives the votes
 * afresh to whoever runs now. Otherwise the cluster is down and keeps the votes it had.
 */
function oracleStep(o: Oracle, next: ReadonlySet<string>, votes = o.votes): Oracle {
	if (majority(votes, next)) {
		return { ...o, alive: next, votes: documentedVotes(next), quorate: true };
	}
	return { ...o, alive: next, votes, quorate: false };
}

function oracleLeave(o: Oracle, members: readonly string[], kind: DepartureKind): Oracle {
	const next = new Set([...o.alive].filter((m) => !members.includes(m)));
	const leavingServers = members.filter((m) => m !== WITNESS && o.alive.has(m));
	if (kind === 'graceful' && o.quorate && leavingServers.length > 0) {
		// "The voter shuts down gracefully → its vote passes over": the votes are handed over
		// before the servers stop, so they are judged against the votes of those who stay.
		const staying = new Set([...o.alive].filter((m) => !leavingServers.includes(m)));
		return oracleStep(o, next, servers(staying).length > 0 ? documentedVotes(staying) : o.votes);
	}
	return oracleStep(o, next);
}

function oracleJoin(o: Oracle, member: string): Oracle {
	return oracleStep(o, new Set([...o.alive, member]));
}

// ---- comparing ----

const memberName = (server: number) => `N${server + 1}`;

/** Empty if the module's state agrees with the oracle's, else what differs. */
function differences(q: ClusterQuorum, o: Oracle): string {
	const out: string[] = [];
	if (q.up !== o.quorate) out.push(`up ${q.up} vs oracle ${o.quorate}`);
	q.nodeVote.forEach((v, i) => {
		const want = o.votes.get(memberName(i)) ?? 0;
		if (v !== want) out.push(`${memberName(i)} vote ${v} vs ${want}`);
		if (q.nodeRunning[i] !== o.alive.has(memberName(i))) out.push(`${memberName(i)} running`);
	});
	const witnessVote = o.hasWitness ? (o.votes.get(WITNESS) ?? 0) : 0;
	if (q.witnessVote !== witnessVote) out.push(`witness vote ${q.witnessVote} vs ${witnessVote}`);
	if (q.witnessRunning !== o.alive.has(WITNESS)) out.push('witness running');
	const ending = q.up ? 'the cluster is up.' : 'are present again.';
	if (!explain(q).endsWith(ending)) out.push('explain');
	return out.join(', ');
}

/** Collects the first few mismatches rather than failing on each of ~300 000 steps. */
class Mismatches {
	readonly found: string[] = [];
	steps = 0;
	check(q: ClusterQuorum, o: Oracle, path: () => string): void {
		this.steps++;
		if (this.found.length >= 5) return;
		const diff = differences(q, o);
		if (diff) this.found.push(`${path()}: ${diff}`);
	}
}

const setup = (n: number, w: boolean) => `${n} servers${w ? ' + witness' : ''}`;

describe('the oracle itself', () => {
	it('reproduces FACTS §2.1 vote totals and table cells it is built from', () => {
		const total = (o: Oracle) => [...o.votes.values()].reduce((a, b) => a + b, 0);
		expect(total(oracleStart(2, true))).toBe(3);
		expect(total(oracleStart(4, true))).toBe(5);
		expect(oracleLeave(oracleStart(2, false), ['N2'], 'crash').quorate).toBe(true);
		expect(oracleLeave(oracleStart(2, false), ['N1'], 'crash').quorate).toBe(false);
		expect(oracleLeave(oracleStart(2, false), ['N1'], 'graceful').quorate).toBe(true);
		expect(oracleLeave(oracleStart(4, false), ['N1', 'N2'], 'crash').quorate).toBe(false);
		expect(oracleLeave(oracleStart(4, false), ['N1', 'N4'], 'crash').quorate).toBe(true);
		expect(oracleLeave(oracleStart(3, true), ['N1', 'N2'], 'crash').quorate).toBe(false);
		const three = oracleLeave(oracleStart(3, true), ['N1'], 'crash');
		expect(oracleLeave(three, ['N2'], 'crash').quorate).toBe(true);
	});
});

describe('module verdicts equal the oracle', () => {
	it('every order of every subset of 2…8 servers failing one by one, with or without witness', () => {
		const bad = new Mismatches();
		for (let n = 2; n <= 8; n++) {
			for (const w of [false, true]) {
				const path: number[] = [];
				const walk = (q: ClusterQuorum, o: Oracle) => {
					for (let s = 0; s < n; s++) {
						if (path.includes(s)) continue;
						path.push(s);
						const q2 = leave(q, [s], 'crash').state;
						const o2 = oracleLeave(o, [memberName(s)], 'crash');
						bad.check(q2, o2, () => `${setup(n, w)}, crash ${path.map(memberName).join(' → ')}`);
						walk(q2, o2);
						path.pop();
					}
				};
				const q0 = createQuorum(n, w ? 'cloud' : 'none');
				const o0 = oracleStart(n, w);
				bad.check(q0, o0, () => `${setup(n, w)} at start`);
				walk(q0, o0);
			}
		}
		expect(bad.found).toEqual([]);
		// Sum over n = 2…8 of the sequences without repetition (n!/(n−k)! for k = 0…n), × 2.
		expect(bad.steps).toBe(2 * (5 + 16 + 65 + 326 + 1957 + 13700 + 109601));
	});

	it('every subset of 2…8 servers failing at once, crash and graceful, then one more', () => {
		const bad = new Mismatches();
		for (let n = 2; n <= 8; n++) {
			for (const w of [false, true]) {
				for (const kind of ['crash', 'graceful'] as const) {
					for (let mask = 1; mask < 1 << n; mask++) {
						const group = [...Array(n).keys()].filter((s) => mask & (1 << s));
						const q = leave(createQuorum(n, w ? 'cloud' : 'none'), group, kind).state;
						const o = oracleLeave(oracleStart(n, w), group.map(memberName), kind);
						const what = () => `${setup(n, w)}, ${kind} ${group.map(memberName)} at once`;
						bad.check(q, o, what);
						for (let s = 0; s < n; s++) {
							// A server of the group returns, or one more crashes.
							const back = group.includes(s);
							const q2 = back ? join(q, s).state : leave(q, [s]).state;
							const o2 = back
								? oracleJoin(o, memberName(s))
								: oracleLeave(o, [memberName(s)], 'crash');
							bad.check(q2, o2, () => `${what()}, then ${back ? 'join' : 'crash'} ${s}`);
						}
					}
				}
			}
		}
		expect(bad.found).toEqual([]);
	});

	it('every sequence of groups (with the witness as a member) failing at once, 2…5 servers', () => {
		const bad = new Mismatches();
		for (let n = 2; n <= 5; n++) {
			for (const w of [false, true]) {
				const members = n + (w ? 1 : 0); // member n is the witness
				const trail: string[] = [];
				const walk = (q: ClusterQuorum, o: Oracle, gone: number) => {
					for (let mask = 1; mask < 1 << members; mask++) {
						if (mask & gone) continue;
						const group = [...Array(members).keys()].filter((m) => mask & (1 << m));
						const nodes = group.filter((m) => m < n);
						const withWitness = group.includes(n);
						for (const kind of ['crash', 'graceful'] as const) {
							const q2 = leave(q, nodes, kind, { witness: withWitness }).state;
							const o2 = oracleLeave(
								o,
								group.map((m) => (m === n ? WITNESS : memberName(m))),
								kind
							);
							trail.push(`${kind} {${group.map((m) => (m === n ? 'W' : memberName(m)))}}`);
							bad.check(q2, o2, () => `${setup(n, w)}: ${trail.join(' → ')}`);
							walk(q2, o2, gone | mask);
							trail.pop();
						}
					}
				};
				walk(createQuorum(n, w ? 'file-share' : 'none'), oracleStart(n, w), 0);
			}
		}
		expect(bad.found).toEqual([]);
	});

	it('random failures, returns and witness events for 1…8 servers', () => {
		type Ev =
			| { t: 'leave'; nodes: number[]; kind: DepartureKind; witness: boolean }
			| { t: 'join'; node: number }
			| { t: 'witness.down' }
			| { t: 'witness.up' };
		const ev: fc.Arbitrary<Ev> = fc.oneof(
			fc.record({
				t: fc.constant('leave' as const),
				nodes: fc.uniqueArray(fc.nat(7), { minLength: 1, maxLength: 4 }),
				kind: fc.constantFrom<DepartureKind>('crash', 'graceful'),
				witness: fc.boolean()
			}),
			fc.record({ t: fc.constant('join' as const), node: fc.nat(7) }),
			fc.constant({ t: 'witness.down' as const }),
			fc.constant({ t: 'witness.up' as const })
		);
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 8 }),
				fc.boolean(),
				fc.array(ev, { maxLength: 25 }),
				(n, w, events) => {
					let q = createQuorum(n, w ? 'cloud' : 'none');
					let o = oracleStart(n, w);
					const bad = new Mismatches();
					for (const e of events) {
						if (e.t === 'leave') {
							const nodes = e.nodes.filter((s) => s < n);
							const witness = w && e.witness;
							q = leave(q, nodes, e.kind, { witness }).state;
							const members = nodes.map(memberName);
							o = oracleLeave(o, witness ? [...members, WITNESS] : members, e.kind);
						} else if (e.t === 'join') {
							if (e.node >= n) continue;
							q = join(q, e.node).state;
							o = oracleJoin(o, memberName(e.node));
						} else if (!w) {
							// No witness configured: the module ignores witness events.
							const before = q;
							q = e.t === 'witness.down' ? witnessDown(q).state : witnessUp(q).state;
							if (q !== before) bad.found.push('witness event changed a cluster without one');
							continue;
						} else if (e.t === 'witness.down') {
							q = witnessDown(q).state;
							o = oracleLeave(o, [WITNESS], 'crash');
						} else {
							q = witnessUp(q).state;
							o = oracleJoin(o, WITNESS);
						}
						bad.check(q, o, () => JSON.stringify(e));
					}
					expect(bad.found).toEqual([]);
					expect(voteTotal(q)).toBeGreaterThanOrEqual(q.up ? 1 : 0);
				}
			),
			{ numRuns: 3000, seed: 20240601 }
		);
	});
});

import { describe, expect, it } from 'vitest';
import {
	CLUSTER_QUORUM_SIMPLIFICATIONS,
	CLUSTER_QUORUM_TABLE,
	applyQuorumEvent,
	createQuorum,
	explain,
	isUp,
	join,
	leave,
	nodeName,
	presentVotes,
	quorumTableCell,
	validateWitness,
	voteTotal,
	votesNeeded,
	witnessDown,
	witnessUp,
	type ClusterQuorum,
	type FailurePattern
} from './quorum';

/** Crash `groups` in order; each group fails at once. Returns the state after each group. */
function crash(state: ClusterQuorum, ...groups: number[][]): ClusterQuorum[] {
	const states: ClusterQuorum[] = [];
	for (const group of groups) {
		state = leave(state, group, 'crash').state;
		states.push(state);
	}
	return states;
}

const last = (states: ClusterQuorum[]) => states[states.length - 1];

describe('vote totals (FACTS §2.1)', () => {
	it.each([
		[1, 'none', 1],
		[2, 'none', 1],
		[2, 'cloud', 3],
		[3, 'none', 3],
		[3, 'cloud', 3],
		[4, 'none', 3],
		[4, 'file-share', 5],
		[5, 'none', 5],
		[5, 'cloud', 5],
		[6, 'none', 5],
		[16, 'none', 15],
		[16, 'cloud', 17]
	] as const)('%i servers, witness %s: %i votes', (nodes, witness, total) => {
		const q = createQuorum(nodes, witness);
		expect(voteTotal(q)).toBe(total);
		expect(presentVotes(q)).toBe(total);
		expect(votesNeeded(q)).toBe(Math.floor(total / 2) + 1);
		expect(isUp(q)).toBe(true);
	});

	it('the witness votes only while the node votes are even', () => {
		expect(createQuorum(2, 'cloud').witnessVote).toBe(1);
		expect(createQuorum(3, 'cloud').witnessVote).toBe(0);
		expect(createQuorum(4, 'cloud').witnessVote).toBe(1);
		expect(createQuorum(5, 'file-share').witnessVote).toBe(0);
	});

	it('without a witness an even cluster zeroes the highest-numbered server (FACTS §9.2)', () => {
		expect(createQuorum(4).nodeVote).toEqual([1, 1, 1, 0]);
		expect(createQuorum(2).nodeVote).toEqual([1, 0]);
		expect(createQuorum(3).nodeVote).toEqual([1, 1, 1]);
	});

	it('2 + witness: one loss leaves 2 of 3; 4 + witness: one loss leaves 4 of 5', () => {
		const two = leave(createQuorum(2, 'cloud'), [1]);
		expect(two.up).toBe(true);
		expect(two.changed).toContain('2 of 3 votes present: 2 > 1.5, the cluster stays up.');
		const four = leave(createQuorum(4, 'cloud'), [0]);
		expect(four.changed).toContain('4 of 5 votes present: 4 > 2.5, the cluster stays up.');
	});
});

describe('FACTS §2.1 table, row by row', () => {
	const patterns: [FailurePattern, keyof (typeof CLUSTER_QUORUM_TABLE)[number]][] = [
		['one', 'oneFailure'],
		['one-then-another', 'oneThenAnother'],
		['two-at-once', 'twoAtOnce']
	];
	const rows: [string, number, boolean][] = [
		['2', 2, false],
		['2 + witness', 2, true],
		['3', 3, false],
		['3 + witness', 3, true],
		['4', 4, false],
		['4 + witness', 4, true]
	];

	it.each(rows)('row "%s" computed from the rules equals the table', (label, nodes, witness) => {
		const row = CLUSTER_QUORUM_TABLE.find((r) => r.nodes === label)!;
		for (const [pattern, column] of patterns) {
			expect(quorumTableCell(nodes, witness, pattern), `${label} ${pattern}`).toBe(row[column]);
		}
	});

	it('row "≥5" holds for 5 to 16 servers, with and without a witness', () => {
		const row = CLUSTER_QUORUM_TABLE.find((r) => r.nodes === '≥5')!;
		for (let nodes = 5; nodes <= 16; nodes++) {
			for (const witness of [false, true]) {
				for (const [pattern, column] of patterns) {
					expect(quorumTableCell(nodes, witness, pattern), `${nodes} ${pattern}`).toBe(row[column]);
				}
			}
		}
	});

	describe('2 servers', () => {
		it('1 failure is 50/50: losing the non-voter (Node02) keeps 1/1, losing the voter gives 0/1', () => {
			const q = createQuorum(2);
			const nonVoter = leave(q, [1]);
			expect(nonVoter.up).toBe(true);
			expect(nonVoter.changed).toContain('1 of 1 vote present: 1 > 0.5, the cluster stays up.');
			const voter = leave(q, [0]);
			expect(voter.up).toBe(false);
			expect(voter.changed).toContain(
				'0 of 1 vote present: 0 is not more than 0.5, the cluster loses quorum and goes down.'
			);
		});
		it('1, then another, and 2 at once: down (no server left)', () => {
			expect(last(crash(createQuorum(2), [1], [0])).up).toBe(false);
			expect(last(crash(createQuorum(2), [0], [1])).up).toBe(false);
			expect(leave(createQuorum(2), [0, 1]).up).toBe(false);
		});
	});

	describe('2 + witness', () => {
		it('1 failure: up with 2 of 3, then the witness stops voting (1 node vote is odd)', () => {
			for (const node of [0, 1]) {
				const after = leave(createQuorum(2, 'cloud'), [node]).state;
				expect(after.up).toBe(true);
				expect(voteTotal(after)).toBe(1);
				expect(after.witnessVote).toBe(0);
			}
		});
		it('1, then another, and 2 at once: down', () => {
			expect(last(crash(createQuorum(2, 'cloud'), [0], [1])).up).toBe(false);
			expect(leave(createQuorum(2, 'cloud'), [0, 1]).up).toBe(false);
		});
	});

	describe('3 servers', () => {
		it('1 failure: 2 of 3, up; the survivors are even, so the higher one is zeroed', () => {
			const after = leave(createQuorum(3), [0]).state;
			expect(after.up).toBe(true);
			expect(after.nodeVote).toEqual([0, 1, 0]);
		});
		it('1, then another is 50/50: it depends on whether the zeroed server fails second', () => {
			// Node01 fails: Node02 votes, Node03 is zeroed. Losing Node03 next keeps 1/1 …
			expect(last(crash(createQuorum(3), [0], [2])).up).toBe(true);
			// … losing Node02 (the voter) gives 0/1.
			expect(last(crash(createQuorum(3), [0], [1])).up).toBe(false);
			// Node03 fails first: Node02 is zeroed; Node01 failing next stops the cluster.
			expect(last(crash(createQuorum(3), [2], [1])).up).toBe(true);
			expect(last(crash(createQuorum(3), [2], [0])).up).toBe(false);
		});
		it('2 at once: 1 of 3, down', () => {
			const step = leave(createQuorum(3), [0, 2]);
			expect(step.up).toBe(false);
			expect(step.changed).toContain(
				'1 of 3 votes present: 1 is not more than 1.5, the cluster loses quorum and goes down.'
			);
		});
	});

	describe('3 + witness', () => {
		it('1, then another: up; the witness starts voting once 2 servers remain', () => {
			const [first, second] = crash(createQuorum(3, 'cloud'), [1], [0]);
			expect(first.witnessVote).toBe(1);
			expect(voteTotal(first)).toBe(3);
			expect(second.up).toBe(true);
		});
		it('2 at once: 1 of 3 (the witness did not vote), down', () => {
			expect(leave(createQuorum(3, 'cloud'), [0, 1]).up).toBe(false);
		});
	});

	describe('4 servers', () => {
		it('1, then another: up in every order', () => {
			for (let a = 0; a < 4; a++) {
				for (let b = 0; b < 4; b++) {
					if (a !== b) expect(last(crash(createQuorum(4), [a], [b])).up).toBe(true);
				}
			}
		});
		it('2 at once is 50/50: it survives only if the zeroed server (Node04) is one of them', () => {
			const withZeroed = leave(createQuorum(4), [0, 3]);
			expect(withZeroed.up).toBe(true);
			expect(withZeroed.changed).toContain('2 of 3 votes present: 2 > 1.5, the cluster stays up.');
			const twoVoters = leave(createQuorum(4), [0, 1]);
			expect(twoVoters.up).toBe(false);
			expect(twoVoters.changed).toContain(
				'1 of 3 votes present: 1 is not more than 1.5, the cluster loses quorum and goes down.'
			);
		});
		it('a third loss one after another is again 50/50 (cluster quorum alone; S2D stops at 2)', () => {
			expect(last(crash(createQuorum(4), [0], [1], [3])).up).toBe(true);
			expect(last(crash(createQuorum(4), [0], [1], [2])).up).toBe(false);
		});
	});

	describe('4 + witness and 5 servers', () => {
		it('4 + witness, 2 at once: 3 of 5, up', () => {
			expect(leave(createQuorum(4, 'cloud'), [1, 2]).up).toBe(true);
		});
		it('5 servers, 2 at once: 3 of 5, up; 3 at once: down', () => {
			expect(leave(createQuorum(5), [0, 4]).up).toBe(true);
			expect(leave(createQuorum(5), [0, 1, 4]).up).toBe(false);
		});
		it('5 servers survive one loss after another down to 2, then it is 50/50', () => {
			const states = crash(createQuorum(5), [0], [1], [2]);
			expect(states.every((s) => s.up)).toBe(true);
			expect(last(states).nodeVote).toEqual([0, 0, 0, 1, 0]);
			expect(leave(last(states), [4]).up).toBe(true);
			expect(leave(last(states), [3]).up).toBe(false);
		});
	});
});

describe('graceful shutdown vs crash (2 servers, no witness)', () => {
	it('the voter crashing stops the cluster', () => {
		expect(leave(createQuorum(2), [0], 'crash').up).toBe(false);
	});
	it('the voter shutting down gracefully passes its vote over', () => {
		const step = leave(createQuorum(2), [0], 'graceful');
		expect(step.up).toBe(true);
		expect(step.state.nodeVote).toEqual([0, 1]);
		expect(step.changed[0]).toBe('Node01 shuts down gracefully.');
		expect(step.changed[1]).toMatch(/^The cluster removes its vote before it goes: Node02 votes/);
	});
	it('graceful shutdowns keep a larger cluster up down to the last server', () => {
		let q = createQuorum(5);
		for (const node of [4, 0, 2, 1]) {
			q = leave(q, [node], 'graceful').state;
			expect(q.up).toBe(true);
		}
		expect(voteTotal(q)).toBe(1);
		expect(leave(createQuorum(5), [0, 1, 2, 3], 'graceful').up).toBe(true);
	});
	it('the last server shutting down leaves the cluster down; it comes back with it', () => {
		const down = leave(createQuorum(1), [0], 'graceful');
		expect(down.up).toBe(false);
		expect(explain(down.state)).toContain('no server is running');
		expect(join(down.state, 0).up).toBe(true);
	});
	it('in a down cluster a graceful shutdown counts like a crash', () => {
		const down = leave(createQuorum(3), [0, 1]).state;
		const step = leave(down, [2], 'graceful');
		expect(step.up).toBe(false);
		expect(step.changed[0]).toBe('Node03 shut down.');
	});
});

describe('the witness fails and returns', () => {
	it('a voting witness failing is judged like a voter, then a server is zeroed', () => {
		const q = createQuorum(4, 'cloud');
		const step = witnessDown(q);
		expect(step.up).toBe(true);
		expect(step.changed).toContain('4 of 5 votes present: 4 > 2.5, the cluster stays up.');
		expect(step.state.witnessVote).toBe(0);
		expect(step.state.nodeVote).toEqual([1, 1, 1, 0]);
		const back = witnessUp(step.state);
		expect(back.up).toBe(true);
		expect(back.state.nodeVote).toEqual([1, 1, 1, 1]);
		expect(back.state.witnessVote).toBe(1);
	});
	it('a non-voting witness failing changes no vote', () => {
		const step = witnessDown(createQuorum(3, 'cloud'));
		expect(step.changed).toEqual([
			'The cloud witness is down (it had no vote).',
			'3 of 3 votes present: 3 > 1.5, the cluster stays up.'
		]);
		expect(voteTotal(step.state)).toBe(3);
	});
	it('2 + witness: witness down, then a server: 50/50 like 2 servers without a witness', () => {
		const noWitness = witnessDown(createQuorum(2, 'file-share')).state;
		expect(leave(noWitness, [1]).up).toBe(true);
		expect(leave(noWitness, [0]).up).toBe(false);
	});
	it('3 + witness: a server, then the witness, then a server', () => {
		const [afterOne] = crash(createQuorum(3, 'cloud'), [2]);
		const noWitness = witnessDown(afterOne);
		expect(noWitness.up).toBe(true);
		expect(noWitness.state.nodeVote).toEqual([1, 0, 0]);
		expect(leave(noWitness.state, [1]).up).toBe(true);
		expect(leave(noWitness.state, [0]).up).toBe(false);
	});
	it('4 + witness: 2 servers, then the witness, leaves 2 servers with one vote zeroed', () => {
		const two = leave(createQuorum(4, 'cloud'), [0, 1]).state;
		expect(two.witnessVote).toBe(1);
		const noWitness = witnessDown(two);
		expect(noWitness.up).toBe(true);
		expect(noWitness.state.nodeVote).toEqual([0, 0, 1, 0]);
		expect(leave(noWitness.state, [3]).up).toBe(true);
		expect(leave(noWitness.state, [2]).up).toBe(false);
	});
	it('a down cluster counts the witness when it returns', () => {
		// 4 + witness, 3 servers at once: 2 of 5, down; the witness leaving too keeps it down.
		const gone = leave(createQuorum(4, 'cloud'), [0, 1, 2]);
		expect(gone.up).toBe(false);
		const noWitness = witnessDown(gone.state);
		expect(noWitness.up).toBe(false);
		const oneBack = join(noWitness.state, 0);
		expect(oneBack.up).toBe(false);
		const back = witnessUp(oneBack.state);
		expect(back.up).toBe(true);
		expect(back.changed).toContain(
			'3 of 5 votes present: 3 > 2.5, the cluster has quorum again and is up.'
		);
	});
	it('the witness lost at once with servers is judged against the votes before both', () => {
		// 2 + witness: Node02 and the witness at once leave 1 of 3: down …
		const atOnce = leave(createQuorum(2, 'cloud'), [1], 'crash', { witness: true });
		expect(atOnce.up).toBe(false);
		expect(atOnce.changed[0]).toBe('Node02 crashed and the cloud witness was lost at once.');
		// … one after the other, the votes adjust in between and Node01 keeps the cluster up.
		const first = witnessDown(createQuorum(2, 'cloud')).state;
		expect(leave(first, [1]).up).toBe(true);
	});
	it('applyQuorumEvent passes the witness flag of node.leave', () => {
		const step = applyQuorumEvent(createQuorum(4, 'cloud'), {
			type: 'node.leave',
			nodes: [0],
			kind: 'crash',
			witness: true
		});
		expect(step.changed).toContain('3 of 5 votes present: 3 > 2.5, the cluster stays up.');
		expect(step.state.witnessRunning).toBe(false);
	});
	it('without a configured witness, witness events do nothing', () => {
		const q = createQuorum(3);
		expect(witnessDown(q)).toEqual({ state: q, up: true, changed: [] });
		expect(witnessUp(q)).toEqual({ state: q, up: true, changed: [] });
	});
});

describe('servers returning', () => {
	it('a returning server gets its vote back and the rules apply again', () => {
		const after = leave(createQuorum(3), [0]).state;
		expect(after.nodeVote).toEqual([0, 1, 0]);
		const back = join(after, 0);
		expect(back.up).toBe(true);
		expect(back.state.nodeVote).toEqual([1, 1, 1]);
		expect(back.changed).toContain(
			'Votes recomputed: Node01, Node02 and Node03 vote; 3 votes in all.'
		);
	});
	it('with an even count after the return, the witness votes again', () => {
		const after = leave(createQuorum(4, 'cloud'), [3]).state;
		expect(after.witnessVote).toBe(0);
		expect(join(after, 3).state.witnessVote).toBe(1);
	});
	it('a down cluster comes back when a majority of the votes it had when it went down return', () => {
		// 5 servers, 3 at once: 2 of 5, down (votes frozen at 5).
		const down = leave(createQuorum(5), [0, 1, 2]).state;
		expect(voteTotal(down)).toBe(5);
		const one = join(down, 0);
		expect(one.up).toBe(true);
		expect(one.changed).toContain(
			'3 of 5 votes present: 3 > 2.5, the cluster has quorum again and is up.'
		);
		expect(voteTotal(one.state)).toBe(3);
	});
	it('a server without a vote in the frozen total does not bring the cluster back', () => {
		// 2 servers: the voter crashes. Node02 is running but has no vote; only Node01 revives it.
		const down = leave(createQuorum(2), [0]).state;
		expect(down.nodeRunning).toEqual([false, true]);
		const stillDown = leave(down, [1]);
		expect(join(stillDown.state, 1).up).toBe(false);
		expect(join(stillDown.state, 0).up).toBe(true);
	});
	it('joins and leaves of servers already in that state change nothing', () => {
		const q = createQuorum(3);
		expect(join(q, 1)).toEqual({ state: q, up: true, changed: [] });
		const after = leave(q, [1]).state;
		expect(leave(after, [1])).toEqual({ state: after, up: true, changed: [] });
	});
});

describe('validateWitness and createQuorum', () => {
	it('refuses a disk witness with the reason and the FACTS section', () => {
		const check = validateWitness('disk', 4);
		expect(check.ok).toBe(false);
		if (check.ok) return;
		expect(check.reason).toMatch(/copy of the cluster database/);
		expect(check.reason).toMatch(/not supported with Storage Spaces Direct/);
		expect(check.facts).toBe('FACTS.md §2.1 "Witness types"');
		expect(() => createQuorum(4, 'disk')).toThrow(/not supported with Storage Spaces Direct/);
	});
	it('accepts cloud, file share and none, with FACTS §2.1 advice', () => {
		expect(validateWitness('cloud')).toEqual({ ok: true });
		expect(validateWitness('none', 2)).toMatchObject({
			ok: true,
			advice: expect.stringMatching(/required/)
		});
		expect(validateWitness('none', 4)).toMatchObject({
			ok: true,
			advice: expect.stringMatching(/strongly/)
		});
		expect(validateWitness('file-share', 6)).toMatchObject({
			ok: true,
			advice: expect.stringMatching(/unnecessary/)
		});
		expect(validateWitness('cloud', 3)).toEqual({ ok: true });
	});
	it('rejects node counts and indices out of range', () => {
		expect(() => createQuorum(0)).toThrow(RangeError);
		expect(() => createQuorum(17)).toThrow(RangeError);
		expect(() => createQuorum(2.5)).toThrow(RangeError);
		expect(() => leave(createQuorum(3), [3])).toThrow(RangeError);
		expect(() => join(createQuorum(3), -1)).toThrow(RangeError);
	});
});

describe('explain', () => {
	it('states the arithmetic of an up cluster with a zeroed vote and a down server', () => {
		const q = leave(createQuorum(5), [2]).state;
		expect(explain(q)).toBe(
			"3 of 3 votes (Node01, Node02 and Node04; Node05's vote zeroed to keep the total odd; Node03 is down): 3 > 1.5, the cluster is up."
		);
	});
	it('names the witness when it votes and when it does not', () => {
		expect(explain(createQuorum(2, 'cloud'))).toBe(
			'3 of 3 votes (Node01, Node02 and the cloud witness): 3 > 1.5, the cluster is up.'
		);
		expect(explain(createQuorum(3, 'file-share'))).toBe(
			'3 of 3 votes (Node01, Node02 and Node03; the file share witness does not vote while the node votes are odd): 3 > 1.5, the cluster is up.'
		);
		expect(explain(witnessDown(createQuorum(3, 'cloud')).state)).toContain(
			'the cloud witness is down'
		);
	});
	it('states what a down cluster needs', () => {
		const down = leave(createQuorum(4, 'cloud'), [0, 1, 2]).state;
		expect(explain(down)).toBe(
			'2 of 5 votes (present: Node04 and the cloud witness; missing: Node01, Node02 and Node03): 2 is not more than 2.5, the cluster is down. It comes back when more than 2.5 of the votes it had when it went down are present again.'
		);
	});
});

describe('state and events', () => {
	it('never mutates its input and stays structured-cloneable', () => {
		const q = createQuorum(4, 'cloud');
		const copy = structuredClone(q);
		leave(q, [0, 1], 'crash');
		leave(q, [2], 'graceful');
		witnessDown(q);
		expect(q).toEqual(copy);
		const after = leave(q, [1]).state;
		expect(structuredClone(after)).toEqual(after);
	});
	it('applyQuorumEvent dispatches every event type', () => {
		let q = createQuorum(3, 'cloud');
		q = applyQuorumEvent(q, { type: 'node.leave', nodes: [2], kind: 'crash' }).state;
		expect(q.nodeRunning).toEqual([true, true, false]);
		q = applyQuorumEvent(q, { type: 'witness.down' }).state;
		expect(q.witnessRunning).toBe(false);
		q = applyQuorumEvent(q, { type: 'witness.up' }).state;
		expect(q.witnessRunning).toBe(true);
		q = applyQuorumEvent(q, { type: 'node.join', node: 2 }).state;
		expect(q.nodeRunning).toEqual([true, true, true]);
	});
	it('names servers Node01 … Node16', () => {
		expect(nodeName(0)).toBe('Node01');
		expect(nodeName(15)).toBe('Node16');
	});
});

describe('CLUSTER_QUORUM_SIMPLIFICATIONS', () => {
	it('has unique cluster.* ids, each citing a FACTS.md section', () => {
		const ids = CLUSTER_QUORUM_SIMPLIFICATIONS.map((s) => s.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const s of CLUSTER_QUORUM_SIMPLIFICATIONS) {
			expect(s.id).toMatch(/^cluster\./);
			expect(s.source).toMatch(/^FACTS\.md §\d/);
			expect(s.detail.length).toBeGreaterThan(20);
		}
		expect(ids).toContain('cluster.zeroed-vote');
	});
});

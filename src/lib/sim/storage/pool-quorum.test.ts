import { describe, expect, it } from 'vitest';
import { POOL_QUORUM_TABLE, evaluatePoolQuorum, type PoolVoter } from './pool-quorum';

/**
 * Drives numbered 1.. across nodes 1.. with `perNode[i]` drives on node i + 1, as the documented
 * pictures number them; drives on `downNodes` or in `failedDrives` are offline.
 */
function pool(
	perNode: readonly number[],
	downNodes: readonly number[] = [],
	failedDrives: readonly number[] = []
): PoolVoter[] {
	const voters: PoolVoter[] = [];
	perNode.forEach((count, i) => {
		for (let k = 0; k < count; k++) {
			const driveId = voters.length + 1;
			const node = i + 1;
			voters.push({
				driveId,
				node,
				online: !downNodes.includes(node) && !failedDrives.includes(driveId)
			});
		}
	});
	return voters;
}
const quorate = { ownerUp: true, clusterQuorate: true };

describe('pool quorum: the worked examples of WSD ss/understand-quorum.md (FACTS §2.2, §9.1)', () => {
	it('FACTS §9.1: "the doc\'s 4-node/16-drive example survives by counting drives + owner vote out of 16"', () => {
		// Doc: "If nodes three and four go down, the surviving subset has 8 drives and the pool
		// resource owner, which is 9/16 votes. So, the pool survives." (owner = node two)
		const r = evaluatePoolQuorum({ voters: pool([4, 4, 4, 4], [3, 4]), ownerNode: 2, ...quorate });
		expect(r).toMatchObject({ hasQuorum: true, totalVotes: 16, onlineDriveVotes: 8, ownerVote: 1 });
		expect(r.explanation).toBe(
			'8 of 16 drive votes + 1 owner vote (node 2) = 9 of 16; 9 > 8, the pool stays online.'
		);
	});

	it('same layout, drive 7 failed first: "7 drives and the pool resource owner, which is 8/16 votes ... goes down"', () => {
		const r = evaluatePoolQuorum({
			voters: pool([4, 4, 4, 4], [3, 4], [7]),
			ownerNode: 2,
			...quorate
		});
		expect(r.hasQuorum).toBe(false);
		expect(r.poolState).toBe('read-only (Incomplete)');
		expect(r.explanation).toBe(
			'7 of 16 drive votes + 1 owner vote (node 2) = 8 of 16; 8 is not more than 8, the pool loses quorum and turns read-only.'
		);
	});

	it('non-symmetrical 24 drives, nodes 3 and 4 down: "8 drives and the pool resource owner, which is 9/24 votes ... goes down"', () => {
		const r = evaluatePoolQuorum({ voters: pool([4, 4, 8, 8], [3, 4]), ownerNode: 2, ...quorate });
		expect(r).toMatchObject({ hasQuorum: false, totalVotes: 24, neededVotes: 13 });
		// "can survive all other scenarios": e.g. nodes 1 and 3 down leaves 12 + owner.
		const other = evaluatePoolQuorum({
			voters: pool([4, 4, 8, 8], [1, 3]),
			ownerNode: 2,
			...quorate
		});
		expect(other.hasQuorum).toBe(true);
	});

	it('FACTS §1.3: three servers, 2 down = pool quorum lost (two thirds of disks missing)', () => {
		const r = evaluatePoolQuorum({ voters: pool([4, 4, 4], [2, 3]), ownerNode: 1, ...quorate });
		expect(r.hasQuorum).toBe(false);
		expect(r.explanation).toMatch(/^4 of 12 drive votes \+ 1 owner vote/);
	});
});

describe('the owner vote', () => {
	it('is the +1 that breaks an exact half', () => {
		const voters = pool([4, 4], [2]);
		expect(evaluatePoolQuorum({ voters, ownerNode: 1, ...quorate }).hasQuorum).toBe(true);
		const noOwner = evaluatePoolQuorum({
			voters,
			ownerNode: 1,
			ownerUp: false,
			clusterQuorate: true
		});
		expect(noOwner.hasQuorum).toBe(false);
		expect(noOwner.explanation).toMatch(/owner node 1 is down/);
	});

	it('counts only while the cluster is quorate', () => {
		const r = evaluatePoolQuorum({
			voters: pool([4, 4], [2]),
			ownerNode: 1,
			ownerUp: true,
			clusterQuorate: false
		});
		expect(r.ownerVote).toBe(0);
		expect(r.hasQuorum).toBe(false);
		expect(r.explanation).toMatch(/cluster has no quorum/);
	});

	it('explains the FACTS §9.1 contradiction: the table\'s "4 nodes, 2 at once: No" holds if the owner is among them', () => {
		const r = evaluatePoolQuorum({
			voters: pool([4, 4, 4, 4], [2, 3]),
			ownerNode: 2,
			ownerUp: false,
			clusterQuorate: true
		});
		expect(r.hasQuorum).toBe(false);
		expect(POOL_QUORUM_TABLE.find((row) => row.nodes === '4')?.twoAtOnce).toBe('no');
	});
});

describe('voters', () => {
	it('only metadata drives vote when marked (FACTS §2.2)', () => {
		const voters = pool([2, 2, 2]).map((v) => ({ ...v, holdsMetadata: v.driveId % 2 === 1 }));
		const r = evaluatePoolQuorum({ voters, ownerNode: 1, ...quorate });
		expect(r.totalVotes).toBe(3);
	});

	it('never has quorum without voters', () => {
		const r = evaluatePoolQuorum({ voters: [], ownerNode: 1, ...quorate });
		expect(r.hasQuorum).toBe(false);
		expect(r.explanation).toMatch(/No drive/);
	});

	it('has no dynamic quorum: the total stays the full pool after failures', () => {
		expect(
			evaluatePoolQuorum({ voters: pool([4, 4, 4, 4, 4], [1, 2]), ownerNode: 3, ...quorate })
		).toMatchObject({ totalVotes: 20, onlineDriveVotes: 12, hasQuorum: true });
		expect(
			evaluatePoolQuorum({ voters: pool([4, 4, 4, 4, 4], [1, 2, 3]), ownerNode: 4, ...quorate })
				.hasQuorum
		).toBe(false);
	});
});

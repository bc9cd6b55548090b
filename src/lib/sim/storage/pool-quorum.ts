/**
 * Pool quorum (FACTS §2.2, CONFIRMED, `WSD: ss/understand-quorum.md`): the storage pool stays
 * online only while the drives that can still be reached, plus the pool-resource owner as a
 * tie-breaker, are a majority of the drive votes. Unlike cluster quorum there is no dynamic
 * quorum and no vote removal, so the total never shrinks after a failure.
 */

/** One drive's vote in the pool. */
export interface PoolVoter {
	readonly driveId: number;
	readonly node: number;
	/** The drive works and its server is up. */
	readonly online: boolean;
	/**
	 * Whether the drive holds pool metadata (only those vote, FACTS §2.2). CHOICE (FACTS §2.2 and
	 * §9.1 do not say which drives hold it; the documented example counts all 16): every pool drive
	 * votes unless this is `false`.
	 */
	readonly holdsMetadata?: boolean;
}

export interface PoolQuorumInput {
	readonly voters: readonly PoolVoter[];
	/** Node owning the pool resource; undefined if the pool resource is not owned. */
	readonly ownerNode: number | undefined;
	/** Whether the owner node is up. */
	readonly ownerUp: boolean;
	/** Whether the cluster has quorum (FACTS §2.1); the owner votes only while it does. */
	readonly clusterQuorate: boolean;
}

export interface PoolQuorumResult {
	readonly hasQuorum: boolean;
	/** Drive votes in the pool (metadata drives), online or not. */
	readonly totalVotes: number;
	readonly onlineDriveVotes: number;
	/** 1 when the owner's tie-breaking vote counts, else 0. */
	readonly ownerVote: 0 | 1;
	/** Votes needed: more than half of `totalVotes`. */
	readonly neededVotes: number;
	/** The arithmetic in one line, for the UI and the event log. */
	readonly explanation: string;
	/** Pool state per FACTS §1.9 when quorum is lost. */
	readonly poolState: 'online' | 'read-only (Incomplete)';
}

/**
 * CHOICE (FACTS §9.1): online iff online metadata-drive votes + owner vote > ½ × drive votes, with
 * the owner's vote counted only while the owner is up and the cluster is quorate. This reproduces
 * the documented worked examples (4 nodes × 4 drives, 2 nodes down: 8 + 1 = 9 of 16 survives);
 * FACTS §2.2's summary table contradicts them and is shown separately (`POOL_QUORUM_TABLE`).
 */
export function evaluatePoolQuorum(input: PoolQuorumInput): PoolQuorumResult {
	const voters = input.voters.filter((v) => v.holdsMetadata !== false);
	const totalVotes = voters.length;
	const onlineDriveVotes = voters.filter((v) => v.online).length;
	const ownerVote: 0 | 1 =
		input.ownerNode !== undefined && input.ownerUp && input.clusterQuorate ? 1 : 0;
	const votes = onlineDriveVotes + ownerVote;
	const neededVotes = Math.floor(totalVotes / 2) + 1;
	const hasQuorum = totalVotes > 0 && votes >= neededVotes;
	return {
		hasQuorum,
		totalVotes,
		onlineDriveVotes,
		ownerVote,
		neededVotes,
		explanation: explain(input, totalVotes, onlineDriveVotes, ownerVote, hasQuorum),
		poolState: hasQuorum ? 'online' : 'read-only (Incomplete)'
	};
}

function explain(
	input: PoolQuorumInput,
	total: number,
	online: number,
	ownerVote: 0 | 1,
	hasQuorum: boolean
): string {
	if (total === 0) return 'No drive in the pool holds a vote: the pool cannot be online.';
	const half = total / 2;
	const owner =
		ownerVote === 1
			? ` + 1 owner vote (node ${input.ownerNode})`
			: input.ownerNode === undefined
				? ' + 0 (no pool-resource owner)'
				: !input.ownerUp
					? ` + 0 (owner node ${input.ownerNode} is down)`
					: ` + 0 (cluster has no quorum, so owner node ${input.ownerNode} cannot vote)`;
	const sum = online + ownerVote;
	const verdict = hasQuorum
		? `${sum} > ${half}, the pool stays online`
		: `${sum} is not more than ${half}, the pool loses quorum and turns read-only`;
	return `${online} of ${total} drive votes${owner} = ${sum} of ${total}; ${verdict}.`;
}

/** A row of FACTS §2.2's summary table ('yes'/'no' per failure pattern). */
export interface PoolQuorumTableRow {
	readonly nodes: string;
	readonly oneFailure: 'yes' | 'no';
	readonly oneThenAnother: 'yes' | 'no';
	readonly twoAtOnce: 'yes' | 'no';
}

/**
 * FACTS §2.2's summary table, verbatim (CONFIRMED as documentation text). It conflicts with the
 * worked examples that `evaluatePoolQuorum` follows (FACTS §9.1: it likely assumes the owner is
 * among the failed nodes), so the UI shows it beside the computed result, never instead of it.
 */
export const POOL_QUORUM_TABLE: readonly PoolQuorumTableRow[] = [
	{ nodes: '2', oneFailure: 'yes', oneThenAnother: 'no', twoAtOnce: 'no' },
	{ nodes: '2 + witness', oneFailure: 'yes', oneThenAnother: 'no', twoAtOnce: 'no' },
	{ nodes: '3', oneFailure: 'yes', oneThenAnother: 'no', twoAtOnce: 'no' },
	{ nodes: '3 + witness', oneFailure: 'yes', oneThenAnother: 'no', twoAtOnce: 'no' },
	{ nodes: '4', oneFailure: 'yes', oneThenAnother: 'no', twoAtOnce: 'no' },
	{ nodes: '4 + witness', oneFailure: 'yes', oneThenAnother: 'yes', twoAtOnce: 'yes' },
	{ nodes: '≥5', oneFailure: 'yes', oneThenAnother: 'yes', twoAtOnce: 'yes' }
];

/**
 * Counting checks and violations of one invariant, shared by the storage and cluster invariants:
 * each check counts, and a violation is counted, kept as the first message if it is the first, and
 * logged as `invariant.violated` (the UI jumps to the first such entry).
 */
import type { SimContext } from '../kernel/types';

/** Checks and violations of one invariant (plain data, in the model state). */
export interface InvariantRecord {
	checks: number;
	violations: number;
	firstMessage: string | null;
}

export const newInvariantRecord = (): InvariantRecord => ({
	checks: 0,
	violations: 0,
	firstMessage: null
});

/** Records one check of invariant `name`; `violation` says what broke it, if anything did. */
export function recordCheck(
	rec: InvariantRecord,
	name: string,
	violation: string | undefined,
	ctx: SimContext
): void {
	rec.checks++;
	if (violation === undefined) return;
	rec.violations++;
	rec.firstMessage ??= violation;
	ctx.log('invariant.violated', { name, reason: violation });
}

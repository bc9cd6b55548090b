/**
 * The witness while the simulation runs (FACTS §2.1): `witness.set` adds a cloud or file share
 * witness, or removes it ("none"; a disk witness is refused by the scenario schema, with the
 * reason); `witness.fail` and `witness.restore` take it away and bring it back. Dynamic witness
 * then decides whether it votes.
 */
import type { InputEvent, SimContext } from '../../kernel/types';
import { witnessDown, witnessUp, type ClusterQuorum, type S2dWitnessKind } from '../quorum';
import { vote } from './servers';
import type { ClusterWorld } from './world';

export const WITNESS_INPUTS: readonly string[] = ['witness.set', 'witness.fail', 'witness.restore'];

/** Handles the witness inputs; inputs that change nothing are logged as ignored. */
export function handleWitnessInput(world: ClusterWorld, input: InputEvent, ctx: SimContext): void {
	const q = world.cluster.quorum;
	const ignore = (reason: string) => ctx.log('input.ignored', { reason });
	if (input.type === 'witness.fail') {
		if (q.witness === 'none' || !q.witnessRunning) return ignore('there is no working witness');
		return vote(world, witnessDown(q), ctx);
	}
	if (input.type === 'witness.restore') {
		if (q.witness === 'none' || q.witnessRunning) return ignore('the witness has not failed');
		return vote(world, witnessUp(q), ctx);
	}
	const kind = input.witness as S2dWitnessKind;
	if (kind === q.witness) return ignore(`the witness is already ${kind}`);
	// Take the old witness away, then bring the new one in as a returning voter.
	const without: ClusterQuorum =
		q.witness !== 'none' && q.witnessRunning ? witnessDown(q).state : q;
	const swapped: ClusterQuorum = {
		...without,
		witness: kind,
		witnessRunning: false,
		witnessVote: 0
	};
	ctx.log('cluster.witness', { witness: kind });
	if (kind !== 'none') return vote(world, witnessUp(swapped), ctx);
	vote(world, { state: swapped, up: swapped.up, changed: [] }, ctx);
}

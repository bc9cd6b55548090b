/**
 * The cluster as a whole (FACTS §2.1): up with every server a member, up with servers missing
 * (dynamic quorum has recomputed the votes over the members left), or down because the members
 * present no longer hold more than half of the votes. The vote arithmetic is quorum.ts; this
 * machine only follows its verdicts (a VOTES event after every membership or witness change) and
 * names what the model does when quorum is lost or regained.
 */
import { assign, setup } from 'xstate';

export interface ClusterContext {
	/** The vote arithmetic behind the current state, in words (quorum.ts `explain`). */
	reason: string;
}

/** After every vote change: whether quorum holds, and whether every server is a member. */
export type ClusterEvent = { type: 'VOTES'; up: boolean; allMembers: boolean; reason: string };

export const clusterMachine = setup({
	types: { context: {} as ClusterContext, events: {} as ClusterEvent },
	actions: {
		record: assign(({ event }) => ({ reason: event.reason })),
		/** The cluster stops: storage goes offline with it (storage/model reads `clusterUp`). */
		loseQuorum: () => {},
		/** The cluster runs again: storage comes back, judged by the pool and the copies. */
		regainQuorum: () => {}
	},
	guards: {
		lost: ({ event }) => !event.up,
		allMembers: ({ event }) => event.up && event.allMembers,
		someMissing: ({ event }) => event.up && !event.allMembers
	}
}).createMachine({
	id: 'cluster',
	initial: 'up',
	context: { reason: 'every server is a member and votes' },
	states: {
		up: {
			initial: 'allMembers',
			states: {
				allMembers: {
					on: {
						VOTES: [
							{ guard: 'someMissing', target: 'membersMissing', actions: 'record' },
							{ guard: 'allMembers', actions: 'record' }
						]
					}
				},
				membersMissing: {
					on: {
						VOTES: [
							{ guard: 'allMembers', target: 'allMembers', actions: 'record' },
							{ guard: 'someMissing', actions: 'record' }
						]
					}
				}
			},
			on: { VOTES: { guard: 'lost', target: 'down', actions: 'record' } }
		},
		down: {
			entry: 'loseQuorum',
			exit: 'regainQuorum',
			on: {
				VOTES: [
					{ guard: 'allMembers', target: 'up.allMembers', actions: 'record' },
					{ guard: 'someMissing', target: 'up.membersMissing', actions: 'record' },
					{ actions: 'record' }
				]
			}
		}
	}
});

/**
 * The patch-and-update orchestrator (FACTS §6.7, §9.20): one server at a time, a safety check
 * (the cluster is up and every volume healthy), drain, update, reboot, resume, then wait for the
 * storage to resync before the next server. A failed check, or a problem while it waits for the
 * storage (a drive failing mid-update), pauses it with the reason; it goes on from the check once
 * the reason is gone. Entry actions name what the model does.
 */
import { assign, setup } from 'xstate';

export interface UpdateContext {
	/** Servers in the order they are updated (node indices). */
	order: number[];
	/** Position in `order` of the server being updated. */
	index: number;
	/** Why the orchestrator is paused, or null. */
	reason: string | null;
	/** Servers finished so far. */
	updated: number[];
}

export type UpdateEvent =
	| { type: 'START'; order: number[] }
	| { type: 'SAFE' }
	| { type: 'UNSAFE'; reason: string }
	| { type: 'NODE_PAUSED' }
	| { type: 'NODE_BOOTED' }
	| { type: 'NODE_RESUMED' }
	| { type: 'STORAGE_HEALTHY' }
	| { type: 'PROBLEM'; reason: string }
	| { type: 'CLEARED' };

export const updateMachine = setup({
	types: { context: {} as UpdateContext, events: {} as UpdateEvent },
	actions: {
		finishServer: assign(({ context }) => ({
			index: context.index + 1,
			updated: [...context.updated, context.order[context.index]]
		})),
		checkSafety: () => {},
		drainServer: () => {},
		updateServer: () => {},
		resumeServer: () => {},
		awaitStorage: () => {},
		announcePause: () => {},
		announceDone: () => {}
	},
	guards: {
		allUpdated: ({ context }) => context.index >= context.order.length
	}
}).createMachine({
	id: 'update',
	initial: 'idle',
	context: { order: [], index: 0, reason: null, updated: [] },
	states: {
		idle: {
			on: {
				START: {
					target: 'running',
					actions: assign(({ event }) => ({
						order: event.order,
						index: 0,
						reason: null,
						updated: []
					}))
				}
			}
		},
		running: {
			initial: 'checking',
			states: {
				checking: {
					always: { guard: 'allUpdated', target: '#update.done' },
					entry: 'checkSafety',
					on: {
						SAFE: 'draining',
						UNSAFE: {
							target: '#update.paused',
							actions: assign({ reason: ({ event }) => event.reason })
						}
					}
				},
				draining: { entry: 'drainServer', on: { NODE_PAUSED: 'updating' } },
				updating: { entry: 'updateServer', on: { NODE_BOOTED: 'resuming' } },
				resuming: { entry: 'resumeServer', on: { NODE_RESUMED: 'resyncing' } },
				resyncing: {
					entry: 'awaitStorage',
					on: {
						// This server is done either way; the next one waits for healthy storage.
						STORAGE_HEALTHY: { target: 'checking', actions: 'finishServer' },
						PROBLEM: {
							target: '#update.paused',
							actions: ['finishServer', assign({ reason: ({ event }) => event.reason })]
						}
					}
				}
			}
		},
		paused: {
			entry: 'announcePause',
			on: {
				CLEARED: { target: 'running.checking', actions: assign({ reason: null }) }
			}
		},
		done: {
			entry: 'announceDone',
			on: {
				START: {
					target: 'running',
					actions: assign(({ event }) => ({
						order: event.order,
						index: 0,
						reason: null,
						updated: []
					}))
				}
			}
		}
	}
});

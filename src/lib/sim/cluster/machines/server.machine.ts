/**
 * One server's lifecycle in the cluster (FACTS §6.1 node states, §7 failure and drain timing):
 * up; draining (its VMs live-migrating off); paused (drained, storage in maintenance mode); being
 * updated; rebooting; joining; failed (an abrupt failure); isolated (running but cut off from the
 * network); off (shut down gracefully). Each state's entry action names what the model does
 * about it (storage/model and cluster/model carry it out on the virtual clock).
 */
import { assign, setup } from 'xstate';

export interface ServerContext {
	/** Why the server is in its state, in words. */
	reason: string;
}

export type ServerEvent =
	| { type: 'FAIL' }
	| { type: 'ISOLATE' }
	| { type: 'RECONNECT' }
	| { type: 'RESTORE' }
	| { type: 'DRAIN'; reason: string }
	| { type: 'DRAINED' }
	| { type: 'RESUME' }
	| { type: 'UPDATE' }
	| { type: 'INSTALLED' }
	| { type: 'BOOTED' }
	| { type: 'SHUTDOWN' }
	| { type: 'START' }
	| { type: 'JOINED' };

/** The transition's reason, recorded in the context. */
const because = (reason: string) => ({ type: 'setReason' as const, params: { reason } });

export const serverMachine = setup({
	types: { context: {} as ServerContext, events: {} as ServerEvent },
	actions: {
		setReason: assign((_, params: { reason: string }) => ({ reason: params.reason })),
		startDrain: () => {},
		enterMaintenance: () => {},
		leaveMaintenance: () => {},
		installUpdate: () => {},
		reboot: () => {},
		join: () => {},
		crash: () => {},
		isolate: () => {},
		shutDown: () => {}
	}
}).createMachine({
	id: 'server',
	initial: 'up',
	context: { reason: 'running and in the cluster' },
	states: {
		up: {
			on: {
				FAIL: { target: 'failed', actions: because('failed abruptly (power or hardware)') },
				ISOLATE: { target: 'isolated', actions: because('its network was cut') },
				DRAIN: {
					target: 'draining',
					actions: assign({ reason: ({ event }) => event.reason })
				},
				SHUTDOWN: { target: 'off', actions: because('shut down gracefully') }
			}
		},
		draining: {
			entry: 'startDrain',
			on: {
				DRAINED: { target: 'paused', actions: because('drained and paused (maintenance)') },
				FAIL: { target: 'failed', actions: because('failed while draining') }
			}
		},
		paused: {
			entry: 'enterMaintenance',
			on: {
				RESUME: {
					target: 'up',
					actions: ['leaveMaintenance', because('resumed: back in service')]
				},
				UPDATE: { target: 'updating', actions: because('installing the update') },
				FAIL: { target: 'failed', actions: because('failed while paused') },
				SHUTDOWN: { target: 'off', actions: because('shut down gracefully') }
			}
		},
		updating: {
			entry: 'installUpdate',
			on: {
				INSTALLED: { target: 'rebooting', actions: because('rebooting after the update') },
				FAIL: { target: 'failed', actions: because('failed while updating') }
			}
		},
		rebooting: {
			entry: 'reboot',
			on: {
				BOOTED: { target: 'paused', actions: because('back after the update, still paused') },
				FAIL: { target: 'failed', actions: because('failed while rebooting') }
			}
		},
		failed: {
			entry: 'crash',
			on: { RESTORE: { target: 'joining', actions: because('restarted, joining the cluster') } }
		},
		isolated: {
			entry: 'isolate',
			on: {
				RECONNECT: { target: 'joining', actions: because('network back, joining the cluster') },
				FAIL: { target: 'failed', actions: because('failed abruptly (power or hardware)') }
			}
		},
		off: {
			entry: 'shutDown',
			on: { START: { target: 'joining', actions: because('started, joining the cluster') } }
		},
		joining: {
			entry: 'join',
			on: {
				JOINED: { target: 'up', actions: because('running and in the cluster') },
				FAIL: { target: 'failed', actions: because('failed while joining') }
			}
		}
	}
});

/** States in which the server runs and serves its drives to the pool. */
export const SERVES_STORAGE: readonly string[] = ['up', 'draining'];
/** States in which the server's operating system runs (it sends heartbeats). */
export const RUNS: readonly string[] = ['up', 'draining', 'paused', 'updating', 'joining'];

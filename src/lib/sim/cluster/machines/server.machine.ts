/**
 * One server's lifecycle in the cluster (FACTS §6.1 node states, §7 failure and drain timing):
 * up; draining (its VMs live-migrating off); paused (drained, storage in maintenance mode); being
 * updated; rebooting; joining; failed (an abrupt failure); isolated (running but cut off from the
 * network); off (shut down gracefully); quarantined (it left the cluster ungracefully too often
 * and is kept out for a while, FACTS §7). Each state's entry action names what the model does
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
	| { type: 'RECONNECT'; flapping?: boolean }
	| { type: 'RESTORE'; flapping?: boolean }
	| { type: 'RELEASE' }
	| { type: 'DRAIN'; reason: string }
	| { type: 'DRAINED' }
	| { type: 'RESUME' }
	| { type: 'UPDATE' }
	| { type: 'INSTALLED' }
	| { type: 'BOOTED' }
	| { type: 'SHUTDOWN' }
	| { type: 'START' }
	| { type: 'JOINED' };

/** FACTS §7 (CONFIRMED): QuarantineThreshold, ungraceful departures before a quarantine. */
export const QUARANTINE_THRESHOLD = 3;
/** CHOICE: the departures counted are those of the last hour (FACTS §7 gives no window). */
export const QUARANTINE_WINDOW_MS = 3_600_000;
/** FACTS §7: QuarantineDuration, 7200 s as often cited (UNCONFIRMED: the API page says 0). */
export const QUARANTINE_DURATION_MS = 7_200_000;

const FLAPPING = `quarantined: it left the cluster ungracefully ${QUARANTINE_THRESHOLD} times within ${QUARANTINE_WINDOW_MS / 3_600_000} hour, so it is kept out for ${QUARANTINE_DURATION_MS / 3_600_000} hours (restore clears it)`;

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
		shutDown: () => {},
		/** Keep it out for QuarantineDuration, then let it join (model/servers.ts). */
		quarantine: () => {}
	},
	guards: {
		/** The model says it left ungracefully QuarantineThreshold times within QUARANTINE_WINDOW_MS. */
		flapping: ({ event }) => 'flapping' in event && event.flapping === true
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
			on: {
				RESTORE: [
					{ guard: 'flapping', target: 'quarantined', actions: because(FLAPPING) },
					{ target: 'joining', actions: because('restarted, joining the cluster') }
				]
			}
		},
		isolated: {
			entry: 'isolate',
			on: {
				RECONNECT: [
					{ guard: 'flapping', target: 'quarantined', actions: because(FLAPPING) },
					{ target: 'joining', actions: because('network back, joining the cluster') }
				],
				FAIL: { target: 'failed', actions: because('failed abruptly (power or hardware)') }
			}
		},
		quarantined: {
			entry: 'quarantine',
			on: {
				RELEASE: { target: 'joining', actions: because('quarantine over, joining the cluster') },
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

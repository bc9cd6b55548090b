/**
 * What the cluster control plane reads and changes in the model state, and its timings. Every
 * timing is a CHOICE: FACTS §7 gives "a few minutes" for a drain and nothing for an update's
 * install and reboot.
 */
import type { HeartbeatState } from '../heartbeat';
import type { StorageState } from '../../storage/model/state';
import type { ClusterState } from './state';

export interface ClusterWorld {
	cluster: ClusterState;
	nodeNames: readonly string[];
	/** Per server: it serves its drives and runs VMs (up or draining). */
	nodeUp: boolean[];
	/** Per server: its operating system runs and sends heartbeats. */
	serverRuns: boolean[];
	heartbeat: HeartbeatState;
	storage: StorageState | null;
	/** Re-judges the storage after servers change (a no-op without storage). */
	storageChanged(): void;
}

/** CHOICE (FACTS §7 "Drain: a few minutes"): live-migrating a server's VMs off takes 2 minutes. */
export const DRAIN_MS = 120_000;
/** CHOICE: installing an update on a paused server takes 5 minutes. */
export const INSTALL_MS = 300_000;
/** CHOICE: the reboot after an update takes 3 minutes. */
export const REBOOT_MS = 180_000;
/** CHOICE: the orchestrator looks at the storage once a simulated second while it waits. */
export const UPDATE_POLL_MS = 1000;

/** Queue events of the cluster control plane. */
export const CLUSTER_TIMER = 'cluster.timer';
export const CLUSTER_DECLARE_DOWN = 'cluster.declare-down';
export const UPDATE_POLL = 'update.poll';

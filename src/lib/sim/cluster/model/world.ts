/**
 * What the cluster control plane reads and changes in the model state, and its timings. Every
 * timing is a CHOICE: FACTS §7 gives "a few minutes" for a drain and nothing for an update's
 * install and reboot.
 */
import type { Simplification } from '../../simplifications';
import { QUARANTINE_DURATION_MS, QUARANTINE_THRESHOLD } from '../machines/server.machine';
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
	/**
	 * A live migration copies `bytes` of memory from server `from` to server `to` over the next
	 * `periodMs`: it takes a share of their east-west links (a no-op without storage IO).
	 */
	migrationTraffic(from: number, to: number, bytes: number, periodMs: number): void;
}

/**
 * A drain lasts as long as live-migrating the server's VMs one at a time (cluster/vms/moves.ts:
 * 1 s per GB of memory), at least MIN_DRAIN_MS. FACTS §7 says "a few minutes".
 */
export const MIN_DRAIN_MS = 10_000;
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

/** Where the cluster control plane departs from the real system (shown to learners). */
export const CLUSTER_MODEL_SIMPLIFICATIONS: readonly Simplification[] = [
	{
		id: 'cluster.lifecycle-timing',
		title: 'Drain, update and reboot times',
		detail: `A drain lasts as long as live-migrating the server's VMs one at a time (at least ${MIN_DRAIN_MS / 1000} s), installing an update ${INSTALL_MS / 60_000} min and the reboot after it ${REBOOT_MS / 60_000} min; a restored, reconnected or started server joins at once. A paused server's drives are in storage maintenance mode, so writes go on without them and their regions go stale, to be resynced when it resumes. A crashed or isolated server loses its vote when the cluster declares it down, one heartbeat period after delay × threshold. A server declared down ${QUARANTINE_THRESHOLD} times within the last hour is quarantined when it comes back: kept out for ${QUARANTINE_DURATION_MS / 3_600_000} hours (the often-cited QuarantineDuration; the hour is our choice) unless restored by hand, and its count starts afresh.`,
		source:
			'FACTS.md §7 (Drain "a few minutes", heartbeats, QuarantineThreshold, QuarantineDuration UNCONFIRMED), §6.1 node states'
	},
	{
		id: 'cluster.update-orchestrator',
		title: 'Patch and update',
		detail:
			'Servers are updated one at a time in index order: safety check (cluster up, every server up, no failed or pulled drive, every volume Healthy with no resync or repair running), drain, install, reboot, resume, then wait until the storage is healthy again. A problem while it waits pauses it with the reason, and it goes on by itself once the reason is gone. Full and Express packages are not told apart, and the update resource provider, Service Fabric and infrastructure VMs are not modelled.',
		source: 'FACTS.md §6.7, §9.20 (node by node is UNCONFIRMED)'
	},
	{
		id: 'cluster.vms',
		title: 'Virtual machines during drains and failures',
		detail:
			"A drain plans every VM's live migration at once and migrates them one after another, each taking 1 s per GB of memory; all of them count as running until the drain ends, and a VM migrating towards a server that fails stops with it. In 3D a migrating VM's tile travels from the old server through TOR1 to the new one over its migration's window (a real VM copies its memory over that window and switches server at the end); each migration's memory copy takes a share of the two servers' east-west links for its window (our choice), so storage IO between them slows while it runs. An isolated server's VMs run on unmonitored (unreachable, their disk IO waiting) for ResiliencyDefaultPeriod, 240 s; if the server is still cut off then, they stop there and restart elsewhere, so a VM never runs twice. When a server returns, a VM that shares a server with a peer of its availability set or role live-migrates back to it, one per group and only if it fits (the sources say only that VMs are rebalanced); other VMs stay where they restarted. VMs that found no room start on their own server when it returns. A VM added to an availability set while the simulation runs is placed by the same rules as the scenario's and runs at once (deployment and boot are not modelled).",
		source: 'FACTS.md §6.3, §6.4, §7'
	}
];

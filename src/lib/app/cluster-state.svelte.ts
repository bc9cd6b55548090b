/**
 * The session's cluster part: the latest ClusterView from the worker (refreshed with the
 * invariants as the log grows, on load, and every simulated second while the Cluster tab is open,
 * so the statecharts follow live), the server and update inputs the Cluster panel sends, and the
 * announcements of quorum and update changes between refreshes.
 */
import type { UntimedInput } from './playback.machine';
import { clusterChanges, type ClusterView, type ServerAction } from './cluster-view';
import { readView, type ViewHost } from './worker-view';

export interface ClusterHost extends ViewHost {
	/** Sends an input at the current simulated time. */
	send(input: UntimedInput): void;
	/** Says something once, in the live region. */
	announce(message: string): void;
}

export class ClusterState {
	/** The cluster control plane now, or null (not read yet). */
	view = $state.raw<ClusterView | null>(null);

	#host: ClusterHost;

	constructor(host: ClusterHost) {
		this.#host = host;
	}

	refresh(): Promise<void> {
		return readView(
			this.#host,
			(api) => api.cluster(),
			(view) => {
				for (const message of clusterChanges(this.view, view)) this.#host.announce(message);
				this.view = view;
			}
		);
	}

	reset(): void {
		this.view = null;
	}

	/** Sends `node.<action>` for server `node` (TopologyInfo index); the model ignores what does not apply. */
	server(action: ServerAction, node: number): void {
		this.#host.send({ type: `node.${action}`, node });
	}

	/** Live-migrates the server's VMs off and pauses it (refused while a volume is unhealthy). */
	drain(node: number): void {
		this.server('drain', node);
	}
	resume(node: number): void {
		this.server('resume', node);
	}
	shutdown(node: number): void {
		this.server('shutdown', node);
	}
	isolate(node: number): void {
		this.server('isolate', node);
	}
	/** Brings a failed, isolated or shut-down server back. */
	restore(node: number): void {
		this.server('restore', node);
	}
	fail(node: number): void {
		this.server('fail', node);
	}

	/** Starts patch and update over every server, one at a time. */
	/** Adds, changes or removes the witness ('disk' is refused by the simulation, with why). */
	setWitness(witness: string): void {
		this.#host.send({ type: 'witness.set', witness });
	}
	failWitness(): void {
		this.#host.send({ type: 'witness.fail' });
	}
	restoreWitness(): void {
		this.#host.send({ type: 'witness.restore' });
	}
	startUpdate(): void {
		this.#host.send({ type: 'update.start' });
	}
	/** Deploys one more VM into availability set `set` (placed or refused by the simulation). */
	createVm(set: string): void {
		this.#host.send({ type: 'vm.create', set });
	}
}

/**
 * The session's storage part: the latest StorageView from the worker (refreshed with the
 * invariants as the log grows, and on load) and the drive inputs the Storage panel sends.
 */
import type { UntimedInput } from './playback.machine';
import { readView, type ViewHost } from './worker-view';
import type { StorageView } from './storage-view';

export interface StorageHost extends ViewHost {
	/** Sends an input at the current simulated time. */
	send(input: UntimedInput): void;
}

export class StorageState {
	/** Storage now, or null (no volumes in this scenario, or not read yet). */
	view = $state.raw<StorageView | null>(null);

	#host: StorageHost;

	constructor(host: StorageHost) {
		this.#host = host;
	}

	refresh(): Promise<void> {
		return readView(
			this.#host,
			(api) => api.storage(),
			(view) => (this.view = view)
		);
	}

	reset(): void {
		this.view = null;
	}

	/** `drive` is an index into TopologyInfo.drives. */
	failDrive(drive: number): void {
		this.#host.send({ type: 'drive.fail', drive });
	}
	pullDrive(drive: number): void {
		this.#host.send({ type: 'drive.pull', drive });
	}
	restoreDrive(drive: number): void {
		this.#host.send({ type: 'drive.restore', drive });
	}
}

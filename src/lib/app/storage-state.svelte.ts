/**
 * The session's storage part: the latest StorageView from the worker (refreshed with the
 * invariants as the log grows, on load, and every simulated second while the Storage tab is
 * open, for the live charts), the drive and workload inputs the Storage panel sends, and what
 * one drive holds.
 */
import type { WorkloadSpecLike } from '$lib/sim/storage/io/state';
import type { ResiliencyType } from '$lib/sim/storage/resiliency';
import type { DriveContentsView } from '$lib/worker/protocol';
import type { UntimedInput } from './playback.machine';
import { readView, type ViewHost } from './worker-view';
import type { StorageView } from './storage-view';

/**
 * A workload as the Storage panel's form defines it: the `workload.define` input's fields, those
 * of a scenario workload without the test-file size (the form keeps the default).
 */
export type WorkloadForm = Omit<WorkloadSpecLike, 'spanGB'>;

/** A volume as the Storage panel's form asks for it (the `volume.create` input's fields). */
export interface VolumeForm {
	name: string;
	sizeGB: number;
	resiliency?: ResiliencyType;
	/** Mirror-accelerated parity only: GB kept in the mirror part. */
	mirrorGB?: number;
}

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

	/** Creates a volume at the current time (the model refuses what the pool cannot take). */
	createVolume(form: VolumeForm): void {
		const fields: Record<string, string | number> = { name: form.name, sizeGB: form.sizeGB };
		if (form.resiliency !== undefined) fields.resiliency = form.resiliency;
		if (form.mirrorGB !== undefined) fields.mirrorGB = form.mirrorGB;
		this.#host.send({ ...fields, type: 'volume.create' });
	}

	/** Defines (or redefines a stopped) workload and starts it at the current time. */
	runWorkload(form: WorkloadForm): void {
		const fields: Record<string, string | number> = {};
		for (const [key, value] of Object.entries(form)) {
			if (value !== undefined && value !== '') fields[key] = value;
		}
		this.#host.send({ ...fields, type: 'workload.define' });
	}
	startWorkload(name: string): void {
		this.#host.send({ type: 'workload.start', name });
	}
	stopWorkload(name: string): void {
		this.#host.send({ type: 'workload.stop', name });
	}

	/** What drive `drive` (TopologyInfo index) holds; null when unknown or unreadable now. */
	async driveContents(drive: number): Promise<DriveContentsView | null> {
		const api = this.#host.api();
		if (!api) return null;
		try {
			return await api.driveContents(drive);
		} catch {
			return null;
		}
	}
}

/**
 * Reading one view (the SLB, the storage) from the worker for a panel: the answer is applied only
 * if the session has not restarted meanwhile, and a failed read is left for the next refresh.
 */
import type { SessionApi } from './session-deps';

/** What a panel's state needs from the session to read from the worker. */
export interface ViewHost {
	/** The running worker's API, or null when none runs. */
	api(): SessionApi | null;
	/** The session's restart counter: an answer from before a restart is dropped. */
	generation(): number;
}

export async function readView<T>(
	host: ViewHost,
	read: (api: SessionApi) => Promise<T>,
	apply: (view: T) => void
): Promise<void> {
	const api = host.api();
	if (!api) return;
	const generation = host.generation();
	try {
		const view = await read(api);
		if (generation === host.generation()) apply(view);
	} catch {
		// The next log change retries.
	}
}

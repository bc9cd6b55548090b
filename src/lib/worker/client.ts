/**
 * Starts the simulation worker and wraps it with Comlink. The main thread never runs the model:
 * everything goes through the returned `api`. Cancelling a long computation means terminating
 * the worker and starting a new one (the scenario, seed and input log replay it exactly).
 */
import * as Comlink from 'comlink';
import type { SimApi } from './protocol';

export type {
	SimApi,
	LoadResult,
	LogPage,
	LogQuery,
	FrameResult,
	AddInputResult
} from './protocol';

export interface SimWorkerHandle {
	readonly api: Comlink.Remote<SimApi>;
	/** Stops the worker at once and releases the Comlink proxy. */
	terminate(): void;
}

/** Creates the worker and resolves once it answers, so a caller can show start-up progress. */
export async function startSimWorker(): Promise<SimWorkerHandle> {
	const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), {
		type: 'module',
		name: 'stackscope-sim'
	});
	const api = Comlink.wrap<SimApi>(worker);
	const failed = new Promise<never>((_, reject) => {
		worker.addEventListener('error', (event) =>
			reject(
				new Error(`the simulation worker failed to start: ${event.message || 'unknown error'}`)
			)
		);
	});
	await Promise.race([api.ping(), failed]);
	return {
		api,
		terminate() {
			api[Comlink.releaseProxy]();
			worker.terminate();
		}
	};
}

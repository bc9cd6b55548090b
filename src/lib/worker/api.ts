/**
 * The worker's API object, kept free of Comlink so it can be tested in Node. `transfer` marks a
 * result for sending with its frame buffer transferred, not copied (Comlink.transfer in the
 * worker, identity in tests): Comlink looks the returned object up, so the whole result is
 * marked, not the buffer alone.
 */
import { SIMPLIFICATIONS, Simulation } from '../sim/index';
import type { InputEvent } from '../sim/index';
import type {
	AddInputResult,
	FrameResult,
	LoadResult,
	LogPage,
	LogQuery,
	SimApi
} from './protocol';

export type Transfer = <T>(value: T, buffers: ArrayBuffer[]) => T;

export function createSimApi(transfer: Transfer): SimApi {
	let sim: Simulation | null = null;

	const current = (): Simulation => {
		if (!sim) throw new Error('no scenario is loaded');
		return sim;
	};
	const withFrame = <T extends object>(extra: T): T & FrameResult => {
		const frame = current().frame();
		return transfer({ ...extra, frame }, [frame]);
	};

	return {
		async ping() {
			return 'ready';
		},
		async load(json: string, seed?: number): Promise<LoadResult> {
			const result = Simulation.fromJson(json, seed);
			if (!result.ok) return { ok: false, errors: result.errors };
			sim = result.sim;
			return withFrame({
				ok: true as const,
				name: sim.scenario.name,
				description: sim.scenario.description ?? '',
				seed: sim.seed,
				durationMs: sim.scenario.durationMs,
				topology: sim.topology,
				simplifications: [...SIMPLIFICATIONS]
			});
		},
		async seek(tMs: number) {
			current().seek(tMs);
			return withFrame({});
		},
		async step() {
			current().step();
			return withFrame({});
		},
		async stepBack() {
			current().stepBack();
			return withFrame({});
		},
		async addInput(input: InputEvent): Promise<AddInputResult> {
			const result = current().addInput(input);
			if (!result.ok) throw new Error(result.errors.join('\n'));
			return withFrame({ discarded: result.discarded });
		},
		async inputs() {
			return [...current().inputs];
		},
		async queryLog(query: LogQuery): Promise<LogPage> {
			return current().queryLog(query);
		},
		async stateHash() {
			return current().stateHash();
		}
	};
}

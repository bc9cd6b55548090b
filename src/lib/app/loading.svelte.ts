/**
 * Loading a scenario into a fresh worker: the steps the loading view lists (their states, the
 * overall progress and the failure that stopped them, if any) and the start sequence that walks
 * through them.
 *
 * The sequence starts the worker while it fetches the scenario index and file, then loads the
 * scenario into the worker. It hands each result to the session through a LoadContext and asks
 * `stale()` after every wait: once a newer start has begun, a late result is dropped (and a late
 * worker terminated), never shown.
 */
import type { TopologyInfo } from '$lib/sim/topology';
import type { LoadResult } from '$lib/worker/protocol';
import type { Announcer } from './announcer.svelte';
import { chooseScenario, fetchText, parseScenarioIndex, type ScenarioEntry } from './scenarios';
import type { SessionDeps, SimHandle } from './session-deps';

export type LoadStepId = 'worker' | 'scenario' | 'scene';
export type LoadStepState = 'pending' | 'active' | 'done' | 'error';
export interface LoadStep {
	id: LoadStepId;
	label: string;
	state: LoadStepState;
}

/** A failure that stops the sandbox, with the details the learner needs to act on it. */
export interface LoadFailure {
	title: string;
	messages: string[];
}

export type SessionPhase = 'loading' | 'ready' | 'error';

/** A scenario the worker accepted. */
export type LoadedScenario = Extract<LoadResult, { ok: true }>;

/** The steps before anything has happened (`scenarioName` null while it is not chosen yet). */
export function initialSteps(scenarioName: string | null): LoadStep[] {
	return [
		{ id: 'worker', label: 'Starting the simulation worker', state: 'pending' },
		{
			id: 'scenario',
			label: scenarioName ? `Loading scenario “${scenarioName}”` : 'Loading scenario …',
			state: 'pending'
		},
		{ id: 'scene', label: 'Building the 3D scene', state: 'pending' }
	];
}

/** What the live region says once the sandbox is ready. */
export function readyAnnouncement(scenarioName: string | null, topology: TopologyInfo): string {
	const { nodes, racks } = topology;
	const where = `${racks.length} rack${racks.length === 1 ? '' : 's'}`;
	return `Scenario ${scenarioName ?? topology.name} loaded: ${nodes.length} servers in ${where}.`;
}

/** Where loading stands. Failures and readiness are announced to screen readers. */
export class LoadProgress {
	phase = $state<SessionPhase>('loading');
	steps = $state.raw<LoadStep[]>(initialSteps(null));
	failure = $state.raw<LoadFailure | null>(null);

	#announcer: Announcer;

	constructor(announcer: Announcer) {
		this.#announcer = announcer;
	}

	/** Fraction of the loading steps done, 0..1 (the active step counts as half). */
	get progress(): number {
		const done = this.steps.filter((s) => s.state === 'done' || s.state === 'error').length;
		const active = this.steps.some((s) => s.state === 'active') ? 0.5 : 0;
		return (done + active) / this.steps.length;
	}

	/** Back to the start of a load: no failure, the worker step active. */
	begin(): void {
		this.phase = 'loading';
		this.failure = null;
		this.steps = initialSteps(null);
		this.setStep('worker', 'active');
	}

	/** The scenario is chosen: its name goes into the labels (the worker step stays active). */
	named(scenarioName: string): void {
		this.steps = initialSteps(scenarioName).map((s) =>
			s.id === 'worker' ? { ...s, state: 'active' } : s
		);
	}

	setStep(id: LoadStepId, state: LoadStepState): void {
		this.steps = this.steps.map((s) => (s.id === id ? { ...s, state } : s));
	}

	/** Loading stopped at `step`. */
	fail(step: LoadStepId, failure: LoadFailure): void {
		this.setStep(step, 'error');
		this.failure = failure;
		this.phase = 'error';
		this.#announcer.announce(`${failure.title}.`);
	}

	/** The scene step ended (`error`: no 3D view, the text views still work): ready to use. */
	finish(scene: 'done' | 'error', announcement: string): void {
		this.setStep('scene', scene);
		this.phase = 'ready';
		this.#announcer.announce(announcement);
	}
}

/** What the start sequence reads from the session and reports back to it. */
export interface LoadContext {
	readonly deps: Pick<SessionDeps, 'startWorker' | 'fetch' | 'base'>;
	readonly progress: LoadProgress;
	/** True once a newer start (or disposal) has superseded this one. */
	stale(): boolean;
	/** The index is read and a scenario chosen; `notice` says why it is not the one asked for. */
	chosen(index: ScenarioEntry[], entry: ScenarioEntry, notice: string | null): void;
	/** The worker runs; the session owns (and terminates) it from now on. */
	started(handle: SimHandle): void;
	/** The worker accepted the scenario: show its first frame and start playback. */
	loaded(result: LoadedScenario): void;
}

/**
 * Starts the worker and loads the preset named by `requestedStem` (null for the default),
 * reporting to `ctx`. Never rejects: failures end in `progress.fail`. Leaves the scene step
 * active; the session finishes it once the 3D view is built (or cannot be).
 */
export async function loadScenario(ctx: LoadContext, requestedStem: string | null): Promise<void> {
	const { deps, progress } = ctx;
	let step: LoadStepId = 'worker';
	let entry: ScenarioEntry | null = null;
	try {
		const workerStarted = deps.startWorker();
		workerStarted.catch(() => {}); // awaited below; avoid an unhandled rejection meanwhile
		let index: ScenarioEntry[];
		try {
			const url = `${deps.base}/scenarios/index.json`;
			index = parseScenarioIndex(JSON.parse(await fetchText(deps.fetch, url)));
		} catch (error) {
			if (ctx.stale()) return;
			progress.fail('scenario', {
				title: 'The list of scenarios could not be loaded',
				messages: [errorMessage(error)]
			});
			workerStarted.then((h) => h.terminate()).catch(() => {});
			return;
		}
		const choice = chooseScenario(index, requestedStem);
		if (ctx.stale()) return;
		entry = choice.entry;
		ctx.chosen(index, entry, choice.notice);
		progress.named(entry.name);
		const textPromise = fetchText(deps.fetch, `${deps.base}/scenarios/${entry.file}`);
		textPromise.catch(() => {}); // awaited below; avoid an unhandled rejection meanwhile
		const handle = await workerStarted;
		if (ctx.stale()) {
			handle.terminate();
			return;
		}
		ctx.started(handle);
		progress.setStep('worker', 'done');

		step = 'scenario';
		progress.setStep('scenario', 'active');
		const result = await handle.api.load(await textPromise);
		if (ctx.stale()) return;
		if (!result.ok) {
			progress.fail('scenario', {
				title: `The scenario "${entry.name}" is not valid`,
				messages: result.errors
			});
			return;
		}
		ctx.loaded(result);
		progress.setStep('scenario', 'done');
		progress.setStep('scene', 'active');
	} catch (error) {
		if (ctx.stale()) return;
		progress.fail(step, {
			title:
				step === 'worker'
					? 'The simulation could not start'
					: `The scenario "${entry?.name ?? ''}" could not be loaded`,
			messages: [errorMessage(error)]
		});
	}
}

function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

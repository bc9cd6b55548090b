/**
 * One sandbox session: the simulation worker, the loaded scenario, the latest frame and the UI
 * state around them (selection, menus, tabs). Components read its runes fields and call its
 * methods; every time-changing worker call goes through the playback machine, which keeps at
 * most one in flight.
 *
 * Reactivity: the FrameReader and the worker handle are plain fields (never deep state). Each
 * applied frame bumps `frameVersion` (the 3D view listens to it) and refreshes small `$state.raw`
 * snapshots (`clock`, `health`) that the panels render.
 */
import { createActor, fromPromise, type Actor } from 'xstate';
import { FrameReader } from '$lib/sim/frame';
import { Health } from '$lib/sim/health';
import type { InputEvent } from '$lib/sim/kernel/types';
import type { Simplification } from '$lib/sim/simplifications';
import type { TopologyInfo } from '$lib/sim/topology';
import type { SimApi } from '$lib/worker/protocol';
import { Announcer } from './announcer.svelte';
import { EventLogState } from './event-log.svelte';
import { lostPeers } from './peers';
import { formatSimTime } from './format';
import {
	EMPTY_CLOCK,
	EMPTY_HEALTH,
	describeHealthChanges,
	readClock,
	readHealth,
	type ClockView,
	type HealthView
} from './frame-view';
import { findObject, objectName, sameObject, type ObjectRef } from './objects';
import {
	playbackMachine,
	timelineEndMs,
	type RequestInput,
	type RequestOutput
} from './playback.machine';
import { chooseScenario, fetchText, parseScenarioIndex, type ScenarioEntry } from './scenarios';
import type { PanelTab } from './shortcuts';

/** The parts of the worker handle the session uses (startSimWorker's result satisfies it). */
export interface SimHandle {
	readonly api: Pick<
		SimApi,
		'load' | 'seek' | 'step' | 'stepBack' | 'addInput' | 'inputs' | 'queryLog' | 'stateHash'
	>;
	terminate(): void;
}

/** What the session needs from the outside world; tests pass fakes. */
export interface SessionDeps {
	startWorker(): Promise<SimHandle>;
	fetch: typeof fetch;
	/** The site's base path (`$app/paths` base), '' at the root. */
	base: string;
	requestAnimationFrame(callback: (wallMs: number) => void): number;
	cancelAnimationFrame(id: number): void;
	/** Shortest gap between frame-triggered log refreshes, in wall ms. */
	logThrottleMs?: number;
	announcer?: Announcer;
}

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

/** The open actions menu: which object, where (viewport px) and what to focus when it closes. */
export interface MenuState {
	target: ObjectRef;
	x: number;
	y: number;
	returnFocus: HTMLElement | null;
}

export type SessionPhase = 'loading' | 'ready' | 'error';

type PlaybackActor = Actor<typeof playbackMachine>;

export class Session {
	phase = $state<SessionPhase>('loading');
	steps = $state.raw<LoadStep[]>(initialSteps(null));
	failure = $state.raw<LoadFailure | null>(null);
	/** Why the 3D view is missing (WebGL unavailable), or null when it works. */
	sceneError = $state<string | null>(null);
	/** A message for the learner that stays until dismissed (fallbacks, forked inputs). */
	notice = $state<string | null>(null);

	scenarios = $state.raw<ScenarioEntry[]>([]);
	scenario = $state.raw<ScenarioEntry | null>(null);
	topology = $state.raw<TopologyInfo | null>(null);
	simplifications = $state.raw<Simplification[]>([]);
	inputs = $state.raw<InputEvent[]>([]);

	clock = $state.raw<ClockView>(EMPTY_CLOCK);
	health = $state.raw<HealthView>(EMPTY_HEALTH);
	/** Bumped once per applied frame; read `reader` after it changes. */
	frameVersion = $state(0);

	playing = $state(false);
	speed = $state(1);
	/** Right end of the timeline, in simulated ms. */
	endMs = $state(0);

	selection = $state.raw<ObjectRef | null>(null);
	/** Names of the peers the selected server has lost contact with (from the event log). */
	selectedLostPeers = $state.raw<string[]>([]);
	menu = $state.raw<MenuState | null>(null);
	tab = $state<PanelTab>('objects');
	helpOpen = $state(false);

	readonly announcer: Announcer;
	readonly log: EventLogState;
	/** Decodes the latest frame; rebound in place for every frame, never reactive. */
	readonly reader = new FrameReader();
	/**
	 * Where an object appears on the 3D canvas (CSS px from its top-left), set by the scene view
	 * while a scene exists. Used to place menus from the keyboard and by end-to-end tests.
	 */
	locateInScene: ((target: ObjectRef) => { x: number; y: number } | null) | null = null;

	#deps: SessionDeps;
	#handle: SimHandle | null = null;
	#actor: PlaybackActor | null = null;
	#generation = 0;
	#rafId: number | null = null;
	#peersTimer: ReturnType<typeof setTimeout> | null = null;

	constructor(deps: SessionDeps) {
		this.#deps = deps;
		this.announcer = deps.announcer ?? new Announcer();
		this.log = new EventLogState((query) => this.#api().queryLog(query), deps.logThrottleMs);
	}

	/** True once the scenario is loaded and the sandbox usable (with or without the 3D view). */
	get ready(): boolean {
		return this.phase === 'ready';
	}

	/**
	 * Starts a fresh worker and loads the preset named by `requestedStem` (the `?scenario=`
	 * value; null for the default). A running session is torn down first: terminating the worker
	 * is how work in flight is cancelled.
	 */
	async start(requestedStem: string | null): Promise<void> {
		const generation = this.#teardown();
		const stale = () => generation !== this.#generation;
		this.phase = 'loading';
		this.failure = null;
		this.sceneError = null;
		this.notice = null;
		this.steps = initialSteps(null);
		this.#setStep('worker', 'active');

		let step: LoadStepId = 'worker';
		try {
			const workerStarted = this.#deps.startWorker();
			workerStarted.catch(() => {}); // awaited below; avoid an unhandled rejection meanwhile
			let index: ScenarioEntry[];
			try {
				const url = `${this.#deps.base}/scenarios/index.json`;
				index = parseScenarioIndex(JSON.parse(await fetchText(this.#deps.fetch, url)));
			} catch (error) {
				if (stale()) return;
				this.#fail('scenario', {
					title: 'The list of scenarios could not be loaded',
					messages: [error instanceof Error ? error.message : String(error)]
				});
				workerStarted.then((h) => h.terminate()).catch(() => {});
				return;
			}
			const { entry, notice } = chooseScenario(index, requestedStem);
			if (stale()) return;
			this.scenarios = index;
			this.scenario = entry;
			this.notice = notice;
			if (notice) this.announcer.announce(notice);
			this.steps = initialSteps(entry.name).map((s) =>
				s.id === 'worker' ? { ...s, state: 'active' } : s
			);
			const textPromise = fetchText(this.#deps.fetch, `${this.#deps.base}/scenarios/${entry.file}`);
			textPromise.catch(() => {}); // awaited below; avoid an unhandled rejection meanwhile
			const handle = await workerStarted;
			if (stale()) {
				handle.terminate();
				return;
			}
			this.#handle = handle;
			this.#setStep('worker', 'done');

			step = 'scenario';
			this.#setStep('scenario', 'active');
			const result = await handle.api.load(await textPromise);
			if (stale()) return;
			if (!result.ok) {
				this.#fail('scenario', {
					title: `The scenario "${entry.name}" is not valid`,
					messages: result.errors
				});
				return;
			}
			this.topology = result.topology;
			this.simplifications = result.simplifications;
			this.#applyFrame(result.frame, false);
			this.#startPlayback(result.durationMs);
			void this.#refreshInputs();
			void this.log.refresh();
			this.#setStep('scenario', 'done');
			this.#setStep('scene', 'active');
		} catch (error) {
			if (stale()) return;
			const message = error instanceof Error ? error.message : String(error);
			this.#fail(step, {
				title:
					step === 'worker'
						? 'The simulation could not start'
						: `The scenario "${this.scenario?.name ?? ''}" could not be loaded`,
				messages: [message]
			});
		}
	}

	/** The 3D scene is built: the sandbox is ready. */
	sceneBuilt(): void {
		if (this.phase !== 'loading' || !this.topology) return;
		this.#setStep('scene', 'done');
		this.#becomeReady();
	}

	/** The 3D scene cannot be built (no WebGL): the text views still work, so carry on. */
	sceneUnavailable(reason: string): void {
		this.sceneError = reason;
		if (this.phase !== 'loading' || !this.topology) return;
		this.#setStep('scene', 'error');
		this.#becomeReady();
	}

	/** Fraction of the loading steps done, 0..1 (the active step counts as half). */
	get progress(): number {
		const done = this.steps.filter((s) => s.state === 'done' || s.state === 'error').length;
		const active = this.steps.some((s) => s.state === 'active') ? 0.5 : 0;
		return (done + active) / this.steps.length;
	}

	// --- playback -------------------------------------------------------------------------

	togglePlay(): void {
		this.#actor?.send({ type: 'toggle' });
	}
	play(): void {
		this.#actor?.send({ type: 'play' });
	}
	pause(): void {
		this.#actor?.send({ type: 'pause' });
	}
	/** Runs to the next logged event. */
	step(): void {
		this.#actor?.send({ type: 'step' });
	}
	/** Returns to just before the latest logged event. */
	stepBack(): void {
		this.#actor?.send({ type: 'stepBack' });
	}
	/** Moves simulated time to `tMs` (scrubbing: rapid calls collapse into the latest). */
	seek(tMs: number): void {
		this.#actor?.send({ type: 'seek', tMs });
	}
	setSpeed(speed: number): void {
		this.#actor?.send({ type: 'speed.set', speed });
	}
	faster(): void {
		this.#actor?.send({ type: 'speed.faster' });
	}
	slower(): void {
		this.#actor?.send({ type: 'speed.slower' });
	}

	// --- selection, menus, tabs -----------------------------------------------------------

	select(target: ObjectRef | null): void {
		if (sameObject(target, this.selection)) return;
		this.selection = target;
		this.selectedLostPeers = [];
		if (target?.kind === 'node') this.#refreshLostPeers();
	}

	/** Selects the object a log entry names (no-op for unknown names). */
	selectByName(name: string): void {
		const target = this.topology ? findObject(this.topology, name) : null;
		if (target) this.select(target);
	}

	/** Opens the actions menu for `target` at viewport position (x, y); selects it too. */
	openMenu(target: ObjectRef, x: number, y: number, returnFocus: HTMLElement | null = null): void {
		this.select(target);
		this.menu = { target, x, y, returnFocus };
	}

	closeMenu(): void {
		this.menu = null;
	}

	setTab(tab: PanelTab): void {
		this.tab = tab;
		if (tab === 'log') void this.log.refresh();
	}

	/** Shows the selected object's details. */
	showDetails(target: ObjectRef): void {
		this.select(target);
		this.setTab('details');
	}

	// --- inputs ---------------------------------------------------------------------------

	/** True when server `node` is failed in the latest frame. */
	isNodeFailed(node: number): boolean {
		return this.health.nodes[node] === Health.failed;
	}

	/** Fails server `node` at the current simulated time (an input event). */
	failNode(node: number): void {
		this.#actor?.send({ type: 'input', input: { type: 'node.fail', node } });
	}

	/** Restores failed server `node` at the current simulated time. */
	restoreNode(node: number): void {
		this.#actor?.send({ type: 'input', input: { type: 'node.restore', node } });
	}

	/** `f`: fails the selected server, if a healthy server is selected. */
	failSelected(): boolean {
		const sel = this.selection;
		if (sel?.kind !== 'node' || this.isNodeFailed(sel.index)) return false;
		this.failNode(sel.index);
		return true;
	}

	/** `r`: restores the selected server, if a failed server is selected. */
	restoreSelected(): boolean {
		const sel = this.selection;
		if (sel?.kind !== 'node' || !this.isNodeFailed(sel.index)) return false;
		this.restoreNode(sel.index);
		return true;
	}

	/** Hash of the whole simulation state (the e2e test compares it with Node's). */
	stateHash(): Promise<string> {
		return this.#api().stateHash();
	}

	/** Stops the worker, timers and animation loop. */
	dispose(): void {
		this.#teardown();
		this.log.dispose();
		this.announcer.reset();
	}

	// --- internals ------------------------------------------------------------------------

	#api(): SimHandle['api'] {
		if (!this.#handle) throw new Error('the simulation is not running');
		return this.#handle.api;
	}

	#teardown(): number {
		this.#generation++;
		this.#stopLoop();
		this.#actor?.stop();
		this.#actor = null;
		this.#handle?.terminate();
		this.#handle = null;
		if (this.#peersTimer !== null) clearTimeout(this.#peersTimer);
		this.#peersTimer = null;
		this.topology = null;
		this.selection = null;
		this.menu = null;
		this.playing = false;
		this.health = EMPTY_HEALTH;
		this.clock = EMPTY_CLOCK;
		this.inputs = [];
		this.log.page = null;
		this.log.kinds = [];
		return this.#generation;
	}

	#setStep(id: LoadStepId, state: LoadStepState): void {
		this.steps = this.steps.map((s) => (s.id === id ? { ...s, state } : s));
	}

	#fail(step: LoadStepId, failure: LoadFailure): void {
		this.#setStep(step, 'error');
		this.failure = failure;
		this.phase = 'error';
		this.announcer.announce(`${failure.title}.`);
	}

	#becomeReady(): void {
		this.phase = 'ready';
		const t = this.topology;
		if (t) {
			this.announcer.announce(
				`Scenario ${this.scenario?.name ?? t.name} loaded: ${t.nodes.length} servers in ${t.racks.length} rack${t.racks.length === 1 ? '' : 's'}.`
			);
		}
	}

	#startPlayback(durationMs: number): void {
		const generation = this.#generation;
		const machine = playbackMachine.provide({
			actors: {
				request: fromPromise<RequestOutput, RequestInput>(({ input }) =>
					this.#request(input, generation)
				)
			},
			actions: {
				reachedEnd: () => this.announcer.announce('Paused at the end of the timeline.'),
				requestFailed: (_, params) => {
					this.notice = `The simulation refused that: ${params.message}`;
					this.announcer.announce(this.notice);
				}
			}
		});
		const actor = createActor(machine, { input: { durationMs, timeMs: this.clock.simTimeMs } });
		actor.subscribe((snapshot) => {
			const playing = snapshot.matches({ mode: 'playing' });
			this.speed = snapshot.context.speed;
			this.endMs = timelineEndMs(snapshot.context);
			if (playing !== this.playing) {
				this.playing = playing;
				if (playing) this.#startLoop();
				else this.#stopLoop();
			}
		});
		actor.start();
		this.#actor = actor;
	}

	async #request(input: RequestInput, generation: number): Promise<RequestOutput> {
		const api = this.#api();
		const { op } = input;
		let frame: ArrayBuffer;
		if (op.kind === 'seek') frame = (await api.seek(op.tMs)).frame;
		else if (op.kind === 'step') frame = (await api.step()).frame;
		else if (op.kind === 'stepBack') frame = (await api.stepBack()).frame;
		else {
			const result = await api.addInput({ ...op.input, t: input.nowMs } as InputEvent);
			frame = result.frame;
			if (generation === this.#generation && result.discarded.length > 0) {
				const n = result.discarded.length;
				this.notice =
					`The input at ${formatSimTime(input.nowMs)} changed the past: ${n} later input` +
					`${n === 1 ? ' was' : 's were'} dropped (the input log forked).`;
				this.announcer.announce(this.notice);
			}
		}
		if (generation !== this.#generation) return { simTimeMs: input.nowMs };
		this.#applyFrame(frame, true);
		return { simTimeMs: this.clock.simTimeMs };
	}

	#applyFrame(buffer: ArrayBuffer, announce: boolean): void {
		const before = this.clock;
		this.reader.attach(buffer);
		const clock = readClock(this.reader);
		const health = readHealth(this.reader, this.health);
		if (announce && health !== this.health && this.topology) {
			for (const sentence of describeHealthChanges(this.topology, this.health, health)) {
				this.announcer.announce(sentence);
			}
		}
		this.clock = clock;
		this.health = health;
		this.frameVersion++;
		if (clock.logCount !== before.logCount) {
			if (this.tab === 'log') this.log.invalidate();
			if (this.selection?.kind === 'node') this.#refreshLostPeers();
		}
		if (clock.inputCount !== before.inputCount || !announce) void this.#refreshInputs();
	}

	async #refreshInputs(): Promise<void> {
		const generation = this.#generation;
		try {
			const inputs = await this.#api().inputs();
			if (generation === this.#generation) this.inputs = inputs;
		} catch {
			// Markers are a convenience; the next input change retries.
		}
	}

	/** Throttled: folds the selected server's cluster entries into the names of lost peers. */
	#refreshLostPeers(): void {
		if (this.#peersTimer !== null) return;
		this.#peersTimer = setTimeout(async () => {
			this.#peersTimer = null;
			const generation = this.#generation;
			const sel = this.selection;
			if (sel?.kind !== 'node' || !this.topology || !this.#handle) return;
			const name = objectName(this.topology, sel);
			try {
				const page = await this.#api().queryLog({
					kinds: ['cluster', 'node'],
					object: name,
					limit: 2000
				});
				if (generation !== this.#generation || !sameObject(sel, this.selection)) return;
				this.selectedLostPeers = lostPeers(
					page.entries.map((e) => e.entry),
					name
				);
			} catch {
				this.selectedLostPeers = [];
			}
		}, 250);
	}

	#startLoop(): void {
		if (this.#rafId !== null) return;
		const loop = (wallMs: number) => {
			this.#rafId = null;
			if (!this.playing || !this.#actor) return;
			this.#actor.send({ type: 'tick', wallMs });
			if (this.playing) this.#rafId = this.#deps.requestAnimationFrame(loop);
		};
		this.#rafId = this.#deps.requestAnimationFrame(loop);
	}

	#stopLoop(): void {
		if (this.#rafId !== null) this.#deps.cancelAnimationFrame(this.#rafId);
		this.#rafId = null;
	}
}

function initialSteps(scenarioName: string | null): LoadStep[] {
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

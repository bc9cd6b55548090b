/**
 * One sandbox session: the simulation worker, the loaded scenario, the latest frame and the UI
 * state around them (selection, menus, tabs). Components read its runes fields and call its
 * methods; every time-changing worker call goes through the playback machine, which keeps at
 * most one in flight.
 *
 * The session is the façade over focused parts: loading (steps and the start sequence), the
 * player (playback actor, animation loop, worker requests), the latest frame (reader and
 * snapshots) and the selected server's lost peers. It owns the worker handle and a generation
 * counter bumped on every restart; async results for an older generation are dropped.
 *
 * Reactivity: the FrameReader and the worker handle are plain fields (never deep state). Each
 * applied frame bumps `frameVersion` (the 3D view listens to it) and refreshes small `$state.raw`
 * snapshots (`clock`, `health`, `vms`) that the panels render.
 */
import { IoKind } from '$lib/sim/frame';
import { Health } from '$lib/sim/health';
import type { InputEvent } from '$lib/sim/kernel/types';
import type { Simplification } from '$lib/sim/simplifications';
import type { TopologyInfo } from '$lib/sim/topology';
import type { InvariantResult, NetworkView, PacketResult } from '$lib/worker/protocol';
import type { AclRuleInput } from './acl-form';
import type { AddressView } from './network-view';
import { Announcer } from './announcer.svelte';
import { EventLogState } from './event-log.svelte';
import type { ClockView, HealthView, VmsView } from './frame-view';
import { LatestFrame } from './latest-frame.svelte';
import {
	LoadProgress,
	loadScenario,
	readyAnnouncement,
	type LoadedScenario,
	type LoadFailure,
	type LoadStep,
	type SessionPhase
} from './loading.svelte';
import { AclRules } from './acl-rules.svelte';
import { SlbState } from './slb-state.svelte';
import { StorageState } from './storage-state.svelte';
import { ClusterState } from './cluster-state.svelte';
import { LostPeers } from './lost-peers.svelte';
import { findObject, sameObject, type ObjectRef } from './objects';
import { Player, type PlayerHost } from './player.svelte';
import type { ScenarioEntry } from './scenarios';
import type { SessionApi, SessionDeps, SimHandle } from './session-deps';
import type { PanelTab } from './shortcuts';

export type { SessionDeps, SimHandle } from './session-deps';
export type {
	LoadFailure,
	LoadStep,
	LoadStepId,
	LoadStepState,
	SessionPhase
} from './loading.svelte';

/** The open actions menu: which object, where (viewport px) and what to focus when it closes. */
export interface MenuState {
	target: ObjectRef;
	x: number;
	y: number;
	returnFocus: HTMLElement | null;
}

export type { AddressView };

/** What an ACL rule is attached to: one VM's port or a subnet ("<vnet>/<subnet>"). */
export type AclTarget = { kind: 'vm'; name: string } | { kind: 'subnet'; name: string };

/** Protocols a flow can use. */
export type FlowProtocol = 'icmp' | 'tcp' | 'udp';

/** How the player words a request the worker refused (player.svelte.ts requestFailed). */
const REFUSED = 'The simulation refused that';

/** Shortest gap between frame-triggered invariant refreshes when deps give none, in wall ms. */
const INVARIANTS_THROTTLE_MS = 300;
/** The live IO charts and statecharts refresh at most this often (wall ms). */
const LIVE_REFRESH_MIN_MS = 250;

/** The MIME type of the capture download (pcapng has no registered type of its own). */
export const CAPTURE_MIME = 'application/octet-stream';

export class Session {
	/** Why the 3D view is missing (WebGL unavailable), or null when it works. */
	sceneError = $state<string | null>(null);
	/** A message for the learner that stays until dismissed (fallbacks, forked inputs). */
	notice = $state<string | null>(null);

	scenarios = $state.raw<ScenarioEntry[]>([]);
	scenario = $state.raw<ScenarioEntry | null>(null);
	topology = $state.raw<TopologyInfo | null>(null);
	simplifications = $state.raw<Simplification[]>([]);
	inputs = $state.raw<InputEvent[]>([]);

	selection = $state.raw<ObjectRef | null>(null);
	menu = $state.raw<MenuState | null>(null);
	tab = $state<PanelTab>('objects');
	helpOpen = $state(false);

	/** Tenants, virtual networks, subnets and VMs of the scenario (null before a load). */
	network = $state.raw<NetworkView | null>(null);
	/** The packet open in the inspector, or null. */
	inspected = $state.raw<PacketResult | null>(null);
	/** Why the last packet could not be opened, or null. */
	inspectError = $state<string | null>(null);
	/** The invariants the simulation checks, refreshed as the log grows. */
	invariants = $state.raw<InvariantResult[]>([]);
	/** The simulation's refusal of the last ACL add or remove, shown in the ACL editor. */
	aclErrors = $state.raw<string[]>([]);
	/** Tenant view (customer addresses) or provider view (hosts and provider addresses). */
	addressView = $state<AddressView>('tenant');
	/**
	 * Every packet flag (frame.ts PacketFlags) seen in a frame since the scenario loaded, OR-ed
	 * together: which kinds of packets have been on screen (not reactive).
	 */
	packetFlagsSeen = 0;
	/**
	 * The most servers whose drives took writes in one frame's storage transfers (for tests:
	 * a three-way mirror write goes to three servers).
	 */
	ioWriteServersSeen = 0;
	/** Wall time (ms) of the last per-second storage or cluster refresh. */
	#liveRefreshAt = 0;
	/** The log entry (index in the whole log) the learner jumped to, highlighted in the log. */
	highlightedLogIndex = $state<number | null>(null);

	readonly announcer: Announcer;
	readonly log: EventLogState;
	readonly #frame = new LatestFrame();
	/** Decodes the latest frame; rebound in place for every frame, never reactive. */
	readonly reader = this.#frame.reader;
	/**
	 * Where an object appears on the 3D canvas (CSS px from its top-left), set by the scene view
	 * while a scene exists. Used to place menus from the keyboard and by end-to-end tests.
	 */
	locateInScene: ((target: ObjectRef) => { x: number; y: number } | null) | null = null;
	/** VM tiles the 3D view draws (one per VM it can place), set by the scene view; for tests. */
	sceneVmTiles: (() => number) | null = null;

	#deps: SessionDeps;
	#load: LoadProgress;
	#player: Player;
	/** The effective firewall rules of the VM the ACL editor shows. */
	readonly acl = new AclRules({
		api: () => this.#handle?.api ?? null,
		generation: () => this.#generation
	});
	/** Storage Spaces Direct's view and drive inputs. */
	readonly storage = new StorageState({
		api: () => this.#handle?.api ?? null,
		generation: () => this.#generation,
		send: (input) => this.#player.send({ type: 'input', input })
	});
	/** The cluster control plane's view (servers, quorum, patch and update) and inputs. */
	readonly cluster = new ClusterState({
		api: () => this.#handle?.api ?? null,
		generation: () => this.#generation,
		send: (input) => this.#player.send({ type: 'input', input }),
		announce: (message) => this.announcer.announce(message)
	});
	/** The Software Load Balancer's view and inputs. */
	readonly slb = new SlbState({
		api: () => this.#handle?.api ?? null,
		generation: () => this.#generation,
		send: (input) => this.#player.send({ type: 'input', input }),
		announce: (message) => this.announcer.announce(message)
	});
	#peers = new LostPeers({
		selection: () => this.selection,
		topology: () => this.topology,
		api: () => this.#handle?.api ?? null,
		generation: () => this.#generation
	});
	#playerHost: PlayerHost = {
		api: () => this.#api(),
		generation: () => this.#generation,
		showFrame: (frame) => {
			this.#applyFrame(frame, true);
			return { simTimeMs: this.clock.simTimeMs, packetsInFlight: this.reader.packetCount };
		},
		announce: (message) => this.announcer.announce(message),
		notify: (message) => {
			if (this.#aclPending && message.startsWith(REFUSED)) {
				this.#aclPending = false;
				this.aclErrors = [message];
			}
			this.notice = message;
			this.announcer.announce(message);
		}
	};
	/** An ACL input was sent and has not been answered yet (its refusal goes to aclErrors). */
	#aclPending = false;
	#invariantsTimer: ReturnType<typeof setTimeout> | null = null;
	#handle: SimHandle | null = null;
	/** Bumped by every restart; async results carry the number they started under. */
	#generation = 0;

	constructor(deps: SessionDeps) {
		this.#deps = deps;
		this.announcer = deps.announcer ?? new Announcer();
		this.log = new EventLogState((query) => this.#api().queryLog(query), deps.logThrottleMs);
		this.#load = new LoadProgress(this.announcer);
		this.#player = new Player(deps);
	}

	// --- state owned by the parts (read-only here) ---------------------------------------

	get phase(): SessionPhase {
		return this.#load.phase;
	}
	get steps(): LoadStep[] {
		return this.#load.steps;
	}
	get failure(): LoadFailure | null {
		return this.#load.failure;
	}
	/** Fraction of the loading steps done, 0..1 (the active step counts as half). */
	get progress(): number {
		return this.#load.progress;
	}
	/** True once the scenario is loaded and the sandbox usable (with or without the 3D view). */
	get ready(): boolean {
		return this.phase === 'ready';
	}
	get clock(): ClockView {
		return this.#frame.clock;
	}
	get health(): HealthView {
		return this.#frame.health;
	}
	/** The cluster's VMs in the latest frame (replaced only when what the text shows changed). */
	get vms(): VmsView {
		return this.#frame.vms;
	}
	/** Bumped once per applied frame; read `reader` after it changes. */
	get frameVersion(): number {
		return this.#frame.frameVersion;
	}
	get playing(): boolean {
		return this.#player.playing;
	}
	get speed(): number {
		return this.#player.speed;
	}
	/** Packet slow motion is on (playback slows down while packets are in flight). */
	get slowMotion(): boolean {
		return this.#player.slowMotion;
	}
	/** Playback is slowed right now because packets are in flight. */
	get slowed(): boolean {
		return this.#player.slowed;
	}
	/** Right end of the timeline, in simulated ms. */
	get endMs(): number {
		return this.#player.endMs;
	}
	/** Names of the peers the selected server has lost contact with (from the event log). */
	get selectedLostPeers(): string[] {
		return this.#peers.names;
	}

	// --- loading --------------------------------------------------------------------------

	/**
	 * Starts a fresh worker and loads the preset named by `requestedStem` (the `?scenario=`
	 * value; null for the default). A running session is torn down first: terminating the worker
	 * is how work in flight is cancelled.
	 */
	async start(requestedStem: string | null): Promise<void> {
		const generation = this.#teardown();
		this.#load.begin();
		this.sceneError = null;
		this.notice = null;
		await loadScenario(
			{
				deps: this.#deps,
				progress: this.#load,
				stale: () => generation !== this.#generation,
				chosen: (index, entry, notice) => {
					this.scenarios = index;
					this.scenario = entry;
					this.notice = notice;
					if (notice) this.announcer.announce(notice);
				},
				started: (handle) => (this.#handle = handle),
				loaded: (result) => this.#loaded(result)
			},
			requestedStem
		);
	}

	/** The 3D scene is built: the sandbox is ready. */
	sceneBuilt(): void {
		if (this.phase !== 'loading' || !this.topology) return;
		this.#load.finish('done', readyAnnouncement(this.scenario?.name ?? null, this.topology));
	}

	/** The 3D scene cannot be built (no WebGL): the text views still work, so carry on. */
	sceneUnavailable(reason: string): void {
		this.sceneError = reason;
		if (this.phase !== 'loading' || !this.topology) return;
		this.#load.finish('error', readyAnnouncement(this.scenario?.name ?? null, this.topology));
	}

	// --- playback -------------------------------------------------------------------------

	togglePlay(): void {
		this.#player.send({ type: 'toggle' });
	}
	play(): void {
		this.#player.send({ type: 'play' });
	}
	pause(): void {
		this.#player.send({ type: 'pause' });
	}
	/** Runs to the next logged event. */
	step(): void {
		this.#player.send({ type: 'step' });
	}
	/** Returns to just before the latest logged event. */
	stepBack(): void {
		this.#player.send({ type: 'stepBack' });
	}
	/** Moves simulated time to `tMs` (scrubbing: rapid calls collapse into the latest). */
	seek(tMs: number): void {
		this.#player.send({ type: 'seek', tMs });
	}
	setSpeed(speed: number): void {
		this.#player.send({ type: 'speed.set', speed });
	}
	faster(): void {
		this.#player.send({ type: 'speed.faster' });
	}
	slower(): void {
		this.#player.send({ type: 'speed.slower' });
	}
	setSlowMotion(on: boolean): void {
		this.#player.send({ type: 'slowMotion.set', on });
	}

	// --- selection, menus, tabs -----------------------------------------------------------

	select(target: ObjectRef | null): void {
		if (sameObject(target, this.selection)) return;
		this.selection = target;
		this.#peers.names = [];
		if (target?.kind === 'node') this.#peers.refresh();
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
		this.#player.send({ type: 'input', input: { type: 'node.fail', node } });
	}

	/** Restores failed server `node` at the current simulated time. */
	restoreNode(node: number): void {
		this.#player.send({ type: 'input', input: { type: 'node.restore', node } });
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

	// --- tenant networking ----------------------------------------------------------------

	/** Starts a flow (ping for icmp) from VM `from` to VM `to` at the current simulated time. */
	startFlow(from: string, to: string, protocol: FlowProtocol): void {
		this.#player.send({ type: 'input', input: { type: 'flow.start', from, to, protocol } });
	}

	/** Moves a tenant VM to server `host` at the current simulated time. */
	moveVm(vm: string, host: number): void {
		this.#player.send({ type: 'input', input: { type: 'vm.move', vm, host } });
	}

	/** Attaches an ACL rule to a VM's port or a subnet at the current simulated time. */
	addAclRule(target: AclTarget, rule: AclRuleInput): void {
		this.aclErrors = [];
		this.#aclPending = true;
		this.#player.send({
			type: 'input',
			input: { type: 'acl.add', ...rule, [target.kind]: target.name }
		});
	}

	/** Removes the ACL rule called `name` at the current simulated time. */
	removeAclRule(name: string): void {
		this.aclErrors = [];
		this.#aclPending = true;
		this.#player.send({ type: 'input', input: { type: 'acl.remove', name } });
	}

	/** Opens packet `id` (a log entry's `packet`) in the inspector. */
	async inspectPacket(id: number): Promise<void> {
		const generation = this.#generation;
		try {
			const packet = await this.#api().packet(id);
			if (generation !== this.#generation) return;
			this.inspected = packet;
			this.inspectError = null;
		} catch (error) {
			if (generation !== this.#generation) return;
			this.inspected = null;
			this.inspectError = error instanceof Error ? error.message : String(error);
		}
	}

	closeInspector(): void {
		this.inspected = null;
		this.inspectError = null;
	}

	/** Downloads everything captured so far as `<scenario>.pcapng`. */
	async downloadCapture(): Promise<void> {
		const generation = this.#generation;
		let bytes: Uint8Array;
		try {
			bytes = await this.#api().capture();
		} catch (error) {
			const message = `The capture could not be read: ${error instanceof Error ? error.message : String(error)}`;
			this.notice = message;
			this.announcer.announce(message);
			return;
		}
		if (generation !== this.#generation) return;
		const stem = (this.scenario?.file ?? 'capture.json').replace(/\.json$/, '');
		const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: CAPTURE_MIME });
		this.#deps.saveFile?.(blob, `${stem}.pcapng`);
		this.announcer.announce(`Capture saved as ${stem}.pcapng (${bytes.length} bytes).`);
	}

	setAddressView(view: AddressView): void {
		this.addressView = view;
	}

	/** Shows log entry `logIndex` (by its index in the whole log) in the Event log tab. */
	jumpToLog(logIndex: number): void {
		this.highlightedLogIndex = logIndex;
		this.log.object = '';
		this.log.hiddenKinds = this.log.hiddenKinds.filter((k) => k !== 'invariant');
		this.setTab('log');
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

	#api(): SessionApi {
		if (!this.#handle) throw new Error('the simulation is not running');
		return this.#handle.api;
	}

	/** Ends the running scenario and starts a new generation; returns its number. */
	#teardown(): number {
		this.#generation++;
		this.#player.stop();
		this.#handle?.terminate();
		this.#handle = null;
		this.#peers.cancel();
		this.acl.reset();
		this.slb.reset();
		this.storage.reset();
		this.cluster.reset();
		if (this.#invariantsTimer !== null) clearTimeout(this.#invariantsTimer);
		this.#invariantsTimer = null;
		this.#aclPending = false;
		this.network = null;
		this.inspected = null;
		this.inspectError = null;
		this.invariants = [];
		this.aclErrors = [];
		this.highlightedLogIndex = null;
		this.topology = null;
		this.selection = null;
		this.menu = null;
		this.#frame.clear();
		this.packetFlagsSeen = 0;
		this.ioWriteServersSeen = 0;
		this.inputs = [];
		this.log.page = null;
		this.log.kinds = [];
		return this.#generation;
	}

	#loaded(result: LoadedScenario): void {
		this.topology = result.topology;
		this.simplifications = result.simplifications;
		this.#applyFrame(result.frame, false);
		this.#player.start(this.#playerHost, result.durationMs, this.clock.simTimeMs);
		void this.#refreshInputs();
		void this.log.refresh();
		void this.#refreshNetwork();
		void this.#refreshInvariants();
		void this.slb.refresh();
		void this.storage.refresh();
		void this.cluster.refresh();
	}

	/** Shows a frame, then refreshes what depends on the logs it says changed. */
	#applyFrame(buffer: ArrayBuffer, announce: boolean): void {
		const before = this.#frame.apply(buffer, this.topology, announce ? this.announcer : null);
		const reader = this.reader;
		for (let i = 0; i < reader.packetCount; i++) this.packetFlagsSeen |= reader.packetFlags(i);
		this.#noteStorageFrame(before.simTimeMs);
		if (this.clock.logCount !== before.logCount) {
			if (this.tab === 'log') this.log.invalidate();
			if (this.selection?.kind === 'node') this.#peers.refresh();
			this.acl.refresh();
			this.#invalidateInvariants();
		}
		if (this.#aclPending && this.clock.inputCount !== before.inputCount) this.#aclPending = false;
		if (this.clock.inputCount !== before.inputCount || !announce) void this.#refreshInputs();
	}

	/**
	 * Storage transfers in the frame: which servers took writes; and the live IO charts (or the
	 * Cluster tab's statecharts), refreshed when a simulated second has passed (at most four times
	 * a wall second) while their tab is open.
	 */
	#noteStorageFrame(beforeMs: number): void {
		const reader = this.reader;
		const drives = this.topology?.drives;
		if (drives && reader.ioCount > 0) {
			const servers: number[] = [];
			for (let i = 0; i < reader.ioCount; i++) {
				const node = drives[reader.ioDrive(i)]?.node;
				const write = reader.ioKind(i) === IoKind.write;
				if (write && node !== undefined && !servers.includes(node)) servers.push(node);
			}
			this.ioWriteServersSeen = Math.max(this.ioWriteServersSeen, servers.length);
		}
		const second = (ms: number) => Math.floor(ms / 1000);
		const live =
			this.tab === 'storage' ? this.storage : this.tab === 'cluster' ? this.cluster : null;
		if (!live || second(this.clock.simTimeMs) === second(beforeMs)) return;
		const now = Date.now();
		if (now - this.#liveRefreshAt < LIVE_REFRESH_MIN_MS) return;
		this.#liveRefreshAt = now;
		void live.refresh();
	}

	/** Refreshes the invariants and the network view soon: at most once per throttle interval. */
	#invalidateInvariants(): void {
		if (this.#invariantsTimer !== null) return;
		this.#invariantsTimer = setTimeout(() => {
			this.#invariantsTimer = null;
			void this.#refreshInvariants();
			// VM placement changes with vm.move inputs (and back when seeking before one).
			void this.#refreshNetwork();
			void this.slb.refresh();
			void this.storage.refresh();
			void this.cluster.refresh();
		}, this.#deps.logThrottleMs ?? INVARIANTS_THROTTLE_MS);
	}

	async #refreshInvariants(): Promise<void> {
		const generation = this.#generation;
		try {
			const invariants = await this.#api().invariants();
			if (generation === this.#generation) this.invariants = invariants;
		} catch {
			// The next log change retries.
		}
	}

	async #refreshNetwork(): Promise<void> {
		const generation = this.#generation;
		try {
			const network = await this.#api().network();
			if (generation === this.#generation) this.network = network;
		} catch {
			if (generation === this.#generation) this.network = { tenants: [], vms: [] };
		}
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
}

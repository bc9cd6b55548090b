/**
 * The public entry point of sim/: the worker, the CLI and tests use only this module.
 *
 * `Simulation` wraps the kernel's Engine with the StackScope model: load a scenario (JSON text or
 * a parsed Scenario), move through simulated time, add inputs, read the log and pack frames.
 * Same scenario + seed + inputs give the same log, frames and state hash, in Node and in a worker.
 */
import { packFrame } from './frame';
import { frameSource } from './frame-source';
import { writePcapng } from './export/pcapng';
import { TENANT_ISOLATION, TENANT_ISOLATION_DESCRIPTION } from './invariants/isolation';
import { SLB_INVARIANTS, type SlbInvariant } from './invariants/slb';
import { STORAGE_INVARIANTS, type StorageInvariant } from './invariants/storage';
import { CLUSTER_INVARIANTS, type ClusterInvariant } from './cluster/model/index';
import { Engine } from './kernel/engine';
import type { InputEvent, LogEntry } from './kernel/types';
import { queryLog, type LogPage, type LogQuery } from './log';
import { stackScopeModel, type SimState } from './model';
import { MAX_SEED } from './scenario/defaults';
import { show } from './scenario/messages';
import { parseInput, parseScenarioJson } from './scenario/parse';
import type { Scenario } from './scenario/schema';

import { decodeFrame, type DecodedLayer } from './net/decode';
import type { EffectiveAclRule } from './net/acl-types';
import { portOf, portRules } from './net/model/path';
import { buildTopology } from './topology-build';
import type { TopologyInfo } from './topology';

export type { EventData, InputEvent, LogEntry } from './kernel/types';
export type {
	DriveInfo,
	DriveMedia,
	DriveRole,
	HlhInfo,
	NodeInfo,
	RackInfo,
	RackSlot,
	SwitchInfo,
	SwitchKind,
	TopologyInfo
} from './topology';
export { Health, HEALTH_NAMES, healthName, type HealthCode, type HealthName } from './health';
export {
	FRAME_VERSION,
	FrameFlags,
	FrameFormatError,
	FrameReader,
	frameBytes,
	type FrameSource
} from './frame';
export {
	DEFAULT_LOG_LIMIT,
	LOG_OBJECT_FIELDS,
	logKind,
	toJsonLines,
	type LogPage,
	type LogQuery
} from './log';
export {
	INPUT_TYPES,
	SCENARIO_FORMAT,
	SCENARIO_VERSION,
	parseScenario,
	parseScenarioJson,
	type ParseResult,
	type Scenario,
	type ScenarioInput,
	type ScenarioJson
} from './scenario/index';
export { nodeName, rackCount } from './topology-build';
export { SIMPLIFICATIONS, type Simplification } from './simplifications';
export type { SimState } from './model';

/** Result of loading a scenario. */
export type LoadSimulationResult =
	{ ok: true; sim: Simulation; warnings: string[] } | { ok: false; errors: string[] };

/** One safety property and whether it has held so far. */
export interface InvariantReport {
	name: string;
	description: string;
	holds: boolean;
	/** Index in the event log of the first `invariant.violated` entry for it, if any. */
	firstViolation?: number;
}

/** A packet the simulation carried: its bytes and their decoded layers (for the inspector). */
export interface PacketView {
	id: number;
	/** The outer (VXLAN) frame as it left the sending host, or the frame the VM sent. */
	bytes: Uint8Array;
	layers: DecodedLayer[];
	/** The frame as the sending VM put it on its vNIC. */
	inner: Uint8Array;
	summary: string;
}

/** Result of adding an input: the inputs dropped because the input log forked, or why not. */
export type AddInputOutcome =
	{ ok: true; discarded: InputEvent[] } | { ok: false; errors: string[] };

/** Checks a seed override: a whole number from 0 to MAX_SEED. */
function seedError(seed: unknown): string | undefined {
	if (typeof seed === 'number' && Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED) {
		return undefined;
	}
	return `seed: a whole number from 0 to ${MAX_SEED}, got ${show(seed)}`;
}

/** One simulation run of a scenario: the facade over Engine + stackScopeModel. */
export class Simulation {
	/** The complete, validated scenario. */
	readonly scenario: Scenario;
	/** The seed of this run (the scenario's, unless overridden). */
	readonly seed: number;
	/** Static hardware description, indexed like frames. */
	readonly topology: TopologyInfo;
	private readonly engine: Engine<SimState, Scenario>;
	private readonly nodeNames: readonly string[];

	private constructor(scenario: Scenario, seed: number) {
		this.scenario = scenario;
		this.seed = seed;
		this.topology = buildTopology(scenario);
		this.nodeNames = this.topology.nodes.map((n) => n.name);
		this.engine = new Engine(stackScopeModel);
		this.engine.load(scenario, seed, scenario.inputs);
	}

	/** Loads scenario JSON text; `seedOverride` replaces the scenario's seed. Never throws. */
	static fromJson(text: string, seedOverride?: number): LoadSimulationResult {
		if (seedOverride !== undefined) {
			const error = seedError(seedOverride);
			if (error) return { ok: false, errors: [error] };
		}
		const parsed = parseScenarioJson(text);
		if (!parsed.ok) return parsed;
		const sim = new Simulation(parsed.scenario, seedOverride ?? parsed.scenario.seed);
		return { ok: true, sim, warnings: parsed.warnings };
	}

	/**
	 * Starts a run of a scenario returned by parseScenario (not re-validated). Throws a RangeError
	 * for an invalid seed.
	 */
	static fromScenario(scenario: Scenario, seed: number = scenario.seed): Simulation {
		const error = seedError(seed);
		if (error) throw new RangeError(error);
		return new Simulation(scenario, seed);
	}

	/** Simulated time, ms. */
	get nowMs(): number {
		return this.engine.nowMs;
	}

	/** The event log so far (a live view: it grows, and shrinks on seek back). */
	get log(): readonly LogEntry[] {
		return this.engine.log;
	}

	/** The active input log (scripted inputs and those added since), sorted by time. */
	get inputs(): readonly InputEvent[] {
		return this.engine.inputs;
	}

	/** Queue items and inputs processed so far. */
	get processed(): number {
		return this.engine.processed;
	}

	/** True when nothing is left to simulate (never, while servers send heartbeats). */
	get idle(): boolean {
		return this.engine.idle;
	}

	/** Model state (read-only view, for tests and inspection). */
	get state(): Readonly<SimState> {
		return this.engine.state;
	}

	/** Runs forward, processing everything up to and including `tMs` (simulated ms). */
	runUntil(tMs: number): void {
		this.engine.runUntil(tMs);
	}

	/**
	 * Moves to simulated time `tMs` (>= 0), backwards through a checkpoint and replay if needed.
	 * With `stopAtPackets`, a forward move from a moment with no packet in flight stops right after
	 * the first event that puts one on a hop (so playback can slow down to show it); returns whether
	 * it stopped early.
	 */
	seek(tMs: number, options: { stopAtPackets?: boolean } = {}): boolean {
		const engine = this.engine;
		if (options.stopAtPackets && tMs > engine.nowMs && engine.state.net.inFlight.length === 0) {
			return engine.runUntilFirst(tMs, (state) => state.net.inFlight.length > 0);
		}
		engine.seek(tMs);
		return false;
	}

	/** Number of packet hops (and drop markers) under way now. */
	get packetsInFlight(): number {
		return this.engine.state.net.inFlight.length;
	}

	/** Processes items until the log grows; false if nothing is left. */
	step(): boolean {
		return this.engine.step();
	}

	/** Returns to just before the latest logged event; false at the start. */
	stepBack(): boolean {
		return this.engine.stepBack();
	}

	/**
	 * Adds a user input at its time `t` (a time in the past forks the input log). The input is
	 * validated against the scenario first; a bad input changes nothing. Never throws.
	 */
	addInput(input: unknown): AddInputOutcome {
		const parsed = parseInput(input, this.scenario);
		if (!parsed.ok) return parsed;
		const { discarded } = this.engine.addInput(parsed.input);
		return { ok: true, discarded };
	}

	/** A page of the event log (see LogQuery). */
	queryLog(query: LogQuery = {}): LogPage {
		return queryLog(this.engine.log, query, { nodeNames: this.nodeNames });
	}

	/** The visible state at the current time, packed for transfer (see frame.ts). */
	frame(): ArrayBuffer {
		const engine = this.engine;
		return packFrame(
			frameSource(engine.state, {
				nowMs: engine.nowMs,
				logCount: engine.log.length,
				processed: engine.processed,
				inputCount: engine.inputs.length,
				idle: engine.idle,
				nextItemTimeMs: engine.nextItemTimeMs()
			})
		);
	}

	/**
	 * Everything captured so far as a pcapng file: one interface per capture point (VM vNICs,
	 * host uplinks, TOR ports), timestamps from the simulated clock. Deterministic.
	 */
	capture(): Uint8Array {
		const net = this.engine.state.net;
		return writePcapng(net.interfaces, net.captures);
	}

	/** Packet `id` (as in log entries' `packet` field), or undefined if there is none. */
	packet(id: number): PacketView | undefined {
		const record = this.engine.state.net.packets[id - 1];
		if (!record) return undefined;
		const bytes = (record.firstOuter ?? record.frame).slice();
		return {
			id,
			bytes,
			layers: decodeFrame(bytes),
			inner: record.frame.slice(),
			summary: record.summary
		};
	}

	/**
	 * The effective firewall rules of `vm`'s port now, in evaluation order (inbound first, then by
	 * stage and priority), with where each comes from; undefined for an unknown VM.
	 */
	aclRules(vm: string): EffectiveAclRule[] | undefined {
		const net = this.engine.state.net;
		const port = portOf(net, vm);
		return port ? portRules(net, port) : undefined;
	}

	/** The invariants checked as the simulation runs, and whether each has held so far. */
	invariants(): InvariantReport[] {
		const isolation = this.engine.state.net.isolation;
		const report: InvariantReport = {
			name: TENANT_ISOLATION,
			description: TENANT_ISOLATION_DESCRIPTION,
			holds: isolation.violations === 0
		};
		if (!report.holds) {
			const log = this.engine.log;
			const index = log.findIndex(
				(e) => e.type === 'invariant.violated' && e.name === TENANT_ISOLATION
			);
			if (index >= 0) report.firstViolation = index;
		}
		const reports: InvariantReport[] = [report];
		const add = (name: string, description: string, violations: number) => {
			const r: InvariantReport = { name, description, holds: violations === 0 };
			if (!r.holds) r.firstViolation = this.firstViolation(name);
			reports.push(r);
		};
		const slb = this.engine.state.net.slb;
		if (slb) {
			for (const key of Object.keys(SLB_INVARIANTS) as SlbInvariant[]) {
				add(
					SLB_INVARIANTS[key].name,
					SLB_INVARIANTS[key].description,
					slb.invariants[key].violations
				);
			}
		}
		const { cluster } = this.engine.state;
		for (const key of Object.keys(CLUSTER_INVARIANTS) as ClusterInvariant[]) {
			const { name, description } = CLUSTER_INVARIANTS[key];
			add(name, description, cluster.invariants[key].violations);
		}
		const storage = this.engine.state.storage;
		if (storage) {
			for (const key of Object.keys(STORAGE_INVARIANTS) as StorageInvariant[]) {
				const { name, description } = STORAGE_INVARIANTS[key];
				add(name, description, storage.invariants[key].violations);
			}
		}
		return reports;
	}

	/** Index of the first log entry recording a violation of invariant `name`, if any. */
	private firstViolation(name: string): number | undefined {
		const index = this.engine.log.findIndex(
			(e) => e.type === 'invariant.violated' && e.name === name
		);
		return index >= 0 ? index : undefined;
	}

	/** SHA-256 (64 hex chars) of the whole run position; equal in Node and in the browser. */
	stateHash(): string {
		return this.engine.stateHash();
	}
}

/**
 * The headless runner: `npm run sim -- validate FILE.json` and `npm run sim -- run FILE.json`.
 * It uses only the simulation's public entry point (src/lib/sim/index.ts), the same code the
 * browser worker runs, so a run here and in the browser give the same log and state hash.
 *
 * `runCli` does the work and returns the exit code, so tests call it without spawning a process.
 */
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Simulation, parseScenarioJson, rackCount, toJsonLines } from '../src/lib/sim/index';
import type { Scenario } from '../src/lib/sim/index';
import { USAGE, parseCliArgs, type CliCommand } from './cli-args';
import { slbView } from '../src/lib/worker/slb-view';
import { storageView } from '../src/lib/worker/storage-view';

/** Where the runner writes its lines (stdout and stderr in the real CLI). */
export interface CliOutput {
	out(line: string): void;
	err(line: string): void;
}

const consoleOutput: CliOutput = {
	out: (line) => process.stdout.write(line + '\n'),
	err: (line) => process.stderr.write(line + '\n')
};

/** Log entries written per chunk to an events file (bounds memory for long runs). */
const EVENTS_CHUNK = 10_000;

/** Runs one command line; returns the exit code (0 ok, 1 bad scenario or file, 2 bad usage). */
export function runCli(argv: readonly string[], output: CliOutput = consoleOutput): number {
	const args = parseCliArgs(argv);
	if (!args.ok) {
		output.err(`sim: ${args.error}`);
		output.err('Run "npm run sim -- help" for usage.');
		return 2;
	}
	const cmd = args.value;
	if (cmd.command === 'help') {
		output.out(USAGE);
		return 0;
	}
	const text = readText(cmd.file, output);
	if (text === undefined) return 1;
	if (cmd.command === 'validate') return validate(cmd.file, text, output);
	return run(cmd, text, output);
}

const FILE_ERRORS: Record<string, string> = {
	ENOENT: 'no such file',
	EACCES: 'permission denied',
	EISDIR: 'it is a directory',
	ENOTDIR: 'a folder in the path is not a directory'
};

/** A short reason for a failed file operation. */
function fileError(error: unknown): string {
	const code = (error as NodeJS.ErrnoException).code;
	if (code && FILE_ERRORS[code]) return `${FILE_ERRORS[code]}, ${code}`;
	return code ?? (error instanceof Error ? error.message : String(error));
}

function readText(file: string, output: CliOutput): string | undefined {
	try {
		return readFileSync(file, 'utf8');
	} catch (error) {
		output.err(`${file}: cannot read the file (${fileError(error)})`);
		return undefined;
	}
}

function describe(scenario: Scenario): string {
	const { nodes, server } = scenario.topology;
	const racks = rackCount(scenario);
	const cache = server.cacheDrives;
	const capacity = server.capacityDrives;
	const drives =
		cache.count > 0
			? `${cache.count} ${cache.media} cache + ${capacity.count} ${capacity.media} capacity drives`
			: `${capacity.count} ${capacity.media} drives, no cache`;
	const { delayMs, threshold } = scenario.cluster.heartbeat;
	const inputs = scenario.inputs.length;
	return [
		`${nodes} servers in ${racks} rack${racks === 1 ? '' : 's'}`,
		`${drives} per server`,
		`heartbeat ${delayMs} ms x ${threshold}`,
		`${inputs} input${inputs === 1 ? '' : 's'}`
	].join(', ');
}

function validate(file: string, text: string, output: CliOutput): number {
	const parsed = parseScenarioJson(text);
	if (!parsed.ok) {
		for (const message of parsed.errors) output.out(`${file}: ${message}`);
		return 1;
	}
	output.out(`${file}: valid (${describe(parsed.scenario)})`);
	for (const warning of parsed.warnings) output.out(`${file}: warning: ${warning}`);
	return 0;
}

function run(
	cmd: Extract<CliCommand, { command: 'run' }>,
	text: string,
	output: CliOutput
): number {
	const loaded = Simulation.fromJson(text, cmd.seed);
	if (!loaded.ok) {
		for (const message of loaded.errors) output.err(`${cmd.file}: ${message}`);
		return 1;
	}
	const sim = loaded.sim;
	for (const warning of loaded.warnings) output.err(`${cmd.file}: warning: ${warning}`);
	const untilMs = cmd.untilMs ?? sim.scenario.durationMs;
	sim.runUntil(untilMs);
	if (cmd.eventsFile !== undefined && !writeEvents(cmd.eventsFile, sim, output)) return 1;
	if (cmd.pcapFile !== undefined && !writeTo(cmd.pcapFile, 'capture', sim.capture(), output)) {
		return 1;
	}
	if (cmd.reportFile !== undefined) {
		const report = `${JSON.stringify(runReport(sim, untilMs), null, '\t')}\n`;
		if (!writeTo(cmd.reportFile, 'report', report, output)) return 1;
	}
	output.out(
		`${basename(cmd.file)} seed=${sim.seed} until=${untilMs}ms events=${sim.log.length} inputs=${sim.inputs.length} hash=${sim.stateHash()}`
	);
	return 0;
}

function writeEvents(file: string, sim: Simulation, output: CliOutput): boolean {
	let fd: number | undefined;
	try {
		fd = openSync(file, 'w');
		const log = sim.log;
		for (let start = 0; start < log.length; start += EVENTS_CHUNK) {
			writeSync(fd, toJsonLines(log, start, start + EVENTS_CHUNK));
		}
		return true;
	} catch (error) {
		output.err(`${file}: cannot write the event log (${fileError(error)})`);
		return false;
	} finally {
		if (fd !== undefined) closeSync(fd);
	}
}

/** Writes `data` to `file`; on failure says which file and why, and returns false. */
function writeTo(
	file: string,
	what: string,
	data: string | Uint8Array,
	output: CliOutput
): boolean {
	try {
		writeFileSync(file, data);
		return true;
	} catch (error) {
		output.err(`${file}: cannot write the ${what} (${fileError(error)})`);
		return false;
	}
}

/** The end-of-run report: where the run stopped, the invariants, storage and load balancer. */
export function runReport(sim: Simulation, untilMs: number) {
	return {
		scenario: sim.scenario.name,
		seed: sim.seed,
		untilMs,
		stateHash: sim.stateHash(),
		invariants: sim.invariants().map(({ name, holds }) => ({ name, holds })),
		storage: storageView(sim),
		loadBalancer: slbView(sim)
	};
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(resolve(entry)).href) {
	process.exitCode = runCli(process.argv.slice(2));
}

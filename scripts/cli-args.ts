/**
 * Argument parsing of the headless runner (`npm run sim -- <command>`), kept apart from the I/O so
 * it can be tested directly. Built on node:util parseArgs in strict mode: unknown options are
 * errors, never ignored.
 */
import { parseArgs } from 'node:util';

/** Longest run accepted by --until, ms (24 h, the longest scenario duration). */
export const MAX_UNTIL_MS = 86_400_000;

export const USAGE = `Usage: npm run sim -- <command> [options]

Commands:
  validate FILE.json     check a scenario; prints every problem, one per line
  run FILE.json          run a scenario headlessly and print a one-line summary
      --seed N           use seed N (0 to 4294967295) instead of the scenario's
      --until TIME       run until TIME: 500ms, 30s, 2m, 1h or plain ms
                         (default: the scenario's durationMs)
      --events OUT.jsonl write the event log as JSON lines
      --pcap OUT.pcapng  write the packet capture (every capture point) as pcapng
      --report OUT.json  write a JSON report at the end: invariants, and each volume's
                         health, capacity and repair (and the load balancer, if any)
  help                   show this text

Exit codes: 0 success, 1 invalid or unreadable scenario, 2 bad command line.`;

export type CliCommand =
	| { command: 'help' }
	| { command: 'validate'; file: string }
	| {
			command: 'run';
			file: string;
			seed?: number;
			untilMs?: number;
			eventsFile?: string;
			pcapFile?: string;
			reportFile?: string;
	  };

export type CliArgs = { ok: true; value: CliCommand } | { ok: false; error: string };

const UNITS_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** Parses a duration (`500ms`, `30s`, `1.5m`, `1h`, or plain ms) to ms; undefined if invalid. */
export function parseDuration(text: string): number | undefined {
	const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
	if (!match) return undefined;
	const ms = Number(match[1]) * UNITS_MS[match[2] ?? 'ms'];
	return Number.isFinite(ms) ? ms : undefined;
}

/** Parses a seed: a whole number from 0 to 2^32 - 1. */
export function parseSeed(text: string): number | undefined {
	if (!/^\d+$/.test(text.trim())) return undefined;
	const seed = Number(text);
	return seed <= 0xffff_ffff ? seed : undefined;
}

/** Parses the arguments after `sim` (e.g. `['run', 'a.json', '--until', '30s']`). */
export function parseCliArgs(argv: readonly string[]): CliArgs {
	const [command, ...rest] = argv;
	if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
		return { ok: true, value: { command: 'help' } };
	}
	if (command !== 'validate' && command !== 'run') {
		return { ok: false, error: `unknown command "${command}" (commands: validate, run, help)` };
	}
	let parsed;
	try {
		parsed = parseArgs({
			args: [...rest],
			allowPositionals: true,
			strict: true,
			options:
				command === 'run'
					? {
							seed: { type: 'string' },
							until: { type: 'string' },
							events: { type: 'string' },
							pcap: { type: 'string' },
							report: { type: 'string' },
							help: { type: 'boolean', short: 'h' }
						}
					: { help: { type: 'boolean', short: 'h' } }
		});
	} catch (error) {
		return { ok: false, error: error instanceof Error ? error.message : String(error) };
	}
	const values = parsed.values as {
		seed?: string;
		until?: string;
		events?: string;
		pcap?: string;
		report?: string;
		help?: boolean;
	};
	if (values.help) return { ok: true, value: { command: 'help' } };
	const files = parsed.positionals;
	if (files.length !== 1) {
		return {
			ok: false,
			error: `${command} needs exactly one scenario file, got ${files.length === 0 ? 'none' : files.join(' ')}`
		};
	}
	const file = files[0];
	if (command === 'validate') return { ok: true, value: { command, file } };

	const value: CliCommand = { command, file };
	if (values.seed !== undefined) {
		const seed = parseSeed(values.seed);
		if (seed === undefined) {
			return {
				ok: false,
				error: `--seed: a whole number from 0 to 4294967295, got "${values.seed}"`
			};
		}
		value.seed = seed;
	}
	if (values.until !== undefined) {
		const untilMs = parseDuration(values.until);
		if (untilMs === undefined || untilMs > MAX_UNTIL_MS) {
			return {
				ok: false,
				error: `--until: a time such as 500ms, 30s, 2m, 1h or plain ms, at most 24h, got "${values.until}"`
			};
		}
		value.untilMs = untilMs;
	}
	if (values.events !== undefined) {
		if (values.events === '') return { ok: false, error: '--events: needs a file name' };
		value.eventsFile = values.events;
	}
	if (values.pcap !== undefined) {
		if (values.pcap === '') return { ok: false, error: '--pcap: needs a file name' };
		value.pcapFile = values.pcap;
	}
	if (values.report !== undefined) {
		if (values.report === '') return { ok: false, error: '--report: needs a file name' };
		value.reportFile = values.report;
	}
	return { ok: true, value };
}

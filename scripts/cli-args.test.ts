import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_UNTIL_MS, parseCliArgs, parseDuration, parseSeed } from './cli-args';

describe('parseDuration', () => {
	it('reads ms, s, m, h and plain ms', () => {
		expect(parseDuration('500ms')).toBe(500);
		expect(parseDuration('30s')).toBe(30_000);
		expect(parseDuration('2m')).toBe(120_000);
		expect(parseDuration('1h')).toBe(3_600_000);
		expect(parseDuration('1.5s')).toBe(1_500);
		expect(parseDuration('1234')).toBe(1234);
		expect(parseDuration('0')).toBe(0);
	});

	it('refuses anything else', () => {
		for (const bad of ['', 's', '-5s', '3y', '1e3', '5 s x', '.5s', 'NaN', 'Infinity', '10sec']) {
			expect(parseDuration(bad), bad).toBeUndefined();
		}
	});

	it('agrees with the unit arithmetic for any whole number', () => {
		fc.assert(
			fc.property(
				fc.nat(1_000_000),
				fc.constantFrom(['ms', 1], ['s', 1e3], ['m', 6e4], ['h', 3.6e6]),
				(n, [unit, scale]) => {
					expect(parseDuration(`${n}${unit}`)).toBe(n * (scale as number));
				}
			)
		);
	});
});

describe('parseSeed', () => {
	it('accepts whole numbers from 0 to 2^32 - 1', () => {
		expect(parseSeed('0')).toBe(0);
		expect(parseSeed('4294967295')).toBe(4294967295);
		expect(parseSeed('4294967296')).toBeUndefined();
		expect(parseSeed('-1')).toBeUndefined();
		expect(parseSeed('1.5')).toBeUndefined();
		expect(parseSeed('abc')).toBeUndefined();
	});
});

describe('parseCliArgs', () => {
	it('reads help in every spelling, and no command as help', () => {
		for (const argv of [[], ['help'], ['--help'], ['-h'], ['run', 'a.json', '--help']]) {
			expect(parseCliArgs(argv)).toEqual({ ok: true, value: { command: 'help' } });
		}
	});

	it('reads validate and run with their options', () => {
		expect(parseCliArgs(['validate', 'a.json'])).toEqual({
			ok: true,
			value: { command: 'validate', file: 'a.json' }
		});
		expect(
			parseCliArgs(['run', 'a.json', '--seed', '7', '--until', '30s', '--events', 'out.jsonl'])
		).toEqual({
			ok: true,
			value: { command: 'run', file: 'a.json', seed: 7, untilMs: 30_000, eventsFile: 'out.jsonl' }
		});
		expect(parseCliArgs(['run', 'a.json', '--pcap', 'out.pcapng'])).toEqual({
			ok: true,
			value: { command: 'run', file: 'a.json', pcapFile: 'out.pcapng' }
		});
		expect(parseCliArgs(['run', 'a.json', '--pcap='])).toEqual({
			ok: false,
			error: '--pcap: needs a file name'
		});
		expect(parseCliArgs(['run', 'a.json', '--report', 'r.json'])).toEqual({
			ok: true,
			value: { command: 'run', file: 'a.json', reportFile: 'r.json' }
		});
		expect(parseCliArgs(['run', 'a.json', '--report='])).toEqual({
			ok: false,
			error: '--report: needs a file name'
		});
		expect(parseCliArgs(['run', '--until=2m', 'a.json'])).toEqual({
			ok: true,
			value: { command: 'run', file: 'a.json', untilMs: 120_000 }
		});
	});

	it('explains unknown commands, unknown options, bad values and missing files', () => {
		const error = (argv: string[]) => {
			const result = parseCliArgs(argv);
			return result.ok ? undefined : result.error;
		};
		expect(error(['frobnicate'])).toBe(
			'unknown command "frobnicate" (commands: validate, run, help)'
		);
		expect(error(['validate', 'a.json', '--seed', '3'])).toMatch(/--seed/);
		expect(error(['run', 'a.json', '--speed', '3'])).toMatch(/--speed/);
		expect(error(['run', 'a.json', '--seed', 'x'])).toBe(
			'--seed: a whole number from 0 to 4294967295, got "x"'
		);
		expect(error(['run', 'a.json', '--until', 'soon'])).toBe(
			'--until: a time such as 500ms, 30s, 2m, 1h or plain ms, at most 24h, got "soon"'
		);
		expect(error(['run', 'a.json', '--until', `${MAX_UNTIL_MS + 1}`])).toMatch(/^--until/);
		expect(error(['run', 'a.json', '--until'])).toMatch(/--until/);
		expect(error(['run'])).toBe('run needs exactly one scenario file, got none');
		expect(error(['validate', 'a.json', 'b.json'])).toBe(
			'validate needs exactly one scenario file, got a.json b.json'
		);
	});
});

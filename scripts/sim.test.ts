import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './sim';

const DEFAULT = 'static/scenarios/default-4-node.json';
const FAILURE = 'static/scenarios/node-failure.json';
const BROKEN = 'tests/fixtures/scenarios/invalid-two-nodes.json';

const tmp = mkdtempSync(join(tmpdir(), 'stackscope-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs the CLI in-process and captures its output. */
function cli(...argv: string[]) {
	const out: string[] = [];
	const err: string[] = [];
	const code = runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
	return { code, out, err };
}

describe('sim validate', () => {
	it('accepts a valid scenario with a one-line description', () => {
		const { code, out } = cli('validate', DEFAULT);
		expect(code).toBe(0);
		expect(out).toEqual([
			`${DEFAULT}: valid (4 servers in 1 rack, 2 nvme cache + 8 hdd capacity drives per server, heartbeat 1000 ms x 10, 0 inputs)`
		]);
	});

	it('lists field-level messages, one per line, and exits 1 for the broken fixture', () => {
		const { code, out } = cli('validate', BROKEN);
		expect(code).toBe(1);
		expect(out).toEqual([
			`${BROKEN}: topology.nodes: a scale unit has 4 to 16 servers, got 2`,
			`${BROKEN}: topology.server.core: unknown field, did you mean "cores"? (fields here: cores, memoryGiB, cacheDrives, capacityDrives)`
		]);
	});

	it('reports bad JSON with its position and unreadable files clearly, exit 1', () => {
		const bad = join(tmp, 'bad.json');
		writeFileSync(bad, '{\n  "format": "stackscope.scenario",\n  "version": 1,,\n}');
		const badJson = cli('validate', bad);
		expect(badJson.code).toBe(1);
		expect(badJson.out).toEqual([
			`${bad}: JSON: not valid at line 3, column 16 (character 53): unexpected ","`
		]);
		const missing = cli('validate', join(tmp, 'nope.json'));
		expect(missing.code).toBe(1);
		expect(missing.err).toEqual([
			`${join(tmp, 'nope.json')}: cannot read the file (no such file, ENOENT)`
		]);
		expect(cli('validate', tmp).code).toBe(1);
	});
});

describe('sim run', () => {
	it('prints one summary line with a hash', () => {
		const { code, out, err } = cli('run', DEFAULT, '--until', '30s');
		expect(code).toBe(0);
		expect(err).toEqual([]);
		expect(out).toHaveLength(1);
		expect(out[0]).toMatch(
			/^default-4-node\.json seed=1 until=30000ms events=\d+ inputs=0 hash=[0-9a-f]{64}$/
		);
	});

	it('gives the same hash and the same JSON-lines bytes on every run', () => {
		const a = join(tmp, 'a.jsonl');
		const b = join(tmp, 'b.jsonl');
		const first = cli('run', FAILURE, '--seed', '7', '--until', '90s', '--events', a);
		const second = cli('run', FAILURE, '--seed', '7', '--until', '90s', '--events', b);
		expect(first.code).toBe(0);
		expect(second.out).toEqual(first.out);
		const bytes = readFileSync(a);
		expect(readFileSync(b).equals(bytes)).toBe(true);
		const lines = bytes.toString('utf8').trimEnd().split('\n');
		const events = Number(/events=(\d+)/.exec(first.out[0])?.[1]);
		expect(lines).toHaveLength(events);
		const entries = lines.map((l) => JSON.parse(l) as { t: number; type: string });
		expect(Object.keys(entries[0]).slice(0, 2)).toEqual(['t', 'type']);
		expect(entries.some((e) => e.type === 'cluster.peer-lost')).toBe(true);
		expect(first.out[0]).toMatch(/ seed=7 until=90000ms .* inputs=2 /);
		// Another seed, another run.
		const other = cli('run', FAILURE, '--seed', '8', '--until', '90s');
		expect(other.out[0].split('hash=')[1]).not.toBe(first.out[0].split('hash=')[1]);
	});

	it('writes the capture with --pcap: the same pcapng bytes on every run', () => {
		const scenario = 'static/scenarios/vxlan-two-tenants.json';
		const a = join(tmp, 'a.pcapng');
		const b = join(tmp, 'b.pcapng');
		expect(cli('run', scenario, '--pcap', a).code).toBe(0);
		expect(cli('run', scenario, '--pcap', b).code).toBe(0);
		const bytes = readFileSync(a);
		expect(bytes.readUInt32LE(0)).toBe(0x0a0d0d0a); // pcapng Section Header Block
		expect(readFileSync(b).equals(bytes)).toBe(true);
		const unwritable = cli('run', scenario, '--pcap', join(tmp, 'no', 'x.pcapng'));
		expect(unwritable.code).toBe(1);
		expect(unwritable.err.at(-1)).toMatch(/cannot write the capture \(no such file, ENOENT\)/);
	});

	it('writes a report with --report: per-volume health, capacity and repair, and invariants', () => {
		const file = join(tmp, 'report.json');
		const scenario = 'static/scenarios/s2d-three-way-mirror.json';
		expect(cli('run', scenario, '--until', '1000s', '--report', file).code).toBe(0);
		const report = JSON.parse(readFileSync(file, 'utf8'));
		expect(report.untilMs).toBe(1_000_000);
		expect(report.invariants.every((i: { holds: boolean }) => i.holds)).toBe(true);
		const [volume] = report.storage.volumes;
		expect(volume).toMatchObject({
			name: 'Volume01',
			health: 'Warning',
			operational: 'In service'
		});
		expect(volume.footprintBytes).toBeGreaterThanOrEqual(3 * volume.sizeBytes);
		expect(volume.repair.state).toBe('running');
		expect(volume.repair.bytesDone).toBeGreaterThan(0);
		expect(
			report.storage.drives.find((d: { name: string }) => d.name === 'Node02 capacity 1').state
		).toBe('retired');
		expect(report.loadBalancer).toBeNull();
	});

	it("runs to the scenario's durationMs by default", () => {
		const { out } = cli('run', FAILURE);
		expect(out[0]).toMatch(/ until=90000ms /);
	});

	it('exits 1 for an invalid scenario or an unwritable events file', () => {
		const invalid = cli('run', BROKEN);
		expect(invalid.code).toBe(1);
		expect(invalid.err[0]).toBe(
			`${BROKEN}: topology.nodes: a scale unit has 4 to 16 servers, got 2`
		);
		const unwritable = cli(
			'run',
			DEFAULT,
			'--until',
			'1s',
			'--events',
			join(tmp, 'no', 'dir.jsonl')
		);
		expect(unwritable.code).toBe(1);
		expect(unwritable.err[0]).toMatch(/cannot write the event log/);
	});
});

describe('sim usage', () => {
	it('prints usage for help (exit 0) and explains bad command lines (exit 2)', () => {
		const help = cli('help');
		expect(help.code).toBe(0);
		expect(help.out[0]).toMatch(/^Usage: npm run sim -- <command>/);
		expect(cli().code).toBe(0);
		const unknown = cli('simulate', DEFAULT);
		expect(unknown.code).toBe(2);
		expect(unknown.err[0]).toBe('sim: unknown command "simulate" (commands: validate, run, help)');
		const badOption = cli('run', DEFAULT, '--until', 'later');
		expect(badOption.code).toBe(2);
		expect(badOption.err[0]).toMatch(/^sim: --until: /);
	});

	it('works as a real process through tsx (exit codes and output)', () => {
		const result = spawnSync('node_modules/.bin/tsx', ['scripts/sim.ts', 'validate', BROKEN], {
			encoding: 'utf8',
			timeout: 60_000
		});
		expect(result.status).toBe(1);
		expect(result.stdout).toContain('topology.nodes: a scale unit has 4 to 16 servers, got 2');
	});
});

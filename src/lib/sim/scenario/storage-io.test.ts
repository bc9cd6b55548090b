import { describe, expect, it } from 'vitest';
import { parseInput, parseScenario } from './parse';
import type { Scenario } from './schema';

type Doc = Record<string, unknown>;

const volume = { name: 'Volume01', sizeGB: 500 };
const workload = (extra: Doc = {}): Doc => ({
	name: 'vm01',
	volume: 'Volume01',
	server: 0,
	blockKB: 4,
	readPercent: 70,
	...extra
});
const doc = (workloads: unknown[], inputs: unknown[] = []): Doc => ({
	format: 'stackscope.scenario',
	version: 1,
	name: 'IO',
	topology: { nodes: 4 },
	storage: { volumes: [volume], workloads },
	inputs
});

const errorsOf = (d: Doc): string[] => {
	const result = parseScenario(d);
	return result.ok ? [] : result.errors;
};

describe('storage.workloads', () => {
	it('fills in DiskSpd-like defaults: random, 8 outstanding, uncapped', () => {
		const result = parseScenario(doc([workload()]));
		if (!result.ok) throw new Error(result.errors.join('\n'));
		const storage = (result.scenario as Scenario & { storage: { workloads: Doc[] } }).storage;
		expect(storage.workloads[0]).toEqual({ ...workload(), pattern: 'random', outstanding: 8 });
	});

	it('names the volume, server, disk and time problems', () => {
		const errors = errorsOf(
			doc([
				workload({ volume: 'Volume1' }),
				workload({ name: 'vm02', server: 4 }),
				workload({ name: 'vm03', vmSize: 'Standard_A2', dataDisks: 5 }),
				workload({ name: 'vm04', dataDisks: 2 }),
				workload({ name: 'vm05', spanGB: 600 }),
				workload({ name: 'vm06', startMs: 5000, stopMs: 1000 }),
				workload({ name: 'vm06' })
			])
		);
		expect(errors).toEqual(
			expect.arrayContaining([
				'storage.workloads[0].volume: no volume named "Volume1" in storage.volumes, did you mean "Volume01"?',
				'storage.workloads[1].server: no server 4 in a 4-server scale unit (servers are 0 to 3)',
				'storage.workloads[2].dataDisks: Standard_A2 takes at most 4 data disks (FACTS 6.5), got 5',
				'storage.workloads[3].dataDisks: data disks need a vmSize, whose per-disk cap applies (FACTS 6.5)',
				'storage.workloads[4].spanGB: the test file must fit in Volume01 (500 GB), got 600',
				'storage.workloads[5].stopMs: a workload stops after it starts (startMs 5000), got 1000',
				'storage.workloads[6].name: workload names are unique, got "vm06" again (also storage.workloads[5])'
			])
		);
		expect(errors).toHaveLength(7);
	});

	it('refuses bad field values with the rule and the value', () => {
		const errors = errorsOf(
			doc([workload({ blockKB: 0, readPercent: 101, pattern: 'zigzag', vmSize: 'Standard_Z9' })])
		);
		expect(errors).toEqual(
			expect.arrayContaining([
				'storage.workloads[0].blockKB: the block size is a whole number of KiB from 1 to 8192, got 0',
				'storage.workloads[0].readPercent: the read share is a whole percentage from 0 to 100, got 101',
				'storage.workloads[0].pattern: the pattern is "random" or "sequential", got "zigzag"'
			])
		);
		expect(
			errors.some((e) => e.startsWith('storage.workloads[0].vmSize: a VM size from FACTS 6.5'))
		).toBe(true);
	});
});

describe('workload inputs', () => {
	const parsed = parseScenario(doc([]));
	if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
	const scenario = parsed.scenario;

	it('accepts a workload.define naming a volume and server of the scenario', () => {
		const result = parseInput({ t: 0, type: 'workload.define', ...workload() }, scenario);
		expect(result.ok).toBe(true);
	});

	it('refuses a workload.define for a missing server (its volume may be created later)', () => {
		const result = parseInput(
			{ t: 0, type: 'workload.define', ...workload({ volume: 'Later', server: 9 }) },
			scenario
		);
		expect(result.ok ? [] : result.errors).toEqual([
			'input.server: no server 9 in a 4-server scale unit (servers are 0 to 3)'
		]);
	});

	it('refuses storage inputs in a scenario without a storage section', () => {
		const bare = parseScenario({ ...doc([]), storage: undefined });
		if (!bare.ok) throw new Error(bare.errors.join('\n'));
		const result = parseInput(
			{ t: 0, type: 'volume.create', name: 'V', sizeGB: 10 },
			bare.scenario
		);
		expect(result.ok ? [] : result.errors).toEqual([
			'input.type: volume.create needs a storage section in the scenario (add "storage": {})'
		]);
	});

	it('accepts workload.start and workload.stop by name', () => {
		for (const type of ['workload.start', 'workload.stop']) {
			expect(parseInput({ t: 5, type, name: 'vm01' }, scenario).ok).toBe(true);
		}
	});
});

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../index';
import { parseScenarioJson } from './parse';

const presetsDir = new URL('../../../../static/scenarios/', import.meta.url);
const fixturesDir = new URL('../../../../tests/fixtures/scenarios/', import.meta.url);
const read = (dir: URL, file: string) => readFileSync(new URL(file, dir), 'utf8');

interface PresetEntry {
	file: string;
	name: string;
	description: string;
}

const index = JSON.parse(read(presetsDir, 'index.json')) as PresetEntry[];
const files = readdirSync(presetsDir).filter((f) => f.endsWith('.json') && f !== 'index.json');

describe('example scenarios (static/scenarios)', () => {
	it('lists every scenario file in index.json, and only existing files', () => {
		expect(index.map((p) => p.file).sort()).toEqual([...files].sort());
		for (const preset of index) {
			expect(Object.keys(preset).sort()).toEqual(['description', 'file', 'name']);
			expect(preset.description.length).toBeGreaterThan(0);
		}
	});

	it.each(files)('%s is a valid version-1 scenario without warnings, named as listed', (file) => {
		const text = read(presetsDir, file);
		expect(JSON.parse(text).version).toBe(1);
		const result = parseScenarioJson(text);
		if (!result.ok) throw new Error(result.errors.join('\n'));
		expect(result.warnings).toEqual([]);
		expect(result.scenario.name).toBe(index.find((p) => p.file === file)?.name);
	});

	it('has the shapes the UI and the lessons rely on', () => {
		const load = (file: string) => {
			const result = parseScenarioJson(read(presetsDir, file));
			if (!result.ok) throw new Error(result.errors.join('\n'));
			return result.scenario;
		};
		const four = load('default-4-node.json');
		expect(four.topology.nodes).toBe(4);
		expect(four.topology.server.cacheDrives).toMatchObject({ count: 2, media: 'nvme' });
		expect(four.topology.server.capacityDrives.media).toBe('hdd');
		const sixteen = load('sixteen-node.json');
		expect(sixteen.topology).toMatchObject({ nodes: 16, serversPerRack: 8 });
		const failure = load('node-failure.json');
		expect(failure.topology.nodes).toBe(4);
		expect(failure.inputs).toEqual([
			{ t: 20_000, type: 'node.fail', node: 1 },
			{ t: 60_000, type: 'node.restore', node: 1 }
		]);
	});

	it('node-failure.json shows Node02 lost and regained by its peers', () => {
		const loaded = Simulation.fromJson(read(presetsDir, 'node-failure.json'));
		if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
		loaded.sim.runUntil(loaded.sim.scenario.durationMs);
		const types = (type: string) => loaded.sim.log.filter((e) => e.type === type);
		expect(types('cluster.peer-lost').map((e) => e.peer)).toEqual(['Node02', 'Node02', 'Node02']);
		expect(types('cluster.peer-regained')).toHaveLength(3);
	});
});

describe('invalid fixture (tests/fixtures/scenarios/invalid-two-nodes.json)', () => {
	it('fails with the node-count message and one more field-level message', () => {
		const result = parseScenarioJson(read(fixturesDir, 'invalid-two-nodes.json'));
		expect(result.ok).toBe(false);
		expect(!result.ok && result.errors).toEqual([
			'topology.nodes: a scale unit has 4 to 16 servers, got 2',
			'topology.server.core: unknown field, did you mean "cores"? (fields here: cores, memoryGiB, cacheDrives, capacityDrives)'
		]);
	});
});

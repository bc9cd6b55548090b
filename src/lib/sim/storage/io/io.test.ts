import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../index';
import { M_IOS, meterSeries } from './meters';

const FILE = 'static/scenarios/s2d-three-way-mirror.json';

/** The hybrid three-way mirror pool with one 100 GB volume and the given workloads and inputs. */
function load(workloads: unknown[], inputs: unknown[] = []): Simulation {
	const json = JSON.parse(readFileSync(FILE, 'utf8'));
	json.storage.volumes = [{ name: 'Volume01', sizeGB: 100 }];
	json.storage.workloads = workloads;
	json.inputs = inputs;
	json.durationMs = 600_000;
	const loaded = Simulation.fromJson(JSON.stringify(json));
	if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
	return loaded.sim;
}

const vm = (extra: Record<string, unknown> = {}) => ({
	name: 'vm01',
	volume: 'Volume01',
	server: 0,
	blockKB: 64,
	readPercent: 0,
	outstanding: 4,
	startMs: 0,
	stopMs: 1000,
	...extra
});

describe('workload IO', () => {
	it('runs and counts IOs', () => {
		const sim = load([vm()]);
		sim.runUntil(3000);
		const io = sim.state.storage!.io;
		console.log(io.completed, io.errors, meterSeries(io.meters.workloads, 0, M_IOS));
		expect(io.completed).toBeGreaterThan(100);
	});
});

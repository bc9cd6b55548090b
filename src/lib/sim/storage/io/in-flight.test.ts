import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../index';
import { inFlightIndex } from './path';
import type { IoRecord } from './state';

describe('the in-flight list', () => {
	it('finds an IO by binary search exactly where a scan would', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(fc.nat({ max: 10_000 }), { maxLength: 200 }),
				fc.nat({ max: 10_000 }),
				(ids, probe) => {
					const list = [...ids].sort((a, b) => a - b).map((id) => ({ id }) as IoRecord);
					for (const id of [probe, ...ids]) {
						expect(inFlightIndex(list, id)).toBe(list.findIndex((r) => r.id === id));
					}
				}
			)
		);
	});

	it('stays in id order while IOs of many sizes complete out of order', () => {
		const json = JSON.parse(readFileSync('static/scenarios/s2d-three-way-mirror.json', 'utf8'));
		json.storage.workloads = [
			{ name: 'a', volume: 'Volume01', server: 0, blockKB: 4, readPercent: 70, outstanding: 32 },
			{ name: 'b', volume: 'Volume01', server: 1, blockKB: 1024, readPercent: 0, outstanding: 8 }
		];
		json.inputs = [
			{ t: 0, type: 'workload.start', name: 'a' },
			{ t: 0, type: 'workload.start', name: 'b' }
		];
		const loaded = Simulation.fromJson(JSON.stringify(json));
		if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
		const sim = loaded.sim;
		for (let t = 50; t <= 2000; t += 50) {
			sim.runUntil(t);
			const ids = sim.state.storage!.io!.inFlight.map((r) => r.id);
			expect(ids).toEqual([...ids].sort((a, b) => a - b));
		}
		expect(sim.state.storage!.io!.completed).toBeGreaterThan(100);
	});
});

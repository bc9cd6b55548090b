import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FrameReader, IoKind } from '../sim/frame';
import { Simulation } from '../sim/index';
import { driveContents } from './io-view';
import { storageView } from './storage-view';

function load(): Simulation {
	const json = JSON.parse(readFileSync('static/scenarios/s2d-three-way-mirror.json', 'utf8'));
	json.inputs = [{ t: 2000, type: 'node.fail', node: 1 }];
	const loaded = Simulation.fromJson(JSON.stringify(json));
	if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
	return loaded.sim;
}

describe('the Storage view of IO', () => {
	it('charts the running workload per second, capped at its VM size', () => {
		const sim = load();
		sim.runUntil(5000);
		const view = storageView(sim)!;
		const [w] = view.workloads;
		expect(w).toMatchObject({
			name: 'vm01-diskspd',
			volume: 'Volume01',
			server: 'Node01',
			blockKB: 4,
			readPercent: 70,
			capIops: 500,
			vmSize: 'Standard_D2_v2',
			running: true
		});
		expect(w.io.iops).toHaveLength(5);
		expect(Math.max(...w.io.iops)).toBeLessThanOrEqual(501);
		expect(w.io.iops[3]).toBeGreaterThan(450);
		expect(w.io.latencyMs[3]).toBeGreaterThan(0);
		expect(view.volumes[0].io.iops[3]).toBe(w.io.iops[3]);
		expect(view.completedIos).toBeGreaterThan(1500);
		// Node02 is down since 2 s: writes skipped its copies, which are now stale.
		expect(view.volumes[0].operational).toBe('Degraded');
		expect(view.volumes[0].staleBytes).toBeGreaterThan(0);
		const busiest = view.drives.reduce((a, b) =>
			Math.max(...a.iops) >= Math.max(...b.iops) ? a : b
		);
		expect(Math.max(...busiest.iops)).toBeGreaterThan(0);
	});

	it('lists what a drive holds, with each extent’s role and where the other copies are', () => {
		const sim = load();
		sim.runUntil(3000);
		const capacity = sim.topology.drives.findIndex((d) => d.node === 1 && d.role === 'capacity');
		const contents = driveContents(sim, capacity)!;
		expect(contents.drive).toBe('Node02 capacity 1');
		expect(contents.extents.length + contents.more).toBe(
			sim.state.storage!.volumes.reduce(
				(n, v) => n + v.parts[0].driveFill[sim.state.storage!.poolIndex[capacity]],
				0
			)
		);
		for (const e of contents.extents) {
			expect(e.role).toMatch(/^copy [123] of 3$/);
			expect(e.others).toHaveLength(2);
			expect(e.others.some((o) => o.startsWith('Node02'))).toBe(false);
		}
		expect(contents.extents.some((e) => e.stale)).toBe(true);
		const cache = sim.topology.drives.findIndex((d) => d.role === 'cache');
		expect(driveContents(sim, cache)?.extents).toEqual([]);
		expect(driveContents(sim, 999)).toBeNull();
	});

	it('describes the last acknowledged IO interleave by interleave', () => {
		const json = JSON.parse(readFileSync('static/scenarios/s2d-three-way-mirror.json', 'utf8'));
		json.inputs = [];
		json.storage.workloads = [
			{ name: 'w', volume: 'Volume01', server: 0, blockKB: 1024, readPercent: 0, startMs: 0 }
		];
		const loaded = Simulation.fromJson(JSON.stringify(json));
		if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
		loaded.sim.runUntil(500);
		const last = storageView(loaded.sim)!.workloads[0].lastIo!;
		expect(last.kind).toBe('write');
		expect(last.bytes).toBe(1024 * 1024);
		// 1 MiB = four 256 KiB interleaves, each to three copies on three servers, via the cache.
		expect(last.transfers).toHaveLength(12);
		for (let i = 0; i < 12; i += 3) {
			const three = last.transfers.slice(i, i + 3);
			expect(new Set(three.map((t) => t.server)).size).toBe(3);
			expect(three.map((t) => t.role).sort()).toEqual([
				'copy 1 of 3',
				'copy 2 of 3',
				'copy 3 of 3'
			]);
		}
		expect(last.transfers.every((t) => t.viaCache)).toBe(true);
		// Acknowledged when the last copy landed, not before.
		expect(last.ackMs).toBeGreaterThanOrEqual(Math.max(...last.transfers.map((t) => t.landedMs)));
		expect(last.issuedMs).toBeLessThan(Math.min(...last.transfers.map((t) => t.landedMs)));
	});

	it('puts the interleaves of a write in the frame, going to three servers', () => {
		const sim = load();
		sim.runUntil(1500);
		const reader = new FrameReader().attach(sim.frame());
		const servers = new Set<number>();
		for (let i = 0; i < reader.ioCount; i++) {
			if (reader.ioKind(i) === IoKind.write)
				servers.add(sim.topology.drives[reader.ioDrive(i)].node);
		}
		expect(servers.size).toBeGreaterThanOrEqual(3);
	});
});

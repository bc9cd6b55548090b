import { describe, expect, it } from 'vitest';
import { Simulation } from '../../index';

/** Four hybrid servers (2 SSD cache, 4 × 8 TB HDD each): a 128 TB pool with no volumes yet. */
function load(storage: Record<string, unknown> = {}): Simulation {
	const loaded = Simulation.fromJson(
		JSON.stringify({
			format: 'stackscope.scenario',
			version: 1,
			name: 'Create volumes',
			topology: {
				nodes: 4,
				server: {
					cacheDrives: { count: 2, media: 'ssd', sizeGB: 1920 },
					capacityDrives: { count: 4, media: 'hdd', sizeGB: 8000 }
				}
			},
			storage
		})
	);
	if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
	return loaded.sim;
}

const of = (sim: Simulation, type: string) => sim.log.filter((e) => e.type === type);

describe('volume.create', () => {
	it('creates a three-way mirror in an empty Azure Stack Hub pool, healthy and ready for IO', () => {
		const sim = load();
		expect(sim.state.storage!.volumes).toEqual([]);
		const add = (input: Record<string, unknown>) => {
			const outcome = sim.addInput(input);
			if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
		};
		add({ t: 1000, type: 'volume.create', name: 'Volume01', sizeGB: 2000 });
		add({
			t: 2000,
			type: 'workload.define',
			name: 'vm01',
			volume: 'Volume01',
			server: 1,
			blockKB: 64,
			readPercent: 0,
			outstanding: 4
		});
		sim.runUntil(5000);
		const [created] = of(sim, 'volume.created');
		expect(created).toMatchObject({
			t: 1000,
			volume: 'Volume01',
			resiliency: 'three-way-mirror',
			sizeBytes: 2000e9
		});
		expect(created.footprintBytes).toBeGreaterThanOrEqual(3 * 2000e9);
		const [volume] = sim.state.storage!.volumes;
		expect(volume.health).toBe('Healthy');
		expect(sim.state.storage!.io.completed).toBeGreaterThan(100);
		expect(sim.invariants().every((r) => r.holds)).toBe(true);
	});

	it('refuses what the pool cannot take, with the rule: Azure Stack Hub parity, a taken name, too big', () => {
		const sim = load({ volumes: [{ name: 'Volume01', sizeGB: 1000 }] });
		sim.addInput({
			t: 100,
			type: 'volume.create',
			name: 'Parity01',
			sizeGB: 100,
			resiliency: 'dual-parity'
		});
		sim.addInput({ t: 200, type: 'volume.create', name: 'Volume01', sizeGB: 100 });
		sim.addInput({ t: 300, type: 'volume.create', name: 'Huge', sizeGB: 40_000 });
		sim.runUntil(1000);
		const refused = of(sim, 'volume.refused');
		expect(refused.map((e) => e.volume)).toEqual(['Parity01', 'Volume01', 'Huge']);
		expect(refused[0].reason).toMatch(/three-way mirror/i);
		expect(refused[1].reason).toMatch(/Volume01/);
		expect(refused[2].reason).toMatch(/free|reserve/);
		expect(sim.state.storage!.volumes.map((v) => v.name)).toEqual(['Volume01']);
	});

	it('places a new volume next to the existing ones, each slab on distinct servers', () => {
		const sim = load({ platform: 's2d', volumes: [{ name: 'Volume01', sizeGB: 1000 }] });
		sim.addInput({
			t: 100,
			type: 'volume.create',
			name: 'Parity01',
			sizeGB: 1000,
			resiliency: 'dual-parity'
		});
		sim.runUntil(200);
		const storage = sim.state.storage!;
		const parity = storage.volumes[1];
		expect(parity.resiliency).toBe('dual-parity');
		const p = parity.parts[0];
		for (let s = 0; s < p.slabCount; s++) {
			const servers = new Set(
				Array.from(p.extentDrive.subarray(s * 4, s * 4 + 4), (d) => storage.pool.driveServer[d])
			);
			expect(servers.size).toBe(4);
		}
		expect(storage.io.geometry[1][0].extentBase).toBe(storage.volumes[0].parts[0].slabCount * 3);
		expect(sim.invariants().every((r) => r.holds)).toBe(true);
	});
});

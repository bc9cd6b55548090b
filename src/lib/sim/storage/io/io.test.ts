import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../index';
import { ackedWriteViolation } from '../../invariants/storage-writes';
import { INTERLEAVE_BYTES } from '../layout';
import { NO_DRIVE } from '../placement';
import { M_IOS, M_LATENCY_SUM, M_WAITED, meterSeries } from './meters';
import { LINK_LATENCY_MS } from './params';
import { FLIGHT_READ, FLIGHT_WRITE } from './state';

const MIRROR = 'static/scenarios/s2d-three-way-mirror.json';

/** The parts of a scenario file the tests edit. */
type Scenario = {
	inputs: unknown[];
	durationMs: number;
	storage: { platform?: string; volumes: unknown[]; workloads: unknown[] };
};

/** The hybrid three-way mirror pool (4 servers, SSD cache, HDD capacity), one 100 GB volume. */
function load(workloads: unknown[], inputs: unknown[] = [], edit?: (json: Scenario) => void) {
	const json = JSON.parse(readFileSync(MIRROR, 'utf8')) as Scenario;
	json.storage.volumes = [{ name: 'Volume01', sizeGB: 100 }];
	json.storage.workloads = workloads;
	json.inputs = inputs;
	json.durationMs = 600_000;
	edit?.(json);
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
	outstanding: 1,
	startMs: 0,
	...extra
});

const ioOf = (sim: Simulation) => sim.state.storage!.io;
const of = (sim: Simulation, type: string) => sim.log.filter((e) => e.type === type);
const serverOf = (sim: Simulation, drive: number) => sim.topology.drives[drive].node;

describe('the write path (FACTS §1.7)', () => {
	it('sends each interleave of a write to all three copies on three servers, into their cache drives', () => {
		const sim = load([vm()]);
		sim.runUntil(100.01);
		const [rec] = ioOf(sim).inFlight;
		expect(rec.write).toBe(true);
		expect(rec.drives).toHaveLength(3);
		expect(new Set(rec.drives.map((d) => serverOf(sim, d))).size).toBe(3);
		// Hybrid servers: the copies land in each server's SSD cache (the flights' drives).
		const f = ioOf(sim).flights;
		const last = (f.head - 1 + f.startMs.length) % f.startMs.length;
		expect(sim.topology.drives[f.drive[last]].role).toBe('cache');
		expect(f.kind[last]).toBe(FLIGHT_WRITE);
	});

	it('acknowledges a write only once the last online copy has it', () => {
		const sim = load([vm()]);
		sim.runUntil(100.01);
		const [rec] = ioOf(sim).inFlight;
		const before = ioOf(sim).completed;
		const ack = Math.max(...rec.landMs) + LINK_LATENCY_MS;
		// Every copy but the slowest has landed just before the acknowledgement: still in flight.
		sim.runUntil(ack - 1e-6);
		expect(ioOf(sim).inFlight.map((r) => r.id)).toContain(rec.id);
		expect(ioOf(sim).completed).toBe(before);
		sim.runUntil(ack);
		expect(ioOf(sim).inFlight.map((r) => r.id)).not.toContain(rec.id);
		expect(ioOf(sim).completed).toBeGreaterThan(before);
	});

	it('writes to the two online copies while a server is down, and the third goes stale', () => {
		const sim = load([vm({ blockKB: 1024 })], [{ t: 50, type: 'node.fail', node: 2 }]);
		sim.runUntil(500);
		const io = ioOf(sim);
		for (const rec of io.inFlight) {
			expect(rec.drives.every((d) => serverOf(sim, d) !== 2)).toBe(true);
		}
		expect(io.stale.some((n) => n > 0)).toBe(true);
		// FACTS §1.9: missing copies that missed writes make the volume Degraded, not Incomplete.
		const health = of(sim, 'volume.health').map((e) => e.operational);
		expect(health).toEqual(['Incomplete', 'Degraded']);
		expect(sim.invariants().every((r) => r.holds)).toBe(true);
	});
});

describe('reads', () => {
	it('are served by one current copy, the VM’s own server when it holds one', () => {
		const sim = load([vm({ readPercent: 100, outstanding: 4 })]);
		sim.runUntil(300);
		const storage = sim.state.storage!;
		const p = storage.volumes[0].parts[0];
		let local = 0;
		for (const rec of ioOf(sim).inFlight) {
			expect(rec.write).toBe(false);
			// 64 KiB inside one interleave: one source drive.
			expect(rec.drives).toHaveLength(1);
			const slab = Math.floor(rec.extents[0] / p.extentsPerSlab);
			const servers = Array.from(p.extentDrive.subarray(slab * 3, slab * 3 + 3), (d) =>
				serverOf(sim, storage.pool.topologyDrive[d])
			);
			if (servers.includes(0)) {
				expect(serverOf(sim, rec.drives[0])).toBe(0);
				local++;
			}
		}
		expect(local).toBeGreaterThan(0);
		const f = ioOf(sim).flights;
		expect(Array.from(f.kind.subarray(0, f.count)).every((k) => k === FLIGHT_READ)).toBe(true);
	});
});

describe('queues, caps and load', () => {
	it('holds a Standard_A2 disk to its 500 IOPS cap (FACTS §6.5), counting the wait as throttling', () => {
		const sim = load([vm({ vmSize: 'Standard_A2', outstanding: 32, blockKB: 4 })]);
		sim.runUntil(3000);
		const io = ioOf(sim);
		const iops = meterSeries(io.meters.workloads, 0, M_IOS);
		expect(iops[1]).toBeGreaterThanOrEqual(499);
		expect(iops[1]).toBeLessThanOrEqual(501);
		expect(meterSeries(io.meters.workloads, 0, M_WAITED)[1]).toBeGreaterThan(400);
		const free = load([vm({ outstanding: 32, blockKB: 4 })]);
		free.runUntil(3000);
		expect(meterSeries(ioOf(free).meters.workloads, 0, M_IOS)[1]).toBeGreaterThan(5 * 500);
	});

	it('gets slower as more IOs queue on the same drives', () => {
		const meanLatency = (outstanding: number) => {
			const sim = load([vm({ outstanding, blockKB: 256 })]);
			sim.runUntil(2000);
			const m = ioOf(sim).meters.workloads;
			return meterSeries(m, 0, M_LATENCY_SUM)[1] / meterSeries(m, 0, M_IOS)[1];
		};
		expect(meanLatency(32)).toBeGreaterThan(4 * meanLatency(1));
	});
});

describe('stale regions and resync (FACTS §7 "Node returns")', () => {
	it('resyncs only the regions written while a server was away, then the volume is healthy', () => {
		const inputs = [
			{ t: 1000, type: 'node.fail', node: 1 },
			{ t: 4000, type: 'node.restore', node: 1 }
		];
		const sim = load([vm({ blockKB: 256, stopMs: 5000 })], inputs);
		sim.runUntil(4000);
		const io = ioOf(sim);
		const staleRegions = io.stale.reduce((n, s) => n + s, 0);
		expect(staleRegions).toBeGreaterThan(0);
		const [started] = of(sim, 'resync.started');
		expect(started.bytes).toBe(staleRegions * INTERLEAVE_BYTES);
		// Far less than Node02's whole share of the volume.
		const p = sim.state.storage!.volumes[0].parts[0];
		expect(started.bytes).toBeLessThan((p.slabCount * p.slabBytes) / 4);
		sim.runUntil(60_000);
		expect(io.stale.every((n) => n === 0)).toBe(true);
		const done = of(sim, 'resync.completed')[0];
		expect(done.t).toBeGreaterThan(4000);
		const health = of(sim, 'volume.health').map((e) => [e.health, e.operational]);
		expect(health.at(-1)).toEqual(['Healthy', 'OK']);
		expect(health).toContainEqual(['Warning', 'In service']);
		expect(sim.invariants().every((r) => r.holds)).toBe(true);
	});

	it('turns a failed cache drive’s un-destaged writes into stale regions on that server only', () => {
		// Node01 cache 1 is drive 0.
		const sim = load(
			[vm({ blockKB: 256, stopMs: 400 })],
			[{ t: 300, type: 'drive.fail', drive: 0 }]
		);
		sim.runUntil(299);
		const io = ioOf(sim);
		expect(io.cacheDirty[0]).toBeGreaterThan(0);
		sim.runUntil(300);
		expect(io.cacheDirty[0]).toBe(0);
		const storage = sim.state.storage!;
		const p = storage.volumes[0].parts[0];
		for (let i = 0; i < io.stale.length; i++) {
			if (io.stale[i] === 0) continue;
			const d = storage.pool.topologyDrive[p.extentDrive[i]];
			expect(serverOf(sim, d)).toBe(0);
		}
		expect(of(sim, 'resync.started')).toHaveLength(1);
		sim.runUntil(30_000);
		expect(io.stale.every((n) => n === 0)).toBe(true);
	});

	it('de-stages the cache to the capacity drives after the writes stop', () => {
		const sim = load([vm({ blockKB: 1024, outstanding: 4, stopMs: 1000 })]);
		sim.runUntil(1000);
		expect(ioOf(sim).cacheDirty.some((b) => b > 0)).toBe(true);
		sim.runUntil(60_000);
		expect(ioOf(sim).cacheDirty.every((b) => b === 0)).toBe(true);
		expect(ioOf(sim).dirty.every((b) => b === 0)).toBe(true);
	});
});

describe('when the volume goes offline', () => {
	it('pauses the VM’s IO until the servers return (FACTS §7), losing nothing acknowledged', () => {
		const inputs = [1, 2, 3].map((node) => ({ t: 1000, type: 'node.fail', node }));
		inputs.push(...[1, 2, 3].map((node) => ({ t: 5000, type: 'node.restore', node })));
		const sim = load([vm({ server: 0 })], inputs);
		sim.runUntil(4000);
		const during = ioOf(sim).completed;
		sim.runUntil(4900);
		expect(ioOf(sim).completed).toBe(during);
		sim.runUntil(8000);
		expect(ioOf(sim).completed).toBeGreaterThan(during);
		expect(sim.invariants().every((r) => r.holds)).toBe(true);
	});
});

describe('the no-acknowledged-write-lost invariant', () => {
	it('names a written slab left without a current copy within tolerance', () => {
		const sim = load([vm({ stopMs: 500 })]);
		sim.runUntil(2000);
		const storage = structuredClone(sim.state.storage!);
		expect(ackedWriteViolation(storage, sim.state.nodeUp)).toBeUndefined();
		// A bookkeeping bug that drops a written slab's copies (as a repair that lost track of
		// them would) is caught, though no server is impaired.
		const slab = storage.io.written.indexOf(1);
		const p = storage.volumes[0].parts[0];
		p.extentDrive.fill(NO_DRIVE, slab * 3, slab * 3 + 3);
		expect(ackedWriteViolation(storage, sim.state.nodeUp)).toMatch(
			new RegExp(`Volume01: slab ${slab} took acknowledged writes but has 0 current extents`)
		);
	});
});

describe('mirror-accelerated parity (FACTS §1.1)', () => {
	it('lands writes in the mirror part and moves them to parity once it is 85 % full', () => {
		const sim = load(
			[vm({ blockKB: 1024, outstanding: 8, spanGB: 100, stopMs: 5000 })],
			[],
			(json) => {
				json.storage.platform = 's2d';
				json.storage.volumes = [
					{ name: 'Volume01', sizeGB: 100, resiliency: 'mirror-accelerated-parity', mirrorGB: 10 }
				];
			}
		);
		sim.runUntil(5000);
		const io = ioOf(sim);
		const mirrorSlabs = sim.state.storage!.volumes[0].parts[0].slabCount;
		// Writes filled the mirror part and rotation started.
		expect(of(sim, 'map.rotation-started')).toHaveLength(1);
		expect(io.mirrorFull[0]).toBeGreaterThan(0.85 * mirrorSlabs);
		sim.runUntil(120_000);
		const [paused] = of(sim, 'map.rotation-paused');
		expect(paused.movedBytes).toBeGreaterThan(0);
		expect(io.rotatedBytes[0]).toBe(paused.movedBytes);
		expect(io.mirrorFull[0]).toBeLessThanOrEqual(0.85 * mirrorSlabs);
		expect(sim.invariants().every((r) => r.holds)).toBe(true);
	});
});

describe('parity writes and reads', () => {
	it('update the data column and both parity columns; read the data column', () => {
		const json = 'static/scenarios/s2d-dual-parity-all-flash.json';
		const base = JSON.parse(readFileSync(json, 'utf8'));
		base.inputs = [];
		base.storage.workloads = [
			vm({ volume: base.storage.volumes[0].name, readPercent: 50, outstanding: 8 })
		];
		const loaded = Simulation.fromJson(JSON.stringify(base));
		if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
		const sim = loaded.sim;
		sim.runUntil(200);
		const recs = sim.state.storage!.io.inFlight;
		expect(recs.some((r) => r.write) && recs.some((r) => !r.write)).toBe(true);
		for (const r of recs) {
			// RS 4+2 on 8 servers: a 64 KiB piece touches 1 data + 2 parity extents, or reads 1.
			expect(r.drives).toHaveLength(r.write ? 3 : 1);
			if (r.write) expect(new Set(r.drives.map((d) => serverOf(sim, d))).size).toBe(3);
		}
	});
});

describe('determinism', () => {
	it('gives the same state after a seek back and forth as a fresh run', () => {
		const inputs = [
			{ t: 1000, type: 'node.fail', node: 3 },
			{ t: 3000, type: 'node.restore', node: 3 }
		];
		const a = load([vm({ readPercent: 30, outstanding: 8, blockKB: 1024 })], inputs);
		a.runUntil(12_000);
		a.seek(2500);
		a.seek(12_000);
		const b = load([vm({ readPercent: 30, outstanding: 8, blockKB: 1024 })], inputs);
		b.runUntil(12_000);
		expect(a.stateHash()).toBe(b.stateHash());
	});
});

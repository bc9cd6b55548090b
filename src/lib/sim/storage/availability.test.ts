import { describe, expect, it } from 'vitest';
import { createRng } from '../kernel/rng';
import {
	SLAB_FULL,
	SLAB_LOST,
	SLAB_REDUCED,
	SLAB_UNREADABLE,
	assessAvailability,
	type FailureSet
} from './availability';
import { slabLayout } from './layout';
import { makePool, placeVolume } from './placement';
import { repairPlacement } from './repair';

const SERVERS = 4;
const PER_SERVER = 2;
const driveServers = Array.from({ length: SERVERS * PER_SERVER }, (_, i) =>
	Math.floor(i / PER_SERVER)
);
const pool = makePool(
	SERVERS,
	driveServers,
	driveServers.map(() => 1e12)
);
const layout = slabLayout('three-way-mirror', { servers: SERVERS, capacityDrivesPerServer: 2 });
const placement = placeVolume(pool, layout, 300, createRng(11));

/** Failures by drive and server index lists. */
function fail(drives: number[], servers: number[] = []): FailureSet {
	const failedDrives = new Uint8Array(driveServers.length);
	const downServers = new Uint8Array(SERVERS);
	for (const d of drives) failedDrives[d] = 1;
	for (const s of servers) downServers[s] = 1;
	return { failedDrives, downServers };
}

describe('assessAvailability (three-way mirror on 4 servers)', () => {
	it('is healthy with nothing failed', () => {
		const r = assessAvailability(placement, fail([]));
		expect([r.verdict, r.health, r.operational, r.full]).toEqual(['healthy', 'Healthy', 'OK', 300]);
	});

	// FACTS §1.3: what a three-way mirror survives, if quorum holds.
	it.each([
		['1 drive', [0], []],
		['1 server', [], [1]],
		['1 server + 1 drive', [0], [1]],
		['2 drives in different servers', [0, 2], []],
		['any drives within 2 servers', [0, 1, 2, 3], []],
		['2 servers', [], [2, 3]]
	])('stays online after %s (Warning / Incomplete)', (_name, drives, servers) => {
		const r = assessAvailability(placement, fail(drives, servers));
		expect([r.verdict, r.health, r.operational]).toEqual(['degraded', 'Warning', 'Incomplete']);
		expect(r.reduced).toBeGreaterThan(0);
		expect(r.lostSlabs.length).toBe(0);
	});

	it('goes offline, without losing data, when 3 servers are down (FACTS §1.3, §1.4)', () => {
		const r = assessAvailability(placement, fail([], [0, 1, 2]));
		expect([r.verdict, r.health, r.operational, r.dataLost]).toEqual([
			'offline',
			'Unknown',
			'Detached',
			false
		]);
		expect(r.unreadable).toBeGreaterThan(0);
	});

	it('reports lost slabs when drives in 3 servers fail (FACTS §1.9 "No redundancy")', () => {
		const r = assessAvailability(placement, fail([0, 1, 2, 3, 4, 5]));
		expect([r.verdict, r.health, r.operational, r.dataLost]).toEqual([
			'offline',
			'Unhealthy',
			'No redundancy',
			true
		]);
		expect(r.lostSlabs.length).toBe(r.lost);
		for (const s of r.lostSlabs) expect(r.slabStates[s]).toBe(SLAB_LOST);
		expect(r.full + r.reduced + r.unreadable + r.lost).toBe(300);
	});

	it('writes slab states into a caller buffer', () => {
		const out = new Uint8Array(300).fill(9);
		const r = assessAvailability(placement, fail([0]), out);
		expect(r.slabStates).toBe(out);
		for (const v of out) expect([SLAB_FULL, SLAB_REDUCED]).toContain(v);
	});

	it('counts extents without a drive as missing', () => {
		const small = makePool(3, [0, 1, 2], [1e12, 1e12, 1e12]);
		const l = slabLayout('three-way-mirror', { servers: 3, capacityDrivesPerServer: 1 });
		const p = placeVolume(small, l, 5, createRng(1));
		const repaired = repairPlacement(p, new Uint8Array([1, 0, 0]), createRng(1)).placement;
		expect(assessAvailability(repaired, fail([])).verdict).toBe('degraded');
		const twoDown = {
			failedDrives: new Uint8Array(3),
			downServers: new Uint8Array([0, 1, 1])
		};
		expect(assessAvailability(repaired, twoDown).slabStates[0]).toBe(SLAB_UNREADABLE);
	});
});

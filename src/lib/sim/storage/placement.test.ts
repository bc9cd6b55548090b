import { describe, expect, it } from 'vitest';
import { createRng } from '../kernel/rng';
import { parseScenario } from '../scenario/index';
import { buildTopology } from '../topology-build';
import { CLASSIC_SLAB_BYTES, slabCount, slabLayout } from './layout';
import {
	NO_DRIVE,
	buildDriveIndex,
	extentsOnDrive,
	makePool,
	placeVolume,
	poolFromTopology,
	slabDrives,
	type Placement
} from './placement';
import { repairPlacement } from './repair';

const TB = 1e12;

/** `servers` servers with `perServer` drives of `driveBytes` each, drive i on server ⌊i/perServer⌋. */
function pool(servers: number, perServer: number, driveBytes = 4 * TB) {
	const list = Array.from({ length: servers * perServer }, (_, i) => Math.floor(i / perServer));
	return makePool(
		servers,
		list,
		list.map(() => driveBytes)
	);
}

function mirror3(servers: number, perServer: number) {
	return slabLayout('three-way-mirror', { servers, capacityDrivesPerServer: perServer });
}

describe('placeVolume', () => {
	it('puts each slab on distinct servers and spreads extents evenly', () => {
		const p = placeVolume(pool(4, 3), mirror3(4, 3), 400, createRng(7));
		for (let s = 0; s < p.slabCount; s++) {
			const servers = Array.from(slabDrives(p, s), (d) => p.driveServer[d]);
			expect(new Set(servers).size).toBe(3);
		}
		const fill = Array.from(p.driveFill);
		expect(fill.reduce((a, b) => a + b, 0)).toBe(1200);
		expect(Math.max(...fill) - Math.min(...fill)).toBeLessThanOrEqual(1);
	});

	it('is a pure function of the seed', () => {
		const a = placeVolume(pool(6, 2), mirror3(6, 2), 300, createRng(42));
		const b = placeVolume(pool(6, 2), mirror3(6, 2), 300, createRng(42));
		const c = placeVolume(pool(6, 2), mirror3(6, 2), 300, createRng(43));
		expect(a.extentDrive).toEqual(b.extentDrive);
		expect(a.extentDrive).not.toEqual(c.extentDrive);
	});

	it('pins a delimited volume to its servers (FACTS §1.4)', () => {
		const p = placeVolume(pool(8, 2), mirror3(8, 2), 200, createRng(1), { servers: [1, 4, 6] });
		const used = new Set(Array.from(p.extentDrive, (d) => p.driveServer[d]));
		expect([...used].sort()).toEqual([1, 4, 6]);
		expect(() =>
			placeVolume(pool(5, 2), mirror3(5, 2), 1, createRng(1), { servers: [0, 1, 2] })
		).toThrow(/6 or more/);
		const two = slabLayout('two-way-mirror', { servers: 8, capacityDrivesPerServer: 2 });
		expect(() => placeVolume(pool(8, 2), two, 1, createRng(1), { servers: [0, 1, 2] })).toThrow();
		expect(() =>
			placeVolume(pool(8, 2), mirror3(8, 2), 1, createRng(1), { servers: [0, 1] })
		).toThrow(/at least 3/);
	});

	it('refuses to overfill drives and counts other volumes', () => {
		const small = pool(3, 1, 10 * 1024 ** 3);
		expect(() => placeVolume(small, mirror3(3, 1), 11, createRng(1))).toThrow(/no room/);
		const others = new Uint32Array([4, 4, 4]);
		expect(() =>
			placeVolume(small, mirror3(3, 1), 7, createRng(1), { usedExtents: others })
		).toThrow(/no room/);
		expect(
			placeVolume(small, mirror3(3, 1), 6, createRng(1), { usedExtents: others }).slabCount
		).toBe(6);
	});

	it('reads capacity drives from a topology', () => {
		const parsed = parseScenario({
			format: 'stackscope.scenario',
			version: 1,
			name: 't',
			topology: { nodes: 4 }
		});
		if (!parsed.ok) throw new Error(parsed.errors.join());
		const topology = buildTopology(parsed.scenario);
		const p = poolFromTopology(topology);
		const capacity = topology.drives.filter((d) => d.role === 'capacity');
		expect(p.driveServer.length).toBe(capacity.length);
		expect(Array.from(p.topologyDrive)).toEqual(capacity.map((d) => d.id));
		expect(Array.from(p.driveServer)).toEqual(capacity.map((d) => d.node));
	});
});

describe('drive index', () => {
	it('lists exactly the extents of each drive', () => {
		const p = placeVolume(pool(5, 2), mirror3(5, 2), 120, createRng(3));
		const index = buildDriveIndex(p);
		for (let d = 0; d < p.driveFill.length; d++) {
			const ids = Array.from(extentsOnDrive(index, d));
			expect(ids.length).toBe(p.driveFill[d]);
			for (const id of ids) expect(p.extentDrive[id]).toBe(d);
		}
	});
});

describe('repairPlacement', () => {
	it('moves only the retired drive’s extents, back onto its own server when it can', () => {
		const p = placeVolume(pool(4, 2), mirror3(4, 2), 200, createRng(5));
		const lost = new Uint8Array(8);
		lost[3] = 1;
		const r = repairPlacement(p, lost, createRng(6));
		expect(r.movedExtents).toBe(p.driveFill[3]);
		expect(r.movedBytes).toBe(p.driveFill[3] * p.slabBytes);
		expect(r.placement.driveFill[3]).toBe(0);
		expect(r.placement.driveFill[2]).toBe(p.driveFill[2] + p.driveFill[3]);
		for (let i = 0; i < p.extentDrive.length; i++) {
			if (p.extentDrive[i] !== 3) expect(r.placement.extentDrive[i]).toBe(p.extentDrive[i]);
		}
		expect(p.driveFill[3]).toBeGreaterThan(0);
	});

	it('leaves an extent without a drive when no server is free', () => {
		const p = placeVolume(pool(3, 1), mirror3(3, 1), 10, createRng(1));
		const r = repairPlacement(p, new Uint8Array([1, 0, 0]), createRng(1));
		expect(r.unplacedExtents).toBe(10);
		expect(r.movedExtents).toBe(0);
		expect(Array.from(r.placement.extentDrive).filter((d) => d === NO_DRIVE).length).toBe(10);
	});
});

/** Bytes held by the typed arrays of a placement, and whether it holds anything else. */
function footprint(p: Placement): { bytes: number; onlyTypedArrays: boolean } {
	let bytes = 0;
	let onlyTypedArrays = true;
	for (const value of Object.values(p)) {
		if (ArrayBuffer.isView(value)) bytes += value.byteLength;
		else if (typeof value !== 'number') onlyTypedArrays = false;
	}
	return { bytes, onlyTypedArrays };
}

describe('memory', () => {
	it('places a 10 TB three-way mirror on 16 × 4 drives in about 2 bytes per extent', () => {
		const pool16 = pool(16, 4, 8 * TB);
		for (const slabBytes of [undefined, CLASSIC_SLAB_BYTES]) {
			const layout = slabLayout('three-way-mirror', {
				servers: 16,
				capacityDrivesPerServer: 4,
				slabBytes
			});
			const slabs = slabCount(layout, 10 * TB);
			const p = placeVolume(pool16, layout, slabs, createRng(1));
			const { bytes, onlyTypedArrays } = footprint(p);
			const extents = slabs * 3;
			// 2 bytes per extent, plus per drive: fill, capacity, base (4 B each) and server (2 B),
			// plus one byte per server.
			expect(onlyTypedArrays).toBe(true);
			expect(bytes).toBeLessThanOrEqual(2 * extents + 14 * 64 + 16);
			const index = buildDriveIndex(p);
			const indexBytes = index.ids.byteLength + index.offsets.byteLength;
			expect(indexBytes).toBeLessThanOrEqual(4 * extents + 4 * 65);
			console.info(
				`10 TB three-way mirror, ${layout.slabBytes / 1024 ** 2} MiB slabs: ${slabs} slabs, ` +
					`${extents} extents, placement ${bytes} B, drive index ${indexBytes} B`
			);
		}
	});
});

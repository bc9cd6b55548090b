import { describe, expect, it } from 'vitest';
import {
	CLASSIC_SLAB_BYTES,
	DEFAULT_SLAB_BYTES,
	INTERLEAVE_BYTES,
	PLACEMENT_SIMPLIFICATIONS,
	locateByte,
	slabCount,
	slabFootprintBytes,
	slabLayout
} from './layout';

const GIB = 1024 ** 3;

describe('slabLayout', () => {
	it('gives mirrors one extent per copy and tolerates copies − 1 losses (FACTS §1.1)', () => {
		const two = slabLayout('two-way-mirror', { servers: 2, capacityDrivesPerServer: 4 });
		const three = slabLayout('three-way-mirror', { servers: 4, capacityDrivesPerServer: 12 });
		expect([two.extentsPerSlab, two.faultTolerance, two.dataExtents]).toEqual([2, 1, 1]);
		expect([three.extentsPerSlab, three.faultTolerance, three.columns]).toEqual([3, 2, 8]);
		expect(two.columns).toBe(4);
		expect(two.slabBytes).toBe(DEFAULT_SLAB_BYTES);
	});

	it('follows the dual-parity table by server count and media (FACTS §1.2)', () => {
		const rows: [number, 'hybrid' | 'all-flash', number, number, string][] = [
			[4, 'all-flash', 2, 4, 'rs'],
			[6, 'hybrid', 2, 4, 'rs'],
			[7, 'all-flash', 4, 6, 'rs'],
			[10, 'hybrid', 4, 6, 'rs'],
			[10, 'all-flash', 6, 8, 'rs'],
			[12, 'hybrid', 8, 11, 'lrc'],
			[15, 'all-flash', 6, 8, 'rs'],
			[16, 'all-flash', 12, 15, 'lrc']
		];
		for (const [servers, media, k, n, code] of rows) {
			const l = slabLayout('dual-parity', { servers, media, capacityDrivesPerServer: 4 });
			expect([l.dataExtents, l.extentsPerSlab, l.code, l.faultTolerance]).toEqual([k, n, code, 2]);
			expect(l.extentsPerSlab).toBeLessThanOrEqual(servers);
		}
	});

	it('refuses layouts the documentation does not allow', () => {
		const opts = { capacityDrivesPerServer: 4 };
		expect(() => slabLayout('three-way-mirror', { ...opts, servers: 2 })).toThrow(RangeError);
		expect(() => slabLayout('dual-parity', { ...opts, servers: 3 })).toThrow(RangeError);
		expect(() => slabLayout('mirror-accelerated-parity', { ...opts, servers: 4 })).toThrow();
		expect(() => slabLayout('two-way-mirror', { ...opts, servers: 2, slabBytes: 1000 })).toThrow();
	});

	it('spans every server with one parity column for single parity (FACTS §9.6)', () => {
		const l = slabLayout('single-parity', { servers: 5, capacityDrivesPerServer: 2 });
		expect([l.dataExtents, l.extentsPerSlab, l.faultTolerance]).toEqual([4, 5, 1]);
	});
});

describe('slab arithmetic', () => {
	const mirror = slabLayout('three-way-mirror', {
		servers: 4,
		capacityDrivesPerServer: 4,
		slabBytes: CLASSIC_SLAB_BYTES
	});
	const parity = slabLayout('dual-parity', { servers: 8, capacityDrivesPerServer: 4 });

	it('counts whole slabs and their footprint', () => {
		expect(slabCount(mirror, 0)).toBe(0);
		expect(slabCount(mirror, 1)).toBe(1);
		expect(slabCount(mirror, 1024 * 1024 * 1024)).toBe(4);
		expect(slabCount(parity, 4 * GIB)).toBe(1);
		expect(slabCount(parity, 4 * GIB + 1)).toBe(2);
		// FACTS §1.1: three times the size for a three-way mirror, size ÷ 4/6 for RS 4+2.
		expect(slabFootprintBytes(mirror, GIB)).toBe(3 * GIB);
		expect(slabFootprintBytes(parity, 8 * GIB)).toBe(12 * GIB);
	});

	it('maps a byte to slab, interleave and column', () => {
		const at = locateByte(mirror, CLASSIC_SLAB_BYTES + 5 * INTERLEAVE_BYTES + 7);
		expect(at).toEqual({
			slab: 1,
			interleave: 5,
			column: 1,
			extent: -1,
			extentOffsetBytes: 5 * INTERLEAVE_BYTES + 7
		});
		// RS 4+2: interleave 9 is column 1 of the third stripe row.
		const p = locateByte(parity, 4 * GIB + 9 * INTERLEAVE_BYTES + 3);
		expect(p).toEqual({
			slab: 1,
			interleave: 9,
			column: 1,
			extent: 1,
			extentOffsetBytes: 2 * INTERLEAVE_BYTES + 3
		});
	});

	it('keeps every parity byte inside its extent', () => {
		const last = locateByte(parity, parity.slabDataBytes - 1);
		expect(last.extent).toBe(parity.dataExtents - 1);
		expect(last.extentOffsetBytes).toBe(parity.slabBytes - 1);
	});

	it('labels every choice with a FACTS section', () => {
		for (const s of PLACEMENT_SIMPLIFICATIONS) expect(s.source).toMatch(/FACTS\.md §\d/);
	});
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INTERLEAVE_BYTES } from '../layout';
import type { Placement } from '../placement';
import { locateExtent, partBytes, pieces, writeExtents, type PartGeometry } from './geometry';

const MiB = 1024 * 1024;

/** A part of `slabs` slabs of 4 MiB extents; `extents` per slab of which `data` are data. */
function part(slabs: number, extents: number, data: number, extentBase = 0): PartGeometry {
	const placement = { slabCount: slabs, extentsPerSlab: extents, slabBytes: 4 * MiB } as Placement;
	return { placement, dataExtents: data, extentBase, slabBase: 0 };
}

describe('pieces: an IO cut at 256 KiB interleave boundaries (FACTS §1.6)', () => {
	it('keeps a 4 KiB IO whole and cuts a 1 MiB IO into four interleaves', () => {
		const mirror = part(4, 3, 1);
		expect(pieces(mirror, 8192, 4096)).toEqual([{ slab: 0, column: 0, region: 0, bytes: 4096 }]);
		expect(pieces(mirror, 0, MiB).map((p) => p.bytes)).toEqual(Array(4).fill(INTERLEAVE_BYTES));
	});

	it('stripes a parity slab one interleave per data column, then the next row', () => {
		const parity = part(2, 6, 4); // RS 4+2
		const cut = pieces(parity, 0, 6 * INTERLEAVE_BYTES);
		expect(cut.map((p) => p.column)).toEqual([0, 1, 2, 3, 0, 1]);
		expect(cut.map((p) => p.region)).toEqual([0, 0, 0, 0, 1, 1]);
		// A parity slab holds slabBytes × data of the volume: the next slab starts there.
		expect(pieces(parity, 16 * MiB, 4096)[0].slab).toBe(1);
	});

	it('writes every copy of a mirror, the data column and every parity column of parity', () => {
		expect(writeExtents(part(1, 3, 1), { slab: 0, column: 0, region: 0, bytes: 1 })).toEqual([
			0, 1, 2
		]);
		expect(writeExtents(part(1, 6, 4), { slab: 0, column: 2, region: 0, bytes: 1 })).toEqual([
			2, 4, 5
		]);
	});

	it('covers the IO exactly, never crossing an interleave (property)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 8 }),
				fc.integer({ min: 0, max: 200 * MiB }),
				fc.integer({ min: 1, max: 4 * MiB }),
				(data, offset, bytes) => {
					const g = part(3, data + 2, data);
					const out = pieces(g, offset, bytes);
					expect(out.reduce((n, p) => n + p.bytes, 0)).toBe(bytes);
					for (const p of out) {
						expect(p.bytes).toBeLessThanOrEqual(INTERLEAVE_BYTES);
						expect(p.slab).toBeLessThan(3);
						expect(p.column).toBeLessThan(data);
					}
					expect(partBytes(g)).toBe(3 * data * 4 * MiB);
				}
			)
		);
	});
});

describe('locateExtent', () => {
	it('finds the volume, part, slab and extent of a storage-wide index', () => {
		const a = part(2, 3, 1, 0);
		const b = part(2, 6, 4, 6);
		const where = locateExtent([[a], [b]], 6 + 6 + 5);
		expect(where.volume).toBe(1);
		expect(where.slab).toBe(1);
		expect(where.j).toBe(5);
		expect(() => locateExtent([[a]], 99)).toThrow(/no extent 99/);
	});
});

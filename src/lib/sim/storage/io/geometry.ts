/**
 * Where a byte of a volume lives, for IO: which part (mirror or parity of a mirror-accelerated
 * parity volume), which slab, and which extents of the slab an interleave touches. Pure
 * arithmetic over a placement; no state and no randomness.
 *
 * A mirror slab holds `slabBytes` of the volume and every extent is a full copy. A parity slab
 * holds `slabBytes × dataExtents`, striped over its data columns one 256 KiB interleave at a
 * time (FACTS §1.6: stripe = interleave × columns), followed by its parity columns.
 */
import { INTERLEAVE_BYTES } from '../layout';
import type { Placement } from '../placement';

/** One part of a volume as the IO path needs it. */
export interface PartGeometry {
	readonly placement: Placement;
	/** Data columns per slab: 1 for a mirror, k for parity. */
	readonly dataExtents: number;
	/** Index of the part's first extent in the storage-wide extent arrays. */
	readonly extentBase: number;
	/** Index of the part's first slab in the storage-wide slab arrays. */
	readonly slabBase: number;
}

/** Volume bytes one slab of the part holds. */
export const slabDataBytes = (g: PartGeometry): number => g.placement.slabBytes * g.dataExtents;

/** Bytes of volume address space the part holds. */
export const partBytes = (g: PartGeometry): number => slabDataBytes(g) * g.placement.slabCount;

/** One interleave-sized piece of an IO: the bytes of it that fall in one interleave. */
export interface Piece {
	/** Slab within the part. */
	readonly slab: number;
	/** Data column within the slab (0 for a mirror). */
	readonly column: number;
	/** The interleave-sized region within the extent (its row of the stripe). */
	readonly region: number;
	readonly bytes: number;
}

/**
 * Cuts the IO [offset, offset + bytes) of a part into interleave pieces (FACTS §1.6: 256 KiB
 * interleaves). Offsets wrap at the part's size, so any offset maps somewhere.
 */
export function pieces(g: PartGeometry, offset: number, bytes: number): Piece[] {
	const out: Piece[] = [];
	const size = partBytes(g);
	const perSlab = slabDataBytes(g);
	let at = ((offset % size) + size) % size;
	let left = bytes;
	while (left > 0) {
		const inInterleave = at % INTERLEAVE_BYTES;
		const take = Math.min(left, INTERLEAVE_BYTES - inInterleave);
		const slab = Math.floor(at / perSlab);
		const interleave = Math.floor((at % perSlab) / INTERLEAVE_BYTES);
		out.push({
			slab,
			column: interleave % g.dataExtents,
			region: Math.floor(interleave / g.dataExtents),
			bytes: take
		});
		left -= take;
		at = (at + take) % size;
	}
	return out;
}

/** Storage-wide index of extent j of slab s of the part. */
export const extentIndex = (g: PartGeometry, slab: number, j: number): number =>
	g.extentBase + slab * g.placement.extentsPerSlab + j;

/**
 * The extents (j within the slab) a write of one piece must update: every copy of a mirror
 * slab; the piece's data column and every parity column of a parity slab (FACTS §1.1, §1.2).
 */
export function writeExtents(g: PartGeometry, piece: Piece): number[] {
	const e = g.placement.extentsPerSlab;
	if (g.dataExtents === 1) return Array.from({ length: e }, (_, j) => j);
	const out = [piece.column];
	for (let j = g.dataExtents; j < e; j++) out.push(j);
	return out;
}

/** Where storage-wide extent `ext` is: its volume, part, slab and index j within the slab. */
export function locateExtent(
	geometry: readonly (readonly PartGeometry[])[],
	ext: number
): { volume: number; g: PartGeometry; slab: number; j: number } {
	for (let volume = 0; volume < geometry.length; volume++) {
		for (const g of geometry[volume]) {
			const e = g.placement.extentsPerSlab;
			const i = ext - g.extentBase;
			if (i >= 0 && i < g.placement.slabCount * e) {
				return { volume, g, slab: Math.floor(i / e), j: i % e };
			}
		}
	}
	throw new RangeError(`no extent ${ext}`);
}

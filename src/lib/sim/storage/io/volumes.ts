/**
 * The IO state's per-volume parts: where each volume's extents and slabs sit in the storage-wide
 * arrays, at load and when a volume is created while the simulation runs (`volume.create`).
 */
import type { Placement } from '../placement';
import type { PartGeometry } from './geometry';
import { growMeters } from './meters';
import type { IoState } from './state';

/** A volume as the IO model needs it. */
export interface VolumeParts {
	parts: readonly Placement[];
	dataExtents: readonly number[];
}

/** The extents and slabs the parts cover so far (the next volume's bases). */
export function geometryEnd(geometry: readonly (readonly PartGeometry[])[]): {
	extents: number;
	slabs: number;
} {
	const last = geometry.flat().at(-1);
	if (!last) return { extents: 0, slabs: 0 };
	return {
		extents: last.extentBase + last.placement.slabCount * last.placement.extentsPerSlab,
		slabs: last.slabBase + last.placement.slabCount
	};
}

/** The geometry of every volume in order, each after the ones before. */
export function geometryOfVolumes(volumes: readonly VolumeParts[]): PartGeometry[][] {
	const out: PartGeometry[][] = [];
	for (const v of volumes) out.push(geometryAfter(out, v));
	return out;
}

function geometryAfter(before: readonly PartGeometry[][], v: VolumeParts): PartGeometry[] {
	let { extents: extentBase, slabs: slabBase } = geometryEnd(before);
	return v.parts.map((placement, i) => {
		const g = { placement, dataExtents: v.dataExtents[i], extentBase, slabBase };
		extentBase += placement.slabCount * placement.extentsPerSlab;
		slabBase += placement.slabCount;
		return g;
	});
}

/** A copy of `a` with room for `length` entries (the new ones zero). */
function grown<T extends Uint8Array | Uint16Array | Float64Array>(a: T, length: number): T {
	const out = new (a.constructor as new (n: number) => T)(length);
	out.set(a);
	return out;
}

/** Extends the IO state for volume `v`, just created: its parts get fresh, clean arrays. */
export function addVolumeIo(io: IoState, v: VolumeParts): void {
	io.geometry.push(geometryAfter(io.geometry, v));
	const { extents, slabs } = geometryEnd(io.geometry);
	io.stale = grown(io.stale, extents);
	io.dirty = grown(io.dirty, extents);
	io.resident = grown(io.resident, extents);
	io.written = grown(io.written, slabs);
	io.inMirror = grown(io.inMirror, slabs);
	io.rotatedBytes.push(0);
	io.rotating.push(false);
	io.rotateCarry.push(0);
	io.mirrorFull.push(0);
	growMeters(io.meters.volumes, io.geometry.length);
}

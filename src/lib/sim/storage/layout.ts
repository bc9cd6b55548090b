/**
 * How a volume's bytes are cut into slabs and extents, as plain arithmetic: no drives and no
 * randomness here (placement.ts decides where each extent lives).
 *
 * Vocabulary used across storage/: a slab is a run of the volume's address space; each slab is
 * stored as `extentsPerSlab` extents of `slabBytes` each, every extent on a drive of a different
 * server. A mirror slab's extents are full copies; a parity slab's extents are its data columns
 * followed by its parity columns.
 */
import type { Simplification } from '../simplifications';
import {
	RESILIENCY_RULES,
	storageEfficiency,
	type CapacityClass,
	type ResiliencyType
} from './resiliency';

/** Bytes per interleave: the part of a stripe written to one drive. CHOICE: FACTS §1.6, §9.3. */
export const INTERLEAVE_BYTES = 256 * 1024;

/** CHOICE (FACTS §1.6, §9.4): default extent size for S2D is 1 GiB; the size is configurable. */
export const DEFAULT_SLAB_BYTES = 1024 * 1024 * 1024;

/** CHOICE (FACTS §1.6, §9.4): the classic Storage Spaces slab of 256 MiB, offered as an option. */
export const CLASSIC_SLAB_BYTES = 256 * 1024 * 1024;

/** CHOICE (FACTS §9.5): mirror columns are display-only, one per capacity drive, at most 8. */
export const MAX_DISPLAY_COLUMNS = 8;

export interface SlabLayout {
	readonly resiliency: ResiliencyType;
	/** 'mirror': copies; 'rs': Reed-Solomon (or single XOR parity); 'lrc': local reconstruction. */
	readonly code: 'mirror' | 'rs' | 'lrc';
	/** Extents holding distinct data: 1 for a mirror, k for parity. */
	readonly dataExtents: number;
	/** Extents per slab, each on a distinct server: copies, or data + parity columns. */
	readonly extentsPerSlab: number;
	/** Extents a slab may lose and still be read. */
	readonly faultTolerance: number;
	/** Bytes of one extent on a drive. */
	readonly slabBytes: number;
	/** Volume bytes one slab holds: slabBytes × dataExtents. */
	readonly slabDataBytes: number;
	/** Columns shown for a stripe (see MAX_DISPLAY_COLUMNS); parity shows its real columns. */
	readonly columns: number;
	/** Smallest number of servers the layout needs. */
	readonly minServers: number;
}

export interface LayoutOptions {
	/** Servers the volume may use (all of the pool, or the delimited subset). */
	readonly servers: number;
	/** Capacity drives per server, for the display columns of a mirror. */
	readonly capacityDrivesPerServer: number;
	readonly media?: CapacityClass;
	readonly slabBytes?: number;
}

/**
 * The slab layout of a resiliency type on `servers` fault domains, from the efficiency table of
 * resiliency.ts (FACTS §1.1, §1.2): one extent per symbol, each on its own server. Throws where
 * the type cannot be created, and for mirror-accelerated parity (not placed by this model).
 */
export function slabLayout(resiliency: ResiliencyType, options: LayoutOptions): SlabLayout {
	const { servers, capacityDrivesPerServer } = options;
	const slabBytes = options.slabBytes ?? DEFAULT_SLAB_BYTES;
	if (!Number.isSafeInteger(slabBytes) || slabBytes <= 0 || slabBytes % INTERLEAVE_BYTES !== 0) {
		throw new RangeError(`slab size must be a positive multiple of ${INTERLEAVE_BYTES} bytes`);
	}
	const efficiency = storageEfficiency(resiliency, servers, options.media ?? 'all-flash');
	if (!efficiency) throw new RangeError(`${resiliency} cannot be placed on ${servers} servers`);
	const rule = RESILIENCY_RULES[resiliency];
	const code =
		efficiency.dataSymbols === 1 ? 'mirror' : efficiency.layout.startsWith('LRC') ? 'lrc' : 'rs';
	// CHOICE (FACTS §1.1, §1.3): a slab survives the type's documented failure count of lost
	// extents. For LRC that is 2, as for Reed-Solomon; the extra 3-loss patterns its local groups
	// could repair are not modelled (conservative).
	return {
		resiliency,
		code,
		dataExtents: efficiency.dataSymbols,
		extentsPerSlab: efficiency.totalSymbols,
		faultTolerance: rule.faultTolerance,
		slabBytes,
		slabDataBytes: slabBytes * efficiency.dataSymbols,
		columns:
			code === 'mirror'
				? Math.max(1, Math.min(capacityDrivesPerServer, MAX_DISPLAY_COLUMNS))
				: efficiency.totalSymbols,
		minServers: rule.minFaultDomains
	};
}

/** Slabs needed for a volume of `sizeBytes` (the last slab may be partly used). */
export function slabCount(layout: SlabLayout, sizeBytes: number): number {
	if (!Number.isSafeInteger(sizeBytes) || sizeBytes < 0) {
		throw new RangeError(`volume size must be a non-negative safe integer, got ${sizeBytes}`);
	}
	return Math.ceil(sizeBytes / layout.slabDataBytes);
}

/**
 * Pool bytes a volume occupies in whole slabs: every extent of every slab. CHOICE (FACTS §1.6):
 * allocation is by whole extents, so this rounds FACTS §1.1's size ÷ efficiency up to a slab.
 */
export function slabFootprintBytes(layout: SlabLayout, sizeBytes: number): number {
	return slabCount(layout, sizeBytes) * layout.extentsPerSlab * layout.slabBytes;
}

/** Where one volume byte lives. */
export interface ByteLocation {
	readonly slab: number;
	/** Interleave index inside the slab's data, 0-based. */
	readonly interleave: number;
	/** Stripe column of that interleave (display-only for mirrors). */
	readonly column: number;
	/** Extent holding the byte: a data column for parity, -1 for a mirror (every copy). */
	readonly extent: number;
	/** Byte offset inside that extent (inside every copy for a mirror). */
	readonly extentOffsetBytes: number;
}

/**
 * Maps a volume byte offset to its slab, interleave and column. Interleaves go round the data
 * columns (stripe = interleave × columns, FACTS §1.6), so a parity extent holds every k-th one.
 */
export function locateByte(layout: SlabLayout, offsetBytes: number): ByteLocation {
	if (!Number.isSafeInteger(offsetBytes) || offsetBytes < 0) {
		throw new RangeError(`byte offset must be a non-negative safe integer, got ${offsetBytes}`);
	}
	const slab = Math.floor(offsetBytes / layout.slabDataBytes);
	const inSlab = offsetBytes - slab * layout.slabDataBytes;
	const interleave = Math.floor(inSlab / INTERLEAVE_BYTES);
	const inInterleave = inSlab - interleave * INTERLEAVE_BYTES;
	if (layout.code === 'mirror') {
		return {
			slab,
			interleave,
			column: interleave % layout.columns,
			extent: -1,
			extentOffsetBytes: inSlab
		};
	}
	const column = interleave % layout.dataExtents;
	const row = Math.floor(interleave / layout.dataExtents);
	return {
		slab,
		interleave,
		column,
		extent: column,
		extentOffsetBytes: row * INTERLEAVE_BYTES + inInterleave
	};
}

/** The modelling choices of layout, placement and availability, for the "what is simplified" list. */
export const PLACEMENT_SIMPLIFICATIONS: readonly Simplification[] = [
	{
		id: 'storage.slab-size',
		title: 'Slab size and interleave',
		detail:
			'Each slab copy (extent) is 1 GiB by default (256 MiB optional) and the interleave is 256 KiB. Microsoft documents neither for Storage Spaces Direct; both come from secondary sources and observed systems.',
		source: 'FACTS.md §1.6, §9.3, §9.4'
	},
	{
		id: 'storage.columns',
		title: 'Columns',
		detail:
			'Data is placed slab by slab. For mirrors the column count (capacity drives per server, at most 8) is only shown, not used to place data. A parity slab has one extent per column, each on its own server.',
		source: 'FACTS.md §1.2, §1.6, §9.5'
	},
	{
		id: 'storage.placement',
		title: 'Where slabs go',
		detail:
			'Each extent goes to the least-filled drive (by fraction of its size) on a server the slab does not use yet; ties are broken by the seeded random source. The real allocator is not documented beyond "spread evenly over all drives".',
		source: 'FACTS.md §1.4, §1.5'
	},
	{
		id: 'storage.parity',
		title: 'Parity codes',
		detail:
			'Dual parity follows the documented column table; LRC is treated as surviving any two lost columns, like Reed-Solomon. Single parity spans every server with one parity column, and is not offered on Azure Stack Hub.',
		source: 'FACTS.md §1.1, §1.2, §9.6'
	},
	{
		id: 'storage.copy-state',
		title: 'Missing copies are current',
		detail:
			'A volume with a missing copy is shown as Incomplete: the model does not yet track writes made while a copy was away, so it never reports the stale-copy Degraded state. Mirror-accelerated parity is not modelled.',
		source: 'FACTS.md §1.9'
	}
];

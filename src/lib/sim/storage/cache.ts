/**
 * The Storage Spaces Direct cache of one server (FACTS §1.7, CONFIRMED, `WSD: ss/cache.md`): which
 * drives become cache, what each capacity media gets cached for, and which cache drive each
 * capacity drive is bound to. Works on drive ids and media only; inputs are never mutated.
 */
import type { DriveMedia } from '../topology';

/** What a capacity drive's cache does for it (FACTS §1.7 table). */
export type CacheMode = 'read-write' | 'write-only' | 'none';

/** The part of a drive the cache rules look at (a `DriveInfo` fits). */
export interface CacheDrive {
	readonly id: number;
	readonly media: DriveMedia;
}

export interface CacheAssignment {
	/** Media of the cache drives; undefined when the server has no automatic cache. */
	readonly cacheMedia: DriveMedia | undefined;
	/** Ascending ids. */
	readonly cacheDriveIds: readonly number[];
	/** Ascending ids. Raw capacity is the sum of these drives only: cache adds none (FACTS §1.7). */
	readonly capacityDriveIds: readonly number[];
	/** Cache mode per capacity media present on the server. */
	readonly modeByMedia: Readonly<Partial<Record<DriveMedia, CacheMode>>>;
	/** Hardware rules this server breaks (FACTS §1.5), as sentences; empty when it is supported. */
	readonly problems: readonly string[];
}

/** Fastest first (FACTS §1.7 "NVMe > SSD > HDD"). */
const SPEED_ORDER: readonly DriveMedia[] = ['nvme', 'ssd', 'hdd'];
const MEDIA_LABEL: Readonly<Record<DriveMedia, string>> = { nvme: 'NVMe', ssd: 'SSD', hdd: 'HDD' };

/**
 * Split a server's drives into cache and capacity (FACTS §1.7): with mixed media every drive of the
 * fastest media is cache; HDD capacity is cached for reads and writes, flash capacity for writes
 * only. A single media gets no automatic cache (all-NVMe/all-SSD may be given a write-only cache
 * by hand; CHOICE: not modelled, such servers run uncached).
 */
export function assignCache(drives: readonly CacheDrive[]): CacheAssignment {
	const present = SPEED_ORDER.filter((m) => drives.some((d) => d.media === m));
	const ids = (pick: (d: CacheDrive) => boolean) =>
		drives
			.filter(pick)
			.map((d) => d.id)
			.sort((a, b) => a - b);
	const problems: string[] = [];
	if (present.length === 1 && present[0] === 'hdd') {
		problems.push('All-HDD servers are not supported: S2D needs NVMe or SSD drives (FACTS §1.5).');
	}
	if (present.length <= 1) {
		const modeByMedia: Partial<Record<DriveMedia, CacheMode>> = {};
		for (const m of present) modeByMedia[m] = 'none';
		return {
			cacheMedia: undefined,
			cacheDriveIds: [],
			capacityDriveIds: ids(() => true),
			modeByMedia,
			problems
		};
	}
	const cacheMedia = present[0];
	const modeByMedia: Partial<Record<DriveMedia, CacheMode>> = {};
	for (const m of present.slice(1)) modeByMedia[m] = m === 'hdd' ? 'read-write' : 'write-only';
	const cacheDriveIds = ids((d) => d.media === cacheMedia);
	// CHOICE (FACTS §1.5 "each server needs ≥2 NVMe/SSD cache drives", §1.7 "Hence ≥2 cache drives"):
	// checked only where there is a cache, i.e. with mixed media.
	if (cacheDriveIds.length < 2) {
		problems.push(
			`Each server needs at least 2 cache drives, this one has ${cacheDriveIds.length} ${MEDIA_LABEL[cacheMedia]} (FACTS §1.5).`
		);
	}
	return {
		cacheMedia,
		cacheDriveIds,
		capacityDriveIds: ids((d) => d.media !== cacheMedia),
		modeByMedia,
		problems
	};
}

/** One cache drive and the capacity drives it serves (same server, FACTS §1.7). */
export interface CacheBindingEntry {
	readonly cacheDriveId: number;
	readonly capacityDriveIds: readonly number[];
}

export interface CacheBinding {
	/** One entry per working cache drive, ascending cache id; capacity ids ascending. */
	readonly entries: readonly CacheBindingEntry[];
	/** Capacity drives with no cache drive left to serve them. */
	readonly uncached: readonly number[];
}

/**
 * Bind capacity drives to cache drives. CHOICE (FACTS §1.7 gives the outcome, an even spread at any
 * ratio, but not the algorithm): capacity drive i in ascending id order goes to cache drive
 * i mod k, so every cache drive serves ⌊n/k⌋ or ⌈n/k⌉ drives. Without cache drives, all run uncached.
 */
export function bindCache(
	cacheDriveIds: readonly number[],
	capacityDriveIds: readonly number[]
): CacheBinding {
	const caches = [...cacheDriveIds].sort((a, b) => a - b);
	const capacity = [...capacityDriveIds].sort((a, b) => a - b);
	if (caches.length === 0) return { entries: [], uncached: capacity };
	const lists: number[][] = caches.map(() => []);
	capacity.forEach((id, i) => lists[i % caches.length].push(id));
	return {
		entries: caches.map((cacheDriveId, i) => ({ cacheDriveId, capacityDriveIds: lists[i] })),
		uncached: []
	};
}

export interface CacheRebind {
	readonly binding: CacheBinding;
	/** Capacity drives that lost their cache drive: they look unhealthy until rebind and repair finish. */
	readonly affectedCapacityDriveIds: readonly number[];
	/** For the event log. */
	readonly summary: string;
}

/**
 * A cache drive failed: its capacity drives move to the surviving cache drives, each to the one
 * serving the fewest (ties: lowest id), so the others keep their binding and the spread stays
 * even; with no cache drive left they run uncached. The failed drive's un-de-staged writes are
 * lost on this server only; the other servers' copies survive (FACTS §1.7, CONFIRMED).
 * CHOICE: the rebind is modelled as one step; its duration and the order of moves are not
 * documented (FACTS §1.7 says only that it re-adjusts automatically).
 */
export function rebindAfterCacheFailure(binding: CacheBinding, failedCacheId: number): CacheRebind {
	const failed = binding.entries.find((e) => e.cacheDriveId === failedCacheId);
	if (!failed) {
		return {
			binding,
			affectedCapacityDriveIds: [],
			summary: `Drive ${failedCacheId} is not a working cache drive: no rebind.`
		};
	}
	const orphans = [...failed.capacityDriveIds].sort((a, b) => a - b);
	const survivors = binding.entries
		.filter((e) => e.cacheDriveId !== failedCacheId)
		.map((e) => ({ cacheDriveId: e.cacheDriveId, capacityDriveIds: [...e.capacityDriveIds] }));
	if (orphans.length === 0) {
		return {
			binding: { entries: survivors, uncached: binding.uncached },
			affectedCapacityDriveIds: [],
			summary: `Cache drive ${failedCacheId} failed; it served no capacity drives.`
		};
	}
	if (survivors.length === 0) {
		return {
			binding: { entries: [], uncached: [...binding.uncached, ...orphans].sort((a, b) => a - b) },
			affectedCapacityDriveIds: orphans,
			summary: `Cache drive ${failedCacheId} failed and was the last one: capacity drives ${orphans.join(', ')} run uncached.`
		};
	}
	for (const id of orphans) {
		let target = survivors[0];
		for (const s of survivors) {
			if (s.capacityDriveIds.length < target.capacityDriveIds.length) target = s;
		}
		target.capacityDriveIds.push(id);
	}
	for (const s of survivors) s.capacityDriveIds.sort((a, b) => a - b);
	return {
		binding: { entries: survivors, uncached: binding.uncached },
		affectedCapacityDriveIds: orphans,
		summary: `Cache drive ${failedCacheId} failed: capacity drives ${orphans.join(', ')} rebound to cache drives ${survivors.map((s) => s.cacheDriveId).join(', ')}.`
	};
}

/** The cache drive serving a capacity drive, or undefined when it runs uncached. */
export function cacheDriveOf(binding: CacheBinding, capacityDriveId: number): number | undefined {
	return binding.entries.find((e) => e.capacityDriveIds.includes(capacityDriveId))?.cacheDriveId;
}

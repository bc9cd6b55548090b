import { describe, expect, it } from 'vitest';
import type { DriveMedia } from '../topology';
import {
	assignCache,
	bindCache,
	cacheDriveOf,
	rebindAfterCacheFailure,
	type CacheDrive
} from './cache';

/** Drives with ids from `first`, in the order of the media given. */
function server(media: readonly DriveMedia[], first = 0): CacheDrive[] {
	return media.map((m, i) => ({ id: first + i, media: m }));
}
const times = (n: number, m: DriveMedia): DriveMedia[] => Array.from({ length: n }, () => m);

describe('assignCache: the FACTS §1.7 table', () => {
	it('all NVMe: no automatic cache', () => {
		const a = assignCache(server(times(4, 'nvme')));
		expect(a.cacheMedia).toBeUndefined();
		expect(a.cacheDriveIds).toEqual([]);
		expect(a.capacityDriveIds).toEqual([0, 1, 2, 3]);
		expect(a.modeByMedia).toEqual({ nvme: 'none' });
		expect(a.problems).toEqual([]);
	});

	it('all SSD: no automatic cache', () => {
		const a = assignCache(server(times(6, 'ssd')));
		expect(a.cacheMedia).toBeUndefined();
		expect(a.modeByMedia).toEqual({ ssd: 'none' });
	});

	it('NVMe + SSD: NVMe caches writes only', () => {
		const a = assignCache(server([...times(4, 'ssd'), ...times(2, 'nvme')]));
		expect(a.cacheMedia).toBe('nvme');
		expect(a.cacheDriveIds).toEqual([4, 5]);
		expect(a.capacityDriveIds).toEqual([0, 1, 2, 3]);
		expect(a.modeByMedia).toEqual({ ssd: 'write-only' });
	});

	it('NVMe + HDD: NVMe caches reads and writes', () => {
		const a = assignCache(server([...times(2, 'nvme'), ...times(6, 'hdd')]));
		expect(a.cacheMedia).toBe('nvme');
		expect(a.modeByMedia).toEqual({ hdd: 'read-write' });
	});

	it('SSD + HDD: SSD caches reads and writes', () => {
		const a = assignCache(server([...times(2, 'ssd'), ...times(8, 'hdd')]));
		expect(a.cacheMedia).toBe('ssd');
		expect(a.cacheDriveIds).toEqual([0, 1]);
		expect(a.capacityDriveIds).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
		expect(a.modeByMedia).toEqual({ hdd: 'read-write' });
	});

	it('NVMe + SSD + HDD: NVMe is cache; read + write for HDD, write-only for SSD', () => {
		const a = assignCache(server(['hdd', 'nvme', 'ssd', 'hdd', 'nvme', 'ssd']));
		expect(a.cacheMedia).toBe('nvme');
		expect(a.cacheDriveIds).toEqual([1, 4]);
		expect(a.capacityDriveIds).toEqual([0, 2, 3, 5]);
		expect(a.modeByMedia).toEqual({ ssd: 'write-only', hdd: 'read-write' });
	});

	it('flags all-HDD and fewer than 2 cache drives (FACTS §1.5)', () => {
		expect(assignCache(server(times(4, 'hdd'))).problems[0]).toMatch(/All-HDD/);
		expect(assignCache(server(['ssd', 'hdd', 'hdd'])).problems[0]).toBe(
			'Each server needs at least 2 cache drives, this one has 1 SSD (FACTS §1.5).'
		);
	});
});

describe('bindCache: an even spread (FACTS §1.7)', () => {
	it('4 cache drives and 8 capacity drives: 2 each', () => {
		const b = bindCache([0, 1, 2, 3], [4, 5, 6, 7, 8, 9, 10, 11]);
		expect(b.entries.map((e) => e.capacityDriveIds)).toEqual([
			[4, 8],
			[5, 9],
			[6, 10],
			[7, 11]
		]);
		expect(b.uncached).toEqual([]);
	});

	it('4 cache and 9 capacity drives: counts differ by at most one', () => {
		const counts = bindCache([0, 1, 2, 3], [4, 5, 6, 7, 8, 9, 10, 11, 12]).entries.map(
			(e) => e.capacityDriveIds.length
		);
		expect(counts).toEqual([3, 2, 2, 2]);
	});

	it('1:12 is allowed', () => {
		const capacity = Array.from({ length: 12 }, (_, i) => i + 1);
		expect(bindCache([0], capacity).entries[0].capacityDriveIds).toEqual(capacity);
	});

	it('does not depend on the order ids are given in', () => {
		expect(bindCache([3, 1], [9, 5, 7, 6])).toEqual(bindCache([1, 3], [5, 6, 7, 9]));
	});

	it('without cache drives every capacity drive runs uncached', () => {
		expect(bindCache([], [2, 1])).toEqual({ entries: [], uncached: [1, 2] });
	});
});

describe('rebindAfterCacheFailure', () => {
	const before = bindCache([0, 1, 2, 3], [4, 5, 6, 7, 8, 9, 10, 11]);

	it('spreads the failed drive’s capacity drives over the others, the rest unchanged', () => {
		const r = rebindAfterCacheFailure(before, 1);
		expect(r.affectedCapacityDriveIds).toEqual([5, 9]);
		expect(r.binding.entries).toEqual([
			{ cacheDriveId: 0, capacityDriveIds: [4, 5, 8] },
			{ cacheDriveId: 2, capacityDriveIds: [6, 9, 10] },
			{ cacheDriveId: 3, capacityDriveIds: [7, 11] }
		]);
		expect(cacheDriveOf(r.binding, 9)).toBe(2);
		expect(r.summary).toBe(
			'Cache drive 1 failed: capacity drives 5, 9 rebound to cache drives 0, 2, 3.'
		);
	});

	it('leaves the input untouched', () => {
		const copy = JSON.stringify(before);
		rebindAfterCacheFailure(before, 0);
		expect(JSON.stringify(before)).toBe(copy);
	});

	it('keeps every capacity drive bound exactly once after successive failures', () => {
		let b = before;
		for (const failed of [0, 2, 3]) b = rebindAfterCacheFailure(b, failed).binding;
		expect(b.entries).toEqual([{ cacheDriveId: 1, capacityDriveIds: [4, 5, 6, 7, 8, 9, 10, 11] }]);
	});

	it('when the last cache drive fails, its capacity drives run uncached', () => {
		const r = rebindAfterCacheFailure(bindCache([0], [1, 2]), 0);
		expect(r.binding).toEqual({ entries: [], uncached: [1, 2] });
		expect(cacheDriveOf(r.binding, 1)).toBeUndefined();
		expect(r.summary).toMatch(/run uncached/);
	});

	it('ignores a drive that is not a working cache drive', () => {
		expect(rebindAfterCacheFailure(before, 42).binding).toBe(before);
	});

	it('removes a cache drive that served nothing', () => {
		const r = rebindAfterCacheFailure(bindCache([0, 1, 2], [3]), 2);
		expect(r.binding.entries.map((e) => e.cacheDriveId)).toEqual([0, 1]);
		expect(r.affectedCapacityDriveIds).toEqual([]);
	});
});

import { describe, expect, it } from 'vitest';
import { IDLE_DRIVE_IO, IDLE_VOLUME_IO, makePoolSummary } from '$lib/app/test-fixtures';
import {
	cacheModeWords,
	driveActions,
	drivesByServer,
	formatBytes,
	formatBytesBinary,
	lostSlabsText,
	poolUsage,
	repairPercent,
	repairText,
	resiliencyName,
	slabSummary,
	volumeStatus,
	type StorageDrive,
	type StorageVolume
} from './storage-view';

const drive = (
	name: string,
	server: string,
	role: StorageDrive['role'],
	media: string
): StorageDrive => ({ name, server, role, media, state: 'healthy', extents: 0, ...IDLE_DRIVE_IO });

function makeVolume(over: Partial<StorageVolume> = {}): StorageVolume {
	return {
		name: 'Infrastructure',
		resiliency: 'Three-way mirror',
		sizeBytes: 3.5e12,
		footprintBytes: 10.5e12,
		efficiency: '33.3 % (three copies)',
		health: 'Healthy',
		operational: 'OK',
		slabs: 3260,
		reducedSlabs: 0,
		lostSlabCount: 0,
		lostSlabs: [],
		repair: { state: 'none', bytesTotal: 0, bytesDone: 0, startsAtMs: null },
		...IDLE_VOLUME_IO,
		...over
	};
}

describe('formatBytes', () => {
	it('uses decimal units with three significant digits', () => {
		expect(formatBytes(0)).toBe('0 B');
		expect(formatBytes(999)).toBe('999 B');
		expect(formatBytes(1500)).toBe('1.5 KB');
		expect(formatBytes(960e9)).toBe('960 GB');
		expect(formatBytes(3.84e12)).toBe('3.84 TB');
		expect(formatBytes(64e12)).toBe('64 TB');
		expect(formatBytes(10.5e12)).toBe('10.5 TB');
		expect(formatBytes(123_456_789_012)).toBe('123 GB');
	});

	it('moves up a unit when rounding reaches 1000', () => {
		expect(formatBytes(999.7e9)).toBe('1 TB');
		expect(formatBytes(999_999)).toBe('1 MB');
	});

	it('stays in PB past the last unit and reads bad input as 0 B', () => {
		expect(formatBytes(2.5e18)).toBe('2500 PB');
		expect(formatBytes(-5)).toBe('0 B');
		expect(formatBytes(Number.NaN)).toBe('0 B');
	});

	it('has a binary form as Windows shows sizes', () => {
		expect(formatBytesBinary(2e12)).toBe('1.82 TiB');
		expect(formatBytesBinary(1024 ** 3)).toBe('1 GiB');
	});
});

describe('cacheModeWords', () => {
	const hybrid = [
		drive('N1 cache 1', 'N1', 'cache', 'ssd'),
		drive('N1 capacity 1', 'N1', 'capacity', 'hdd')
	];
	const cache = (mode: 'read-write' | 'write-only' | 'none', server = 'N1') => ({
		server,
		mode,
		bindings: [],
		uncached: []
	});

	it('names the media of the cache and capacity drives', () => {
		expect(cacheModeWords(cache('read-write'), hybrid)).toBe('SSD caches reads and writes for HDD');
		const nvme = [drive('a', 'N1', 'cache', 'nvme'), drive('b', 'N1', 'capacity', 'hdd')];
		expect(cacheModeWords(cache('read-write'), nvme)).toBe('NVMe caches reads and writes for HDD');
		const flash = [drive('a', 'N1', 'cache', 'nvme'), drive('b', 'N1', 'capacity', 'ssd')];
		expect(cacheModeWords(cache('write-only'), flash)).toMatch(/^NVMe caches writes only for SSD/);
	});

	it('says all-flash, no cache for a single flash type', () => {
		const flash = [drive('a', 'N1', 'capacity', 'ssd'), drive('b', 'N1', 'capacity', 'nvme')];
		expect(cacheModeWords(cache('none'), flash)).toBe('all-flash, no cache');
	});

	it("uses only the server's own drives", () => {
		expect(cacheModeWords(cache('read-write', 'N2'), hybrid)).toBe(
			'SSD caches reads and writes for HDD'
		);
		const other = [drive('a', 'N1', 'cache', 'nvme'), drive('b', 'N2', 'capacity', 'ssd')];
		expect(cacheModeWords(cache('none', 'N1'), other)).toBe('no cache');
	});
});

describe('volumes', () => {
	it('words status and slabs', () => {
		const v = makeVolume({ health: 'Warning', operational: 'Degraded', reducedSlabs: 412 });
		expect(volumeStatus(v)).toBe('Warning · Degraded');
		expect(slabSummary(v)).toBe('3260 total · 412 reduced · 0 lost');
	});

	it('spells out a resiliency type id and keeps a label', () => {
		expect(resiliencyName('three-way-mirror')).toBe('Three-way mirror');
		expect(resiliencyName('mirror-accelerated-parity')).toBe('Mirror-accelerated parity');
		expect(resiliencyName('Three-way mirror')).toBe('Three-way mirror');
		expect(resiliencyName('toString')).toBe('toString');
	});

	it('names lost slabs and counts the ones not named', () => {
		expect(lostSlabsText(makeVolume())).toBeNull();
		expect(lostSlabsText(makeVolume({ lostSlabCount: 1, lostSlabs: [7] }))).toBe(
			'lost every copy: slab 7'
		);
		expect(lostSlabsText(makeVolume({ lostSlabCount: 2, lostSlabs: [12, 57] }))).toBe(
			'lost every copy: slabs 12, 57'
		);
		expect(lostSlabsText(makeVolume({ lostSlabCount: 25, lostSlabs: [12, 57] }))).toBe(
			'lost every copy: slabs 12, 57, … and 23 more'
		);
		expect(lostSlabsText(makeVolume({ lostSlabCount: 3, lostSlabs: [] }))).toBe(
			'lost every copy: 3 slabs'
		);
	});

	it('gives the repair share done and its words per state', () => {
		const running = {
			state: 'running',
			bytesTotal: 120e9,
			bytesDone: 30e9,
			startsAtMs: null
		} as const;
		expect(repairPercent(running)).toBe(25);
		expect(repairText(running)).toBe('30 GB of 120 GB copied');
		expect(repairPercent({ ...running, bytesDone: 119.9e9 })).toBe(99);
		expect(repairPercent({ ...running, bytesTotal: 0 })).toBe(0);
		expect(repairPercent({ ...running, state: 'done', bytesTotal: 0 })).toBe(100);
		expect(repairText({ ...running, state: 'done', bytesDone: 120e9 })).toBe('Done: 120 GB copied');
		expect(repairText({ ...running, state: 'waiting', startsAtMs: 300_000 })).toBe(
			'Waiting until 00:05:00.000, when the missing drive is retired'
		);
		expect(repairText({ ...running, state: 'waiting' })).toBe('Waiting to start');
		expect(repairText({ ...running, state: 'none' })).toBe('No repair');
	});
});

describe('drives', () => {
	it('offers fail and pull to working drives, restore to failed or pulled, none to retired', () => {
		expect(driveActions('healthy')).toEqual(['fail', 'pull']);
		expect(driveActions('unreachable')).toEqual(['fail', 'pull']);
		expect(driveActions('failed')).toEqual(['restore']);
		expect(driveActions('pulled')).toEqual(['restore']);
		expect(driveActions('retired')).toEqual([]);
	});

	it('groups drives by server, keeping their view index', () => {
		const drives = [
			drive('A c1', 'A', 'cache', 'ssd'),
			drive('B c1', 'B', 'cache', 'ssd'),
			drive('A h1', 'A', 'capacity', 'hdd')
		];
		const groups = drivesByServer(drives);
		expect(groups.map((g) => g.server)).toEqual(['A', 'B']);
		expect(groups[0].drives.map((d) => [d.drive.name, d.index])).toEqual([
			['A c1', 0],
			['A h1', 2]
		]);
		expect(groups[1].drives.map((d) => d.index)).toEqual([1]);
	});
});

describe('poolUsage', () => {
	const pool = {
		capacityDrives: 16,
		rawBytes: 64e12,
		allocatedBytes: 13.5e12,
		reserveBytes: 16e12,
		summary: makePoolSummary({
			allocatedBytes: 13.5e12,
			volumeNames: ['Infrastructure', 'VmTemp']
		}),
		quorum: { hasQuorum: true, explanation: '' },
		clusterQuorum: { up: true, explanation: '' },
		cache: []
	};

	it('gives free bytes, the allocated share and whether the reserve fits', () => {
		expect(poolUsage(pool)).toEqual({
			freeBytes: 50.5e12,
			allocatedPercent: 21,
			reserveCovered: true
		});
		expect(poolUsage({ ...pool, allocatedBytes: 50e12 }).reserveCovered).toBe(false);
		expect(poolUsage({ ...pool, rawBytes: 0, allocatedBytes: 0 })).toEqual({
			freeBytes: 0,
			allocatedPercent: 0,
			reserveCovered: false
		});
	});
});

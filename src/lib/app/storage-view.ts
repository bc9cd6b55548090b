/**
 * Pure helpers for the Storage panel (Storage Spaces Direct): sizes in human units, the cache
 * mode, volume and drive states and the repair in words, and which drive controls apply. No DOM,
 * so they are unit-tested without rendering.
 */
import type { HealthName } from '$lib/sim/health';
import type { ResiliencyType } from '$lib/sim/storage/resiliency';
import type { DriveMedia } from '$lib/sim/topology';
import { STORAGE_INVARIANTS } from '$lib/sim/invariants/storage';
import type { InvariantResult, StorageView } from '$lib/worker/protocol';
import { formatMedia, formatSimTime } from './format';

export type { InvariantResult, StorageView };

/** Names of the invariants the storage model checks (shown in the Storage panel). */
export const STORAGE_INVARIANT_NAMES: readonly string[] = Object.values(STORAGE_INVARIANTS).map(
	(i) => i.name
);

/** The storage invariants among all of a run's. */
export const storageInvariants = (all: readonly InvariantResult[]): InvariantResult[] =>
	all.filter((i) => STORAGE_INVARIANT_NAMES.includes(i.name));

export type StoragePool = StorageView['pool'];
export type StorageCache = StoragePool['cache'][number];
export type CacheMode = StorageCache['mode'];
export type StorageVolume = StorageView['volumes'][number];
export type VolumeHealth = StorageVolume['health'];
export type VolumeRepair = StorageVolume['repair'];
export type StorageDrive = StorageView['drives'][number];
export type DriveState = StorageDrive['state'];

const DECIMAL_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'] as const;
const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

function formatScaled(bytes: number, base: number, units: readonly string[]): string {
	let value = Number.isFinite(bytes) ? Math.max(0, bytes) : 0;
	let unit = 0;
	while (unit < units.length - 1 && value >= base) {
		value /= base;
		unit++;
	}
	if (unit === 0) return `${Math.round(value)} B`;
	// Three significant digits; 999.7 GB rounds up to "1 TB", not "1000 GB".
	let shown = value >= 1000 ? Math.round(value) : Number(value.toPrecision(3));
	if (shown >= base && unit < units.length - 1) {
		shown = Number((shown / base).toPrecision(3));
		unit++;
	}
	return `${shown} ${units[unit]}`;
}

/**
 * Bytes in decimal units with three significant digits, as drive vendors and Azure Stack Hub's
 * capacity planning count them: `960 GB`, `3.84 TB`, `64 TB`. Negative or non-finite input
 * reads as 0 B.
 */
export function formatBytes(bytes: number): string {
	return formatScaled(bytes, 1000, DECIMAL_UNITS);
}

/**
 * Bytes in binary units as Windows shows them (FACTS §1.8: a 2 TB drive appears as ≈1.82 TiB),
 * for the "as Windows shows it" hint next to a decimal size.
 */
export function formatBytesBinary(bytes: number): string {
	return formatScaled(bytes, 1024, BINARY_UNITS);
}

/** A drive's media type in words (`hdd` → `HDD`); unknown types are shown upper-cased. */
export function mediaName(media: string): string {
	return formatMedia(media as DriveMedia);
}

const FLASH = new Set(['nvme', 'ssd']);

/**
 * What a server's cache does, in words (FACTS §1.7): read-write caches HDD capacity, write-only
 * caches flash capacity, none means all-flash without a cache. The media come from the server's
 * drives when the view lists them.
 */
export function cacheModeWords(cache: StorageCache, drives: readonly StorageDrive[]): string {
	const own = drives.filter((d) => d.server === cache.server);
	const mediaOf = (role: StorageDrive['role'], fallback: string) => {
		const media = own.find((d) => d.role === role)?.media;
		return media ? mediaName(media) : fallback;
	};
	const capacity = own.filter((d) => d.role === 'capacity');
	switch (cache.mode) {
		case 'read-write':
			return `${mediaOf('cache', 'SSD')} caches reads and writes for ${mediaOf('capacity', 'HDD')}`;
		case 'write-only':
			return `${mediaOf('cache', 'NVMe')} caches writes only for ${mediaOf('capacity', 'SSD')} (flash is fast to read)`;
		case 'none':
			return capacity.length > 0 && capacity.every((d) => FLASH.has(d.media))
				? 'all-flash, no cache'
				: 'no cache';
	}
}

/** Resiliency type ids (sim/storage/resiliency.ts) as the documentation writes them (FACTS §1.1). */
const RESILIENCY_LABELS: Readonly<Record<ResiliencyType, string>> = {
	'two-way-mirror': 'Two-way mirror',
	'three-way-mirror': 'Three-way mirror',
	'single-parity': 'Single parity',
	'dual-parity': 'Dual parity',
	'mirror-accelerated-parity': 'Mirror-accelerated parity'
};

/**
 * A resiliency in words: a type id ("three-way-mirror") becomes its label ("Three-way mirror");
 * anything else is shown as the view gives it, so the panel reads the same whichever it carries.
 */
export function resiliencyName(resiliency: string): string {
	return Object.hasOwn(RESILIENCY_LABELS, resiliency)
		? RESILIENCY_LABELS[resiliency as ResiliencyType]
		: resiliency;
}

/** The health palette entry that shows a volume's health (Unknown = offline, drawn dimmed). */
export const VOLUME_HEALTH: Readonly<Record<VolumeHealth, HealthName>> = {
	Healthy: 'healthy',
	Warning: 'warning',
	Unhealthy: 'failed',
	Unknown: 'unreachable'
};

/** A volume's state as Get-VirtualDisk words it, e.g. "Warning · Degraded" (FACTS §1.9). */
export function volumeStatus(volume: StorageVolume): string {
	return `${volume.health} · ${volume.operational}`;
}

/** A volume's slabs and how many miss a copy (still readable) or lost every copy. */
export function slabSummary(volume: StorageVolume): string {
	return `${volume.slabs} total · ${volume.reducedSlabs} reduced · ${volume.lostSlabCount} lost`;
}

/**
 * The line that names a volume's lost slabs, e.g. "lost every copy: slabs 12, 57, … and 3 more",
 * or null when none is lost. The view names at most 20; the rest are counted.
 */
export function lostSlabsText(volume: StorageVolume): string | null {
	const count = volume.lostSlabCount;
	if (count <= 0) return null;
	const named = volume.lostSlabs.slice(0, count);
	if (named.length === 0) return `lost every copy: ${count} ${count === 1 ? 'slab' : 'slabs'}`;
	const more = count - named.length;
	const list = named.join(', ');
	const noun = count === 1 ? 'slab' : 'slabs';
	return more > 0
		? `lost every copy: ${noun} ${list}, … and ${more} more`
		: `lost every copy: ${noun} ${list}`;
}

/** Share of a repair done, as a whole percentage 0–100 (100 when there was nothing to copy). */
export function repairPercent(repair: VolumeRepair): number {
	if (repair.bytesTotal <= 0) return repair.state === 'done' ? 100 : 0;
	const pct = Math.floor((repair.bytesDone / repair.bytesTotal) * 100);
	return Math.min(100, Math.max(0, pct));
}

/** A repair in words: when a waiting one starts, how far a running one is, what a done one did. */
export function repairText(repair: VolumeRepair): string {
	switch (repair.state) {
		case 'none':
			return 'No repair';
		case 'waiting':
			return repair.startsAtMs === null
				? 'Waiting to start'
				: `Waiting until ${formatSimTime(repair.startsAtMs)}, when the missing drive is retired`;
		case 'running':
			return `${formatBytes(repair.bytesDone)} of ${formatBytes(repair.bytesTotal)} copied`;
		case 'done':
			return `Done: ${formatBytes(repair.bytesTotal)} copied`;
	}
}

/** Drive states in words (FACTS §1.9: a pulled drive shows as Lost communication). */
export const DRIVE_STATE_WORDS: Readonly<Record<DriveState, string>> = {
	healthy: 'Healthy',
	failed: 'Failed',
	pulled: 'Pulled (lost communication)',
	retired: 'Retired (out of the pool)',
	unreachable: 'Unreachable (server down)'
};

/** The health palette entry that shows a drive's state. */
export const DRIVE_HEALTH: Readonly<Record<DriveState, HealthName>> = {
	healthy: 'healthy',
	failed: 'failed',
	pulled: 'warning',
	retired: 'maintenance',
	unreachable: 'unreachable'
};

export type DriveAction = 'fail' | 'pull' | 'restore';

/**
 * The controls a drive offers: a working (or unreachable) drive can be failed or pulled, a failed
 * or pulled one restored; a retired drive has left the pool and offers none.
 */
export function driveActions(state: DriveState): DriveAction[] {
	switch (state) {
		case 'healthy':
		case 'unreachable':
			return ['fail', 'pull'];
		case 'failed':
		case 'pulled':
			return ['restore'];
		case 'retired':
			return [];
	}
}

/** Drives grouped by server in view order, each with its index in `StorageView.drives`. */
export function drivesByServer(
	drives: readonly StorageDrive[]
): { server: string; drives: { drive: StorageDrive; index: number }[] }[] {
	const groups: { server: string; drives: { drive: StorageDrive; index: number }[] }[] = [];
	drives.forEach((drive, index) => {
		let group = groups.find((g) => g.server === drive.server);
		if (!group) {
			group = { server: drive.server, drives: [] };
			groups.push(group);
		}
		group.drives.push({ drive, index });
	});
	return groups;
}

/** The pool's free bytes, allocated share (whole %), and whether free space covers the reserve. */
export function poolUsage(pool: StoragePool): {
	freeBytes: number;
	allocatedPercent: number;
	reserveCovered: boolean;
} {
	const freeBytes = Math.max(0, pool.rawBytes - pool.allocatedBytes);
	const allocatedPercent =
		pool.rawBytes > 0 ? Math.round((pool.allocatedBytes / pool.rawBytes) * 100) : 0;
	return { freeBytes, allocatedPercent, reserveCovered: freeBytes >= pool.reserveBytes };
}

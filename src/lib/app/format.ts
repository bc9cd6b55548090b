/**
 * Text formatting for the UI: simulated time, speeds, sizes and log entries. Pure functions, so
 * the panels and the announcements word things the same way.
 */
import type { DriveMedia } from '$lib/sim/topology';
import type { LogEntry } from '$lib/sim/kernel/types';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Formats simulated milliseconds as `HH:MM:SS.mmm` (hours grow past 99 rather than wrap).
 * Rounds to the nearest millisecond: frame times are floats and 999.9999 should read as 1 s.
 */
export function formatSimTime(ms: number): string {
	const total = Number.isFinite(ms) ? Math.max(0, Math.round(ms)) : 0;
	const millis = total % 1000;
	const seconds = Math.floor(total / 1000) % 60;
	const minutes = Math.floor(total / 60_000) % 60;
	const hours = Math.floor(total / 3_600_000);
	return `${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(millis, 3)}`;
}

/**
 * Simulated time to the microsecond, HH:MM:SS.mmmuuu, for packet slow motion where a whole hop
 * lasts a few µs.
 */
export function formatSimTimeFine(ms: number): string {
	const us = Number.isFinite(ms) ? Math.max(0, Math.round(ms * 1000)) : 0;
	return `${formatSimTime(Math.floor(us / 1000))}${pad(us % 1000, 3)}`;
}

/** A short spoken/readable form of simulated time, e.g. "1 min 23.456 s" (for aria-valuetext). */
export function describeSimTime(ms: number): string {
	const total = Number.isFinite(ms) ? Math.max(0, Math.round(ms)) : 0;
	const minutes = Math.floor(total / 60_000);
	const seconds = (total % 60_000) / 1000;
	const s = `${Number(seconds.toFixed(3))} s`;
	return minutes > 0 ? `${minutes} min ${s}` : s;
}

/** Formats a playback speed as a multiplier, e.g. `0.25×`, `1000×`. */
export function formatSpeed(speed: number): string {
	return `${Number(speed.toPrecision(3))}×`;
}

/** Formats a drive size given in GB (decimal, as drive vendors do), e.g. `960 GB`, `3.84 TB`. */
export function formatSizeGB(sizeGB: number): string {
	if (sizeGB >= 1000) return `${Number((sizeGB / 1000).toFixed(2))} TB`;
	return `${Number(sizeGB.toFixed(1))} GB`;
}

const MEDIA_NAMES: Record<DriveMedia, string> = { nvme: 'NVMe', ssd: 'SSD', hdd: 'HDD' };

/** Display name of a drive's media type. */
export function formatMedia(media: DriveMedia): string {
	return MEDIA_NAMES[media] ?? media.toUpperCase();
}

/** The kind of a log entry type: the part before the first dot (`heartbeat.send` → `heartbeat`). */
export function entryKind(type: string): string {
	const dot = type.indexOf('.');
	return dot < 0 ? type : type.slice(0, dot);
}

/** Log entry fields whose values name an object (a display name such as "Node02"). */
export const OBJECT_FIELDS: readonly string[] = ['node', 'peer', 'from', 'to', 'drive', 'switch'];

/**
 * The display name in an object field. Logged inputs name their server by index (`node: 1`, as
 * the input was given); everything else by name. `nodeNames` maps indices to names.
 */
function objectValue(
	field: string,
	value: LogEntry[string],
	nodeNames: readonly string[]
): string | null {
	if (typeof value === 'string') return value;
	if (field === 'node' && typeof value === 'number') return nodeNames[value] ?? null;
	return null;
}

/** Names of the objects a log entry mentions, in OBJECT_FIELDS order, without duplicates. */
export function entryObjects(entry: LogEntry, nodeNames: readonly string[] = []): string[] {
	const names: string[] = [];
	for (const field of OBJECT_FIELDS) {
		const name = objectValue(field, entry[field], nodeNames);
		if (name !== null && !names.includes(name)) names.push(name);
	}
	return names;
}

/** The fields of a log entry other than time, type and the input marker, as `key value` pairs. */
export function entryFields(
	entry: LogEntry,
	nodeNames: readonly string[] = []
): { key: string; value: string }[] {
	return Object.entries(entry)
		.filter(([key]) => key !== 't' && key !== 'type' && key !== 'input')
		.map(([key, value]) => ({
			key,
			value: OBJECT_FIELDS.includes(key)
				? (objectValue(key, value, nodeNames) ?? String(value))
				: String(value)
		}));
}

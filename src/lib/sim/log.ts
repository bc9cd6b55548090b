/**
 * The event log: queries for the log panel and JSON-lines export. Logs reach about a million
 * entries, so queries never copy the log: one pass from the end, keeping only the page.
 */
import type { LogEntry } from './kernel/types';

/**
 * A log query. Same shape as LogQuery in worker/protocol.ts, declared here because sim/ must not
 * import from worker/ (the worker's type is structurally identical, so either can be passed).
 */
export interface LogQuery {
	/** Entry kinds to include (the part of `type` before the first dot); all when empty. */
	kinds?: string[];
	/** Only entries that name this object (a node, drive or switch name). */
	object?: string;
	/** At most this many entries, the latest ones (default 200). */
	limit?: number;
}

/** One page of the log (same shape as LogPage in worker/protocol.ts). */
export interface LogPage {
	/** Entries in the whole log. */
	total: number;
	/** Entries matching the query. */
	matched: number;
	/** The latest `limit` matching entries, oldest first, each with its index in the whole log. */
	entries: { index: number; entry: LogEntry }[];
	/** Every kind present in the log, sorted. */
	kinds: string[];
}

/** Log entry fields that name an object (by display name); an object filter looks at these. */
export const LOG_OBJECT_FIELDS = ['node', 'peer', 'from', 'to', 'drive', 'switch', 'vm'] as const;

/** Entries per page when a query names no limit. */
export const DEFAULT_LOG_LIMIT = 200;

/** An entry's kind: the part of its type before the first dot (`heartbeat.send` → `heartbeat`). */
export function logKind(type: string): string {
	const dot = type.indexOf('.');
	return dot === -1 ? type : type.slice(0, dot);
}

export interface QueryLogOptions {
	/**
	 * Display names of the nodes by index. Input entries are logged by the engine as the input was
	 * given, with a node index (`{"type":"node.fail","node":1,"input":true}`); with the names an
	 * object filter for "Node02" finds them too.
	 */
	nodeNames?: readonly string[];
}

/** Kinds seen per log array, extended incrementally as the log grows. */
interface KindIndex {
	scanned: number;
	/** The entry at `scanned - 1`, to notice a log that was cut back and regrown. */
	last: LogEntry | undefined;
	kinds: Set<string>;
}
const kindIndexes = new WeakMap<readonly LogEntry[], KindIndex>();

/** Every kind present in the log, sorted; amortised O(new entries) per call. */
export function logKinds(log: readonly LogEntry[]): string[] {
	let index = kindIndexes.get(log);
	if (
		!index ||
		index.scanned > log.length ||
		(index.scanned > 0 && log[index.scanned - 1] !== index.last)
	) {
		index = { scanned: 0, last: undefined, kinds: new Set() };
		kindIndexes.set(log, index);
	}
	let lastType = '';
	for (let i = index.scanned; i < log.length; i++) {
		const type = log[i].type;
		if (type !== lastType) {
			index.kinds.add(logKind(type));
			lastType = type;
		}
	}
	index.scanned = log.length;
	index.last = log[log.length - 1];
	return [...index.kinds].sort();
}

/** True if `entry` names the object `name` in one of LOG_OBJECT_FIELDS. */
function namesObject(entry: LogEntry, name: string, nodeNames: readonly string[] | undefined) {
	for (const key of LOG_OBJECT_FIELDS) {
		const value = entry[key];
		if (value === name) return true;
		if (
			key === 'node' &&
			nodeNames &&
			entry.input === true &&
			typeof value === 'number' &&
			nodeNames[value] === name
		) {
			return true;
		}
	}
	return false;
}

/**
 * One page of the log: the latest `limit` entries matching the query, oldest first, each with its
 * index in the whole log; plus the number of matches and every kind present.
 */
export function queryLog(
	log: readonly LogEntry[],
	query: LogQuery = {},
	options: QueryLogOptions = {}
): LogPage {
	const requested = query.limit ?? DEFAULT_LOG_LIMIT;
	const limit = Number.isFinite(requested) ? Math.max(0, Math.floor(requested)) : DEFAULT_LOG_LIMIT;
	const kinds = query.kinds?.length ? new Set(query.kinds) : undefined;
	const object = query.object || undefined;
	const total = log.length;
	const entries: LogPage['entries'] = [];
	let matched: number;

	if (!kinds && object === undefined) {
		matched = total;
		for (let i = Math.max(0, total - limit); i < total; i++)
			entries.push({ index: i, entry: log[i] });
	} else {
		matched = 0;
		// Kinds of recent types, so a long run of one type costs one lookup.
		const kindOfType = new Map<string, boolean>();
		for (let i = total - 1; i >= 0; i--) {
			const entry = log[i];
			if (kinds) {
				let ok = kindOfType.get(entry.type);
				if (ok === undefined) {
					ok = kinds.has(logKind(entry.type));
					kindOfType.set(entry.type, ok);
				}
				if (!ok) continue;
			}
			if (object !== undefined && !namesObject(entry, object, options.nodeNames)) continue;
			matched++;
			if (entries.length < limit) entries.push({ index: i, entry });
		}
		entries.reverse();
	}
	return { total, matched, entries, kinds: logKinds(log) };
}

/** Entries `start` (inclusive) to `end` (exclusive) as JSON lines, each ending in a newline. */
export function toJsonLines(entries: readonly LogEntry[], start = 0, end = entries.length): string {
	let out = '';
	for (let i = Math.max(0, start); i < Math.min(end, entries.length); i++) {
		out += JSON.stringify(entries[i]) + '\n';
	}
	return out;
}

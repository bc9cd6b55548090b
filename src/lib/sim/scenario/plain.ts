/**
 * Copies untrusted input into plain JSON data before anything else reads it. The copy has only
 * own enumerable fields (a `__proto__` key stays an ordinary field and cannot reach a prototype),
 * no getters, no cycles and bounded size, so the schema and the upgraders work on safe data.
 */
import { MAX_INPUTS } from './defaults';
import { formatPath, show } from './messages';

/** Deepest nesting accepted. Choice: a v1 scenario is 7 levels deep (tenants[0].virtualNetworks[0].subnets[0].vsid); later versions stay well under. */
export const MAX_DEPTH = 32;
/** Longest list accepted (the inputs list is the longest one in a scenario). */
export const MAX_LIST_ITEMS = MAX_INPUTS;
/** Most values (objects, lists, numbers, strings...) in one scenario. Choice: bounds work on hostile files. */
export const MAX_VALUES = 200_000;

export type PlainResult = { ok: true; value: unknown } | { ok: false; errors: string[] };

class PlainError extends Error {}

function define(target: Record<string, unknown>, key: string, value: unknown): void {
	Object.defineProperty(target, key, {
		value,
		enumerable: true,
		writable: true,
		configurable: true
	});
}

/** Returns a plain-data copy of `input`, or one message saying why it is not plain JSON data. */
export function toPlainData(input: unknown, root: string): PlainResult {
	let values = 0;
	const copy = (value: unknown, keys: (string | number)[]): unknown => {
		if (++values > MAX_VALUES) {
			throw new PlainError(`${root}: more than ${MAX_VALUES} values; a scenario is far smaller`);
		}
		if (value === null || typeof value !== 'object') {
			if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
				throw new PlainError(`${formatPath(keys, root)}: not JSON data, got ${show(value)}`);
			}
			return value;
		}
		if (keys.length >= MAX_DEPTH) {
			throw new PlainError(`${formatPath(keys, root)}: nested more than ${MAX_DEPTH} levels deep`);
		}
		if (Array.isArray(value)) {
			if (value.length > MAX_LIST_ITEMS) {
				throw new PlainError(
					`${formatPath(keys, root)}: a list of ${value.length} items is longer than this build reads (${MAX_LIST_ITEMS})`
				);
			}
			const out: unknown[] = [];
			for (let i = 0; i < value.length; i++) {
				const item = copy(value[i], [...keys, i]);
				out.push(item === undefined ? null : item);
			}
			return out;
		}
		const proto = Object.getPrototypeOf(value);
		if (proto !== Object.prototype && proto !== null) {
			throw new PlainError(`${formatPath(keys, root)}: not JSON data (an object of a class)`);
		}
		const out: Record<string, unknown> = {};
		for (const key of Object.keys(value)) {
			const item = copy((value as Record<string, unknown>)[key], [...keys, key]);
			if (item !== undefined) define(out, key, item);
		}
		return out;
	};
	try {
		return { ok: true, value: copy(input, []) };
	} catch (error) {
		if (error instanceof PlainError) return { ok: false, errors: [error.message] };
		// Getters that throw, revoked proxies, stack exhaustion: still a message, never a throw.
		const reason = error instanceof Error ? error.message : String(error);
		return { ok: false, errors: [`${root}: could not be read (${reason})`] };
	}
}

/** True for a plain object (not null, not a list). */
export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own field of a plain record, never an inherited one. */
export function field(record: unknown, key: string): unknown {
	if (!isRecord(record) || !Object.prototype.hasOwnProperty.call(record, key)) return undefined;
	return record[key];
}

/**
 * Small helpers the cross-field checks share (checks.ts, checks-tenants.ts, checks-slb.ts). They
 * read the plain, not yet validated document defensively: any value may have any type.
 */
import { closest, show } from './messages';

export const isInt = (x: unknown, min: number, max: number): x is number =>
	typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max;

/** A field's value if valid, its default if missing, or `undefined` if invalid. */
export function valid<T>(value: unknown, ok: (x: unknown) => x is T, fallback: T): T | undefined {
	if (value === undefined) return fallback;
	return ok(value) ? value : undefined;
}

/** The value if it is a list, else an empty list (a wrong type is the schema's to report). */
export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** A missing optional list counts as an empty one; anything else but a list is unreadable. */
export const isListOrNone = (value: unknown): boolean =>
	value === undefined || Array.isArray(value);

export const quoted = (names: Iterable<string>): string =>
	[...names].map((n) => `"${n}"`).join(', ');

/** Most known names listed after a failed reference. */
export const MAX_LISTED_NAMES = 8;

/** `no <kind> named "x" <where>` with a "did you mean" or the known names. */
export function noSuch(kind: string, name: string, where: string, known: Iterable<string>): string {
	const all = [...known];
	const guess = closest(name, all);
	let tail = '';
	if (guess !== undefined) tail = `, did you mean "${guess}"?`;
	else if (all.length === 0) tail = ' (there are none)';
	else if (all.length <= MAX_LISTED_NAMES) tail = ` (known: ${quoted(all)})`;
	return `no ${kind} named ${show(name)} ${where}${tail}`;
}

/**
 * Records `key` for the entry at `at`; if an earlier entry has it, reports `<at><suffix>: <what>,
 * got <shown> again (also <first entry>)` and returns false.
 */
export function firstOf(
	seen: Map<string, string>,
	key: string,
	at: string,
	suffix: string,
	what: string,
	errors: string[],
	shown: string = show(key)
): boolean {
	const first = seen.get(key);
	if (first !== undefined) {
		errors.push(`${at}${suffix}: ${what}, got ${shown} again (also ${first})`);
		return false;
	}
	seen.set(key, at);
	return true;
}

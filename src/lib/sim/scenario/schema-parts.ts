/**
 * Building blocks shared by the scenario schemas (schema.ts, schema-tenants.ts): numbers and
 * picklists whose every failure gives one `<rule>, got <value>` message, and strict objects that
 * name unknown and missing fields.
 */
import * as v from 'valibot';
import { MAX_DURATION_MS } from './defaults';
import { closest, show } from './messages';

export type Issue = v.BaseIssue<unknown>;

/** A message function: `<rule>, got <value>`. */
export const got =
	(rule: string) =>
	(issue: Issue): string =>
		`${rule}, got ${show(issue.input)}`;

/** A whole number in [min, max]; every failure (wrong type, fraction, range) gives `rule`. */
export function intIn(min: number, max: number, rule: string | ((issue: Issue) => string)) {
	const message = typeof rule === 'string' ? got(rule) : rule;
	return v.pipe(
		v.number(message),
		v.check((n: number) => Number.isInteger(n) && n >= min && n <= max, message)
	);
}

/** A finite number in [min, max], fractions allowed (simulated time is fractional ms). */
export function numberIn(min: number, max: number, rule: string) {
	const message = got(rule);
	return v.pipe(
		v.number(message),
		v.check((n: number) => Number.isFinite(n) && n >= min && n <= max, message)
	);
}

/** One of a fixed set of strings. */
export function oneOf<const T extends readonly [string, ...string[]]>(options: T, rule: string) {
	return v.picklist(options, got(rule));
}

/** A string for which `problem` returns undefined; otherwise its message (for any input). */
export function textWhere(problem: (text: string) => string | undefined, fallback: string) {
	const message = (issue: Issue): string =>
		typeof issue.input === 'string'
			? (problem(issue.input) ?? `${fallback}, got ${show(issue.input)}`)
			: `${fallback}, got ${show(issue.input)}`;
	return v.pipe(
		v.string(message),
		v.check((s: string) => problem(s) === undefined, message)
	);
}

/**
 * A strict object whose messages name the problem: an unknown field (with a "did you mean" when
 * it looks like a typo), a missing field (with `hints[field]` saying what belongs there), or a
 * value that is not an object at all.
 */
export function strict<const E extends v.ObjectEntries>(
	entries: E,
	what: string,
	hints: Partial<Record<keyof E & string, string>> = {}
) {
	const fields = Object.keys(entries);
	return v.strictObject(entries, (issue) => {
		const last = issue.path?.[issue.path.length - 1];
		if (issue.expected === 'never') {
			const key = String(issue.input);
			const guess = closest(key, fields);
			const suggestion = guess ? `, did you mean "${guess}"?` : '';
			return `unknown field${suggestion} (fields here: ${fields.join(', ')})`;
		}
		if (last && last.origin === 'key') {
			const hint = (hints as Record<string, string | undefined>)[String(last.key)];
			return hint ? `missing; ${hint}` : 'missing (required)';
		}
		return `expected ${what}, got ${show(issue.input)}`;
	});
}

/** A list of at most `max` items, each checked by `item`: `<listRule>` / `<maxRule>` messages. */
export function listOf<const S extends v.GenericSchema>(
	item: S,
	listRule: string,
	max: number,
	maxRule: string
) {
	const tooLong = (issue: Issue): string =>
		`${maxRule}, got ${Array.isArray(issue.input) ? issue.input.length : show(issue.input)}`;
	return v.pipe(v.array(item, got(listRule)), v.maxLength(max, tooLong));
}

export const NODE_INDEX_RULE = 'a server index is a whole number from 0 (Node01)';

/** A server index; whether the server exists depends on topology.nodes (checks.ts). */
export const nodeIndex = v.pipe(
	v.number(got(NODE_INDEX_RULE)),
	v.check((n: number) => Number.isInteger(n) && n >= 0, got(NODE_INDEX_RULE))
);

/** The `t` of every input. */
export const inputTime = numberIn(
	0,
	MAX_DURATION_MS,
	`a time in simulated ms from 0 to ${MAX_DURATION_MS}`
);

/** Hints for missing fields shared by the input variants. */
export const inputHints = { t: 'the simulated time in ms at which the input applies' };

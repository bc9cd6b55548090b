/**
 * Building blocks of the messages a scenario author reads: `<field path>: <rule>, got <value>`.
 * Paths use dots for fields and brackets for list items (`inputs[2].node`).
 */

/** Longest quoted string shown in a message, in characters. */
const SHOW_MAX_CHARS = 40;

/** Most messages returned for one scenario; the rest are counted in a final line. */
export const MAX_MESSAGES = 50;

/** A short, safe description of any value for "got ..." (never throws, never recurses). */
export function show(value: unknown): string {
	switch (typeof value) {
		case 'string': {
			const cut = value.length > SHOW_MAX_CHARS ? value.slice(0, SHOW_MAX_CHARS) + '…' : value;
			return JSON.stringify(cut);
		}
		case 'number':
			return Object.is(value, -0) ? '0' : String(value);
		case 'boolean':
			return String(value);
		case 'undefined':
			return 'nothing';
		case 'bigint':
			return `${value}n`;
		case 'object':
			if (value === null) return 'null';
			return Array.isArray(value) ? 'a list' : 'an object';
		default:
			return `a ${typeof value}`;
	}
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Appends one key to a path: `a` + `b` = `a.b`, `a` + 2 = `a[2]`, odd keys are quoted. */
export function joinPath(path: string, key: string | number): string {
	if (typeof key === 'number') return `${path}[${key}]`;
	if (!IDENTIFIER.test(key)) return `${path}[${JSON.stringify(key)}]`;
	return path === '' ? key : `${path}.${key}`;
}

/** Turns a list of keys into a display path; the empty path is `root`. */
export function formatPath(keys: readonly (string | number)[], root: string): string {
	let path = '';
	for (const key of keys) path = joinPath(path, key);
	if (path === '') return root;
	return path.startsWith('[') ? root + path : path;
}

/** Edit distance between two short strings (for "did you mean"). */
function distance(a: string, b: string): number {
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
		}
		previous = current;
	}
	return previous[b.length];
}

/** The known name closest to a misspelt one, if it is close enough to be a typo. */
export function closest(name: string, known: readonly string[]): string | undefined {
	if (name.length > 64) return undefined;
	const lower = name.toLowerCase();
	let best: string | undefined;
	let bestDistance = Infinity;
	for (const candidate of known) {
		const d = distance(lower, candidate.toLowerCase());
		if (d < bestDistance) {
			best = candidate;
			bestDistance = d;
		}
	}
	return bestDistance <= Math.max(1, Math.floor(name.length / 4)) ? best : undefined;
}

/** Removes duplicates (keeping order) and caps the list at MAX_MESSAGES. */
export function capMessages(messages: readonly string[]): string[] {
	const unique = [...new Set(messages)];
	if (unique.length <= MAX_MESSAGES) return unique;
	const rest = unique.length - MAX_MESSAGES;
	return [...unique.slice(0, MAX_MESSAGES), `…and ${rest} more problem${rest === 1 ? '' : 's'}`];
}

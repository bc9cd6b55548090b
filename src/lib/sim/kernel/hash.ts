/**
 * State hashing for determinism checks: canonical JSON, then SHA-256. Two runs (in Node, in a
 * browser worker) are identical exactly when their hashes are, so the encoding must not depend on
 * the engine: object keys are sorted, numbers use ECMAScript's Number-to-string (specified to the
 * last digit, so identical everywhere), -0 is 0 and non-finite numbers become strings.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * Canonical JSON of a structured-cloneable value. Plain JSON where JSON applies (undefined
 * properties are dropped, undefined array items are null), plus:
 * - NaN, Infinity, -Infinity are the strings "NaN", "Infinity", "-Infinity"; -0 is 0;
 * - bigint is the string "<digits>n";
 * - typed arrays, DataView and ArrayBuffer are `{"$bytes":"<kind>","hex":"..."}` (byte order
 *   of the platform, little-endian on every target we run on);
 * - Map is `{"$map":[[k,v],...]}` and Set `{"$set":[...]}` in insertion order, because in a
 *   deterministic simulation iteration order is part of the behaviour.
 * Functions, symbols and cycles throw: they cannot be part of checkpointed state.
 */
export function canonicalJson(value: unknown): string {
	return encode(value, new Set());
}

/** SHA-256 (64 lowercase hex chars) of canonicalJson(value). */
export function hashState(value: unknown): string {
	return bytesToHex(sha256(utf8ToBytes(canonicalJson(value))));
}

function encodeNumber(n: number): string {
	if (n !== n) return '"NaN"';
	if (n === Infinity) return '"Infinity"';
	if (n === -Infinity) return '"-Infinity"';
	// JSON.stringify(-0) is already "0"; spelled out so the rule does not hide in a library detail.
	if (n === 0) return '0';
	return JSON.stringify(n);
}

function encodeBytes(kind: string, bytes: Uint8Array): string {
	return `{"$bytes":${JSON.stringify(kind)},"hex":"${bytesToHex(bytes)}"}`;
}

function encode(value: unknown, path: Set<object>): string {
	switch (typeof value) {
		case 'string':
			return JSON.stringify(value);
		case 'number':
			return encodeNumber(value);
		case 'boolean':
			return value ? 'true' : 'false';
		case 'undefined':
			return 'null';
		case 'bigint':
			return JSON.stringify(`${value}n`);
		case 'object':
			if (value === null) return 'null';
			return encodeObject(value, path);
		default:
			throw new TypeError(`hashState: cannot encode a ${typeof value}`);
	}
}

function encodeObject(value: object, path: Set<object>): string {
	if (path.has(value)) throw new TypeError('hashState: cyclic structure');
	if (ArrayBuffer.isView(value)) {
		const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
		return encodeBytes(value.constructor.name, bytes);
	}
	if (value instanceof ArrayBuffer) return encodeBytes('ArrayBuffer', new Uint8Array(value));
	path.add(value);
	let out: string;
	if (Array.isArray(value)) {
		out = '[' + value.map((item) => encode(item, path)).join(',') + ']';
	} else if (value instanceof Map) {
		const entries: string[] = [];
		for (const [k, v] of value) entries.push('[' + encode(k, path) + ',' + encode(v, path) + ']');
		out = '{"$map":[' + entries.join(',') + ']}';
	} else if (value instanceof Set) {
		const items: string[] = [];
		for (const item of value) items.push(encode(item, path));
		out = '{"$set":[' + items.join(',') + ']}';
	} else {
		const record = value as Record<string, unknown>;
		// Default sort compares UTF-16 code units: the same order in every engine.
		const keys = Object.keys(record).sort();
		const parts: string[] = [];
		for (const key of keys) {
			const item = record[key];
			if (item === undefined) continue;
			parts.push(JSON.stringify(key) + ':' + encode(item, path));
		}
		out = '{' + parts.join(',') + '}';
	}
	path.delete(value);
	return out;
}

import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, hashState } from './hash';

describe('canonicalJson', () => {
	it('sorts object keys recursively', () => {
		expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: true } })).toBe(
			'{"a":{"c":true,"d":[2,{"y":2,"z":1}]},"b":1}'
		);
	});

	it('maps -0 to 0 and encodes non-finite numbers as strings', () => {
		expect(canonicalJson([-0, 0.1, 1e21, NaN, Infinity, -Infinity])).toBe(
			'[0,0.1,1e+21,"NaN","Infinity","-Infinity"]'
		);
	});

	it('drops undefined properties like JSON and encodes bytes, maps, sets and bigints', () => {
		expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
		expect(canonicalJson(new Uint8Array([0, 15, 255]))).toBe(
			'{"$bytes":"Uint8Array","hex":"000fff"}'
		);
		expect(canonicalJson(new Map([['k', 1]]))).toBe('{"$map":[["k",1]]}');
		expect(canonicalJson(new Set([2, 1]))).toBe('{"$set":[2,1]}');
		expect(canonicalJson(10n)).toBe('"10n"');
	});

	it('rejects functions and cycles', () => {
		const cyclic: Record<string, unknown> = {};
		cyclic.self = cyclic;
		expect(() => canonicalJson(cyclic)).toThrow(TypeError);
		expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
		// A shared (non-cyclic) reference is fine.
		const shared = { x: 1 };
		expect(canonicalJson([shared, shared])).toBe('[{"x":1},{"x":1}]');
	});

	it('equals JSON.stringify for JSON data whose keys are already sorted', () => {
		const sortedJson = fc.letrec((tie) => ({
			value: fc.oneof(
				{ depthSize: 'small' },
				fc.string(),
				fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
				fc.boolean(),
				fc.constant(null),
				fc.array(tie('value')),
				// Integer-like keys are excluded: objects enumerate them first, numerically.
				fc
					.dictionary(
						fc.string().filter((k) => !/^(0|[1-9]\d*)$/.test(k)),
						tie('value')
					)
					.map((o) =>
						Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
					)
			)
		})).value;
		fc.assert(
			fc.property(sortedJson, (value) => {
				expect(canonicalJson(value)).toBe(JSON.stringify(value));
			})
		);
	});
});

describe('hashState', () => {
	it('is the full SHA-256 hex digest of the canonical JSON', () => {
		const value = { z: [1, 2, 'x'], a: null };
		const expected = createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');
		expect(hashState(value)).toBe(expected);
		expect(hashState(value)).toMatch(/^[0-9a-f]{64}$/);
		expect(hashState({})).toBe('44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
	});

	it('ignores key order but not values', () => {
		fc.assert(
			fc.property(
				fc.dictionary(
					fc.string().filter((k) => k !== 'extra'),
					fc.integer()
				),
				(record) => {
					const reversed = Object.fromEntries(Object.entries(record).reverse());
					expect(hashState(reversed)).toBe(hashState(record));
					expect(hashState({ ...record, extra: 1 })).not.toBe(hashState(record));
				}
			)
		);
	});
});

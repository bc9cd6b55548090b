import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8Decode, utf8Encode } from './utf8';

/** Strings of arbitrary UTF-16 code units, lone surrogates included, mixed with whole characters. */
const anyString = fc.oneof(
	fc.string({ unit: 'binary' }),
	fc.array(fc.integer({ min: 0, max: 0xffff })).map((units) => String.fromCharCode(...units)),
	fc
		.array(fc.constantFrom('a', 'é', '€', '😀', '\ud800', '\udc00', '\udbff\udfff'))
		.map((s) => s.join(''))
);

/** Bytes that often look like UTF-8: lead bytes with tight bounds, continuation-byte edges. */
const utf8ishBytes = fc
	.array(
		fc.oneof(
			fc.integer({ min: 0, max: 255 }),
			fc.constantFrom(0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef),
			fc.constantFrom(0xf0, 0xf4, 0xf5, 0xff)
		)
	)
	.map((bytes) => Uint8Array.from(bytes));

describe('utf8Encode', () => {
	it('matches TextEncoder, lone surrogates becoming U+FFFD', () => {
		const encoder = new TextEncoder();
		fc.assert(
			fc.property(anyString, (text) => {
				expect(utf8Encode(text)).toEqual(encoder.encode(text));
			})
		);
	});
});

describe('utf8Decode', () => {
	it('matches a non-fatal TextDecoder on any bytes', () => {
		const decoder = new TextDecoder();
		fc.assert(
			fc.property(fc.oneof(utf8ishBytes, fc.uint8Array()), (bytes) => {
				expect(utf8Decode(bytes)).toBe(decoder.decode(bytes));
			}),
			{ numRuns: 500 }
		);
	});

	it('inverts utf8Encode for well-formed strings', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), (text) => {
				expect(utf8Decode(utf8Encode(text))).toBe(text);
			})
		);
	});

	it('replaces overlong forms, encoded surrogates and truncated sequences', () => {
		expect(utf8Decode(Uint8Array.of(0xc0, 0x80))).toBe('\ufffd\ufffd');
		expect(utf8Decode(Uint8Array.of(0xed, 0xa0, 0x80))).toBe('\ufffd\ufffd\ufffd');
		expect(utf8Decode(Uint8Array.of(0x41, 0xe2, 0x82))).toBe('A\ufffd');
		expect(utf8Decode(Uint8Array.of(0xf0, 0x9f, 0x98, 0x80))).toBe('😀');
	});
});

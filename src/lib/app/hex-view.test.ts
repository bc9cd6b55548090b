import { describe, expect, it } from 'vitest';
import { decodeFrame } from '$lib/sim/net/decode';
import { examplePingOverVxlan } from '$lib/sim/net/example';
import {
	asciiChar,
	describeRange,
	formatOffset,
	hexRows,
	layerRoles,
	rowSpan,
	selectionRange
} from './hex-view';

describe('hexRows', () => {
	it('splits bytes into rows of 16 with hex offsets, hex and ASCII with dots', () => {
		// 'Hi!' + NUL + the printable edges (space, '~') and their non-printable neighbours.
		const bytes = Uint8Array.of(
			0x48,
			0x69,
			0x21,
			0x00,
			0x1f,
			0x20,
			0x7e,
			0x7f,
			0x80,
			0xff,
			0x0a,
			0x41,
			0x42,
			0x43,
			0x44,
			0x45,
			0x7a,
			0x09
		);
		const rows = hexRows(bytes);
		expect(rows.map((r) => r.offset)).toEqual([0, 16]);
		expect(rows.map((r) => r.offsetLabel)).toEqual(['0000', '0010']);
		expect(rows[0].hex.join(' ')).toBe('48 69 21 00 1f 20 7e 7f 80 ff 0a 41 42 43 44 45');
		expect(rows[0].ascii.join('')).toBe('Hi!.. ~....ABCDE');
		expect(rows[1].hex).toEqual(['7a', '09']);
		expect(rows[1].ascii).toEqual(['z', '.']);
	});

	it('gives no rows for no bytes and exact rows for a multiple of 16', () => {
		expect(hexRows(new Uint8Array(0))).toEqual([]);
		const rows = hexRows(new Uint8Array(9000));
		expect(rows).toHaveLength(563);
		expect(rows[562]).toMatchObject({ offset: 8992, offsetLabel: '2320' });
		expect(rows[562].hex).toHaveLength(8);
		expect(hexRows(new Uint8Array(32)).map((r) => r.hex.length)).toEqual([16, 16]);
	});

	it('formats offsets with at least 4 hex digits and maps printables', () => {
		expect(formatOffset(0x2a)).toBe('002a');
		expect(formatOffset(0x10000)).toBe('10000');
		expect([0x1f, 0x20, 0x7e, 0x7f].map(asciiChar)).toEqual(['.', ' ', '~', '.']);
	});
});

describe('selection ranges', () => {
	const layers = decodeFrame(examplePingOverVxlan());
	const vxlan = layers.findIndex((l) => l.name === 'VXLAN');
	const vni = layers[vxlan].fields.findIndex((f) => f.name === 'VNI');

	it('covers a whole layer or one field, and nothing for a stale selection', () => {
		expect(selectionRange(layers, { layer: vxlan, field: null })).toEqual({
			start: 42,
			end: 50,
			label: 'VXLAN'
		});
		expect(selectionRange(layers, { layer: vxlan, field: vni })).toEqual({
			start: 46,
			end: 49,
			label: 'VXLAN › VNI'
		});
		expect(selectionRange(layers, null)).toBeNull();
		expect(selectionRange(layers, { layer: 99, field: null })).toBeNull();
		expect(selectionRange(layers, { layer: vxlan, field: 99 })).toBeNull();
	});

	it('describes ranges with inclusive decimal offsets', () => {
		expect(describeRange({ start: 42, end: 50, label: 'VXLAN' })).toBe('Bytes 42–49 (VXLAN)');
		expect(describeRange({ start: 23, end: 24, label: 'IPv4 › Protocol' })).toBe(
			'Byte 23 (IPv4 › Protocol)'
		);
		expect(describeRange({ start: 14, end: 14, label: 'Malformed' })).toBe('No bytes (Malformed)');
	});

	it('clips a range to each row', () => {
		const range = { start: 14, end: 34, label: 'Outer IPv4' };
		expect(rowSpan(0, range)).toEqual([14, 16]);
		expect(rowSpan(16, range)).toEqual([0, 16]);
		expect(rowSpan(32, range)).toEqual([0, 2]);
		expect(rowSpan(48, range)).toEqual([0, 0]);
		expect(rowSpan(0, null)).toEqual([0, 0]);
	});
});

describe('layerRoles', () => {
	it('marks the VXLAN wrapper outer and the frame inside it inner', () => {
		expect(layerRoles(decodeFrame(examplePingOverVxlan()))).toEqual([
			'outer',
			'outer',
			'outer',
			'outer',
			'inner',
			'inner',
			'inner'
		]);
	});

	it('leaves layers plain without VXLAN', () => {
		const truncated = decodeFrame(examplePingOverVxlan().slice(0, 46));
		expect(layerRoles(truncated)).toEqual(['plain', 'plain']);
	});
});

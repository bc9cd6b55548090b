import { describe, expect, it } from 'vitest';
import { readPcapng } from './pcapng-read';
import { writePcapng } from './pcapng';

// Byte offsets in this file: SHB 0-47, IDB 48-87 (if_tsresol option at 72, value at 76), EPB 88-.
const file = writePcapng(
	[{ name: 'a' }],
	[{ interfaceId: 0, timeMs: 1, bytes: Uint8Array.of(7), comment: 'c' }]
);
const patch = (at: number, value: number, bytes = file) => {
	const copy = bytes.slice();
	new DataView(copy.buffer).setUint32(at, value, true);
	return copy;
};

describe('readPcapng', () => {
	it('skips blocks it does not know, as the specification asks', () => {
		// An Interface Statistics Block (type 5, 24 bytes): interface 0, timestamp 0, no options.
		const statistics = new Uint8Array(24);
		new DataView(statistics.buffer).setUint32(0, 5, true);
		[4, 20].forEach((at) => new DataView(statistics.buffer).setUint32(at, 24, true));
		const withStatistics = new Uint8Array([
			...file.subarray(0, 88),
			...statistics,
			...file.subarray(88)
		]);
		expect(readPcapng(withStatistics)).toEqual(readPcapng(file));
	});

	it('honours the interface time resolution: microseconds by default, or binary', () => {
		// 1 ms was written as 1 000 000 ns; read as µs (no if_tsresol) it is 1000 ms.
		const withoutResolution = patch(72, 0xffff | (1 << 16)); // option code 0xffff: unknown
		expect(readPcapng(withoutResolution).interfaces[0].tsresol).toBe(6);
		expect(readPcapng(withoutResolution).packets[0].timeMs).toBe(1000);
		const binary = patch(76, 0x80 | 10); // 2^-10 s units
		expect(readPcapng(binary).packets[0].timeMs).toBe((1e6 * 1000) / 1024);
	});

	it('says where a file is malformed', () => {
		expect(() => readPcapng(new Uint8Array(0))).toThrow('pcapng: empty file');
		expect(() => readPcapng(patch(0, 6))).toThrow('block at byte 0: not pcapng');
		expect(() => readPcapng(patch(8, 0x4d3c2b1a))).toThrow('only little-endian');
		expect(() => readPcapng(patch(52, 41))).toThrow('block at byte 48: bad total length 41');
		expect(() => readPcapng(patch(52, 44))).toThrow('block at byte 48: trailing length differs');
		expect(() => readPcapng(file.subarray(0, file.length - 4))).toThrow('runs past the end');
		expect(() => readPcapng(patch(96, 1))).toThrow('interface 1 was not described');
		expect(() => readPcapng(patch(108, 99))).toThrow('block at byte 88: packet data runs past');
		expect(() => readPcapng(new Uint8Array([...file, ...file]))).toThrow('a second section');
	});
});

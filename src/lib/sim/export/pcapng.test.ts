import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPcapng } from './pcapng-read';
import { writePcapng, type CaptureInterface, type CapturedPacket } from './pcapng';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const ascii = (text: string) => Buffer.from(text, 'latin1').toString('hex');

/** Walks blocks by their leading lengths without the reader, so the reader is not its own judge. */
function blocks(file: Uint8Array) {
	const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
	const found: { type: number; leading: number; trailing: number }[] = [];
	for (let at = 0; at < file.length;) {
		const leading = view.getUint32(at + 4, true);
		found.push({
			type: view.getUint32(at, true),
			leading,
			trailing: view.getUint32(at + leading - 4, true)
		});
		at += leading;
	}
	return found;
}

const text = fc.string({ unit: 'binary', maxLength: 30 });
const captureArb = fc
	.tuple(
		fc.array(fc.record({ name: text, description: text }, { requiredKeys: ['name'] }), {
			minLength: 1,
			maxLength: 4
		}),
		fc.array(
			fc.record(
				{
					interfaceId: fc.nat(),
					// Whole nanoseconds below 2^33 ms, where a double time survives the round trip.
					ns: fc.bigInt({ min: 0n, max: 2n ** 33n * 1_000_000n - 1n }),
					bytes: fc.uint8Array({ maxLength: 70 }),
					comment: text
				},
				{ requiredKeys: ['interfaceId', 'ns', 'bytes'] }
			),
			{ maxLength: 12 }
		)
	)
	.map(([interfaces, raw]) => ({
		interfaces: interfaces as CaptureInterface[],
		packets: raw.map(({ interfaceId, ns, bytes, comment }) => ({
			interfaceId: interfaceId % interfaces.length,
			timeMs: Number(ns) / 1e6,
			ns,
			bytes,
			comment
		}))
	}));

describe('writePcapng', () => {
	it('writes the blocks of the specification byte for byte', () => {
		const file = writePcapng(
			[{ name: 'A' }],
			[
				{ interfaceId: 0, timeMs: 1.5, bytes: Uint8Array.of(1, 2, 3), comment: 'x' },
				{ interfaceId: 0, timeMs: 4294.967298, bytes: new Uint8Array(0) }
			]
		);
		const expected = [
			// SHB: type, length 48, magic, version 1.0, section length -1,
			'0a0d0d0a 30000000 4d3c2b1a 0100 0000 ffffffffffffffff',
			// shb_userappl (4) "StackScope" padded to 12, opt_endofopt, length again
			`0400 0a00 ${ascii('StackScope')}0000 00000000 30000000`,
			// IDB: type 1, length 40, LINKTYPE_ETHERNET, reserved, snaplen 262144,
			'01000000 28000000 0100 0000 00000400',
			// if_name (2) "A" padded, if_tsresol (9) = 9 padded, opt_endofopt, length again
			`0200 0100 ${ascii('A')}000000 0900 0100 09000000 00000000 28000000`,
			// EPB: type 6, length 48, interface 0, 1 500 000 ns = high 0 / low 0x0016e360, lengths 3
			'06000000 30000000 00000000 00000000 60e31600 03000000 03000000',
			// data padded to 4, opt_comment (1) "x" padded, opt_endofopt, length again
			`01020300 0100 0100 ${ascii('x')}000000 00000000 30000000`,
			// EPB without data or options: 2^32 + 2 ns splits into high 1 / low 2; length 32
			'06000000 20000000 00000000 01000000 02000000 00000000 00000000 20000000'
		];
		expect(hex(file)).toBe(expected.join('').replaceAll(' ', ''));
	});

	it('reads back what it wrote (interfaces, times, bytes, comments, order)', () => {
		fc.assert(
			fc.property(captureArb, ({ interfaces, packets }) => {
				const read = readPcapng(writePcapng(interfaces, packets));
				expect(read.userApplication).toBe('StackScope');
				expect(read.interfaces.map(({ name, description }) => ({ name, description }))).toEqual(
					interfaces.map(({ name, description }) => ({
						name,
						description: description || undefined
					}))
				);
				expect(read.interfaces.every((i) => i.linkType === 1 && i.tsresol === 9)).toBe(true);
				expect(
					read.packets.map(
						({ interfaceId, timeMs, timestamp, bytes, comment, originalLength }) => ({
							interfaceId,
							timeMs,
							timestamp,
							bytes,
							comment,
							originalLength
						})
					)
				).toEqual(
					packets.map(({ interfaceId, timeMs, ns, bytes, comment }) => ({
						interfaceId,
						timeMs,
						timestamp: ns,
						bytes,
						comment: comment || undefined,
						originalLength: bytes.length
					}))
				);
			})
		);
	});

	it('frames every block with equal leading and trailing lengths, multiples of 4', () => {
		fc.assert(
			fc.property(captureArb, ({ interfaces, packets }) => {
				const file = writePcapng(interfaces, packets);
				const found = blocks(file);
				expect(found.map((b) => b.type)).toEqual([
					0x0a0d0d0a,
					...interfaces.map(() => 1),
					...packets.map(() => 6)
				]);
				for (const block of found) {
					expect(block.trailing).toBe(block.leading);
					expect(block.leading % 4).toBe(0);
				}
				expect(found.reduce((sum, b) => sum + b.leading, 0)).toBe(file.length);
			})
		);
	});

	it('gives byte-identical output for the same input, from an array or a generator', () => {
		fc.assert(
			fc.property(captureArb, ({ interfaces, packets }) => {
				const first = writePcapng(interfaces, packets);
				expect(writePcapng(interfaces, packets)).toEqual(first);
				expect(
					writePcapng(
						structuredClone(interfaces),
						(function* () {
							yield* structuredClone(packets);
						})()
					)
				).toEqual(first);
			})
		);
	});

	it('grows past its initial buffer for large captures', () => {
		const packets = Array.from({ length: 300 }, (_, i): CapturedPacket => ({
			interfaceId: 0,
			timeMs: i,
			bytes: new Uint8Array(1500).fill(i)
		}));
		const read = readPcapng(writePcapng([{ name: 'big' }], packets));
		expect(read.packets.map((p) => [p.timeMs, p.bytes[1499]])).toEqual(
			packets.map((p, i) => [i, i & 0xff])
		);
	});

	it('refuses bad packets with an error that names them', () => {
		const ok = { interfaceId: 0, timeMs: 1, bytes: new Uint8Array(1) };
		const write =
			(packet: Partial<CapturedPacket>, interfaces: CaptureInterface[] = [{ name: 'a' }]) =>
			() =>
				writePcapng(interfaces, [ok, { ...ok, ...packet }]);
		expect(write({ interfaceId: 1 })).toThrow(
			'pcapng: packet 1: interfaceId 1 is not an interface (0..0)'
		);
		expect(write({ interfaceId: -1 })).toThrow('interfaceId -1 is not an interface');
		expect(write({ interfaceId: 0.5 })).toThrow('interfaceId 0.5 is not an interface');
		expect(write({}, [])).toThrow(
			'pcapng: packet 0: interfaceId 0 is not an interface (there are no interfaces)'
		);
		expect(write({ timeMs: -0.001 })).toThrow(
			'pcapng: packet 1: timeMs -0.001 is not a finite time >= 0'
		);
		expect(write({ timeMs: Number.NaN })).toThrow('timeMs NaN is not a finite time >= 0');
		expect(write({ timeMs: Infinity })).toThrow('timeMs Infinity is not a finite time >= 0');
		expect(write({ timeMs: 1e14 })).toThrow(
			'pcapng: packet 1: timeMs 100000000000000 does not fit'
		);
		expect(write({ bytes: new Uint8Array(262_145) })).toThrow(
			'packet 1: 262145 bytes exceed the snap length'
		);
		expect(write({ comment: 'é'.repeat(32_768) })).toThrow(
			'packet 1 comment is 65536 bytes; an option holds at most 65535'
		);
		expect(write({}, [{ name: 'x'.repeat(70_000) }])).toThrow('interface 0 name is 70000 bytes');
	});

	it('writes a lone surrogate in a name as U+FFFD, as TextEncoder would', () => {
		const read = readPcapng(writePcapng([{ name: 'Node\ud80001' }], []));
		expect(read.interfaces[0].name).toBe('Node\ufffd01');
	});
});

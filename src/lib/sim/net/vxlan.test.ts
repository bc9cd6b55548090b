import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from './bytes';
import { VNI_MAX, VXLAN_UDP_PORT, buildVxlanHeader, parseVxlanHeader } from './vxlan';

describe('VXLAN header (RFC 7348 §5)', () => {
	it('is flags 0x08, three zero bytes, the 24-bit VNI big-endian, a zero byte', () => {
		expect(toHex(buildVxlanHeader(5001))).toBe('0800000000138900');
		expect(toHex(buildVxlanHeader(VNI_MAX))).toBe('08000000ffffff00');
		expect(VXLAN_UDP_PORT).toBe(4789);
	});

	it('round-trips every VNI in 0..2^24-1 with I set and reserved fields zero', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 2 ** 24 - 1 }),
				fc.uint8Array({ maxLength: 20 }),
				(vni, tail) => {
					const bytes = new Uint8Array(8 + tail.length);
					bytes.set(buildVxlanHeader(vni));
					bytes.set(tail, 8);
					expect(bytes[0]).toBe(0x08);
					expect(parseVxlanHeader(bytes)).toEqual({
						ok: true,
						value: { vni, flags: 0x08, reserved1: 0, reserved2: 0, payload: tail }
					});
				}
			)
		);
	});

	it('rejects I = 0 with a reason (FACTS 9.9), whatever the other bits', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 255 }).filter((f) => (f & 0x08) === 0),
				(flags) => {
					const bytes = buildVxlanHeader(5001);
					bytes[0] = flags;
					const result = parseVxlanHeader(bytes);
					expect(result.ok).toBe(false);
					expect(!result.ok && result.reason).toContain('I = 0');
				}
			)
		);
	});

	it('ignores reserved bits on receipt, as the RFC tells receivers to', () => {
		const bytes = Uint8Array.of(0xff, 1, 2, 3, 0, 0x13, 0x89, 0x7f);
		expect(parseVxlanHeader(bytes)).toMatchObject({
			ok: true,
			value: { vni: 5001, flags: 0xff, reserved1: 0x010203, reserved2: 0x7f }
		});
	});

	it('refuses VNIs outside 24 bits and short headers', () => {
		expect(() => buildVxlanHeader(2 ** 24)).toThrow('VNI');
		expect(() => buildVxlanHeader(-1)).toThrow('VNI');
		expect(() => buildVxlanHeader(1.5)).toThrow('VNI');
		expect(parseVxlanHeader(new Uint8Array(7)).ok).toBe(false);
	});
});

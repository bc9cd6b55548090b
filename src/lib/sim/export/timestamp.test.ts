import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { msToNs } from './timestamp';

/** Simulated times up to 2^33 ms (about 99 days): where whole nanoseconds survive as doubles. */
const MAX_EXACT_NS = 2n ** 33n * 1_000_000n - 1n;

describe('msToNs', () => {
	it('converts typical simulated times exactly', () => {
		expect(msToNs(0)).toBe(0n);
		expect(msToNs(-0)).toBe(0n);
		expect(msToNs(1.5)).toBe(1_500_000n);
		expect(msToNs(0.001)).toBe(1_000n);
		expect(msToNs(0.000001)).toBe(1n);
		expect(msToNs(12.345678)).toBe(12_345_678n);
		expect(msToNs(5000.000001)).toBe(5_000_000_001n);
		expect(msToNs(1.8e13)).toBe(18_000_000_000_000_000_000n);
	});

	it('rounds exact halves of a nanosecond up and sub-half values down', () => {
		// 1/128 ms and 3/128 ms are exact doubles: 7812.5 ns and 23437.5 ns.
		expect(msToNs(1 / 128)).toBe(7_813n);
		expect(msToNs(3 / 128)).toBe(23_438n);
		expect(msToNs(Number.MIN_VALUE)).toBe(0n);
	});

	it('is exact where Math.round(timeMs * 1e6) is not', () => {
		// About 49.7 days: the double product rounds up by one nanosecond.
		const timeMs = 4294968000.442452;
		expect(Math.round(timeMs * 1e6)).toBe(4294968000442453);
		expect(msToNs(timeMs)).toBe(4294968000442452n);
	});

	it('gives back n for the double nearest n ns, for every n below 2^33 ms', () => {
		fc.assert(
			fc.property(fc.bigInt({ min: 0n, max: MAX_EXACT_NS }), (ns) => {
				expect(msToNs(Number(ns) / 1e6)).toBe(ns);
			})
		);
	});

	it('agrees with Math.round(timeMs * 1e6) wherever the product is clearly not near a half', () => {
		fc.assert(
			fc.property(fc.double({ min: 0, max: 2 ** 40 / 1e6, noNaN: true }), (timeMs) => {
				const product = timeMs * 1e6; // error below 2^-12 ns in this range
				fc.pre(Math.abs((product % 1) - 0.5) > 1e-3);
				expect(msToNs(timeMs)).toBe(BigInt(Math.round(product)));
			})
		);
	});

	it('never decreases as time increases', () => {
		fc.assert(
			fc.property(
				fc.double({ min: 0, max: 1e13, noNaN: true }),
				fc.double({ min: 0, max: 1e13, noNaN: true }),
				(a, b) => {
					const [early, late] = a <= b ? [a, b] : [b, a];
					expect(msToNs(early) <= msToNs(late)).toBe(true);
				}
			)
		);
	});

	it('rejects negative, non-finite and too-large times', () => {
		expect(() => msToNs(-1)).toThrow('timeMs -1 is not a finite time >= 0');
		expect(() => msToNs(Number.NaN)).toThrow('timeMs NaN is not a finite time >= 0');
		expect(() => msToNs(Infinity)).toThrow('timeMs Infinity is not a finite time >= 0');
		expect(() => msToNs(2e13)).toThrow('does not fit a 64-bit ns timestamp');
		// 2^64 - 1 ns (~18446744073709.55 ms) is the largest timestamp. Doubles there are 2^-8 ms
		// apart: the one just below is written, the one just above refused.
		expect(msToNs(18446744073709.55078125)).toBe(18_446_744_073_709_550_781n);
		expect(() => msToNs(18446744073709.5546875)).toThrow(RangeError);
	});
});

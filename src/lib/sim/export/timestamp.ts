/**
 * Simulated milliseconds → integer nanoseconds for pcapng timestamps (if_tsresol = 9).
 *
 * `Math.round(timeMs * 1e6)` looks right but the product is itself a rounded double: above
 * 2^53 ns (about 104 days) it is no longer an integer count, and near a half nanosecond its
 * rounding error can flip the result. So the double is taken apart instead — every finite double
 * is exactly mantissa × 2^exponent with an integer mantissa — and the product with 10^6 is formed
 * in BigInt, where it is exact; one shift then rounds half up. The result is what Math.round
 * would give if the multiplication were exact, for every input. In particular a time that is a
 * whole number of nanoseconds n < 2^33 × 10^6 (about 99 days) and was produced as the double
 * nearest n / 10^6 (e.g. 1.5, 0.000001, 12.345678) gives back exactly n: such doubles are within
 * half a nanosecond of n.
 */

/** Largest value of a 64-bit unsigned pcapng timestamp. */
const MAX_U64 = 0xffff_ffff_ffff_ffffn;
const NS_PER_MS = 1_000_000n;
/** Scratch for reading a double's bits; module scope so the per-packet path allocates nothing. */
const scratch = new DataView(new ArrayBuffer(8));

/**
 * The nanosecond count nearest to `timeMs` milliseconds (exact halves round up).
 * @param timeMs simulated time in ms; must be finite and >= 0 (-0 counts as 0)
 * @returns nanoseconds as a BigInt; throws a RangeError for a bad time or one that does not fit
 *   the 64-bit timestamp (about 584 years)
 */
export function msToNs(timeMs: number): bigint {
	if (!Number.isFinite(timeMs) || timeMs < 0) {
		throw new RangeError(`timeMs ${timeMs} is not a finite time >= 0`);
	}
	scratch.setFloat64(0, timeMs);
	const high = scratch.getUint32(0);
	const low = scratch.getUint32(4);
	const biasedExponent = (high >>> 20) & 0x7ff;
	const fraction = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
	// Normal numbers have an implicit leading 1; subnormals (exponent field 0) do not.
	const mantissa = biasedExponent === 0 ? fraction : fraction | (1n << 52n);
	const exponent = Math.max(biasedExponent, 1) - 1075;
	const scaled = mantissa * NS_PER_MS;
	let ns: bigint;
	if (exponent >= 0) ns = scaled << BigInt(exponent);
	else {
		const shift = BigInt(-exponent);
		ns = (scaled + (1n << (shift - 1n))) >> shift;
	}
	if (ns > MAX_U64) throw new RangeError(`timeMs ${timeMs} does not fit a 64-bit ns timestamp`);
	return ns;
}

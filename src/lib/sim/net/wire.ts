/**
 * Shared plumbing of the packet codecs: big-endian integer access (every header here is in
 * network byte order, RFC 791 Appendix B), range checks that fail loudly in builders, and
 * the result type that parsers return instead of throwing.
 */

/** A parse outcome: the value, or a learner-readable reason why the bytes are not valid. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Wraps a parsed value. */
export function ok<T>(value: T): ParseResult<T> {
	return { ok: true, value };
}

/** Wraps a rejection reason. */
export function fail<T>(reason: string): ParseResult<T> {
	return { ok: false, reason };
}

/** Reads an unsigned 16-bit big-endian integer at `offset` (bytes). */
export function readU16(bytes: Uint8Array, offset: number): number {
	return (bytes[offset] << 8) | bytes[offset + 1];
}

/** Reads an unsigned 24-bit big-endian integer at `offset` (bytes); VXLAN's VNI is 24 bits. */
export function readU24(bytes: Uint8Array, offset: number): number {
	return (bytes[offset] << 16) | (bytes[offset + 1] << 8) | bytes[offset + 2];
}

/** Reads an unsigned 32-bit big-endian integer at `offset` (bytes). */
export function readU32(bytes: Uint8Array, offset: number): number {
	// `>>> 0` because `<<` works on signed 32-bit integers and would make the top bit negative.
	return ((bytes[offset] << 24) | (bytes[offset + 1] << 16) | readU16(bytes, offset + 2)) >>> 0;
}

/** Writes an unsigned 16-bit big-endian integer at `offset` (bytes). */
export function writeU16(bytes: Uint8Array, offset: number, value: number): void {
	bytes[offset] = value >>> 8;
	bytes[offset + 1] = value;
}

/** Writes an unsigned 24-bit big-endian integer at `offset` (bytes). */
export function writeU24(bytes: Uint8Array, offset: number, value: number): void {
	bytes[offset] = value >>> 16;
	writeU16(bytes, offset + 1, value & 0xffff);
}

/** Writes an unsigned 32-bit big-endian integer at `offset` (bytes). */
export function writeU32(bytes: Uint8Array, offset: number, value: number): void {
	writeU16(bytes, offset, value >>> 16);
	writeU16(bytes, offset + 2, value & 0xffff);
}

/**
 * Throws a RangeError unless `value` is an integer in [0, 2^bits - 1]. Builders call it so that
 * a bad field fails where it is set instead of being silently truncated into the bytes.
 */
export function checkUint(name: string, value: number, bits: number): void {
	const max = 2 ** bits - 1;
	if (!Number.isInteger(value) || value < 0 || value > max) {
		throw new RangeError(`${name} must be an integer in 0..${max}, got ${value}`);
	}
}

/** Concatenates byte arrays into a new array (total length = sum of the lengths, bytes). */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
	let length = 0;
	for (const part of parts) length += part.length;
	const out = new Uint8Array(length);
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}

/**
 * The 8-byte VXLAN header (RFC 7348 §5, FACTS §3.1): flags 0x08, 24 reserved bits, the 24-bit
 * VNI, a reserved byte. We follow the RFC, not the HNV doc's "bytes 0–3 reserved" (FACTS §3.3,
 * choice 9.9).
 */
import { type ParseResult, checkUint, fail, ok, readU24, writeU24 } from './wire';

/** IANA-assigned VXLAN UDP destination port (RFC 7348 §5 "Outer UDP Header"). */
export const VXLAN_UDP_PORT = 4789;
/** VXLAN header length (bytes), RFC 7348 §5. */
export const VXLAN_HEADER_BYTES = 8;
/** The I flag: set means the VNI is valid; the other seven flag bits are reserved R (RFC 7348 §5). */
export const VXLAN_FLAG_I = 0x08;
/** Largest VNI: the field is 24 bits, so 2^24 = 16,777,216 segments (RFC 7348 §5, FACTS §3.1). */
export const VNI_MAX = 0xffffff;

/** A parsed VXLAN header. Reserved fields are returned for display; receivers ignore them. */
export interface VxlanHeader {
	vni: number;
	/** The whole flags byte; I is 0x08. */
	flags: number;
	/** Bytes 1–3 (24 bits), sent as 0. */
	reserved1: number;
	/** Byte 7, sent as 0. */
	reserved2: number;
	/** The encapsulated Ethernet frame (bytes after the header). */
	payload: Uint8Array;
}

/** Builds the 8-byte header for `vni` (0..2^24-1): I set, every reserved bit zero. */
export function buildVxlanHeader(vni: number): Uint8Array {
	checkUint('VXLAN VNI', vni, 24);
	const out = new Uint8Array(VXLAN_HEADER_BYTES);
	out[0] = VXLAN_FLAG_I;
	writeU24(out, 4, vni);
	return out;
}

/**
 * Parses a VXLAN header from the start of the UDP payload. I = 0 is rejected (FACTS choice
 * 9.9): RFC 7348 §5 makes I = 1 the mark of a valid VNI. Reserved bits are ignored, as the RFC
 * tells receivers to.
 */
export function parseVxlanHeader(bytes: Uint8Array): ParseResult<VxlanHeader> {
	if (bytes.length < VXLAN_HEADER_BYTES) {
		return fail(`VXLAN header needs 8 bytes, got ${bytes.length}`);
	}
	const flags = bytes[0];
	if ((flags & VXLAN_FLAG_I) === 0) {
		const hex = flags.toString(16).padStart(2, '0');
		return fail(`VXLAN flags 0x${hex} have I = 0, so the VNI is not valid (RFC 7348 §5)`);
	}
	return ok({
		vni: readU24(bytes, 4),
		flags,
		reserved1: readU24(bytes, 1),
		reserved2: bytes[7],
		payload: bytes.subarray(VXLAN_HEADER_BYTES)
	});
}

/**
 * ICMP for IPv4 (RFC 792): echo request and reply are built; any message parses, with the
 * identifier and sequence number read for echoes. The checksum covers the whole ICMP message.
 */
import { internetChecksum } from './bytes';
import { type ParseResult, checkUint, fail, ok, readU16, writeU16 } from './wire';

/** ICMP type of an echo reply (RFC 792 "Echo or Echo Reply Message"). */
export const ICMP_ECHO_REPLY = 0;
/** ICMP type of a destination unreachable message (RFC 792). */
export const ICMP_DEST_UNREACHABLE = 3;
/** ICMP type of an echo request (RFC 792). */
export const ICMP_ECHO_REQUEST = 8;
/** Fixed ICMP header (bytes): type, code, checksum, 4 bytes of type-specific "rest of header". */
export const ICMP_HEADER_BYTES = 8;

/** An echo request or reply, as `ping` sends them. */
export interface IcmpEcho {
	type: 'echo-request' | 'echo-reply';
	/** 16 bits, chosen by the sender to match replies (RFC 792); Windows ping sends 1. */
	identifier: number;
	/** 16 bits, incremented per echo by the sender. */
	sequence: number;
	/** Echo data (bytes); the reply returns it unchanged. */
	payload: Uint8Array;
}

/** A parsed ICMP message of any type. */
export interface IcmpMessage {
	type: number;
	code: number;
	checksum: number;
	checksumOk: boolean;
	/** Identifier and sequence number, present for echo request and reply only. */
	echo?: { identifier: number; sequence: number };
	/** Everything after the 8-byte header (bytes). */
	payload: Uint8Array;
}

/** Builds an echo request or reply (8-byte header + payload) with its checksum filled in. */
export function buildIcmpEcho(echo: IcmpEcho): Uint8Array {
	checkUint('ICMP identifier', echo.identifier, 16);
	checkUint('ICMP sequence', echo.sequence, 16);
	const out = new Uint8Array(ICMP_HEADER_BYTES + echo.payload.length);
	out[0] = echo.type === 'echo-request' ? ICMP_ECHO_REQUEST : ICMP_ECHO_REPLY;
	out[1] = 0;
	writeU16(out, 4, echo.identifier);
	writeU16(out, 6, echo.sequence);
	out.set(echo.payload, ICMP_HEADER_BYTES);
	writeU16(out, 2, internetChecksum(out));
	return out;
}

/** Parses an ICMP message; `bytes` must be exactly the IPv4 payload (the checksum covers it all). */
export function parseIcmpMessage(bytes: Uint8Array): ParseResult<IcmpMessage> {
	if (bytes.length < ICMP_HEADER_BYTES) {
		return fail(`ICMP header needs 8 bytes, got ${bytes.length}`);
	}
	const type = bytes[0];
	const isEcho = type === ICMP_ECHO_REQUEST || type === ICMP_ECHO_REPLY;
	return ok({
		type,
		code: bytes[1],
		checksum: readU16(bytes, 2),
		checksumOk: internetChecksum(bytes) === 0,
		echo: isEcho ? { identifier: readU16(bytes, 4), sequence: readU16(bytes, 6) } : undefined,
		payload: bytes.subarray(ICMP_HEADER_BYTES)
	});
}

/** The echo fields of a parsed message, or undefined when it is not an echo request or reply. */
export function icmpEchoOf(message: IcmpMessage): IcmpEcho | undefined {
	if (!message.echo) return undefined;
	const type = message.type === ICMP_ECHO_REQUEST ? 'echo-request' : 'echo-reply';
	return { type, ...message.echo, payload: message.payload };
}

/**
 * TCP segments (RFC 9293 §3.1): enough for a handshake and data. The only option written is the
 * MSS, which RFC 9293 §3.7.1 sends on SYN segments only; other options are skipped on parse.
 */
import { internetChecksum } from './bytes';
import { IP_PROTOCOL_TCP, ipv4PseudoHeaderSum } from './ipv4';
import { type TcpFlags, decodeTcpFlags, encodeTcpFlags } from './tcp-flags';
import type { PseudoHeaderAddresses } from './udp';
import {
	type ParseResult,
	checkUint,
	fail,
	ok,
	readU16,
	readU32,
	writeU16,
	writeU32
} from './wire';

/** TCP header without options (bytes): data offset 5 × 4 (RFC 9293 §3.1). */
export const TCP_HEADER_BYTES = 20;
/** Option kind of the maximum segment size (RFC 9293 §3.2). */
export const TCP_OPTION_MSS = 2;
/** Length of the MSS option (bytes): kind, length, 16-bit value (RFC 9293 §3.2). */
export const TCP_MSS_OPTION_BYTES = 4;

/** Fields of a TCP header. */
export interface TcpFields {
	srcPort: number;
	dstPort: number;
	/** Sequence number, 32 bits. */
	seq: number;
	/** Acknowledgment number, 32 bits (meaningful when flags.ack). */
	ackNumber: number;
	flags: TcpFlags;
	/** Receive window (bytes, unscaled), 16 bits. */
	window: number;
	/** Maximum segment size option (bytes); written only when given. */
	mss?: number;
}

/** A parsed segment. */
export interface TcpSegment extends TcpFields {
	/** Header length including options (bytes). */
	headerBytes: number;
	checksum: number;
	checksumOk: boolean;
	urgentPointer: number;
	payload: Uint8Array;
}

/** Builds a TCP segment with its checksum over the IPv4 pseudo-header (RFC 9293 §3.1). */
export function buildTcpSegment(
	fields: TcpFields,
	payload: Uint8Array,
	addresses: PseudoHeaderAddresses
): Uint8Array {
	checkUint('TCP source port', fields.srcPort, 16);
	checkUint('TCP destination port', fields.dstPort, 16);
	checkUint('TCP sequence number', fields.seq, 32);
	checkUint('TCP acknowledgment number', fields.ackNumber, 32);
	checkUint('TCP window', fields.window, 16);
	const headerBytes = TCP_HEADER_BYTES + (fields.mss === undefined ? 0 : TCP_MSS_OPTION_BYTES);
	const out = new Uint8Array(headerBytes + payload.length);
	writeU16(out, 0, fields.srcPort);
	writeU16(out, 2, fields.dstPort);
	writeU32(out, 4, fields.seq);
	writeU32(out, 8, fields.ackNumber);
	out[12] = (headerBytes / 4) << 4;
	out[13] = encodeTcpFlags(fields.flags);
	writeU16(out, 14, fields.window);
	if (fields.mss !== undefined) {
		checkUint('TCP MSS', fields.mss, 16);
		out[20] = TCP_OPTION_MSS;
		out[21] = TCP_MSS_OPTION_BYTES;
		writeU16(out, 22, fields.mss);
	}
	out.set(payload, headerBytes);
	const sum = ipv4PseudoHeaderSum(addresses.srcIp, addresses.dstIp, IP_PROTOCOL_TCP, out.length);
	writeU16(out, 16, internetChecksum(out, sum));
	return out;
}

/** Parses a segment; `bytes` must be exactly the IPv4 payload (the checksum covers it all). */
export function parseTcpSegment(
	bytes: Uint8Array,
	addresses: PseudoHeaderAddresses
): ParseResult<TcpSegment> {
	if (bytes.length < TCP_HEADER_BYTES)
		return fail(`TCP header needs 20 bytes, got ${bytes.length}`);
	const headerBytes = (bytes[12] >>> 4) * 4;
	if (headerBytes < TCP_HEADER_BYTES || headerBytes > bytes.length) {
		return fail(`TCP data offset gives ${headerBytes} header bytes; segment has ${bytes.length}`);
	}
	const options = readOptions(bytes.subarray(TCP_HEADER_BYTES, headerBytes));
	if (!options.ok) return options;
	const sum = ipv4PseudoHeaderSum(addresses.srcIp, addresses.dstIp, IP_PROTOCOL_TCP, bytes.length);
	const segment: TcpSegment = {
		srcPort: readU16(bytes, 0),
		dstPort: readU16(bytes, 2),
		seq: readU32(bytes, 4),
		ackNumber: readU32(bytes, 8),
		flags: decodeTcpFlags(bytes[13]),
		window: readU16(bytes, 14),
		headerBytes,
		checksum: readU16(bytes, 16),
		checksumOk: internetChecksum(bytes, sum) === 0,
		urgentPointer: readU16(bytes, 18),
		payload: bytes.subarray(headerBytes)
	};
	if (options.value.mss !== undefined) segment.mss = options.value.mss;
	return ok(segment);
}

/** Walks the options (RFC 9293 §3.1: kind 0 ends the list, 1 is padding, others carry a length). */
function readOptions(options: Uint8Array): ParseResult<{ mss?: number }> {
	let mss: number | undefined;
	for (let i = 0; i < options.length;) {
		const kind = options[i];
		if (kind === 0) break;
		if (kind === 1) {
			i += 1;
			continue;
		}
		const length = options[i + 1];
		if (i + 1 >= options.length || length < 2 || i + length > options.length) {
			return fail(`TCP option kind ${kind} at option byte ${i} has a bad length`);
		}
		if (kind === TCP_OPTION_MSS && length === TCP_MSS_OPTION_BYTES) mss = readU16(options, i + 2);
		i += length;
	}
	return ok(mss === undefined ? {} : { mss });
}

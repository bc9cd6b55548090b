/**
 * A small pcapng reader: enough to check the writer (round-trip tests) and to load a capture
 * back for inspection. One little-endian section; blocks other than SHB, IDB and EPB (name
 * resolution, statistics, custom) are skipped, as the spec asks of readers that do not know them.
 */
import {
	BLOCK_ENHANCED_PACKET,
	BLOCK_INTERFACE_DESCRIPTION,
	BLOCK_OVERHEAD_BYTES,
	BLOCK_SECTION_HEADER,
	BYTE_ORDER_MAGIC,
	IF_DESCRIPTION,
	IF_NAME,
	IF_TSRESOL,
	OPT_COMMENT,
	OPT_ENDOFOPT,
	SHB_USERAPPL
} from './pcapng-format';
import type { CaptureInterface, CapturedPacket } from './pcapng';
import { utf8Decode } from './utf8';

/** An interface as read: what the writer takes, plus the fields it fixes. */
export interface ReadInterface extends CaptureInterface {
	linkType: number;
	/** Snap length in bytes (0: no limit). */
	snapLength: number;
	/** if_tsresol byte: high bit clear → units of 10^-n s, set → 2^-n s (default 6, µs). */
	tsresol: number;
}

/** A packet as read; timeMs is derived from the raw timestamp and the interface's resolution. */
export interface ReadPacket extends CapturedPacket {
	/** The 64-bit timestamp in the interface's units (ns for files this module writes). */
	timestamp: bigint;
	/** Length of the frame on the wire, in bytes (>= bytes.length when the capture was cut). */
	originalLength: number;
	/** opt_comment; several comments are joined with "\n". */
	comment?: string;
}

export interface ReadCapture {
	/** shb_userappl, when present. */
	userApplication?: string;
	interfaces: ReadInterface[];
	packets: ReadPacket[];
}

/** Parses a pcapng file; throws an Error saying where it is malformed. */
export function readPcapng(file: Uint8Array): ReadCapture {
	const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
	const capture: ReadCapture = { interfaces: [], packets: [] };
	let offset = 0;
	while (offset < file.length) {
		const fail = (why: string): never => {
			throw new Error(`pcapng: block at byte ${offset}: ${why}`);
		};
		if (file.length - offset < BLOCK_OVERHEAD_BYTES) fail('truncated block header');
		const type = view.getUint32(offset, true);
		if (offset === 0 && type !== BLOCK_SECTION_HEADER) fail('not pcapng: no Section Header');
		if (type === BLOCK_SECTION_HEADER) {
			if (offset > 0) fail('a second section is not supported');
			if (view.getUint32(offset + 8, true) !== BYTE_ORDER_MAGIC) {
				fail('only little-endian sections are supported');
			}
		}
		const length = view.getUint32(offset + 4, true);
		if (length % 4 !== 0 || length < BLOCK_OVERHEAD_BYTES) fail(`bad total length ${length}`);
		if (offset + length > file.length) fail(`total length ${length} runs past the end`);
		if (view.getUint32(offset + length - 4, true) !== length) fail('trailing length differs');
		const body = new DataView(file.buffer, file.byteOffset + offset + 8, length - 12);
		if (type === BLOCK_SECTION_HEADER) readSectionHeader(body, capture, fail);
		else if (type === BLOCK_INTERFACE_DESCRIPTION) readInterface(body, capture, fail);
		else if (type === BLOCK_ENHANCED_PACKET) readPacket(body, capture, fail);
		offset += length;
	}
	if (offset === 0) throw new Error('pcapng: empty file');
	return capture;
}

type Fail = (why: string) => never;
type Options = Map<number, Uint8Array[]>;

function readSectionHeader(body: DataView, capture: ReadCapture, fail: Fail): void {
	if (body.byteLength < 16) fail('Section Header too short');
	if (body.getUint16(4, true) !== 1) fail(`unsupported major version ${body.getUint16(4, true)}`);
	const app = readOptions(body, 16, fail).get(SHB_USERAPPL);
	if (app) capture.userApplication = utf8Decode(app[0]);
}

function readInterface(body: DataView, capture: ReadCapture, fail: Fail): void {
	if (body.byteLength < 8) fail('Interface Description too short');
	const options = readOptions(body, 8, fail);
	const name = options.get(IF_NAME);
	const description = options.get(IF_DESCRIPTION);
	const captureInterface: ReadInterface = {
		name: name ? utf8Decode(name[0]) : '',
		linkType: body.getUint16(0, true),
		snapLength: body.getUint32(4, true),
		tsresol: options.get(IF_TSRESOL)?.[0][0] ?? 6
	};
	if (description) captureInterface.description = utf8Decode(description[0]);
	capture.interfaces.push(captureInterface);
}

function readPacket(body: DataView, capture: ReadCapture, fail: Fail): void {
	if (body.byteLength < 20) fail('Enhanced Packet too short');
	const interfaceId = body.getUint32(0, true);
	const captureInterface = capture.interfaces[interfaceId];
	if (!captureInterface) fail(`interface ${interfaceId} was not described before its packet`);
	const timestamp = (BigInt(body.getUint32(4, true)) << 32n) | BigInt(body.getUint32(8, true));
	const capturedLength = body.getUint32(12, true);
	if (20 + capturedLength > body.byteLength) fail('packet data runs past the block');
	const start = body.byteOffset + 20;
	const bytes = new Uint8Array(body.buffer.slice(start, start + capturedLength));
	const packet: ReadPacket = {
		interfaceId,
		timeMs: timestampToMs(timestamp, captureInterface.tsresol),
		timestamp,
		bytes,
		originalLength: body.getUint32(16, true)
	};
	const comments = readOptions(body, 20 + align32(capturedLength), fail).get(OPT_COMMENT);
	if (comments) packet.comment = comments.map(utf8Decode).join('\n');
	capture.packets.push(packet);
}

/** Options from `offset` to the end of the body (or opt_endofopt), values grouped by code. */
function readOptions(body: DataView, offset: number, fail: Fail): Options {
	const options: Options = new Map();
	while (offset + 4 <= body.byteLength) {
		const code = body.getUint16(offset, true);
		const length = body.getUint16(offset + 2, true);
		if (code === OPT_ENDOFOPT) break;
		if (offset + 4 + length > body.byteLength) fail(`option ${code} runs past the block`);
		const start = body.byteOffset + offset + 4;
		const value = new Uint8Array(body.buffer, start, length);
		options.set(code, [...(options.get(code) ?? []), value]);
		offset += 4 + align32(length);
	}
	return options;
}

function align32(length: number): number {
	return (length + 3) & ~3;
}

/** A timestamp in units of 10^-n s (high bit clear) or 2^-n s (set), in ms. */
function timestampToMs(timestamp: bigint, tsresol: number): number {
	const exponent = tsresol & 0x7f;
	if (tsresol & 0x80) return (Number(timestamp) * 1000) / 2 ** exponent;
	// One correctly rounded division (or product): ns → ms gives back the writer's double.
	return exponent >= 3
		? Number(timestamp) / 10 ** (exponent - 3)
		: Number(timestamp) * 10 ** (3 - exponent);
}

/**
 * pcapng writer (IETF draft-ietf-opsawg-pcapng): one section, one Interface Description Block per
 * capture point, one Enhanced Packet Block per packet, little-endian. The output depends on the
 * arguments alone — no host name, OS, clock or build number — so the same simulation run exports
 * byte-identical files in Node, in the browser worker and on every machine.
 */
import { ByteWriter } from './byte-writer';
import {
	BLOCK_ENHANCED_PACKET,
	BLOCK_INTERFACE_DESCRIPTION,
	BLOCK_SECTION_HEADER,
	BYTE_ORDER_MAGIC,
	IF_DESCRIPTION,
	IF_NAME,
	IF_TSRESOL,
	LINKTYPE_ETHERNET,
	OPT_COMMENT,
	SECTION_LENGTH_UNSPECIFIED,
	SHB_USERAPPL,
	SNAP_LENGTH_BYTES,
	TSRESOL_NANOSECONDS,
	USER_APPLICATION,
	VERSION_MAJOR,
	VERSION_MINOR
} from './pcapng-format';
import { msToNs } from './timestamp';
import { utf8Encode } from './utf8';

/** A capture point (vNIC, host uplink, TOR port, MUX); its index is the packets' interfaceId. */
export interface CaptureInterface {
	/** Shown by Wireshark as the interface name, e.g. "Node01 uplink". Empty: not written. */
	name: string;
	/** Longer text for the learner (what this point sees). Empty or absent: not written. */
	description?: string;
}

/** One Ethernet frame seen at a capture point. */
export interface CapturedPacket {
	/** Index into the interfaces array. */
	interfaceId: number;
	/**
	 * Simulated time in ms since the start of the run; may be fractional; rounded to the nearest
	 * ns. Tools show it as time since the Unix epoch, so a run starts at 1970-01-01 00:00:00.
	 */
	timeMs: number;
	/** The whole frame from the destination MAC on, without FCS; at most SNAP_LENGTH_BYTES. */
	bytes: Uint8Array;
	/** opt_comment, e.g. the simulation event id or a drop reason. Empty or absent: not written. */
	comment?: string;
}

/**
 * Encodes a capture as pcapng. Packets are written in the order given (pcapng does not require
 * time order, and the simulation's order is the truth). Throws an Error naming the offending
 * packet or interface for an unknown interfaceId, a time that is not finite and >= 0, a frame
 * longer than the snap length, or a string longer than an option can hold.
 * @returns the file's bytes (a fresh buffer the caller owns)
 */
export function writePcapng(
	interfaces: readonly CaptureInterface[],
	packets: Iterable<CapturedPacket>
): Uint8Array {
	const out = new ByteWriter();
	writeSectionHeader(out);
	interfaces.forEach((captureInterface, index) => writeInterface(out, captureInterface, index));
	let index = 0;
	for (const packet of packets) writePacket(out, packet, index++, interfaces.length);
	return out.toBytes();
}

function writeSectionHeader(out: ByteWriter): void {
	const start = out.beginBlock(BLOCK_SECTION_HEADER);
	out.u32(BYTE_ORDER_MAGIC);
	out.u16(VERSION_MAJOR);
	out.u16(VERSION_MINOR);
	out.u64(SECTION_LENGTH_UNSPECIFIED);
	out.option(SHB_USERAPPL, utf8Encode(USER_APPLICATION), 'shb_userappl');
	out.endOptions();
	out.endBlock(start);
}

function writeInterface(out: ByteWriter, captureInterface: CaptureInterface, index: number): void {
	const { name, description } = captureInterface;
	const start = out.beginBlock(BLOCK_INTERFACE_DESCRIPTION);
	out.u16(LINKTYPE_ETHERNET);
	out.u16(0); // reserved
	out.u32(SNAP_LENGTH_BYTES);
	if (name) out.option(IF_NAME, utf8Encode(name), `interface ${index} name`);
	if (description) {
		out.option(IF_DESCRIPTION, utf8Encode(description), `interface ${index} description`);
	}
	// Without if_tsresol readers assume microseconds; nanoseconds keep the sim's sub-µs timing.
	out.option(IF_TSRESOL, Uint8Array.of(TSRESOL_NANOSECONDS), 'if_tsresol');
	out.endOptions();
	out.endBlock(start);
}

function writePacket(
	out: ByteWriter,
	packet: CapturedPacket,
	index: number,
	interfaceCount: number
): void {
	const { interfaceId, timeMs, bytes, comment } = packet;
	const where = `pcapng: packet ${index}`;
	if (!Number.isInteger(interfaceId) || interfaceId < 0 || interfaceId >= interfaceCount) {
		const known = interfaceCount === 0 ? 'there are no interfaces' : `0..${interfaceCount - 1}`;
		throw new RangeError(`${where}: interfaceId ${interfaceId} is not an interface (${known})`);
	}
	if (!(bytes instanceof Uint8Array)) throw new TypeError(`${where}: bytes is not a Uint8Array`);
	if (bytes.length > SNAP_LENGTH_BYTES) {
		throw new RangeError(`${where}: ${bytes.length} bytes exceed the snap length`);
	}
	let ns: bigint;
	try {
		// msToNs validates the time (finite, >= 0, fits 64 bits); the prefix names the packet.
		ns = msToNs(timeMs);
	} catch (error) {
		throw new RangeError(`${where}: ${(error as Error).message}`, { cause: error });
	}
	const start = out.beginBlock(BLOCK_ENHANCED_PACKET);
	out.u32(interfaceId);
	// The 64-bit timestamp is two u32 fields, high word first, each in the section's byte order.
	out.u32(Number(ns >> 32n));
	out.u32(Number(ns & 0xffff_ffffn));
	out.u32(bytes.length); // captured length
	out.u32(bytes.length); // original length: frames are never truncated
	out.bytes(bytes);
	out.pad32();
	if (comment) {
		out.option(OPT_COMMENT, utf8Encode(comment), `packet ${index} comment`);
		out.endOptions();
	}
	out.endBlock(start);
}

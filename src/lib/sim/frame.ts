/**
 * Frames: the visible, changing state of the simulation packed into one ArrayBuffer, sent from the
 * worker to the main thread at most once per animation frame (as a transferable). The static part
 * (names, rack positions, drive types) is in TopologyInfo and sent once.
 *
 * Layout, version 1, little-endian:
 *
 *   offset size  field
 *   0      4     magic 0x31465353 ("SSF1" as bytes)
 *   4      2     version (1)
 *   6      2     header size in bytes (40)
 *   8      8     simTimeMs (f64)
 *   16     4     logCount: entries in the event log so far
 *   20     4     processed: queue items and inputs processed so far
 *   24     4     inputCount: inputs in the active input log
 *   28     2     nodeCount
 *   30     2     driveCount
 *   32     2     switchCount
 *   34     2     flags (bit 0: nothing left to simulate)
 *   36     4     nextEventMs (f32, simulated ms until the next queued item; +Inf if none)
 *   40     8*N   nodes: u8 health, u8 peersLost, u16 reserved, f32 msSinceHeartbeat
 *   ...    D     drives: u8 health each, then padding to a multiple of 4
 *   ...    S     switches: u8 health each, then padding to a multiple of 4
 *
 * A reader rejects an unknown magic or version with FrameFormatError instead of misreading bytes.
 */

export const FRAME_MAGIC = 0x31465353;
export const FRAME_VERSION = 1;
export const FRAME_HEADER_BYTES = 40;
const NODE_BYTES = 8;

export const FrameFlags = { idle: 1 } as const;

/** The visible state to pack. Arrays are indexed like TopologyInfo's. */
export interface FrameSource {
	simTimeMs: number;
	logCount: number;
	processed: number;
	inputCount: number;
	flags: number;
	nextEventMs: number;
	nodeHealth: ArrayLike<number>;
	nodePeersLost: ArrayLike<number>;
	nodeMsSinceHeartbeat: ArrayLike<number>;
	driveHealth: ArrayLike<number>;
	switchHealth: ArrayLike<number>;
}

export class FrameFormatError extends Error {
	override name = 'FrameFormatError';
}

const pad4 = (n: number) => (n + 3) & ~3;

/** Size in bytes of a frame with the given object counts. */
export function frameBytes(nodes: number, drives: number, switches: number): number {
	return FRAME_HEADER_BYTES + nodes * NODE_BYTES + pad4(drives) + pad4(switches);
}

/** Packs `src` into a new ArrayBuffer (ready to transfer). */
export function packFrame(src: FrameSource): ArrayBuffer {
	const nodes = src.nodeHealth.length;
	const drives = src.driveHealth.length;
	const switches = src.switchHealth.length;
	const buffer = new ArrayBuffer(frameBytes(nodes, drives, switches));
	const view = new DataView(buffer);
	view.setUint32(0, FRAME_MAGIC, true);
	view.setUint16(4, FRAME_VERSION, true);
	view.setUint16(6, FRAME_HEADER_BYTES, true);
	view.setFloat64(8, src.simTimeMs, true);
	view.setUint32(16, src.logCount, true);
	view.setUint32(20, src.processed, true);
	view.setUint32(24, src.inputCount, true);
	view.setUint16(28, nodes, true);
	view.setUint16(30, drives, true);
	view.setUint16(32, switches, true);
	view.setUint16(34, src.flags, true);
	view.setFloat32(36, src.nextEventMs, true);
	let o = FRAME_HEADER_BYTES;
	for (let i = 0; i < nodes; i++, o += NODE_BYTES) {
		view.setUint8(o, src.nodeHealth[i]);
		view.setUint8(o + 1, Math.min(255, src.nodePeersLost[i]));
		view.setFloat32(o + 4, src.nodeMsSinceHeartbeat[i], true);
	}
	const bytes = new Uint8Array(buffer);
	for (let i = 0; i < drives; i++) bytes[o + i] = src.driveHealth[i];
	o += pad4(drives);
	for (let i = 0; i < switches; i++) bytes[o + i] = src.switchHealth[i];
	return buffer;
}

/**
 * Reads a frame without copying: create one reader and `attach` each new buffer. Accessors read
 * straight from the buffer, so the per-frame update allocates nothing but the reader's views.
 */
export class FrameReader {
	private view = new DataView(new ArrayBuffer(FRAME_HEADER_BYTES));
	private bytes = new Uint8Array(0);
	private driveOffset = 0;
	private switchOffset = 0;

	/** Binds the reader to a frame; throws FrameFormatError if it is not a version-1 frame. */
	attach(buffer: ArrayBuffer): this {
		if (buffer.byteLength < FRAME_HEADER_BYTES) throw new FrameFormatError('frame too short');
		const view = new DataView(buffer);
		if (view.getUint32(0, true) !== FRAME_MAGIC) throw new FrameFormatError('not a frame');
		const version = view.getUint16(4, true);
		if (version !== FRAME_VERSION) {
			throw new FrameFormatError(`frame version ${version}, this build reads ${FRAME_VERSION}`);
		}
		const nodes = view.getUint16(28, true);
		const drives = view.getUint16(30, true);
		const switches = view.getUint16(32, true);
		if (buffer.byteLength < frameBytes(nodes, drives, switches)) {
			throw new FrameFormatError('frame shorter than its counts');
		}
		this.view = view;
		this.bytes = new Uint8Array(buffer);
		this.driveOffset = view.getUint16(6, true) + nodes * NODE_BYTES;
		this.switchOffset = this.driveOffset + pad4(drives);
		return this;
	}

	get simTimeMs(): number {
		return this.view.getFloat64(8, true);
	}
	get logCount(): number {
		return this.view.getUint32(16, true);
	}
	get processed(): number {
		return this.view.getUint32(20, true);
	}
	get inputCount(): number {
		return this.view.getUint32(24, true);
	}
	get nodeCount(): number {
		return this.view.getUint16(28, true);
	}
	get driveCount(): number {
		return this.view.getUint16(30, true);
	}
	get switchCount(): number {
		return this.view.getUint16(32, true);
	}
	get flags(): number {
		return this.view.getUint16(34, true);
	}
	get nextEventMs(): number {
		return this.view.getFloat32(36, true);
	}
	nodeHealth(i: number): number {
		return this.bytes[FRAME_HEADER_BYTES + i * NODE_BYTES];
	}
	nodePeersLost(i: number): number {
		return this.bytes[FRAME_HEADER_BYTES + i * NODE_BYTES + 1];
	}
	nodeMsSinceHeartbeat(i: number): number {
		return this.view.getFloat32(FRAME_HEADER_BYTES + i * NODE_BYTES + 4, true);
	}
	driveHealth(i: number): number {
		return this.bytes[this.driveOffset + i];
	}
	switchHealth(i: number): number {
		return this.bytes[this.switchOffset + i];
	}
}

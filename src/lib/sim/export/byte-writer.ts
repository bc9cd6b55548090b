/**
 * A growable little-endian byte buffer with the two shapes pcapng repeats everywhere: blocks
 * (total length at both ends) and options (code, length, value padded to 32 bits).
 */
import { MAX_OPTION_BYTES, OPT_ENDOFOPT } from './pcapng-format';

/** Initial capacity in bytes; doubling from here keeps appends amortised O(1). */
const INITIAL_BYTES = 4096;

export class ByteWriter {
	private buffer = new Uint8Array(INITIAL_BYTES);
	private view = new DataView(this.buffer.buffer);
	/** Bytes written so far. */
	length = 0;

	u16(value: number): void {
		this.reserve(2);
		this.view.setUint16(this.length, value, true);
		this.length += 2;
	}

	u32(value: number): void {
		this.reserve(4);
		this.view.setUint32(this.length, value, true);
		this.length += 4;
	}

	/** A 64-bit field written as one little-endian u64 (the SHB's Section Length). */
	u64(value: bigint): void {
		this.reserve(8);
		this.view.setBigUint64(this.length, value, true);
		this.length += 8;
	}

	bytes(value: Uint8Array): void {
		this.reserve(value.length);
		this.buffer.set(value, this.length);
		this.length += value.length;
	}

	/** Zero bytes up to the next multiple of 4: pcapng aligns every field to 32 bits. */
	pad32(): void {
		const padding = (4 - (this.length % 4)) % 4;
		this.reserve(padding);
		// The buffer only grows and is never reused, so the padding bytes are already zero.
		this.length += padding;
	}

	/** Starts a block; returns its offset, to hand to endBlock. */
	beginBlock(type: number): number {
		const start = this.length;
		this.u32(type);
		this.u32(0); // total length, patched by endBlock once the body is known
		return start;
	}

	/** Ends the block started at `start`: the same total length (bytes) at both ends. */
	endBlock(start: number): void {
		const totalLength = this.length - start + 4;
		this.u32(totalLength);
		this.view.setUint32(start + 4, totalLength, true);
	}

	/** One option; `what` names it in the error when the value exceeds the u16 length field. */
	option(code: number, value: Uint8Array, what: string): void {
		if (value.length > MAX_OPTION_BYTES) {
			throw new RangeError(
				`pcapng: ${what} is ${value.length} bytes; an option holds at most ${MAX_OPTION_BYTES}`
			);
		}
		this.u16(code);
		this.u16(value.length);
		this.bytes(value);
		this.pad32();
	}

	/** opt_endofopt: closes an option list (only written when the list is not empty). */
	endOptions(): void {
		this.u16(OPT_ENDOFOPT);
		this.u16(0);
	}

	/** A copy of exactly the bytes written, so the caller owns a right-sized buffer. */
	toBytes(): Uint8Array {
		return this.buffer.slice(0, this.length);
	}

	private reserve(extra: number): void {
		const needed = this.length + extra;
		if (needed <= this.buffer.length) return;
		let capacity = this.buffer.length * 2;
		while (capacity < needed) capacity *= 2;
		const grown = new Uint8Array(capacity);
		grown.set(this.buffer.subarray(0, this.length));
		this.buffer = grown;
		this.view = new DataView(grown.buffer);
	}
}

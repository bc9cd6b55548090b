/**
 * Pure helpers for the packet inspector's hex dump and layer list: rows of bytes with offsets
 * and an ASCII column, byte ranges of the selected layer or field, and their text for screen
 * readers. No DOM and no runes, so they are unit-tested directly.
 */
import type { DecodedLayer } from '$lib/sim/net/decode';

/** Bytes per hex dump row, as in Wireshark and `xxd`. */
export const HEX_ROW_BYTES = 16;

/** One row of the hex dump. Rows are immutable and keyed by `offset`. */
export interface HexRow {
	/** Offset of the row's first byte from the start of the frame (bytes). */
	offset: number;
	/** `offset` as at least 4 hex digits, e.g. '0010'. */
	offsetLabel: string;
	/** Each byte as 2 lowercase hex digits. */
	hex: string[];
	/** Each byte as a printable ASCII character, '.' for anything else. */
	ascii: string[];
}

/** A half-open byte range [start, end) of a frame, with what it is (for the announcement). */
export interface ByteRange {
	start: number;
	end: number;
	label: string;
}

/** What is selected in the inspector: a layer, or one field of it. */
export interface PacketSelection {
	layer: number;
	field: number | null;
}

/** How a layer relates to VXLAN encapsulation: the wrapper, the wrapped frame, or neither. */
export type LayerRole = 'outer' | 'inner' | 'plain';

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** The byte as a character when it is printable ASCII (0x20–0x7e), else '.'. */
export function asciiChar(byte: number): string {
	return byte >= 0x20 && byte <= 0x7e ? String.fromCharCode(byte) : '.';
}

/** A byte offset as at least 4 hex digits (frames of up to 64 KiB keep an even column). */
export function formatOffset(offset: number): string {
	return offset.toString(16).padStart(4, '0');
}

/** Splits a frame into rows of `HEX_ROW_BYTES`; the last row may be shorter. */
export function hexRows(bytes: Uint8Array): HexRow[] {
	const rows: HexRow[] = [];
	for (let offset = 0; offset < bytes.length; offset += HEX_ROW_BYTES) {
		const chunk = bytes.subarray(offset, offset + HEX_ROW_BYTES);
		rows.push({
			offset,
			offsetLabel: formatOffset(offset),
			hex: Array.from(chunk, (b) => HEX[b]),
			ascii: Array.from(chunk, asciiChar)
		});
	}
	return rows;
}

/**
 * The bytes a selection covers: the whole layer, or just the field (labelled 'Layer › Field').
 * Null when nothing is selected or the selection does not exist in these layers.
 */
export function selectionRange(
	layers: readonly DecodedLayer[],
	selection: PacketSelection | null
): ByteRange | null {
	const layer = selection ? layers[selection.layer] : undefined;
	if (!selection || !layer) return null;
	if (selection.field === null) {
		return { start: layer.offset, end: layer.offset + layer.length, label: layer.name };
	}
	const field = layer.fields[selection.field];
	if (!field) return null;
	return {
		start: field.offset,
		end: field.offset + field.length,
		label: `${layer.name} › ${field.name}`
	};
}

/** The range in words, with inclusive decimal offsets: 'Bytes 42–49 (VXLAN)'. */
export function describeRange(range: ByteRange): string {
	const { start, end, label } = range;
	if (end <= start) return `No bytes (${label})`;
	if (end - start === 1) return `Byte ${start} (${label})`;
	return `Bytes ${start}–${end - 1} (${label})`;
}

/**
 * The part of a row a range covers, as row-relative [from, to); [0, 0) when none. Primitive
 * results let the hex dump skip rows whose highlight did not change.
 */
export function rowSpan(rowOffset: number, range: ByteRange | null): [number, number] {
	if (!range) return [0, 0];
	const from = Math.max(range.start - rowOffset, 0);
	const to = Math.min(range.end - rowOffset, HEX_ROW_BYTES);
	return from < to ? [from, to] : [0, 0];
}

/**
 * Each layer's role: up to and including the first VXLAN header the layers are the wrapper
 * ('outer'), after it the tenant's own frame ('inner'); without VXLAN all are 'plain'.
 */
export function layerRoles(layers: readonly DecodedLayer[]): LayerRole[] {
	const vxlanAt = layers.findIndex((layer) => layer.name === 'VXLAN');
	if (vxlanAt < 0) return layers.map(() => 'plain');
	return layers.map((_, i) => (i <= vxlanAt ? 'outer' : 'inner'));
}

/**
 * Colours of storage transfers (256 KiB interleaves on their way to or from a drive), one per
 * IoKind. Free of three.js like palette.ts, so the UI legend can use it too.
 *
 * The five hues were picked apart from every health, media, packet and cable colour, and spread
 * over lightness and the blue–yellow axis (the two cues every colour-vision type keeps), so they
 * stay apart under protanopia, deuteranopia and tritanopia; io-palette.test.ts checks both, and
 * that each reads on the dark background. Transfers are also drawn as flat slabs, never cubes, so
 * their shape tells them from packets.
 */
import { IoKind } from '../sim/frame';

export type IoKindName = keyof typeof IoKind;

export interface IoStyle {
	readonly name: IoKindName;
	/** The frame's IoKind code. */
	readonly kind: IoKind;
	/** sRGB hex, readable on `SCENE_COLORS.background`. */
	readonly color: string;
	/** The colour in words, for the text legend and screen readers. */
	readonly colorName: string;
	readonly label: string;
	readonly description: string;
}

/** Styles by kind name, in IoKind code order. */
export const IO_STYLES: Readonly<Record<IoKindName, IoStyle>> = {
	write: {
		name: 'write',
		kind: IoKind.write,
		color: '#4A64FF',
		colorName: 'blue',
		label: 'Write',
		description: "a VM's write, from its server to a drive holding a copy"
	},
	read: {
		name: 'read',
		kind: IoKind.read,
		color: '#FFDD80',
		colorName: 'light gold',
		label: 'Read',
		description: "a VM's read, from the drive that serves it back to the VM's server"
	},
	destage: {
		name: 'destage',
		kind: IoKind.destage,
		color: '#C4FFE4',
		colorName: 'pale mint',
		label: 'De-stage',
		description: 'cached writes moved from a cache drive to a capacity drive in the same server'
	},
	resync: {
		name: 'resync',
		kind: IoKind.resync,
		color: '#FF8FE0',
		colorName: 'orchid pink',
		label: 'Resync',
		description: 'a repair copying data to a drive that missed writes or replaces a lost copy'
	},
	rotate: {
		name: 'rotate',
		kind: IoKind.rotate,
		color: '#D60064',
		colorName: 'raspberry',
		label: 'Rotation',
		description: 'mirror-accelerated parity moving data from the mirror tier into parity'
	}
};

const BY_KIND: readonly IoStyle[] = Object.values(IO_STYLES).sort((a, b) => a.kind - b.kind);

/** The style of an IoKind code, or null for a code this build does not know. */
export function ioStyle(kind: number): IoStyle | null {
	return BY_KIND[kind] ?? null;
}

/** The legend's storage transfer line. */
export const IO_LEGEND = `Flat slabs moving between servers and drives are storage transfers, one 256 KiB interleave each: ${BY_KIND.map((s) => `${s.colorName} ${s.label.toLowerCase()}`).join(', ')}; a slab rests where it landed (a write on its drive, a read at its server's name plate) for a moment, shrinking and fading`;

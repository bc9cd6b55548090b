/**
 * Colours of the virtual machine tiles on the server fronts (vm-tiles.ts), by role family and by
 * state. Free of three.js like palette.ts, so the UI legend can use it too.
 *
 * The infrastructure roles share one warm hue at three lightness levels (network roles amber,
 * ERCS cream, the other roles bronze), and tenant VMs take a violet far from it, from every
 * health colour and from the packet and storage transfer colours; vm-palette.test.ts checks
 * that the four families stay apart for every colour-vision type and that each reads on a bezel.
 *
 * States change the family colour: a stopped VM is a dark grey and drawn smaller (size is the
 * non-colour cue); a restarting one fades in from near that grey as it boots; one running
 * unmonitored on an isolated server is tinted towards the warning yellow. Simplified: the warning
 * tint is a colour cue only; the isolated server's own health badge and pattern, and the
 * Objects tab's text, say the same without colour.
 */
import { FRAME_VM_ROLES, VmFrameState } from '../sim/frame';

/**
 * HEALTH_STYLES.warning.color, written out because palette.ts imports this module for its legend
 * (a test keeps the two equal).
 */
export const VM_WARNING_COLOR = '#F0E442';

export type VmFamilyName = 'network' | 'ercs' | 'infra' | 'tenant';

export interface VmFamilyStyle {
	readonly name: VmFamilyName;
	/** sRGB hex of a running VM, readable on a server's bezel. */
	readonly color: string;
	/** The colour in words, for the text legend and screen readers. */
	readonly colorName: string;
	readonly label: string;
	/** The FRAME_VM_ROLES names in the family. */
	readonly roles: readonly string[];
}

const NETWORK_ROLES = ['NC', 'SLB', 'GWY'] as const;

/** Styles by family, infrastructure first. */
export const VM_FAMILIES: Readonly<Record<VmFamilyName, VmFamilyStyle>> = {
	network: {
		name: 'network',
		color: '#F5A95C',
		colorName: 'amber',
		label: 'Network VMs',
		roles: NETWORK_ROLES
	},
	ercs: {
		name: 'ercs',
		color: '#FFE3C0',
		colorName: 'cream',
		label: 'ERCS VMs',
		roles: ['ERCS']
	},
	infra: {
		name: 'infra',
		color: '#B7865A',
		colorName: 'bronze',
		label: 'Other infrastructure VMs',
		roles: FRAME_VM_ROLES.filter(
			(r) => r !== 'tenant' && r !== 'ERCS' && !(NETWORK_ROLES as readonly string[]).includes(r)
		)
	},
	tenant: {
		name: 'tenant',
		color: '#E07BFF',
		colorName: 'violet',
		label: 'Tenant VMs',
		roles: ['tenant']
	}
};

const FAMILY_OF_ROLE: readonly VmFamilyName[] = FRAME_VM_ROLES.map(
	(role) => Object.values(VM_FAMILIES).find((f) => f.roles.includes(role))?.name ?? 'infra'
);

/** The family of a frame role code; an unknown code counts as an infrastructure role. */
export function vmFamily(role: number): VmFamilyName {
	return FAMILY_OF_ROLE[role] ?? 'infra';
}

/** A stopped VM's tile: dark grey, whatever its role. */
export const VM_DOWN_COLOR = '#4B515B';
/** A restarting VM starts this far (0..1) from the stopped grey towards its colour. */
export const VM_RESTART_FLOOR = 0.25;
/** How far (0..1) an unmonitored VM's colour is tinted towards the warning yellow. */
export const VM_UNMONITORED_TINT = 0.5;
/** A stopped VM's tile is drawn this much smaller: size, not only colour, tells it apart. */
export const VM_DOWN_SCALE = 0.6;
/**
 * Live migration traffic: the trail behind a flying tile and, with reduced motion, the dot on a
 * tile waiting to arrive and the dotted route to its new server. The scene's activity white, the
 * colour of cluster traffic (heartbeats) on the cables.
 */
export const VM_MIGRATION_COLOR = '#F5F7FA';

/** `a` mixed with `b` by `t` (0 = a, 1 = b), in sRGB, as hex. */
export function mixHex(a: string, b: string, t: number): string {
	const k = Math.min(1, Math.max(0, t));
	const channel = (i: number) => {
		const v = parseInt(a.slice(i, i + 2), 16) * (1 - k) + parseInt(b.slice(i, i + 2), 16) * k;
		return Math.round(v).toString(16).padStart(2, '0');
	};
	return `#${channel(1)}${channel(3)}${channel(5)}`.toUpperCase();
}

/**
 * The colour of a VM of `family` in `state` (VmFrameState); `progress` is a restart's boot (0..1).
 * A migrating VM keeps its colour (the trail shows the migration).
 */
export function vmColor(family: VmFamilyName, state: number, progress = 1): string {
	const base = VM_FAMILIES[family].color;
	switch (state) {
		case VmFrameState.down:
			return VM_DOWN_COLOR;
		case VmFrameState.restarting:
			return mixHex(VM_DOWN_COLOR, base, VM_RESTART_FLOOR + (1 - VM_RESTART_FLOOR) * progress);
		case VmFrameState.unmonitored:
			return mixHex(base, VM_WARNING_COLOR, VM_UNMONITORED_TINT);
		default:
			return base;
	}
}

const families = Object.values(VM_FAMILIES);

/** The legend's virtual machine line. */
export const VM_LEGEND = `Small squares under each server's name are its virtual machines, one each, coloured by role: ${families.map((f) => `${f.colorName} for ${f.name === 'tenant' ? 'tenant VMs' : f.roles.join(', ')}`).join('; ')}. A stopped VM is a smaller dark grey square, a restarting one brightens as it boots, and one running unmonitored on a cut-off server is tinted yellow`;

/** The legend's live migration line. */
export const VM_MIGRATION_LEGEND =
	'A live-migrating VM flies from its old server along the data cables through TOR1 to its new one, trailing small white squares (its memory being copied); with reduced motion it stays put with a white dot on it, and a dotted white line shows where it is going';

/**
 * The one colour language of StackScope. The 3D scene and the Svelte UI both import it, so it
 * must stay free of three.js. Every health state has a colour AND a shape and a pattern, because
 * about one learner in twelve cannot tell some hues apart: colour is never the only cue.
 *
 * Health hues come from the Okabe–Ito set (bluish green, yellow, vermillion, sky blue) plus a
 * neutral grey; palette.test.ts checks they stay apart under simulated protanopia, deuteranopia
 * and tritanopia and that each reads (≥ 3:1) on the dark background.
 */
import { healthName, type HealthCode, type HealthName } from '../sim/health';
import type { DriveMedia } from '../sim/topology';
import { IO_LEGEND } from './io-palette';
import { VM_LEGEND, VM_MIGRATION_LEGEND } from './vm-palette';

/** Fill pattern used as the non-colour cue on surfaces (bezels, drive faces, table rows). */
export type HealthPattern = 'solid' | 'stripes' | 'crosshatch' | 'dashed' | 'dots';

export interface HealthStyle {
	readonly name: HealthName;
	readonly code: HealthCode;
	/** sRGB hex, readable on `SCENE_COLORS.background`. */
	readonly color: string;
	readonly label: string;
	/** A distinct shape, drawn as a badge in 3D and usable as text in the UI. */
	readonly symbol: string;
	readonly pattern: HealthPattern;
	readonly description: string;
}

/** Styles by health name; codes follow sim/health.ts. */
export const HEALTH_STYLES: Readonly<Record<HealthName, HealthStyle>> = {
	healthy: {
		name: 'healthy',
		code: 0,
		color: '#009E73',
		label: 'Healthy',
		symbol: '●',
		pattern: 'solid',
		description: 'working normally'
	},
	warning: {
		name: 'warning',
		code: 1,
		color: '#F0E442',
		label: 'Warning',
		symbol: '▲',
		pattern: 'stripes',
		description: 'working with reduced redundancy'
	},
	failed: {
		name: 'failed',
		code: 2,
		color: '#D55E00',
		label: 'Failed',
		symbol: '✕',
		pattern: 'crosshatch',
		description: 'not working'
	},
	unreachable: {
		name: 'unreachable',
		code: 3,
		color: '#A0A4AA',
		label: 'Unreachable',
		symbol: '◌',
		pattern: 'dashed',
		description: 'cannot be reached (for example inside a failed server); drawn dimmed'
	},
	maintenance: {
		name: 'maintenance',
		code: 4,
		color: '#56B4E9',
		label: 'Maintenance',
		symbol: '■',
		pattern: 'dots',
		description: 'deliberately out of service (paused or drained)'
	}
};

/** The style of a health code; an unknown code is shown as unreachable, as `healthName` does. */
export function healthStyle(code: number): HealthStyle {
	return HEALTH_STYLES[healthName(code)];
}

export interface MediaStyle {
	readonly media: DriveMedia;
	readonly color: string;
	readonly label: string;
}

/**
 * Drive media as a lightness ladder of one violet hue (fastest lightest), so media never looks
 * like a health state and stays apart for every colour-vision type (lightness survives them all).
 */
export const MEDIA_STYLES: Readonly<Record<DriveMedia, MediaStyle>> = {
	nvme: { media: 'nvme', color: '#E2D6FA', label: 'NVMe' },
	ssd: { media: 'ssd', color: '#A08FE0', label: 'SSD' },
	hdd: { media: 'hdd', color: '#6A6284', label: 'HDD' }
};

/** The style of a drive medium. */
export function mediaStyle(media: DriveMedia): MediaStyle {
	return MEDIA_STYLES[media];
}

/** Non-health colours of the scene (sRGB hex), shared so the UI can match the canvas. */
export const SCENE_COLORS = {
	/** Canvas background; also the UI's 3D panel background while the scene loads. */
	background: '#0F1419',
	floor: '#0A0D11',
	grid: '#2C3542',
	/** Selection outline: white, a colour no health state uses. */
	selection: '#FFFFFF',
	/** Heartbeat activity on a server's NIC LED. */
	activity: '#F5F7FA',
	/** Bay trim of cache drives: light, against the dark trim of capacity drives. */
	cacheTrim: '#C9CED6',
	capacityTrim: '#14171C',
	label: '#E8ECF1',
	/** Data cables (server to TOR1/TOR2) between heartbeats; they flash `activity` with each one. */
	cable: '#3F6A96',
	/** Management cables (server to the BMC switch). */
	cableBmc: '#5E6673',
	/** A cable with no traffic (failed server or switch): dark, and drawn dashed. */
	cableDown: '#3A3F47',
	/** Leader lines from name labels to their units. */
	leader: '#6A7482',
	/**
	 * Tenant packets in flight, by tenant index parity: reddish purple and orange (Okabe–Ito hues
	 * no health state uses). An encapsulated (VXLAN) packet also wears a translucent white wrapper.
	 */
	packetTenantEven: '#CC79A7',
	packetTenantOdd: '#E69F00',
	packetWrapper: '#F5F7FA',
	/**
	 * Load-balanced (SLB) packets on their way in (client → border router → TOR → MUX → server):
	 * turquoise, far from every health, tenant and cable hue. The MUX tags on servers share it,
	 * because that is where these packets are sent on from.
	 */
	packetLoadBalanced: '#3FE0D0',
	/**
	 * Replies sent by Direct Server Return (server → TOR → border router, no MUX): lime, and drawn
	 * as diamonds (a packet box turned 45°) instead of squares, so shape tells them apart too.
	 */
	packetDirectReturn: '#B8F25C',
	/** A drop marker: larger than a packet, in the failed colour, held where the drop happened. */
	packetDropped: '#D55E00'
} as const;

/** The legend's Software Load Balancer line. */
export const SLB_LEGEND =
	'Load balancing: the border router stands right of the racks, cabled to TOR1, with the Internet beyond it; turquoise squares are load-balanced packets coming in from internet clients through a MUX (a turquoise tag on a server marks where a MUX runs); lime diamonds are replies going straight from the server to the border router by Direct Server Return, bypassing the MUXes';

/**
 * Plain-text legend (one item a line) for the UI and for screen readers. `slb`: include the line
 * about the Software Load Balancer (pass false for scenarios without one).
 */
export function legendText(slb = true): string {
	const health = Object.values(HEALTH_STYLES).map(
		(s) => `${s.symbol} ${s.label} (${s.pattern}): ${s.description}`
	);
	const media = Object.values(MEDIA_STYLES).map((s) => `${s.label} drive`);
	return [
		...health,
		`Drive colours, lightest is fastest: ${media.join(', ')}`,
		'Cache drives sit in the left bays with a light trim; capacity drives have a dark trim',
		'A small LED on each server flashes with every cluster heartbeat',
		'Small boxes moving along cables and across server faces are tenant packets (pink or orange by tenant); a packet inside a pale translucent box is VXLAN-encapsulated; a larger vermillion box marks where a packet was dropped (the event log says why)',
		'While packets are in flight between servers, the data cables on their path light up in the tenant colour',
		'Thin lines are cables: blue from each server to TOR1 and TOR2 (they flash with every heartbeat), grey to the BMC switch; a dark dashed cable carries no traffic',
		IO_LEGEND,
		VM_LEGEND,
		VM_MIGRATION_LEGEND,
		...(slb ? [SLB_LEGEND] : [])
	].join('\n');
}

/**
 * The palette as three.js Colors (linear), built once at module load so the frame loop only
 * copies them. Health-indexed tables have one entry per code 0..4.
 */
import { Color } from 'three';
import { HEALTH_NAMES, Health } from '../sim/health';
import type { DriveMedia } from '../sim/topology';
import { HEALTH_STYLES, MEDIA_STYLES, SCENE_COLORS } from './palette';
import type { RackPartKind } from './rack-parts';

/** Maps any frame byte to a table index: unknown codes show as unreachable, like healthName. */
export function healthIndex(code: number): number {
	return code >= 0 && code < HEALTH_NAMES.length ? code : Health.unreachable;
}

const byHealth = (f: (base: Color, code: number) => Color): readonly Color[] =>
	HEALTH_NAMES.map((name, code) => f(new Color(HEALTH_STYLES[name].color), code));

/** The health colours themselves (LEDs, strips, badges, patterns). */
export const HEALTH_COLORS = byHealth((c) => c);

const BEZEL_BASE = new Color('#343A44');
/**
 * How far a bezel is tinted towards its health colour: none when healthy (the strip and badge
 * say so), and a failed server's whole front turns.
 */
const BEZEL_TINT = [0, 0.3, 0.62, 0, 0.3];
export const BEZEL_COLORS = byHealth((c, code) =>
	code === Health.unreachable
		? BEZEL_BASE.clone().multiplyScalar(0.55)
		: BEZEL_BASE.clone().lerp(c, BEZEL_TINT[code])
);
/** Bezels of equipment without a health state in frames (the HLH). */
export const NEUTRAL_BEZEL = BEZEL_BASE.clone();

/** A failed drive is darkened, an unreachable one dimmed further (with a dashed cue on top). */
const DRIVE_DIM = [1, 1, 0.5, 0.28, 0.85];
export const DRIVE_COLORS: Readonly<Record<DriveMedia, readonly Color[]>> = {
	nvme: byHealth((_, code) => new Color(MEDIA_STYLES.nvme.color).multiplyScalar(DRIVE_DIM[code])),
	ssd: byHealth((_, code) => new Color(MEDIA_STYLES.ssd.color).multiplyScalar(DRIVE_DIM[code])),
	hdd: byHealth((_, code) => new Color(MEDIA_STYLES.hdd.color).multiplyScalar(DRIVE_DIM[code]))
};

/** LED colour per health: lit in its colour; unreachable glows only faintly. */
export const LED_COLORS = byHealth((c, code) =>
	code === Health.unreachable ? c.multiplyScalar(0.35) : c
);

/** Switch port link LEDs: dark on a failed or unreachable switch, as real links would be. */
const PORT_LEVEL = [1, 1, 0.25, 0.15, 0.7];
export const PORT_LED_COLORS = byHealth((c, code) => c.multiplyScalar(PORT_LEVEL[code]));

export const ACTIVITY_COLOR = new Color(SCENE_COLORS.activity);

export const PART_COLORS: Readonly<Record<RackPartKind, Color>> = {
	plinth: new Color('#1A1E24'),
	cap: new Color('#2A3039'),
	panel: new Color('#262B33'),
	post: new Color('#4A525E'),
	door: new Color('#1E2229')
};

export const HW_COLORS = {
	serverBody: new Color('#2E333B'),
	switchBody: new Color('#23282F'),
	blank: new Color('#15181D'),
	socket: new Color('#07080A'),
	emptyBay: new Color('#1B1F25'),
	cacheTrim: new Color(SCENE_COLORS.cacheTrim),
	capacityTrim: new Color(SCENE_COLORS.capacityTrim),
	label: new Color(SCENE_COLORS.label),
	power: new Color('#7FB8FF')
} as const;

/**
 * Colour of a whole-face pattern. A failed bezel is already tinted vermillion, so its crosshatch
 * is near-black, like hazard tape; the other states' patterns are brighter than their tint.
 */
export const FACE_CUE_COLORS = byHealth((c, code) =>
	code === Health.failed ? new Color('#140800') : c
);

/** A NIC LED that is off (no heartbeats) is a dark lens, not pure black. */
export const NIC_OFF = new Color('#0B0D10');

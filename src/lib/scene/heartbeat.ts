/**
 * How bright a server's NIC LED is, from the time since its last cluster heartbeat (pure, so it
 * is tested without WebGL). The pulse is driven by simulated time in frames, not by a timer: a
 * paused simulation shows a still LED and needs no render loop.
 */

/** Cluster heartbeat period (WS2016+ same subnet: 1 s, shared/domain/FACTS.md §7). */
export const HEARTBEAT_INTERVAL_MS = 1000;
/** Length of the flash after each heartbeat, in simulated ms. */
export const PULSE_MS = 250;
/** Brightness steps; LEDs are repainted only when the step changes. */
export const NIC_LEVELS = 16;
/** Level of a link that is up between flashes, and the steady level in reduced motion. */
export const NIC_IDLE = 3;
export const NIC_STEADY = 12;

/**
 * LED level 0..NIC_LEVELS. Off once two heartbeats are missed (or the value is not a number);
 * in reduced motion a steady light replaces the flash.
 */
export function nicLevel(msSinceHeartbeat: number, reducedMotion: boolean): number {
	if (!(msSinceHeartbeat >= 0) || msSinceHeartbeat > 2 * HEARTBEAT_INTERVAL_MS) return 0;
	if (reducedMotion) return NIC_STEADY;
	if (msSinceHeartbeat >= PULSE_MS) return NIC_IDLE;
	return Math.round(NIC_IDLE + (NIC_LEVELS - NIC_IDLE) * (1 - msSinceHeartbeat / PULSE_MS));
}

/**
 * Brightness step of a server's data cables: -1 once heartbeats stop (no traffic, drawn dashed),
 * otherwise the NIC level, held at the idle level in reduced motion (a steady, unflashing line).
 */
export function cableLevel(msSinceHeartbeat: number, reducedMotion: boolean): number {
	const level = nicLevel(msSinceHeartbeat, false);
	if (level === 0) return -1;
	return reducedMotion ? NIC_IDLE : level;
}

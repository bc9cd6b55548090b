/**
 * Health states shared by every object the learner sees (servers, drives, switches). The codes are
 * what frames carry; the UI maps each to one colour plus a second, non-colour cue (a shape).
 */
export const Health = {
	/** Working normally. */
	healthy: 0,
	/** Working with reduced redundancy or a warning. */
	warning: 1,
	/** Failed: not working. */
	failed: 2,
	/** Not reachable from the cluster (for example a drive inside a failed server). */
	unreachable: 3,
	/** Deliberately out of service (paused or drained). */
	maintenance: 4
} as const;

export type HealthCode = (typeof Health)[keyof typeof Health];
export type HealthName = keyof typeof Health;

export const HEALTH_NAMES: readonly HealthName[] = [
	'healthy',
	'warning',
	'failed',
	'unreachable',
	'maintenance'
];

/** Returns the name of a health code, or 'unreachable' for a code this build does not know. */
export function healthName(code: number): HealthName {
	return HEALTH_NAMES[code] ?? 'unreachable';
}

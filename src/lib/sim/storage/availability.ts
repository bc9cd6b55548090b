/**
 * Whether a volume can be read, from its placement and what has failed. Storage copies only:
 * pool quorum and cluster quorum are judged elsewhere, and the worst of the three wins (FACTS
 * §2, §9.8). One pass over the flat placement; the only allocations are the result arrays.
 */
import { NO_DRIVE, type Placement } from './placement';

/**
 * What has failed, as 0/1 masks. A failed drive's data is gone (retired or dead); a down server's
 * drives are unreachable but keep their data, so it comes back when the server does.
 */
export interface FailureSet {
	/** Per pool drive. */
	readonly failedDrives: Uint8Array;
	/** Per server. */
	readonly downServers: Uint8Array;
	/** Per pool drive, optional: out of reach but keeping its data (a pulled drive). */
	readonly unreachableDrives?: Uint8Array;
}

/** Per-slab states written by `assessAvailability` (one byte per slab). */
export const SLAB_FULL = 0;
/** Readable, but some extents are missing. */
export const SLAB_REDUCED = 1;
/** Not readable now, but readable again once its down servers return. */
export const SLAB_UNREADABLE = 2;
/** Not readable even with every server back: more extents on failed drives than it survives. */
export const SLAB_LOST = 3;

export type VolumeVerdict = 'healthy' | 'degraded' | 'offline';

export interface AvailabilityReport {
	readonly verdict: VolumeVerdict;
	/** FACTS §1.9 health and operational status. */
	readonly health: 'Healthy' | 'Warning' | 'Unhealthy' | 'Unknown';
	readonly operational: 'OK' | 'Incomplete' | 'Degraded' | 'No redundancy' | 'Detached';
	readonly dataLost: boolean;
	/** Slab counts by state. */
	readonly full: number;
	readonly reduced: number;
	readonly unreadable: number;
	readonly lost: number;
	/** Reduced slabs whose missing extents include a stale one (writes went on without it). */
	readonly staleReduced: number;
	/** SLAB_* state per slab (the `out` buffer if one was passed). */
	readonly slabStates: Uint8Array;
	/** Indices of slabs in state SLAB_LOST, ascending. */
	readonly lostSlabs: Uint32Array;
}

/**
 * Judges every slab: readable while at least extentsPerSlab − faultTolerance extents are on live
 * drives of up servers (one copy for a mirror, k columns for parity, FACTS §1.1, §1.3).
 * An extent with no drive (NO_DRIVE, after a repair that found no room) counts as failed.
 * A stale extent (`stale[s × extentsPerSlab + j]` > 0: writes went on while it was away) is not
 * a current copy, so it counts as missing even where its drive is back. FACTS §1.9: a readable
 * volume missing extents is Warning / Incomplete, or Warning / Degraded when a missing one is
 * stale.
 */
export function assessAvailability(
	p: Placement,
	failures: FailureSet,
	out: Uint8Array = new Uint8Array(p.slabCount),
	stale?: ArrayLike<number>
): AvailabilityReport {
	const { failedDrives, downServers, unreachableDrives } = failures;
	const n = p.driveFill.length;
	// 0 = live, 1 = unreachable (server down), 2 = data gone; one lookup per extent below.
	const driveState = new Uint8Array(n);
	for (let d = 0; d < n; d++) {
		const away = downServers[p.driveServer[d]] || (unreachableDrives?.[d] ?? 0);
		driveState[d] = failedDrives[d] ? 2 : away ? 1 : 0;
	}
	const e = p.extentsPerSlab;
	const need = e - p.faultTolerance;
	const drives = p.extentDrive;
	const counts = [0, 0, 0, 0];
	let staleReduced = 0;
	for (let s = 0, i = 0; s < p.slabCount; s++) {
		let live = 0;
		let kept = 0;
		let old = 0;
		for (let j = 0; j < e; j++, i++) {
			const d = drives[i];
			if (d === NO_DRIVE) continue;
			if (stale !== undefined && stale[i] > 0) {
				old++;
				continue;
			}
			const state = driveState[d];
			if (state === 0) live++;
			if (state !== 2) kept++;
		}
		const slabState =
			live === e
				? SLAB_FULL
				: live >= need
					? SLAB_REDUCED
					: kept >= need
						? SLAB_UNREADABLE
						: SLAB_LOST;
		out[s] = slabState;
		counts[slabState]++;
		if (slabState === SLAB_REDUCED && old > 0) staleReduced++;
	}
	const lostSlabs = new Uint32Array(counts[SLAB_LOST]);
	if (lostSlabs.length > 0) {
		for (let s = 0, k = 0; s < p.slabCount; s++) if (out[s] === SLAB_LOST) lostSlabs[k++] = s;
	}
	const [full, reduced, unreadable, lost] = counts;
	return {
		...verdictOf(reduced, unreadable, lost, staleReduced),
		dataLost: lost > 0,
		full,
		reduced,
		unreadable,
		lost,
		staleReduced,
		slabStates: out,
		lostSlabs
	};
}

/** The FACTS §1.9 row for the slab counts: any lost slab is worst, then unreadable, then reduced. */
function verdictOf(
	reduced: number,
	unreadable: number,
	lost: number,
	staleReduced: number
): Pick<AvailabilityReport, 'verdict' | 'health' | 'operational'> {
	if (lost > 0) return { verdict: 'offline', health: 'Unhealthy', operational: 'No redundancy' };
	if (unreadable > 0) return { verdict: 'offline', health: 'Unknown', operational: 'Detached' };
	if (reduced > 0) {
		const operational = staleReduced > 0 ? 'Degraded' : 'Incomplete';
		return { verdict: 'degraded', health: 'Warning', operational };
	}
	return { verdict: 'healthy', health: 'Healthy', operational: 'OK' };
}

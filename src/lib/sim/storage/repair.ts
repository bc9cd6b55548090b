/**
 * Repair after drives are retired (FACTS §1.8 "Volumes, reserve, repair", §7 "After retirement"):
 * every extent that lived on a retired drive is rebuilt on another drive, keeping each slab on
 * distinct servers. Pure: returns a new placement.
 */
import type { Rng } from '../kernel/types';
import { NO_DRIVE, pickDrive, type Placement } from './placement';

export interface RepairResult {
	readonly placement: Placement;
	/** Extents rebuilt on another drive, and the bytes written for them. */
	readonly movedExtents: number;
	readonly movedBytes: number;
	/** Extents left without a drive (no eligible server had room). */
	readonly unplacedExtents: number;
	/** Slabs that could not be read from what is left, so were not repaired. */
	readonly unrepairableSlabs: number;
}

/**
 * Rebuilds the extents of retired drives (`lostDrives[d]` = 1) elsewhere, keeping each slab on
 * distinct servers, and returns a new placement (the input is not changed). Retired drives get
 * no room. Servers in `downServers` are neither sources nor targets.
 * CHOICE (FACTS §1.8, §1.10): a rebuilt extent goes back to its own server when that server
 * has room (repair "in place" into the per-server reserve), else to the least-filled other one.
 */
export function repairPlacement(
	p: Placement,
	lostDrives: Uint8Array,
	rng: Rng,
	downServers: Uint8Array = new Uint8Array(p.serverCount)
): RepairResult {
	const e = p.extentsPerSlab;
	const driveCapacity = p.driveCapacity.slice();
	for (let d = 0; d < driveCapacity.length; d++) if (lostDrives[d]) driveCapacity[d] = 0;
	const out: Placement = {
		...p,
		extentDrive: p.extentDrive.slice(),
		driveFill: p.driveFill.slice(),
		driveCapacity
	};
	const drives = out.extentDrive;
	const used = new Uint8Array(p.serverCount);
	const only = new Uint8Array(p.serverCount);
	let moved = 0;
	let unplaced = 0;
	let unrepairable = 0;
	for (let s = 0; s < p.slabCount; s++) {
		const base = s * e;
		let live = 0;
		let bad = 0;
		used.fill(0);
		for (let j = 0; j < e; j++) {
			const d = drives[base + j];
			if (d === NO_DRIVE || lostDrives[d]) bad++;
			else {
				used[p.driveServer[d]] = 1;
				if (!downServers[p.driveServer[d]]) live++;
			}
		}
		if (bad === 0) continue;
		if (live < e - p.faultTolerance) {
			unrepairable++;
			continue;
		}
		for (let i = 0; i < used.length; i++) used[i] |= downServers[i];
		for (let j = 0; j < e; j++) {
			const old = drives[base + j];
			if (old !== NO_DRIVE && !lostDrives[old]) continue;
			let d = NO_DRIVE;
			if (old !== NO_DRIVE && !used[p.driveServer[old]]) {
				only.fill(1);
				only[p.driveServer[old]] = 0;
				d = pickDrive(out, only, lostDrives, rng);
			}
			if (d === NO_DRIVE) d = pickDrive(out, used, lostDrives, rng);
			if (old !== NO_DRIVE) out.driveFill[old]--;
			drives[base + j] = d;
			if (d === NO_DRIVE) {
				unplaced++;
				continue;
			}
			out.driveFill[d]++;
			used[p.driveServer[d]] = 1;
			moved++;
		}
	}
	return {
		placement: out,
		movedExtents: moved,
		movedBytes: moved * p.slabBytes,
		unplacedExtents: unplaced,
		unrepairableSlabs: unrepairable
	};
}

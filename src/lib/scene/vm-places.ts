/**
 * The VMs of the last frame as the scene draws them, and their places on the server fronts
 * (no three.js). Copied out of the frame so the next frame can be compared with them: the tiles
 * are redrawn only when something visible changed. A VM on the wire holds a place at both of its
 * servers, so neither grid reflows while it flies; it gives up its old place when it arrives.
 */
import { MAX_FRAME_VMS, VM_FROM_NONE, VmFrameState, type FrameReader } from '../sim/frame';
import type { TopologyInfo } from '../sim/topology';
import type { Box } from './layout';
import type { Vec3Out } from './packet-paths';
import { tileCentre, tileGrid, TILE_FILL, vmZones } from './vm-layout';

export class VmPlaces {
	/** Per server: the free area on its face the tiles fill. */
	readonly zones: readonly Box[];
	readonly server = new Uint16Array(MAX_FRAME_VMS);
	readonly role = new Uint8Array(MAX_FRAME_VMS);
	readonly state = new Uint8Array(MAX_FRAME_VMS);
	readonly from = new Uint16Array(MAX_FRAME_VMS);
	/** Progress as drawn (see `read`). */
	readonly progress = new Float32Array(MAX_FRAME_VMS);
	/** VMs copied; -1 forces the next `read` to report a change. */
	count = -1;
	/** Per server: places taken, the next free place while drawing, and its grid. */
	private readonly taken: Int32Array;
	private readonly next: Int32Array;
	private readonly gridCount: Int32Array;
	private readonly gridCols: Int32Array;
	private readonly gridPitch: Float32Array;

	constructor(topo: TopologyInfo) {
		this.zones = vmZones(topo);
		const n = topo.nodes.length;
		this.taken = new Int32Array(n);
		this.next = new Int32Array(n);
		this.gridCount = new Int32Array(n).fill(-1);
		this.gridCols = new Int32Array(n);
		this.gridPitch = new Float32Array(n);
	}

	/** Servers in the topology. */
	get servers(): number {
		return this.taken.length;
	}

	/**
	 * Copies the frame's VMs; false if nothing visible changed since the last copy. With
	 * `stillMigrations` (reduced motion) a migration's progress is kept only as waiting (0), on
	 * the wire (0.5) or arrived (1), so frames compare equal while nothing visible changes.
	 */
	read(frame: FrameReader, stillMigrations: boolean): boolean {
		const n = Math.min(frame.vmCount, MAX_FRAME_VMS);
		let changed = n !== this.count;
		for (let i = 0; i < n; i++) {
			const s = frame.vmServer(i);
			const r = frame.vmRole(i);
			const st = frame.vmState(i);
			const f = frame.vmFrom(i);
			let p = frame.vmProgress(i);
			if (stillMigrations && st === VmFrameState.migrating) p = p <= 0 ? 0 : p >= 1 ? 1 : 0.5;
			const same = s === this.server[i] && r === this.role[i] && st === this.state[i];
			if (same && f === this.from[i] && p === this.progress[i]) continue;
			changed = true;
			this.server[i] = s;
			this.role[i] = r;
			this.state[i] = st;
			this.from[i] = f;
			this.progress[i] = p;
		}
		this.count = n;
		return changed;
	}

	/** VM `i` is live-migrating between two different known servers. */
	isMoving(i: number): boolean {
		const from = this.from[i];
		return (
			this.state[i] === VmFrameState.migrating &&
			from !== VM_FROM_NONE &&
			from < this.servers &&
			from !== this.server[i]
		);
	}

	/** Counts the places each server needs, resizes the grids that changed, and starts placing. */
	layout(): void {
		this.taken.fill(0);
		for (let i = 0; i < this.count; i++) {
			const s = this.server[i];
			if (s >= this.servers) continue;
			if (!this.isMoving(i)) this.taken[s]++;
			else {
				if (this.progress[i] < 1) this.taken[this.from[i]]++;
				if (this.progress[i] > 0) this.taken[s]++;
			}
		}
		for (let s = 0; s < this.servers; s++) {
			if (this.taken[s] === this.gridCount[s]) continue;
			const grid = tileGrid(this.taken[s], this.zones[s].w, this.zones[s].h);
			this.gridCount[s] = this.taken[s];
			this.gridCols[s] = grid.cols;
			this.gridPitch[s] = grid.pitchM;
		}
		this.next.fill(0);
	}

	/** Takes the next place on server `s` (in `layout`'s order) and writes its centre into `out`. */
	take(s: number, out: Vec3Out): Vec3Out {
		tileCentre(this.zones[s], this.gridCols[s], this.gridPitch[s], this.next[s]++, out);
		return out;
	}

	/** Side of a resting tile on server `s`, in metres. */
	side(s: number): number {
		return this.gridPitch[s] * TILE_FILL;
	}
}

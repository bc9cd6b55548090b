/**
 * The cluster's virtual machines as small square tiles on the server fronts: ONE InstancedMesh
 * for every VM tile and every live migration mark, so draw calls do not grow with the VM count.
 * Each server's tiles sit in a grid under its name (vm-layout.ts) in the frame's order
 * (infrastructure roles first, alphabetically, then tenant VMs), coloured by role family and
 * state (vm-palette.ts).
 *
 * A live migration on the wire (0 < progress < 1) is drawn as the VM's tile flying from its old
 * place to its new one along the data cables through TOR1 (vm-paths.ts), trailing a few small
 * white tiles: the migration traffic on the network. While it flies it keeps its old place and
 * already holds its new one, so neither grid reflows until it has arrived. A restarting VM just
 * appears on its new server, fading in as it boots. With reduced motion nothing moves: a VM on
 * the wire stays in its old place with a white dot on it, and a dotted white line of small tiles
 * marks the route to its new server until it arrives.
 *
 * Simplified: the tile moves with the migration's progress, as if the VM itself travelled; really
 * its memory is copied over the whole window and it switches servers at the end. Only the first
 * MAX_TRAILS migrations on the wire get a trail (a drain migrates one VM at a time).
 */
import {
	BoxGeometry,
	Color,
	DynamicDrawUsage,
	Group,
	InstancedMesh,
	Matrix4,
	MeshBasicMaterial,
	Sphere,
	Vector3
} from 'three';
import { MAX_FRAME_VMS, VmFrameState, type FrameReader } from '../sim/frame';
import type { TopologyInfo } from '../sim/topology';
import type { Vec3Out } from './packet-paths';
import { TILE_D_M } from './vm-layout';
import { VM_DOWN_SCALE, VM_FAMILIES, VM_MIGRATION_COLOR, vmColor, vmFamily } from './vm-palette';
import type { VmFamilyName } from './vm-palette';
import { VmRoutes } from './vm-paths';
import { VmPlaces } from './vm-places';

/** Side of a tile on the wire, in metres: larger than at rest, to be seen along the cables. */
export const FLY_SIDE_M = 0.014;
/** Trail behind a flying tile: this many tiles of this side, this far apart along the route. */
export const TRAIL_TILES = 4;
export const TRAIL_SIDE_M = 0.006;
export const TRAIL_GAP_M = 0.035;
/** Reduced motion: dots marking a migration's route, and the dot's size on the waiting tile. */
export const ROUTE_DOTS = 24;
export const MARK_SCALE = 0.45;
/** Most migrations on the wire drawn with a trail or route at once. */
export const MAX_TRAILS = 8;
const CAPACITY = MAX_FRAME_VMS + MAX_TRAILS * (ROUTE_DOTS + 1);
/** Generous bound of the whole scene for culling (instances move every frame). */
const BOUND_RADIUS_M = 50;

const FAMILY_NAMES = Object.keys(VM_FAMILIES) as VmFamilyName[];
const STATES = Object.values(VmFrameState);
/** [family][state] colour; a restarting VM's at progress 0. */
const COLORS: readonly (readonly Color[])[] = FAMILY_NAMES.map((f) =>
	STATES.map((s) => new Color(vmColor(f, s, 0)))
);
const FAMILY_INDEX = Uint8Array.from({ length: 256 }, (_, r) => FAMILY_NAMES.indexOf(vmFamily(r)));
const MIGRATION = new Color(VM_MIGRATION_COLOR);

const scratch = new Matrix4();
const tint = new Color();
const at: Vec3Out = { x: 0, y: 0, z: 0 };
const home: Vec3Out = { x: 0, y: 0, z: 0 };
const away: Vec3Out = { x: 0, y: 0, z: 0 };

export class VmTiles {
	readonly root = new Group();
	readonly mesh: InstancedMesh;
	readonly routes: VmRoutes;
	readonly places: VmPlaces;
	private reduced: boolean;
	private tiles = 0;
	/** Migrations on the wire this frame: VM index, and the tile's old and new place. */
	private readonly flights = new Int32Array(MAX_TRAILS);
	private readonly ends = new Float32Array(MAX_TRAILS * 6);

	constructor(topo: TopologyInfo, reducedMotion: boolean) {
		this.routes = new VmRoutes(topo);
		this.places = new VmPlaces(topo);
		this.reduced = reducedMotion;
		this.mesh = new InstancedMesh(
			new BoxGeometry(1, 1, TILE_D_M),
			new MeshBasicMaterial({ name: 'vm-tile' }),
			CAPACITY
		);
		this.mesh.instanceMatrix.setUsage(DynamicDrawUsage);
		this.mesh.count = 0;
		// Instances move: a fixed, generous bound instead of recomputing one.
		this.mesh.boundingSphere = new Sphere(new Vector3(), BOUND_RADIUS_M);
		this.mesh.frustumCulled = false;
		// Create the colour buffer once, up front.
		for (let i = 0; i < CAPACITY; i++) this.mesh.setColorAt(i, MIGRATION);
		this.mesh.instanceColor?.setUsage(DynamicDrawUsage);
		this.mesh.name = 'vm-tiles';
		this.root.name = 'vm-tiles';
		this.root.add(this.mesh);
	}

	/** VM tiles drawn (one per VM on a known server), without the migration marks after them. */
	get tileCount(): number {
		return this.tiles;
	}

	/** Places the frame's VMs; returns true if anything visible changed. */
	apply(frame: FrameReader): boolean {
		const v = this.places;
		if (!v.read(frame, this.reduced)) return false;
		const before = this.mesh.count;
		v.layout();
		let drawn = 0;
		let flying = 0;
		for (let i = 0; i < v.count; i++) {
			const s = v.server[i];
			if (s >= v.servers) continue;
			if (!v.isMoving(i)) {
				const small = v.state[i] === VmFrameState.down ? VM_DOWN_SCALE : 1;
				this.put(drawn++, v.take(s, at), v.side(s) * small, this.colorOf(i));
				continue;
			}
			const from = v.from[i];
			const p = v.progress[i];
			const left = p < 1 ? v.take(from, home) : null;
			const goes = p > 0 ? v.take(s, away) : null;
			if (!goes) this.put(drawn++, home, v.side(from), this.colorOf(i));
			else if (!left) this.put(drawn++, away, v.side(s), this.colorOf(i));
			else {
				if (this.reduced) this.put(drawn++, home, v.side(from), this.colorOf(i));
				else {
					this.routes.positionAt(home, from, away, s, p, at);
					this.put(drawn++, at, FLY_SIDE_M, this.colorOf(i));
				}
				if (flying < MAX_TRAILS) this.noteFlight(flying++, i);
			}
		}
		this.tiles = drawn;
		for (let k = 0; k < flying; k++) drawn = this.drawMarks(k, drawn);
		this.mesh.count = drawn;
		this.mesh.instanceMatrix.needsUpdate = true;
		if (this.mesh.instanceColor) this.mesh.instanceColor.needsUpdate = true;
		return drawn > 0 || before > 0;
	}

	/** Switches between flying tiles and still marks; true if the drawing must be redone. */
	setReducedMotion(reduced: boolean): boolean {
		if (reduced === this.reduced) return false;
		this.reduced = reduced;
		this.places.count = -1;
		return true;
	}

	dispose(): void {
		this.root.removeFromParent();
		this.mesh.geometry.dispose();
		(this.mesh.material as MeshBasicMaterial).dispose();
		this.mesh.dispose();
	}

	private colorOf(i: number): Color {
		const v = this.places;
		const family = FAMILY_INDEX[v.role[i]];
		const st = v.state[i] < STATES.length ? v.state[i] : VmFrameState.running;
		const color = COLORS[family][st];
		if (st !== VmFrameState.restarting) return color;
		const full = COLORS[family][VmFrameState.running];
		return tint.copy(color).lerp(full, Math.min(1, Math.max(0, v.progress[i])));
	}

	/** Sets instance `k`: a square of side `sideM` at `p`, `depth` times a tile's thickness. */
	private put(k: number, p: Vec3Out, sideM: number, color: Color, depth = 1): void {
		scratch.makeScale(sideM, sideM, depth);
		scratch.setPosition(p.x, p.y, p.z);
		this.mesh.setMatrixAt(k, scratch);
		this.mesh.setColorAt(k, color);
	}

	private noteFlight(k: number, i: number): void {
		const e = this.ends;
		this.flights[k] = i;
		e[k * 6] = home.x;
		e[k * 6 + 1] = home.y;
		e[k * 6 + 2] = home.z;
		e[k * 6 + 3] = away.x;
		e[k * 6 + 4] = away.y;
		e[k * 6 + 5] = away.z;
	}

	/** Draws flight `k`'s trail (or, with reduced motion, its dot and route) from instance `drawn`. */
	private drawMarks(k: number, drawn: number): number {
		const v = this.places;
		const i = this.flights[k];
		const e = this.ends;
		home.x = e[k * 6];
		home.y = e[k * 6 + 1];
		home.z = e[k * 6 + 2];
		away.x = e[k * 6 + 3];
		away.y = e[k * 6 + 4];
		away.z = e[k * 6 + 5];
		const from = v.from[i];
		const to = v.server[i];
		if (this.reduced) {
			at.x = home.x;
			at.y = home.y;
			at.z = home.z + TILE_D_M * 0.6;
			this.put(drawn++, at, v.side(from) * MARK_SCALE, MIGRATION, 0.4);
			for (let d = 1; d <= ROUTE_DOTS; d++) {
				this.routes.positionAt(home, from, away, to, d / (ROUTE_DOTS + 1), at);
				this.put(drawn++, at, TRAIL_SIDE_M * 0.7, MIGRATION);
			}
			return drawn;
		}
		const step = TRAIL_GAP_M / Math.max(TRAIL_GAP_M, this.routes.length(home, from, away, to));
		for (let t = 1; t <= TRAIL_TILES; t++) {
			const f = v.progress[i] - t * step;
			if (f <= 0) break;
			this.routes.positionAt(home, from, away, to, f, at);
			this.put(drawn++, at, TRAIL_SIDE_M, MIGRATION);
		}
		return drawn;
	}
}

/**
 * The route of a live migration (pure arithmetic, no three.js): from the VM's tile on its old
 * server across the face to the NIC, up that server's data cable to TOR1, across the switch face
 * to the new server's port, down its cable and across its face to the tile's new place. The same
 * way packets and storage transfers between servers go (packet-paths.ts, io-paths.ts).
 * Simplified like them: live migration really runs over SMB Multichannel on both TORs; we draw
 * one route, through TOR1. Progress is by distance, so a tile keeps one speed all the way.
 */
import type { TopologyInfo } from '../sim/topology';
import { cablePolylines } from './cable-routes';
import { along, track, type Track, type Vec3Out } from './packet-paths';

/**
 * Migrating tiles travel this far in front of the cables, in metres: between storage transfers
 * (io-paths.ts, 0.015 m) and packets (packet-paths.ts, 0.025 m), so no two share a line.
 */
export const VM_LIFT_M = 0.02;

const EMPTY: Track = { pts: new Float32Array(0), dist: new Float32Array(0) };
const nicA: Vec3Out = { x: 0, y: 0, z: 0 };
const nicB: Vec3Out = { x: 0, y: 0, z: 0 };
const topA: Vec3Out = { x: 0, y: 0, z: 0 };
const topB: Vec3Out = { x: 0, y: 0, z: 0 };

const gap = (a: Vec3Out, b: Vec3Out) => Math.hypot(b.x - a.x, b.y - a.y, b.z - a.z);

/** Writes the point `f` (0..1) of the way from `a` to `b` into `out`; returns true. */
function lerp(a: Vec3Out, b: Vec3Out, f: number, out: Vec3Out): boolean {
	const t = Math.min(1, Math.max(0, f));
	out.x = a.x + (b.x - a.x) * t;
	out.y = a.y + (b.y - a.y) * t;
	out.z = a.z + (b.z - a.z) * t;
	return true;
}

function point(t: Track, k: number, out: Vec3Out): Vec3Out {
	out.x = t.pts[k * 3];
	out.y = t.pts[k * 3 + 1];
	out.z = t.pts[k * 3 + 2];
	return out;
}

export class VmRoutes {
	/** Per server: its data cable to TOR1, NIC end first (empty without a TOR). */
	private readonly cables: Track[];

	constructor(topo: TopologyInfo) {
		const S = topo.switches.length;
		const tor = topo.switches.findIndex((s) => s.kind === 'tor');
		const lines = cablePolylines(topo);
		this.cables = topo.nodes.map((_, i) =>
			tor < 0 ? EMPTY : track(lines[i * S + tor], VM_LIFT_M)
		);
	}

	/** True when both servers have a cable to TOR1, so the route goes through it. */
	private viaTor(from: number, to: number): boolean {
		const a = this.cables[from];
		const b = this.cables[to];
		return from !== to && !!a && !!b && a.dist.length > 0 && b.dist.length > 0;
	}

	/**
	 * Length in metres of the route from point `a` on server `from` to point `b` on server `to`
	 * (a straight line when they are the same server or either has no cable).
	 */
	length(a: Vec3Out, from: number, b: Vec3Out, to: number): number {
		if (!this.viaTor(from, to)) return gap(a, b);
		const ca = this.cables[from];
		const cb = this.cables[to];
		const up = ca.dist[ca.dist.length - 1];
		const down = cb.dist[cb.dist.length - 1];
		point(ca, ca.dist.length - 1, topA);
		point(cb, cb.dist.length - 1, topB);
		const ends = gap(a, point(ca, 0, nicA)) + gap(point(cb, 0, nicB), b);
		return ends + up + gap(topA, topB) + down;
	}

	/** Writes into `out` the point `f` (0..1) of the way along the route; false for unknown servers. */
	positionAt(a: Vec3Out, from: number, b: Vec3Out, to: number, f: number, out: Vec3Out): boolean {
		if (!this.cables[from] || !this.cables[to]) return false;
		if (!this.viaTor(from, to)) return lerp(a, b, f, out);
		const ca = this.cables[from];
		const cb = this.cables[to];
		point(ca, 0, nicA);
		point(cb, 0, nicB);
		point(ca, ca.dist.length - 1, topA);
		point(cb, cb.dist.length - 1, topB);
		const toNic = gap(a, nicA);
		const up = ca.dist[ca.dist.length - 1];
		const across = gap(topA, topB);
		const down = cb.dist[cb.dist.length - 1];
		const fromNic = gap(nicB, b);
		let s = Math.min(1, Math.max(0, f)) * (toNic + up + across + down + fromNic);
		if (s <= toNic) return lerp(a, nicA, toNic > 0 ? s / toNic : 1, out);
		s -= toNic;
		if (s <= up) return along(ca, up > 0 ? s / up : 1, out);
		s -= up;
		if (s <= across) return lerp(topA, topB, across > 0 ? s / across : 1, out);
		s -= across;
		if (s <= down) return along(cb, down > 0 ? 1 - s / down : 0, out);
		return lerp(nicB, b, fromNic > 0 ? (s - down) / fromNic : 1, out);
	}
}

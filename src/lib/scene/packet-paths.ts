/**
 * Where a packet in flight is drawn (pure arithmetic, no three.js): host↔TOR hops follow the
 * server's data cable to the first TOR (cable-routes.ts), from the NIC end to the switch port or
 * back; in-host hops (vNIC↔vSwitch) are a short run across the server's face, just in front of it,
 * ending at the NIC; border router↔TOR hops (SLB scenes) follow the cable from TOR1 to the border
 * router (border-layout.ts). Progress 0 is the hop's source end, 1 its destination end.
 */
import { BORDER_NODE, PacketHop, TOR_NODE } from '../sim/frame';
import type { TopologyInfo } from '../sim/topology';
import { borderLayout } from './border-layout';
import { cablePolylines } from './cable-routes';
import type { Vec3 } from './callouts';
import { faceZones, statusParts } from './fronts';
import { bezelBox } from './layout';

/** Packets float this far in front of the cable or face, in metres, so they are not hidden. */
export const PACKET_LIFT_M = 0.025;
/** Length of the in-host run (vNIC to vSwitch), in metres. */
export const IN_HOST_RUN_M = 0.12;

/** A position written into by `positionAt` (allocation-free). */
export interface Vec3Out {
	x: number;
	y: number;
	z: number;
}

/** A cable as flattened points (x, y, z), lifted towards the viewer, and distances along it. */
export interface Track {
	pts: Float32Array;
	dist: Float32Array;
}

/** Flattens a polyline into a track, every point `liftM` metres nearer the viewer (+z). */
export function track(line: readonly Vec3[], liftM = PACKET_LIFT_M): Track {
	const pts = new Float32Array(line.length * 3);
	const dist = new Float32Array(line.length);
	line.forEach((p, k) => {
		pts[k * 3] = p[0];
		pts[k * 3 + 1] = p[1];
		pts[k * 3 + 2] = p[2] + liftM;
		if (k > 0) {
			const q = line[k - 1];
			dist[k] = dist[k - 1] + Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
		}
	});
	return { pts, dist };
}

/** Writes the point `f` (0..1) of the way along `t` into `out`; false for an empty track. */
export function along({ pts, dist }: Track, f: number, out: Vec3Out): boolean {
	if (dist.length === 0) return false;
	const at = f * dist[dist.length - 1];
	let k = 1;
	while (k < dist.length - 1 && dist[k] < at) k++;
	const a = k - 1;
	const seg = dist[k] - dist[a];
	const g = dist.length === 1 ? 0 : seg > 0 ? (at - dist[a]) / seg : 0;
	const b = Math.min(k, dist.length - 1);
	out.x = pts[a * 3] + (pts[b * 3] - pts[a * 3]) * g;
	out.y = pts[a * 3 + 1] + (pts[b * 3 + 1] - pts[a * 3 + 1]) * g;
	out.z = pts[a * 3 + 2] + (pts[b * 3 + 2] - pts[a * 3 + 2]) * g;
	return true;
}

export class PacketPaths {
	/** Per node: its cable to the TOR, NIC first. */
	private readonly cables: Track[];
	/** TOR1 to the border router, TOR end first (SLB scenes), or null. */
	private readonly border: Track | null;
	/** Per node: the in-host run, [x0, y0, z0, x1, y1, z1] from the vNIC spot to the NIC. */
	private readonly inHost: Float32Array[];

	constructor(topo: TopologyInfo) {
		const lines = cablePolylines(topo);
		const S = topo.switches.length;
		const tor = Math.max(
			0,
			topo.switches.findIndex((s) => s.kind === 'tor')
		);
		const n = Math.max(1, topo.racks.length);
		this.cables = [];
		this.inHost = [];
		const layout = borderLayout(topo);
		this.border = layout ? track(layout.cable) : null;
		topo.nodes.forEach((node, i) => {
			this.cables.push(track(S > 0 ? lines[i * S + tor] : []));
			const nic = statusParts(faceZones(bezelBox(node, n)).status).nic;
			const z = nic.z + nic.d / 2 + PACKET_LIFT_M;
			this.inHost.push(Float32Array.of(nic.x - IN_HOST_RUN_M, nic.y, z, nic.x, nic.y, z));
		});
	}

	/**
	 * Writes into `out` where a packet on `hop` from `from` to `to` (node indices, TOR_NODE for the
	 * TOR, BORDER_NODE for the border router) is at `progress` 0..1; returns false (out untouched) if the hop names no known node.
	 */
	positionAt(hop: number, from: number, to: number, progress: number, out: Vec3Out): boolean {
		const t = Math.min(1, Math.max(0, progress));
		if (hop === PacketHop.hostToTor || hop === PacketHop.torToHost) {
			const toTor = hop === PacketHop.hostToTor;
			const node = toTor ? from : to;
			if ((toTor ? to : from) !== TOR_NODE) return false;
			const cable = this.cables[node];
			return cable ? along(cable, toTor ? t : 1 - t, out) : false;
		}
		if (hop === PacketHop.torToBorder || hop === PacketHop.borderToTor) {
			const fromTor = hop === PacketHop.torToBorder;
			if (from !== (fromTor ? TOR_NODE : BORDER_NODE)) return false;
			if (to !== (fromTor ? BORDER_NODE : TOR_NODE)) return false;
			return this.border ? along(this.border, fromTor ? t : 1 - t, out) : false;
		}
		if (hop === PacketHop.vnicToVswitch || hop === PacketHop.vswitchToVnic) {
			const run = this.inHost[from];
			if (!run) return false;
			// vNIC → vSwitch runs towards the NIC; vSwitch → vNIC back out.
			const f = hop === PacketHop.vnicToVswitch ? t : 1 - t;
			out.x = run[0] + (run[3] - run[0]) * f;
			out.y = run[1] + (run[4] - run[1]) * f;
			out.z = run[2] + (run[5] - run[2]) * f;
			return true;
		}
		return false;
	}

	/** The two ends of a hop (progress 0 and 1), for tests and highlights. */
	ends(hop: number, from: number, to: number): [Vec3Out, Vec3Out] | null {
		const a = { x: 0, y: 0, z: 0 };
		const b = { x: 0, y: 0, z: 0 };
		if (!this.positionAt(hop, from, to, 0, a) || !this.positionAt(hop, from, to, 1, b)) return null;
		return [a, b];
	}
}

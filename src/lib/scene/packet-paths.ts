/**
 * Where a packet in flight is drawn (pure arithmetic, no three.js): host↔TOR hops follow the
 * server's data cable to the first TOR (cable-routes.ts), from the NIC end to the switch port or
 * back; in-host hops (vNIC↔vSwitch) are a short run across the server's face, just in front of it,
 * ending at the NIC. Progress 0 is the hop's source end, 1 its destination end.
 */
import { PacketHop, TOR_NODE } from '../sim/frame';
import type { TopologyInfo } from '../sim/topology';
import { cablePolylines } from './cable-routes';
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

export class PacketPaths {
	/** Per node: flattened points (x, y, z) of its cable to the TOR, NIC first. */
	private readonly points: Float32Array[];
	/** Per node: distance along the cable at each point. */
	private readonly dist: Float32Array[];
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
		this.points = [];
		this.dist = [];
		this.inHost = [];
		topo.nodes.forEach((node, i) => {
			const line = S > 0 ? lines[i * S + tor] : [];
			const pts = new Float32Array(line.length * 3);
			const dist = new Float32Array(line.length);
			line.forEach((p, k) => {
				pts[k * 3] = p[0];
				pts[k * 3 + 1] = p[1];
				pts[k * 3 + 2] = p[2] + PACKET_LIFT_M;
				if (k > 0) {
					const q = line[k - 1];
					dist[k] = dist[k - 1] + Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
				}
			});
			this.points.push(pts);
			this.dist.push(dist);
			const nic = statusParts(faceZones(bezelBox(node, n)).status).nic;
			const z = nic.z + nic.d / 2 + PACKET_LIFT_M;
			this.inHost.push(Float32Array.of(nic.x - IN_HOST_RUN_M, nic.y, z, nic.x, nic.y, z));
		});
	}

	/**
	 * Writes into `out` where a packet on `hop` from `from` to `to` (node indices, TOR_NODE for the
	 * TOR) is at `progress` 0..1; returns false (out untouched) if the hop names no known node.
	 */
	positionAt(hop: number, from: number, to: number, progress: number, out: Vec3Out): boolean {
		const t = Math.min(1, Math.max(0, progress));
		if (hop === PacketHop.hostToTor || hop === PacketHop.torToHost) {
			const toTor = hop === PacketHop.hostToTor;
			const node = toTor ? from : to;
			if ((toTor ? to : from) !== TOR_NODE) return false;
			const pts = this.points[node];
			const dist = this.dist[node];
			if (!pts || dist.length === 0) return false;
			const total = dist[dist.length - 1];
			const along = (toTor ? t : 1 - t) * total;
			let k = 1;
			while (k < dist.length - 1 && dist[k] < along) k++;
			const a = k - 1;
			const seg = dist[k] - dist[a];
			const f = dist.length === 1 ? 0 : seg > 0 ? (along - dist[a]) / seg : 0;
			const b = Math.min(k, dist.length - 1);
			out.x = pts[a * 3] + (pts[b * 3] - pts[a * 3]) * f;
			out.y = pts[a * 3 + 1] + (pts[b * 3 + 1] - pts[a * 3 + 1]) * f;
			out.z = pts[a * 3 + 2] + (pts[b * 3 + 2] - pts[a * 3 + 2]) * f;
			return true;
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

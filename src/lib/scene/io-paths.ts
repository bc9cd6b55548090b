/**
 * Where a storage transfer is drawn (pure arithmetic, no three.js). A server's end of a transfer
 * is its name plate (where a click picks the server); a drive's end is the drive's face.
 *
 * - Server and drive in the same server: a straight run across the face.
 * - Different servers: like a packet, out through the top-of-rack switch. Name plate → NIC, the
 *   sender's data cable up to the TOR (cable-routes.ts), across the switch face to the other
 *   server's port, down its cable to its NIC, then across its face to the drive. Simplified: S2D
 *   traffic really uses both TORs (SMB Multichannel); we draw one route, through TOR1, as packets do.
 * - De-stage: a straight run from the server's first cache drive to the capacity drive. Simplified:
 *   the real cache drive is whichever one the capacity drive is bound to; the frame does not say.
 *
 * Writes, resync and rotation go server → drive; reads go drive → server (the same path run
 * backwards). Progress is by distance, so a block keeps one speed along the whole route.
 */
import { IoKind } from '../sim/frame';
import type { TopologyInfo } from '../sim/topology';
import { cablePolylines } from './cable-routes';
import { along, track, type Track, type Vec3Out } from './packet-paths';
import { targetAnchor } from './target-box';

/**
 * Blocks travel this far in front of the faces and cables, in metres: nearer than cables and
 * drives, behind packets (packet-paths.ts lifts those 0.025 m), so the two never share a line.
 */
export const IO_LIFT_M = 0.015;

const EMPTY: Track = { pts: new Float32Array(0), dist: new Float32Array(0) };

/**
 * Writes the point `f` (0..1) of the way from point `i` of `a` to point `j` of `b` into `out`;
 * returns true, so a caller can return it.
 */
function lerp(
	a: Float32Array,
	i: number,
	b: Float32Array,
	j: number,
	f: number,
	out: Vec3Out
): boolean {
	out.x = a[i * 3] + (b[j * 3] - a[i * 3]) * f;
	out.y = a[i * 3 + 1] + (b[j * 3 + 1] - a[i * 3 + 1]) * f;
	out.z = a[i * 3 + 2] + (b[j * 3 + 2] - a[i * 3 + 2]) * f;
	return true;
}

/** `s` as a fraction of `len`, 1 for an empty leg. */
const part = (s: number, len: number) => (len > 0 ? Math.min(1, s / len) : 1);

function gap(a: Float32Array, i: number, b: Float32Array, j: number): number {
	const dx = b[j * 3] - a[i * 3];
	const dy = b[j * 3 + 1] - a[i * 3 + 1];
	return Math.hypot(dx, dy, b[j * 3 + 2] - a[i * 3 + 2]);
}

function anchors(list: readonly ([number, number, number] | null)[]): Float32Array {
	const out = new Float32Array(list.length * 3);
	list.forEach((p, i) => out.set(p ? [p[0], p[1], p[2] + IO_LIFT_M] : [0, 0, 0], i * 3));
	return out;
}

export class IoPaths {
	/** Per server: its name plate (x, y, z), lifted. */
	private readonly server: Float32Array;
	/** Per drive: its face centre, lifted. */
	private readonly drive: Float32Array;
	private readonly driveNode: Int32Array;
	/** Per server: its first cache drive, or -1. */
	private readonly cache: Int32Array;
	/** Per server: its data cable to TOR1, NIC end first (empty without a TOR). */
	private readonly cables: Track[];

	constructor(topo: TopologyInfo) {
		const nodeAt = (index: number) => targetAnchor(topo, { kind: 'node', index });
		const driveAt = (index: number) => targetAnchor(topo, { kind: 'drive', index });
		this.server = anchors(topo.nodes.map((_, i) => nodeAt(i)));
		this.drive = anchors(topo.drives.map((_, i) => driveAt(i)));
		this.driveNode = Int32Array.from(topo.drives, (d) => d.node);
		this.cache = Int32Array.from(topo.nodes, (n) => {
			const first = n.drives.find((d) => topo.drives[d]?.role === 'cache');
			return first ?? -1;
		});
		const S = topo.switches.length;
		const tor = topo.switches.findIndex((s) => s.kind === 'tor');
		const lines = cablePolylines(topo);
		this.cables = topo.nodes.map((_, i) =>
			tor < 0 ? EMPTY : track(lines[i * S + tor], IO_LIFT_M)
		);
	}

	/**
	 * Writes into `out` where transfer (`kind`, server `node`, drive `drive`) is at `progress`
	 * (0 issued … 1 landed); false (out untouched) if the node, drive or kind is unknown.
	 */
	positionAt(node: number, drive: number, kind: number, progress: number, out: Vec3Out): boolean {
		if (!(drive >= 0 && drive < this.driveNode.length)) return false;
		if (!(node >= 0 && node < this.cables.length)) return false;
		const owner = this.driveNode[drive];
		if (kind < IoKind.write || kind > IoKind.rotate) return false;
		const t = Math.min(1, Math.max(0, progress));
		if (kind === IoKind.destage) {
			// Inside the drive's own server, whatever `node` says.
			const from = this.cache[owner];
			if (from < 0) return lerp(this.server, owner, this.drive, drive, t, out);
			return lerp(this.drive, from, this.drive, drive, t, out);
		}
		// One path per (server, drive), run backwards for reads.
		const f = kind === IoKind.read ? 1 - t : t;
		const a = this.cables[node];
		const b = this.cables[owner];
		if (node === owner || a.dist.length === 0 || b.dist.length === 0) {
			return lerp(this.server, node, this.drive, drive, f, out);
		}
		const endA = a.dist.length - 1;
		const endB = b.dist.length - 1;
		const toNic = gap(this.server, node, a.pts, 0);
		const up = a.dist[endA];
		const across = gap(a.pts, endA, b.pts, endB);
		const down = b.dist[endB];
		const toDrive = gap(b.pts, 0, this.drive, drive);
		let s = f * (toNic + up + across + down + toDrive);
		if (s <= toNic) return lerp(this.server, node, a.pts, 0, part(s, toNic), out);
		s -= toNic;
		if (s <= up) return along(a, part(s, up), out);
		s -= up;
		if (s <= across) return lerp(a.pts, endA, b.pts, endB, part(s, across), out);
		s -= across;
		if (s <= down) return along(b, 1 - part(s, down), out);
		return lerp(b.pts, 0, this.drive, drive, part(s - down, toDrive), out);
	}
}

/**
 * Tenant packets in flight: ONE InstancedMesh of small boxes for every packet, and ONE InstancedMesh
 * of larger translucent wrappers around the encapsulated (VXLAN) ones, so the draw calls do not
 * grow with the number of packets. Load-balanced packets take the SLB colours (palette.ts), and
 * Direct Server Return replies are turned 45° about the view axis: diamonds, not squares. Each frame sets the instance count and matrices in place
 * (scratch objects, no allocation); instance i of the packet mesh is the frame's packet i, and
 * `packetIdAt` maps a picked instance back to its packet id.
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
import { MAX_FRAME_PACKETS, PacketFlags, type FrameReader } from '../sim/frame';
import type { TopologyInfo } from '../sim/topology';
import { PacketPaths, type Vec3Out } from './packet-paths';
import { SCENE_COLORS } from './palette';
import { PATH_COLORS, pathTone, TONE } from './path-light';

/** Edge of a packet box, and of the wrapper around an encapsulated one, in metres. */
export const PACKET_SIZE_M = 0.022;
export const WRAPPER_SIZE_M = 0.036;
/** A drop marker is drawn this many times larger than a packet (size, not only colour, differs). */
export const DROP_MARK_SCALE = 2.2;
/** Generous bound of the whole scene for culling and ray tests (instances move every frame). */
const BOUND_RADIUS_M = 50;

const DROPPED = new Color(SCENE_COLORS.packetDropped);
const EVEN = PATH_COLORS[TONE.even];
/** A DSR reply's turn about z: a box seen from the front becomes a diamond. */
export const DIAMOND_TURN_RAD = Math.PI / 4;
const scratch = new Matrix4();
const at: Vec3Out = { x: 0, y: 0, z: 0 };

/** Progress used for drawing: the midpoint of the hop when motion is reduced. */
export function drawnProgress(progress: number, reducedMotion: boolean): number {
	return reducedMotion ? 0.5 : Math.min(1, Math.max(0, progress));
}

export class Packets {
	readonly root = new Group();
	readonly mesh: InstancedMesh;
	readonly wrappers: InstancedMesh;
	readonly paths: PacketPaths;
	/** Packet id of each drawn instance of `mesh`. */
	private readonly ids = new Uint32Array(MAX_FRAME_PACKETS);
	/** Packet id of each drawn instance of `wrappers`. */
	private readonly wrapperIds = new Uint32Array(MAX_FRAME_PACKETS);
	private reduced: boolean;
	private lastSim = -1;

	constructor(topo: TopologyInfo, reducedMotion: boolean) {
		this.paths = new PacketPaths(topo);
		this.reduced = reducedMotion;
		const inner = new MeshBasicMaterial({ name: 'packet' });
		this.mesh = new InstancedMesh(
			new BoxGeometry(PACKET_SIZE_M, PACKET_SIZE_M, PACKET_SIZE_M),
			inner,
			MAX_FRAME_PACKETS
		);
		const wrap = new MeshBasicMaterial({
			name: 'packet-wrapper',
			color: SCENE_COLORS.packetWrapper,
			transparent: true,
			opacity: 0.35,
			depthWrite: false
		});
		this.wrappers = new InstancedMesh(
			new BoxGeometry(WRAPPER_SIZE_M, WRAPPER_SIZE_M, WRAPPER_SIZE_M),
			wrap,
			MAX_FRAME_PACKETS
		);
		for (const m of [this.mesh, this.wrappers]) {
			m.instanceMatrix.setUsage(DynamicDrawUsage);
			m.count = 0;
			// Instances move every frame: a fixed, generous bound instead of recomputing one.
			m.boundingSphere = new Sphere(new Vector3(), BOUND_RADIUS_M);
			m.frustumCulled = false;
		}
		// Create the colour buffer once, up front.
		for (let i = 0; i < MAX_FRAME_PACKETS; i++) this.mesh.setColorAt(i, EVEN);
		this.mesh.instanceColor?.setUsage(DynamicDrawUsage);
		this.mesh.name = 'packets';
		this.wrappers.name = 'packet-wrappers';
		// Wrappers draw after the opaque packets and the hardware so the packet shows through.
		this.wrappers.renderOrder = 4;
		this.root.name = 'packets';
		this.root.add(this.mesh, this.wrappers);
	}

	/** Places the frame's packets; returns true if anything visible changed. */
	apply(frame: FrameReader): boolean {
		const before = this.mesh.count;
		const sim = frame.simTimeMs;
		const n = Math.min(frame.packetCount, MAX_FRAME_PACKETS);
		if (n === 0 && before === 0) return false;
		if (n === before && sim === this.lastSim && n > 0) return false;
		this.lastSim = sim;
		let drawn = 0;
		let wrapped = 0;
		for (let i = 0; i < n; i++) {
			const flags = frame.packetFlags(i);
			const dropped = (flags & PacketFlags.droppedHere) !== 0;
			// A drop marker is still anyway: it stays exactly where the drop happened.
			const progress = dropped
				? frame.packetProgress(i)
				: drawnProgress(frame.packetProgress(i), this.reduced);
			const ok = this.paths.positionAt(
				frame.packetHop(i),
				frame.packetFrom(i),
				frame.packetTo(i),
				progress,
				at
			);
			if (!ok) continue;
			// Tone and colour as the path light has them (tenant parity, SLB inbound, DSR reply).
			const tone = pathTone(flags);
			if (dropped) scratch.makeScale(DROP_MARK_SCALE, DROP_MARK_SCALE, DROP_MARK_SCALE);
			else if (tone === TONE.directReturn) scratch.makeRotationZ(DIAMOND_TURN_RAD);
			else scratch.identity();
			scratch.setPosition(at.x, at.y, at.z);
			this.mesh.setMatrixAt(drawn, scratch);
			this.mesh.setColorAt(drawn, dropped ? DROPPED : PATH_COLORS[tone]);
			this.ids[drawn] = frame.packetId(i);
			drawn++;
			if (flags & PacketFlags.encapsulated) {
				this.wrapperIds[wrapped] = this.ids[drawn - 1];
				this.wrappers.setMatrixAt(wrapped++, scratch);
			}
		}
		this.mesh.count = drawn;
		this.wrappers.count = wrapped;
		this.mesh.instanceMatrix.needsUpdate = true;
		if (this.mesh.instanceColor) this.mesh.instanceColor.needsUpdate = true;
		this.wrappers.instanceMatrix.needsUpdate = true;
		return true;
	}

	/** The packet id drawn as instance `instanceId` of `mesh` (or of `wrappers`), or 0 if none. */
	packetIdAt(instanceId: number | undefined, wrapper = false): number {
		const m = wrapper ? this.wrappers : this.mesh;
		if (instanceId === undefined || instanceId < 0 || instanceId >= m.count) return 0;
		return (wrapper ? this.wrapperIds : this.ids)[instanceId];
	}

	/** Switches between moving packets and packets held at their hop's midpoint. */
	setReducedMotion(reduced: boolean): boolean {
		if (reduced === this.reduced) return false;
		this.reduced = reduced;
		this.lastSim = -1;
		return this.mesh.count > 0;
	}

	dispose(): void {
		this.root.removeFromParent();
		for (const m of [this.mesh, this.wrappers]) {
			m.geometry.dispose();
			(m.material as MeshBasicMaterial).dispose();
			m.dispose();
		}
	}
}

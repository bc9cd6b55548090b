/**
 * The network layer drawn over the hardware: cables from every server to TOR1, TOR2 and the BMC
 * switch, and the name callouts. Frames repaint it like paint.ts does the hardware: a cable or
 * symbol is touched only when its state changed, each buffer is flagged once, nothing is
 * allocated per frame. Data cables flash with each cluster heartbeat (simulated time, so a paused
 * simulation needs no render loop); a failed server's or switch's cables turn dark and dashed.
 */
import { Color, Group, type Camera } from 'three';
import { PacketFlags, PATH_NONE, type FrameReader } from '../sim/frame';
import { Health } from '../sim/health';
import type { TopologyInfo } from '../sim/topology';
import { CalloutMesh } from './callout-mesh';
import { callouts, type Callout } from './callouts';
import { ACTIVITY_COLOR, HEALTH_COLORS, healthIndex } from './colors';
import { cableLevel, NIC_IDLE, NIC_LEVELS, PULSE_MS } from './heartbeat';
import { SCENE_COLORS } from './palette';
import { Wires } from './wires';

const DATA = new Color(SCENE_COLORS.cable);
/** Data cable colour per heartbeat level: idle up to the activity colour at the flash's peak. */
const DATA_COLORS = Array.from({ length: NIC_LEVELS + 1 }, (_, level) =>
	DATA.clone().lerp(ACTIVITY_COLOR, Math.max(0, level - NIC_IDLE) / (NIC_LEVELS - NIC_IDLE))
);
const BMC_COLOR = new Color(SCENE_COLORS.cableBmc);
/** Data cables on the path of a packet in flight, by tenant parity (see pathLight). */
const PATH_COLORS = [
	new Color(SCENE_COLORS.packetTenantEven),
	new Color(SCENE_COLORS.packetTenantOdd)
];
const DOWN_COLOR = new Color(SCENE_COLORS.cableDown);
/** Cable states besides heartbeat levels 0..NIC_LEVELS. */
const DOWN = -1;
const BMC_UP = 100;
/** Cable state of a lit path: PATH + tenant parity. */
const PATH = 200;
const UNSET = -2;

const isDown = (h: number) => h === Health.failed || h === Health.unreachable;

/**
 * Marks in `lit` (per node) the servers whose TOR cable lies on the path of a packet in flight
 * between two servers, once the sending host has decided where it goes: both hosts' cables. A
 * packet that stays in one host (same-host traffic) lights nothing; nor does a drop marker.
 */
export function pathLight(frame: FrameReader, lit: Int8Array): void {
	lit.fill(-1);
	for (let i = 0; i < frame.packetCount; i++) {
		const flags = frame.packetFlags(i);
		if (flags & PacketFlags.droppedHere) continue;
		const src = frame.packetPathSrc(i);
		const dst = frame.packetPathDst(i);
		if (src === dst || src === PATH_NONE || dst === PATH_NONE) continue;
		const parity = flags & PacketFlags.tenantOdd ? 1 : 0;
		if (src < lit.length) lit[src] = parity;
		if (dst < lit.length) lit[dst] = parity;
	}
}

export class Network {
	readonly root = new Group();
	readonly wires: Wires;
	readonly labels: CalloutMesh;
	readonly list: readonly Callout[];
	private readonly cableState: Int16Array;
	private readonly isBmc: Uint8Array;
	private readonly nodeH: Uint8Array;
	private readonly swH: Uint8Array;
	private readonly heartbeatMs: Float32Array;
	/** Per node: -1, or the tenant parity of a packet in flight whose path uses its TOR cable. */
	private readonly pathLit: Int8Array;
	/** The switch packets cross (the first TOR), or -1. */
	private readonly tor: number;
	private reduced: boolean;

	constructor(topo: TopologyInfo, reducedMotion: boolean) {
		this.list = callouts(topo);
		this.wires = new Wires(topo, this.list);
		this.labels = new CalloutMesh(this.list, topo.nodes.length + topo.switches.length);
		this.root.name = 'network';
		// Labels after the hardware's own transparent layers, so leaders and plates sit on top.
		this.labels.mesh.renderOrder = 5;
		this.root.add(this.wires.lines, this.labels.mesh);
		const { routes } = this.wires;
		this.cableState = new Int16Array(routes.node.length).fill(UNSET);
		this.isBmc = Uint8Array.from(routes.sw, (s) => (topo.switches[s].kind === 'bmc' ? 1 : 0));
		this.nodeH = new Uint8Array(topo.nodes.length).fill(Health.healthy);
		this.swH = new Uint8Array(topo.switches.length).fill(Health.healthy);
		// Until the first frame: links up, between heartbeats.
		this.heartbeatMs = new Float32Array(topo.nodes.length).fill(PULSE_MS);
		this.pathLit = new Int8Array(topo.nodes.length).fill(-1);
		this.tor = topo.switches.findIndex((s) => s.kind === 'tor');
		this.reduced = reducedMotion;
		this.paintCables();
		this.wires.flush();
	}

	/** Paints a frame; returns true if anything visible changed. */
	apply(frame: FrameReader): boolean {
		const nodes = Math.min(frame.nodeCount, this.nodeH.length);
		for (let i = 0; i < nodes; i++) {
			const h = healthIndex(frame.nodeHealth(i));
			this.heartbeatMs[i] = frame.nodeMsSinceHeartbeat(i);
			if (h === this.nodeH[i]) continue;
			this.nodeH[i] = h;
			this.labels.setHealth(i, h, HEALTH_COLORS[h]);
		}
		const switches = Math.min(frame.switchCount, this.swH.length);
		for (let s = 0; s < switches; s++) {
			const h = healthIndex(frame.switchHealth(s));
			if (h === this.swH[s]) continue;
			this.swH[s] = h;
			this.labels.setHealth(this.nodeH.length + s, h, HEALTH_COLORS[h]);
		}
		pathLight(frame, this.pathLit);
		this.paintCables();
		const labels = this.labels.flush();
		return this.wires.flush() || labels;
	}

	/** Switches between flashing and steady data cables; returns true if any cable changed. */
	setReducedMotion(reduced: boolean): boolean {
		if (reduced === this.reduced) return false;
		this.reduced = reduced;
		this.paintCables();
		return this.wires.flush();
	}

	private paintCables(): void {
		const { routes } = this.wires;
		for (let c = 0; c < this.cableState.length; c++) {
			const node = routes.node[c];
			let state: number;
			if (isDown(this.nodeH[node]) || isDown(this.swH[routes.sw[c]])) state = DOWN;
			else if (this.isBmc[c]) state = BMC_UP;
			else if (routes.sw[c] === this.tor && this.pathLit[node] >= 0) {
				state = PATH + this.pathLit[node];
			} else state = cableLevel(this.heartbeatMs[node], this.reduced);
			if (state === this.cableState[c]) continue;
			this.cableState[c] = state;
			if (state === DOWN) this.wires.setCable(c, DOWN_COLOR, true);
			else if (state === BMC_UP) this.wires.setCable(c, BMC_COLOR, false);
			else if (state >= PATH) this.wires.setCable(c, PATH_COLORS[state - PATH], false);
			else this.wires.setCable(c, DATA_COLORS[state], false);
		}
	}

	/** The CSS size of the canvas and the renderer's pixel ratio (labels are laid out in px). */
	setViewport(width: number, height: number, pixelRatio: number): void {
		this.labels.setViewport(width, height, pixelRatio);
	}

	/** Call before each render: sizes the labels for `camera` on a canvas `height` CSS px tall. */
	beforeRender(camera: Camera, height: number): void {
		// Controls moved the camera since the last render; its world matrix is not yet updated.
		camera.updateMatrixWorld();
		this.labels.fitTo(camera, height);
	}

	/** The callout under canvas point (x, y) in CSS px, or null. */
	pickAt(x: number, y: number, camera: Camera, width: number, height: number): Callout | null {
		const k = this.labels.pickAt(x, y, camera, width, height);
		return k < 0 ? null : this.list[k];
	}

	dispose(): void {
		this.root.removeFromParent();
		this.wires.dispose();
		this.labels.dispose();
	}
}

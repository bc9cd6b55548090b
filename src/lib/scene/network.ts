/**
 * The network layer drawn over the hardware: cables from every server to TOR1, TOR2 and the BMC
 * switch, and the name callouts; in a scene with a Software Load Balancer also the border router
 * (cabled to TOR1), the Internet beyond it and the MUX tags on servers. Frames repaint it like paint.ts does the hardware: a cable or
 * symbol is touched only when its state changed, each buffer is flagged once, nothing is
 * allocated per frame. Data cables flash with each cluster heartbeat (simulated time, so a paused
 * simulation needs no render loop); a failed server's or switch's cables turn dark and dashed.
 */
import { Color, Group, type Camera } from 'three';
import type { FrameReader } from '../sim/frame';
import { Health } from '../sim/health';
import type { TopologyInfo } from '../sim/topology';
import { BorderParts } from './border';
import { borderLayout } from './border-layout';
import { CalloutMesh } from './callout-mesh';
import { callouts, type Callout } from './callouts';
import { ACTIVITY_COLOR, HEALTH_COLORS, healthIndex } from './colors';
import { cableLevel, NIC_IDLE, NIC_LEVELS, PULSE_MS } from './heartbeat';
import { muxTags } from './mux-tags';
import { SCENE_COLORS } from './palette';
import { PATH_COLORS, pathLight } from './path-light';
import { Wires } from './wires';

const DATA = new Color(SCENE_COLORS.cable);
/** Data cable colour per heartbeat level: idle up to the activity colour at the flash's peak. */
const DATA_COLORS = Array.from({ length: NIC_LEVELS + 1 }, (_, level) =>
	DATA.clone().lerp(ACTIVITY_COLOR, Math.max(0, level - NIC_IDLE) / (NIC_LEVELS - NIC_IDLE))
);
const BMC_COLOR = new Color(SCENE_COLORS.cableBmc);
const DOWN_COLOR = new Color(SCENE_COLORS.cableDown);
/** Cable states besides heartbeat levels 0..NIC_LEVELS. */
const DOWN = -1;
const BMC_UP = 100;
/** Cable state of a lit path: PATH + tone (path-light.ts). */
const PATH = 200;
const UNSET = -2;
/** Extra cables of an SLB scene (Wires.extras): TOR1 to the border router, router to Internet. */
const BORDER_CABLE = 0;
const UPLINK = 1;

const isDown = (h: number) => h === Health.failed || h === Health.unreachable;

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
	/** Per node: -1, or the tone of a packet in flight whose path uses its TOR cable. */
	private readonly pathLit: Int8Array;
	/** The border router, its Internet sign and the MUX tags (SLB scenes only). */
	readonly border: BorderParts | null;
	/** Tone of a packet on the border router's cable, or -1; and that cable's painted state. */
	private borderLit = -1;
	private borderState = UNSET;
	/** The switch packets cross (the first TOR), or -1. */
	private readonly tor: number;
	private reduced: boolean;

	constructor(topo: TopologyInfo, reducedMotion: boolean) {
		this.list = callouts(topo);
		const layout = borderLayout(topo);
		// The router's name label is drawn with the others but picks nothing (see pickAt).
		const drawn = layout ? [...this.list, layout.callout] : this.list;
		this.wires = new Wires(topo, drawn, layout ? [layout.cable, layout.uplink] : []);
		this.labels = new CalloutMesh(drawn, topo.nodes.length + topo.switches.length);
		this.root.name = 'network';
		// Labels after the hardware's own transparent layers, so leaders and plates sit on top.
		this.labels.mesh.renderOrder = 5;
		this.root.add(this.wires.lines, this.labels.mesh);
		this.border = topo.slb ? new BorderParts(layout, muxTags(topo)) : null;
		if (this.border) this.root.add(this.border.root);
		if (layout) this.wires.setExtra(UPLINK, DATA, false);
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
		this.borderLit = pathLight(frame, this.pathLit);
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
		if (this.wires.extras.length > BORDER_CABLE) this.paintBorderCable();
	}

	/** The border router's cable: down with TOR1, lit while a packet is on it, else steady. */
	private paintBorderCable(): void {
		const torDown = this.tor >= 0 && isDown(this.swH[this.tor]);
		const state = torDown ? DOWN : this.borderLit >= 0 ? PATH + this.borderLit : 0;
		if (state === this.borderState) return;
		this.borderState = state;
		const color = state === DOWN ? DOWN_COLOR : state >= PATH ? PATH_COLORS[state - PATH] : DATA;
		this.wires.setExtra(BORDER_CABLE, color, state === DOWN);
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
		return k < 0 || k >= this.list.length ? null : this.list[k];
	}

	dispose(): void {
		this.root.removeFromParent();
		this.wires.dispose();
		this.labels.dispose();
		this.border?.dispose();
	}
}

/**
 * Applies frames to the hardware meshes. Remembers the last painted state of every object and
 * touches an instance only when its health (or LED level) changed, then flags each changed
 * buffer once. Allocates nothing per frame: all tables and scratch objects are made up front.
 */
import { Color } from 'three';
import type { FrameReader } from '../sim/frame';
import type { TopologyInfo } from '../sim/topology';
import { BEZEL_COLORS, DRIVE_COLORS, FACE_CUE_COLORS, HEALTH_COLORS } from './colors';
import { ACTIVITY_COLOR, healthIndex, LED_COLORS, NIC_OFF, PORT_LED_COLORS } from './colors';
import { BADGE_BY_HEALTH, OVERLAY_BY_HEALTH } from './cues';
import type { Hardware } from './hardware';
import { nicLevel, NIC_LEVELS } from './heartbeat';

const scratch = new Color();
/** Marks "never painted", so the first frame paints everything. */
const UNSET = 255;

export class HealthPainter {
	private readonly node: Uint8Array;
	private readonly drive: Uint8Array;
	private readonly sw: Uint8Array;
	private readonly nic: Int16Array;
	private readonly heartbeatMs: Float32Array;
	private readonly driveTables: (readonly Color[])[];
	private readonly cueArray: Float32Array;
	private reduced: boolean;
	private bezelDirty = false;
	private driveDirty = false;
	private ledDirty = false;
	private cueDirty = false;

	constructor(
		private readonly hw: Hardware,
		topology: TopologyInfo,
		reducedMotion: boolean
	) {
		this.node = new Uint8Array(topology.nodes.length).fill(UNSET);
		this.drive = new Uint8Array(topology.drives.length).fill(UNSET);
		this.sw = new Uint8Array(topology.switches.length).fill(UNSET);
		this.nic = new Int16Array(topology.nodes.length).fill(-1);
		this.heartbeatMs = new Float32Array(topology.nodes.length).fill(Infinity);
		this.driveTables = topology.drives.map((d) => DRIVE_COLORS[d.media]);
		this.cueArray = hw.cueAttr.array as Float32Array;
		this.reduced = reducedMotion;
	}

	/** Paints a frame; returns true if anything visible changed. */
	apply(frame: FrameReader): boolean {
		const { hw } = this;
		const { index } = hw;
		const nodes = Math.min(frame.nodeCount, this.node.length);
		for (let i = 0; i < nodes; i++) {
			const h = healthIndex(frame.nodeHealth(i));
			if (h !== this.node[i]) {
				this.node[i] = h;
				hw.bezels.setColorAt(index.nodeBezel[i], BEZEL_COLORS[h]);
				hw.leds.setColorAt(index.nodeStrip[i], LED_COLORS[h]);
				this.setCue(index.nodeCue[i], OVERLAY_BY_HEALTH[h], FACE_CUE_COLORS[h]);
				this.setCue(index.nodeBadge[i], BADGE_BY_HEALTH[h], HEALTH_COLORS[h]);
				this.bezelDirty = this.ledDirty = true;
			}
			this.heartbeatMs[i] = frame.nodeMsSinceHeartbeat(i);
			this.paintNic(i);
		}
		const drives = Math.min(frame.driveCount, this.drive.length);
		for (let d = 0; d < drives; d++) {
			const h = healthIndex(frame.driveHealth(d));
			if (h === this.drive[d]) continue;
			this.drive[d] = h;
			hw.drives.setColorAt(d, this.driveTables[d][h]);
			hw.leds.setColorAt(index.driveLed[d], LED_COLORS[h]);
			this.setCue(index.driveCue[d], OVERLAY_BY_HEALTH[h], HEALTH_COLORS[h]);
			this.driveDirty = this.ledDirty = true;
		}
		const switches = Math.min(frame.switchCount, this.sw.length);
		for (let s = 0; s < switches; s++) {
			const h = healthIndex(frame.switchHealth(s));
			if (h === this.sw[s]) continue;
			this.sw[s] = h;
			hw.bezels.setColorAt(index.switchBezel[s], BEZEL_COLORS[h]);
			hw.leds.setColorAt(index.switchStrip[s], LED_COLORS[h]);
			const end = index.portLedStart[s] + index.portLedCount[s];
			for (let p = index.portLedStart[s]; p < end; p++) hw.leds.setColorAt(p, PORT_LED_COLORS[h]);
			this.setCue(index.switchCue[s], OVERLAY_BY_HEALTH[h], FACE_CUE_COLORS[h]);
			this.setCue(index.switchBadge[s], BADGE_BY_HEALTH[h], HEALTH_COLORS[h]);
			this.bezelDirty = this.ledDirty = true;
		}
		return this.flush();
	}

	/** Switches between a pulsing and a steady NIC LED; returns true if any LED changed. */
	setReducedMotion(reduced: boolean): boolean {
		if (reduced === this.reduced) return false;
		this.reduced = reduced;
		for (let i = 0; i < this.nic.length; i++) this.paintNic(i);
		return this.flush();
	}

	private paintNic(i: number): void {
		const level = nicLevel(this.heartbeatMs[i], this.reduced);
		if (level === this.nic[i]) return;
		this.nic[i] = level;
		scratch.copy(NIC_OFF).lerp(ACTIVITY_COLOR, level / NIC_LEVELS);
		this.hw.leds.setColorAt(this.hw.index.nicLed[i], scratch);
		this.ledDirty = true;
	}

	private setCue(instance: number, cue: number, color: Color): void {
		this.cueArray[instance] = cue;
		this.hw.cues.setColorAt(instance, color);
		this.cueDirty = true;
	}

	/** Flags each changed buffer for upload once, however many instances changed. */
	private flush(): boolean {
		const { hw } = this;
		const changed = this.bezelDirty || this.driveDirty || this.ledDirty || this.cueDirty;
		if (this.bezelDirty && hw.bezels.instanceColor) hw.bezels.instanceColor.needsUpdate = true;
		if (this.driveDirty && hw.drives.instanceColor) hw.drives.instanceColor.needsUpdate = true;
		if (this.ledDirty && hw.leds.instanceColor) hw.leds.instanceColor.needsUpdate = true;
		if (this.cueDirty) {
			hw.cueAttr.needsUpdate = true;
			if (hw.cues.instanceColor) hw.cues.instanceColor.needsUpdate = true;
		}
		this.bezelDirty = this.driveDirty = this.ledDirty = this.cueDirty = false;
		return changed;
	}
}

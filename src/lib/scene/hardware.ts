/**
 * Builds the whole scale unit from a TopologyInfo as a handful of InstancedMeshes (cabinets and
 * chassis, bezels, drives, LEDs, cue planes, labels): the draw-call count is fixed, whatever the
 * number of racks, servers and drives. Matrices are set once here; frames only change colours.
 */
import { BoxGeometry, Group, MeshBasicMaterial, MeshStandardMaterial, PlaneGeometry } from 'three';
import type { InstancedBufferAttribute, InstancedMesh } from 'three';
import { Health } from '../sim/health';
import type { TopologyInfo } from '../sim/topology';
import { BoxBatch, type Batches, type HardwareIndex } from './batch';
import { HW_COLORS, PART_COLORS } from './colors';
import { addCueAttribute, BADGE_BY_HEALTH, createCueMaterial } from './cues';
import { addHlh, addNode, addSwitch } from './equipment';
import { addLabelRects, buildLabelAtlas, createLabelMaterial } from './labels';
import { blankBox, freeRuns, rackParts, rackSignBox } from './rack-parts';

export type { HardwareIndex } from './batch';

/** Transparent layers drawn after the opaque hardware, cues before labels. */
const RENDER_ORDER = { cues: 1, labels: 2 } as const;

export interface Hardware {
	readonly root: Group;
	readonly bezels: InstancedMesh;
	readonly drives: InstancedMesh;
	readonly leds: InstancedMesh;
	readonly cues: InstancedMesh;
	readonly cueAttr: InstancedBufferAttribute;
	/** Meshes a click can hit, each with its per-instance pick codes. */
	readonly pickable: readonly { mesh: InstancedMesh; codes: Int32Array }[];
	readonly index: HardwareIndex;
	dispose(): void;
}

/** Blanking plates for every free unit of every rack. */
function addBlanks(b: Batches, topo: TopologyInfo, rackCount: number): void {
	topo.racks.forEach((rack, r) => {
		const occupied = new Array<boolean>(rack.heightU).fill(false);
		for (const slot of [...topo.nodes, ...topo.switches, topo.hlh]) {
			if (slot.rack !== r) continue;
			for (let u = slot.slotU; u < slot.slotU + slot.heightU; u++) occupied[u - 1] = true;
		}
		for (const [slotU, heightU] of freeRuns(occupied)) {
			b.frame.add(blankBox(r, rackCount, slotU, heightU), HW_COLORS.blank);
		}
	});
}

/** Builds every mesh; `anisotropy` is the renderer's maximum, for the label atlas. */
export function buildHardware(topo: TopologyInfo, anisotropy: number): Hardware {
	const batch = () => new BoxBatch();
	const b: Batches = {
		frame: batch(),
		bezels: batch(),
		drives: batch(),
		leds: batch(),
		driveCues: batch(),
		faceCues: batch(),
		badges: batch(),
		labels: batch(),
		labelRequests: []
	};
	const i32 = (n: number) => new Int32Array(n);
	const [N, D, S] = [topo.nodes.length, topo.drives.length, topo.switches.length];
	const index: HardwareIndex = {
		driveLed: i32(D),
		driveCue: i32(D),
		nicLed: i32(N),
		nodeBezel: i32(N),
		nodeStrip: i32(N),
		nodeCue: i32(N),
		nodeBadge: i32(N),
		switchBezel: i32(S),
		switchStrip: i32(S),
		switchCue: i32(S),
		switchBadge: i32(S),
		portLedStart: i32(S),
		portLedCount: i32(S)
	};
	const rackCount = Math.max(1, topo.racks.length);
	topo.racks.forEach((rack, r) => {
		for (const part of rackParts(r, rackCount, rack.heightU)) {
			b.frame.add(part.box, PART_COLORS[part.kind]);
		}
		b.labels.add(rackSignBox(r, rackCount, rack.heightU), HW_COLORS.label);
		b.labelRequests.push({ text: rack.name, style: 'sign' });
	});
	addBlanks(b, topo, rackCount);
	for (let i = 0; i < N; i++) addNode(b, topo, i, index);
	for (let s = 0; s < S; s++) addSwitch(b, topo, s, index);
	addHlh(b, topo);

	// One cue mesh, in draw order: drive patterns, face patterns over them, badges on top.
	const cueBatch = batch();
	cueBatch.append(b.driveCues);
	const faceOffset = cueBatch.append(b.faceCues);
	const badgeOffset = cueBatch.append(b.badges);
	for (const arr of [index.nodeCue, index.switchCue])
		arr.forEach((v, k) => (arr[k] = v + faceOffset));
	for (const arr of [index.nodeBadge, index.switchBadge])
		arr.forEach((v, k) => (arr[k] = v + badgeOffset));

	const box = new BoxGeometry(1, 1, 1);
	const cuePlane = new PlaneGeometry(1, 1);
	const labelPlane = new PlaneGeometry(1, 1);
	const metal = new MeshStandardMaterial({ metalness: 0.45, roughness: 0.55 });
	const bezelMat = new MeshStandardMaterial({ metalness: 0.25, roughness: 0.45 });
	const driveMat = new MeshStandardMaterial({ metalness: 0.1, roughness: 0.4 });
	// LEDs are unlit so they show the palette colour exactly, whatever the lighting.
	const ledMat = new MeshBasicMaterial({ toneMapped: false });
	const cueMat = createCueMaterial();
	const atlas = buildLabelAtlas(b.labelRequests, anisotropy);
	const labelMat = createLabelMaterial(atlas.texture);

	const frame = b.frame.build('frame', box, metal);
	const bezels = b.bezels.build('bezels', box, bezelMat);
	const drives = b.drives.build('drives', box, driveMat);
	const leds = b.leds.build('leds', box, ledMat);
	const cues = cueBatch.build('cues', cuePlane, cueMat).mesh;
	const labels = b.labels.build('labels', labelPlane, labelMat).mesh;
	const cueAttr = addCueAttribute(cues);
	// Built in the healthy state (like the colours above) until the first frame repaints it.
	for (const arr of [index.nodeBadge, index.switchBadge]) {
		for (const k of arr) cueAttr.setX(k, BADGE_BY_HEALTH[Health.healthy]);
	}
	addLabelRects(labels, atlas.uv);
	cues.renderOrder = RENDER_ORDER.cues;
	labels.renderOrder = RENDER_ORDER.labels;

	const root = new Group();
	root.name = 'hardware';
	root.add(frame.mesh, bezels.mesh, drives.mesh, leds.mesh, cues, labels);
	return {
		root,
		bezels: bezels.mesh,
		drives: drives.mesh,
		leds: leds.mesh,
		cues,
		cueAttr,
		pickable: [frame, bezels, drives, leds],
		index,
		dispose() {
			root.removeFromParent();
			for (const mesh of [frame.mesh, bezels.mesh, drives.mesh, leds.mesh, cues, labels]) {
				mesh.dispose();
			}
			for (const g of [box, cuePlane, labelPlane]) g.dispose();
			for (const m of [metal, bezelMat, driveMat, ledMat, cueMat, labelMat]) m.dispose();
			atlas.texture.dispose();
		}
	};
}

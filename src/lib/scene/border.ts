/**
 * The Software Load Balancer's parts that are not cables or callouts, built once for an SLB
 * scene: the border router in its two-post frame (boxes), the MUX tags on server fronts (unlit boxes, so
 * they show their palette colour exactly) and the texts of the Internet sign and the tags (one
 * label atlas). Three meshes in all, whatever the number of MUXes; none of them is pickable, so
 * clicks pass through to what is behind (a MUX tag's server).
 */
import {
	BoxGeometry,
	Color,
	Group,
	MeshBasicMaterial,
	MeshStandardMaterial,
	PlaneGeometry,
	type InstancedMesh
} from 'three';
import { BoxBatch } from './batch';
import type { BorderLayout } from './border-layout';
import { HW_COLORS, NEUTRAL_BEZEL, PART_COLORS } from './colors';
import { addLabelRects, buildLabelAtlas, createLabelMaterial, type LabelRequest } from './labels';
import type { MuxTag } from './mux-tags';
import { SCENE_COLORS } from './palette';

const TAG_COLOR = new Color(SCENE_COLORS.packetLoadBalanced);
/** Tag text: the dark background colour on the bright tag. */
const TAG_TEXT = new Color(SCENE_COLORS.background);
const WHITE = new Color(1, 1, 1);
/** Label texture anisotropy; three.js lowers it to what the GPU supports. */
const ANISOTROPY = 8;

export class BorderParts {
	readonly root = new Group();
	/** Router chassis, front panel, port, and its two-post frame. */
	readonly solids: InstancedMesh;
	/** Unlit: the router's power LED, then the MUX tags. */
	readonly tags: InstancedMesh;
	/** The Internet sign and the router's name plate (if there is a router), then the tag texts. */
	readonly labels: InstancedMesh;
	readonly labelTexts: readonly string[];
	private readonly free: { dispose(): void }[];

	constructor(layout: BorderLayout | null, tags: readonly MuxTag[]) {
		const solids = new BoxBatch();
		const tagBoxes = new BoxBatch();
		const labelBoxes = new BoxBatch();
		const requests: LabelRequest[] = [];
		if (layout) {
			solids.add(layout.chassis, HW_COLORS.switchBody);
			solids.add(layout.bezel, NEUTRAL_BEZEL);
			for (const socket of layout.sockets) solids.add(socket, HW_COLORS.socket);
			// Lit like the HLH's power LED: the router has no health in frames.
			tagBoxes.add(layout.led, HW_COLORS.power);
			for (const [k, part] of layout.frame.entries()) {
				solids.add(part, k < 2 ? PART_COLORS.post : PART_COLORS.plinth);
			}
			labelBoxes.add(layout.internet, WHITE);
			requests.push({ text: layout.internetText, style: 'sign' });
			labelBoxes.add(layout.plate, HW_COLORS.label);
			requests.push({ text: layout.routerName, style: 'plate' });
		}
		for (const t of tags) {
			tagBoxes.add(t.tag, TAG_COLOR);
			labelBoxes.add(t.label, TAG_TEXT);
			requests.push({ text: t.text, style: 'plate' });
		}
		const box = new BoxGeometry(1, 1, 1);
		const plane = new PlaneGeometry(1, 1);
		const metal = new MeshStandardMaterial({ metalness: 0.45, roughness: 0.55 });
		const flat = new MeshBasicMaterial({ toneMapped: false });
		const atlas = buildLabelAtlas(requests, ANISOTROPY);
		const labelMat = createLabelMaterial(atlas.texture);
		this.solids = solids.build('border-router', box, metal).mesh;
		this.tags = tagBoxes.build('mux-tags', box, flat).mesh;
		this.labels = labelBoxes.build('border-labels', plane, labelMat).mesh;
		addLabelRects(this.labels, atlas.uv);
		// Like the hardware's labels: transparent, after the opaque parts.
		this.labels.renderOrder = 2;
		this.labelTexts = requests.map((r) => r.text);
		this.root.name = 'border';
		this.root.add(this.solids, this.tags, this.labels);
		this.free = [this.solids, this.tags, this.labels, box, plane, metal, flat, labelMat];
		this.free.push(atlas.texture);
	}

	dispose(): void {
		this.root.removeFromParent();
		for (const f of this.free) f.dispose();
	}
}

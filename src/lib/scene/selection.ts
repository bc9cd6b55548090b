/**
 * The selection highlight: a white outline (drawn over everything, so a selected drive inside a
 * rack stays findable from any angle) and a faint white shell. White is a colour no health state
 * uses, so selecting never looks like a state change.
 */
import {
	BoxGeometry,
	EdgesGeometry,
	Group,
	LineBasicMaterial,
	LineSegments,
	Mesh,
	MeshBasicMaterial
} from 'three';
import type { Box } from './layout';
import { SCENE_COLORS } from './palette';

/** Clearance around the selected object, so the outline does not z-fight its faces. */
const PAD_M = 0.004;

export class SelectionHighlight {
	readonly root = new Group();
	private readonly shellGeometry = new BoxGeometry(1, 1, 1);
	private readonly edgeGeometry = new EdgesGeometry(this.shellGeometry);
	private readonly lineMaterial = new LineBasicMaterial({
		color: SCENE_COLORS.selection,
		depthTest: false,
		transparent: true,
		toneMapped: false
	});
	private readonly shellMaterial = new MeshBasicMaterial({
		color: SCENE_COLORS.selection,
		transparent: true,
		opacity: 0.14,
		depthWrite: false,
		toneMapped: false
	});

	constructor() {
		const lines = new LineSegments(this.edgeGeometry, this.lineMaterial);
		const shell = new Mesh(this.shellGeometry, this.shellMaterial);
		lines.renderOrder = 10;
		shell.renderOrder = 9;
		this.root.add(lines, shell);
		this.root.name = 'selection';
		this.root.visible = false;
	}

	/** Surrounds `box`, or hides the highlight for null. */
	show(box: Box | null): void {
		this.root.visible = box !== null;
		if (!box) return;
		this.root.position.set(box.x, box.y, box.z);
		this.root.scale.set(box.w + 2 * PAD_M, box.h + 2 * PAD_M, Math.max(box.d, 0.001) + 2 * PAD_M);
	}

	dispose(): void {
		this.root.removeFromParent();
		this.shellGeometry.dispose();
		this.edgeGeometry.dispose();
		this.lineMaterial.dispose();
		this.shellMaterial.dispose();
	}
}

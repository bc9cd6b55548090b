/**
 * Turns pointer input on the canvas into picks. A press that moves less than a few pixels before
 * release is a click (left: select, right: context menu); anything longer is an orbit or pan
 * drag and selects nothing. Right-click is read on pointerup, not on `contextmenu`, because
 * macOS and Linux fire `contextmenu` on press, which would open a menu at the start of a pan.
 */
import { Raycaster, Vector2 } from 'three';
import type { Camera, Intersection, Object3D } from 'three';
import type { Hardware } from './hardware';
import type { Packets } from './packets';
import type { ObjectPick, PickTarget, PickTargets } from './picking';

/** Movement in CSS px below which a press counts as a click. */
export const CLICK_TOLERANCE_PX = 5;

export interface PointerCallbacks {
	select(target: PickTarget | null): void;
	/** Right-click on an object (packets have no menu). */
	contextMenu(target: ObjectPick, clientX: number, clientY: number): void;
	hover?(target: PickTarget | null): void;
}

/** Picks what is drawn in screen space (name labels), at canvas CSS px; checked before 3D. */
export type ScreenPick = (x: number, y: number, width: number, height: number) => PickTarget | null;

export class PointerPicker {
	private readonly raycaster = new Raycaster();
	private readonly ndc = new Vector2();
	private readonly hits: Intersection[] = [];
	private readonly meshes: Object3D[];
	private readonly codes = new Map<Object3D, Int32Array>();
	private down = { id: -1, x: 0, y: 0, type: '' };
	private moved = false;
	private hovered: PickTarget | null = null;

	constructor(
		private readonly canvas: HTMLCanvasElement,
		private readonly camera: Camera,
		hardware: Hardware,
		private readonly targets: PickTargets,
		private readonly callbacks: PointerCallbacks,
		private readonly screenPick?: ScreenPick,
		private readonly packets?: Packets
	) {
		this.meshes = hardware.pickable.map((p) => p.mesh);
		if (packets) this.meshes.push(packets.mesh, packets.wrappers);
		for (const p of hardware.pickable) this.codes.set(p.mesh, p.codes);
		canvas.addEventListener('pointerdown', this.onDown);
		canvas.addEventListener('pointermove', this.onMove);
		canvas.addEventListener('pointerup', this.onUp);
		canvas.addEventListener('pointerleave', this.onLeave);
		canvas.addEventListener('contextmenu', this.onContextMenu);
	}

	/** The object under a client-space point; null for empty space or scenery in front. */
	pick(clientX: number, clientY: number): PickTarget | null {
		const rect = this.canvas.getBoundingClientRect();
		if (rect.width <= 0 || rect.height <= 0) return null;
		const x = clientX - rect.left;
		const y = clientY - rect.top;
		const label = this.screenPick?.(x, y, rect.width, rect.height);
		if (label) return label;
		this.ndc.set((x / rect.width) * 2 - 1, -(y / rect.height) * 2 + 1);
		this.raycaster.setFromCamera(this.ndc, this.camera);
		this.hits.length = 0;
		this.raycaster.intersectObjects(this.meshes, false, this.hits);
		const hit = this.hits[0];
		const packets = this.packets;
		if (hit && packets && (hit.object === packets.mesh || hit.object === packets.wrappers)) {
			const id = packets.packetIdAt(hit.instanceId, hit.object === packets.wrappers);
			return this.targets.packetTarget(id);
		}
		const codes = hit && this.codes.get(hit.object);
		return codes ? this.targets.fromInstance(codes, hit.instanceId) : null;
	}

	private readonly onDown = (e: PointerEvent) => {
		this.down = { id: e.pointerId, x: e.clientX, y: e.clientY, type: e.pointerType };
		this.moved = false;
	};

	private readonly onMove = (e: PointerEvent) => {
		if (e.pointerId === this.down.id && e.buttons !== 0) {
			const dist = Math.hypot(e.clientX - this.down.x, e.clientY - this.down.y);
			if (dist > CLICK_TOLERANCE_PX) this.moved = true;
			return;
		}
		if (e.pointerType === 'touch' || e.buttons !== 0) return;
		this.setHover(this.pick(e.clientX, e.clientY));
	};

	private readonly onUp = (e: PointerEvent) => {
		if (e.pointerId !== this.down.id) return;
		this.down.id = -1;
		const dist = Math.hypot(e.clientX - this.down.x, e.clientY - this.down.y);
		if (this.moved || dist > CLICK_TOLERANCE_PX) return;
		const target = this.pick(e.clientX, e.clientY);
		if (e.button === 0) this.callbacks.select(target);
		else if (e.button === 2 && target && target.kind !== 'packet') {
			this.callbacks.contextMenu(target, e.clientX, e.clientY);
		}
	};

	private readonly onLeave = () => this.setHover(null);

	private readonly onContextMenu = (e: MouseEvent) => {
		e.preventDefault();
		// A touch long-press has no right button: it arrives only as `contextmenu`.
		if (this.down.type !== 'touch' || this.moved) return;
		const target = this.pick(e.clientX, e.clientY);
		if (target && target.kind !== 'packet')
			this.callbacks.contextMenu(target, e.clientX, e.clientY);
	};

	private setHover(target: PickTarget | null): void {
		if (target === this.hovered) return;
		this.hovered = target;
		this.canvas.style.cursor = target ? 'pointer' : '';
		this.callbacks.hover?.(target);
	}

	dispose(): void {
		this.canvas.removeEventListener('pointerdown', this.onDown);
		this.canvas.removeEventListener('pointermove', this.onMove);
		this.canvas.removeEventListener('pointerup', this.onUp);
		this.canvas.removeEventListener('pointerleave', this.onLeave);
		this.canvas.removeEventListener('contextmenu', this.onContextMenu);
		this.canvas.style.cursor = '';
	}
}

/**
 * The public contract of the 3D scene (re-exported by index.ts). Ownership: the app owns the
 * selection state and the frame reader; the scene owns every three.js object it creates and
 * frees them in dispose().
 */
import type { FrameReader } from '../sim/frame';
import type { ObjectPick, PickTarget } from './picking';

export interface RackSceneOptions {
	/** Learner prefers reduced motion: no heartbeat flash (steady LED), no camera damping. */
	reducedMotion: boolean;
	/**
	 * Click or tap: the object or packet (`{ kind: 'packet', index: packetId }`) hit, or null for
	 * empty space. The scene does not select by itself;
	 * the app decides and calls `setSelected`, so the 3D and text views share one selection.
	 */
	onSelect(target: PickTarget | null): void;
	/** Right-click (or touch long-press) on an object, with the pointer's client coordinates. */
	onContextMenu(target: ObjectPick, clientX: number, clientY: number): void;
	/** The object under the mouse changed (null: none). */
	onHover?(target: PickTarget | null): void;
}

export interface RackScene {
	/** Shows a frame; recolours only what changed and allocates nothing. */
	applyFrame(frame: FrameReader): void;
	/** Outlines `target` (null clears). */
	setSelected(target: ObjectPick | null): void;
	setReducedMotion(reduced: boolean): void;
	/** The canvas's displayed size in CSS pixels (the page's CSS sets it; call on every change). */
	resize(width: number, height: number): void;
	/**
	 * Renders now if anything changed since the last render (render on demand). Changes also
	 * schedule a render on the next animation frame, so calling this is optional.
	 */
	requestRender(): void;
	/**
	 * Screen position (CSS px, relative to the canvas, clamped to it) of a point on an object's
	 * front where a click picks that object (a unit's name plate, a drive's face), for placing a
	 * menu from the keyboard path; null if unknown or behind the camera.
	 */
	screenPosition(target: ObjectPick): { x: number; y: number } | null;
	/** Number of draw calls in the last render (tests/bench use it to show they do not grow with objects). */
	readonly drawCalls: number;
	/** VM tiles on screen, one per VM on a known server (tests check it against the frame's VMs). */
	readonly vmTiles: number;
	/** Frees every GPU resource and listener; the canvas can then host a new scene. */
	dispose(): void;
}

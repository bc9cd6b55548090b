import { PerspectiveCamera, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { borderLayout } from './border-layout';
import { FOV_DEG } from './camera-rig';
import { CALLOUT_PX, callouts } from './callouts';
import { corners, focusBoxes, sceneBounds } from './focus';
import { frameCamera } from './framing';
import { bezelBox } from './layout';
import { makeTopology, withSlb } from './test-topology';

type Rect = { x0: number; y0: number; x1: number; y1: number };
const overlaps = (a: Rect, b: Rect) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

describe('the first view of an SLB scene', () => {
	it.each([
		{ nodes: 4, per: 16, width: 920, height: 625 },
		{ nodes: 16, per: 8, width: 1080, height: 715 },
		{ nodes: 16, per: 16, width: 1520, height: 985 }
	])(
		'shows the router and the Internet sign, its label clear of units and labels ($nodes servers)',
		({ nodes, per, width, height }) => {
			const topo = withSlb(makeTopology(nodes, { serversPerRack: per }));
			const b = borderLayout(topo)!;
			const f = frameCamera(focusBoxes(topo), { width, height }, FOV_DEG);
			const camera = new PerspectiveCamera(FOV_DEG, width / height, f.near, f.far);
			camera.position.set(...f.position);
			camera.lookAt(new Vector3(...f.target));
			camera.updateMatrixWorld();
			const toPx = (p: readonly number[]) => {
				const v = new Vector3(p[0], p[1], p[2]).project(camera);
				return [((v.x + 1) / 2) * width, ((1 - v.y) / 2) * height];
			};
			for (const box of [b.bezel, b.internet]) {
				for (const c of corners(box)) {
					const [x, y] = toPx(c);
					expect(x).toBeGreaterThanOrEqual(0);
					expect(x).toBeLessThanOrEqual(width);
					expect(y).toBeGreaterThanOrEqual(0);
					expect(y).toBeLessThanOrEqual(height);
				}
			}
			// Label plates at full size (one or two racks), left of their anchors.
			const plate = (anchor: readonly number[]): Rect => {
				const [x, y] = toPx(anchor);
				const x1 = x - CALLOUT_PX.gap;
				return { x0: x1 - CALLOUT_PX.w, x1, y0: y - CALLOUT_PX.h / 2, y1: y + CALLOUT_PX.h / 2 };
			};
			const router = plate(b.callout.anchor);
			for (const c of callouts(topo)) expect(overlaps(router, plate(c.anchor))).toBe(false);
			for (const u of [...topo.nodes, ...topo.switches, topo.hlh]) {
				const px = corners(bezelBox(u, topo.racks.length)).map(toPx);
				const xs = px.map((p) => p[0]);
				const ys = px.map((p) => p[1]);
				const front = {
					x0: Math.min(...xs),
					x1: Math.max(...xs),
					y0: Math.min(...ys),
					y1: Math.max(...ys)
				};
				expect(overlaps(router, front)).toBe(false);
			}
		}
	);

	it('widens the floor and the first view to take in the router and the Internet', () => {
		const plain = makeTopology(4);
		const slb = withSlb(plain);
		expect(sceneBounds(slb).w).toBeGreaterThan(sceneBounds(plain).w);
		expect(focusBoxes(slb).length).toBe(focusBoxes(plain).length + 2);
	});
});

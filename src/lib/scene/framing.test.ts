import { PerspectiveCamera, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { FOV_DEG } from './camera-rig';
import { CALLOUT_PX, callouts } from './callouts';
import { focusBoxes, sceneBounds } from './focus';
import { frameCamera, type Viewport } from './framing';
import { equipmentBox, type Box } from './layout';
import { rackSignBox } from './rack-parts';
import { makeTopology } from './test-topology';
import type { TopologyInfo } from '../sim/topology';

/** Corners of a box (for planes, d = 0, the four corners repeat). */
function corners(b: Box) {
	const out: Vector3[] = [];
	for (const sx of [-1, 1]) {
		for (const sy of [-1, 1]) {
			for (const sz of [-1, 1])
				out.push(new Vector3(b.x + (sx * b.w) / 2, b.y + (sy * b.h) / 2, b.z + (sz * b.d) / 2));
		}
	}
	return out;
}

/** The camera the scene starts with on a canvas of `viewport` CSS px. */
function initialCamera(topo: TopologyInfo, viewport: Viewport) {
	const f = frameCamera(focusBoxes(topo), viewport, FOV_DEG);
	const camera = new PerspectiveCamera(FOV_DEG, viewport.width / viewport.height, f.near, f.far);
	camera.position.set(...f.position);
	camera.lookAt(new Vector3(...f.target));
	camera.updateMatrixWorld();
	return camera;
}

const units = (topo: TopologyInfo) => [...topo.nodes, ...topo.switches, topo.hlh];

describe('camera framing', () => {
	// 4..16 servers at 4, 8 or 16 per rack give 1..4 racks.
	const cases = [4, 8, 9, 12, 16].flatMap((n) =>
		[4, 8, 16].map((perRack) => makeTopology(n, { serversPerRack: perRack }))
	);
	/** Canvas heights of the 1280×720 layout; widths follow the aspect. */
	const HEIGHT = 625;

	it.each([0.5, 1, 16 / 9, 3])('shows every occupied unit and rack sign at aspect %s', (aspect) => {
		for (const topo of cases) {
			const camera = initialCamera(topo, { width: aspect * HEIGHT, height: HEIGHT });
			const n = topo.racks.length;
			const boxes = [
				...units(topo).map((u) => equipmentBox(u, n)),
				...topo.racks.map((r, i) => rackSignBox(i, n, r.heightU))
			];
			for (const p of boxes.flatMap(corners)) {
				const ndc = p.clone().project(camera);
				expect(Math.abs(ndc.x), `${n} racks`).toBeLessThanOrEqual(1);
				expect(Math.abs(ndc.y), `${n} racks`).toBeLessThanOrEqual(1);
				expect(ndc.z).toBeGreaterThan(-1);
				expect(ndc.z).toBeLessThan(1);
			}
		}
	});

	it.each([1, 16 / 9, 3])('keeps every name label inside the canvas at aspect %s', (aspect) => {
		const viewport = { width: aspect * HEIGHT, height: HEIGHT };
		for (const topo of cases) {
			const camera = initialCamera(topo, viewport);
			for (const c of callouts(topo)) {
				const p = new Vector3(...c.anchor).project(camera);
				const x = ((p.x + 1) / 2) * viewport.width;
				const y = ((1 - p.y) / 2) * viewport.height;
				expect(x - CALLOUT_PX.gap - CALLOUT_PX.w, c.text).toBeGreaterThanOrEqual(0);
				expect(y - CALLOUT_PX.h / 2, c.text).toBeGreaterThanOrEqual(0);
				expect(y + CALLOUT_PX.h / 2, c.text).toBeLessThanOrEqual(viewport.height);
			}
		}
	});

	it('fills most of the canvas height with one rack of 4 to 8 servers', () => {
		for (const [n, viewport] of [
			[4, { width: 920, height: 625 }],
			[8, { width: 920, height: 625 }],
			[8, { width: 1520, height: 985 }]
		] as const) {
			const topo = makeTopology(n, { serversPerRack: 8 });
			const camera = initialCamera(topo, viewport);
			const ys = units(topo)
				.flatMap((u) => corners(equipmentBox(u, 1)))
				.map((p) => p.project(camera).y);
			const share = (Math.max(...ys) - Math.min(...ys)) / 2;
			expect(share, `${n} servers`).toBeGreaterThan(0.75);
		}
	});

	it('looks from above the floor, within the zoom limits', () => {
		for (const topo of cases) {
			const f = frameCamera(focusBoxes(topo), { width: 1600, height: 900 }, FOV_DEG);
			expect(f.position[1]).toBeGreaterThan(0);
			expect(f.position[1]).toBeGreaterThan(f.target[1]);
			expect(f.target[1]).toBeGreaterThanOrEqual(0);
			const distance = Math.hypot(...f.position.map((v, k) => v - f.target[k]));
			expect(distance).toBeGreaterThan(f.minDistance);
			expect(distance).toBeLessThan(f.maxDistance);
		}
	});

	it('grows the bounds with the number of racks', () => {
		const widths = [4, 8, 12, 16].map((n) => sceneBounds(makeTopology(n, { serversPerRack: 4 })).w);
		expect(widths).toEqual([...widths].sort((a, b) => a - b));
		expect(new Set(widths).size).toBe(4);
	});
});

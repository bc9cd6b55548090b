import { PerspectiveCamera, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { FOV_DEG } from './camera-rig';
import { frameCamera, sceneBounds } from './framing';
import { rackBox } from './layout';
import { rackSignBox } from './rack-parts';
import { makeTopology } from './test-topology';

/** Corners of a box (for planes, d = 0, the four corners repeat). */
function corners(b: { x: number; y: number; z: number; w: number; h: number; d: number }) {
	const out: Vector3[] = [];
	for (const sx of [-1, 1]) {
		for (const sy of [-1, 1]) {
			for (const sz of [-1, 1])
				out.push(new Vector3(b.x + (sx * b.w) / 2, b.y + (sy * b.h) / 2, b.z + (sz * b.d) / 2));
		}
	}
	return out;
}

describe('camera framing', () => {
	// 4..16 servers at 4, 8 or 16 per rack give 1..4 racks.
	const cases = [4, 8, 9, 12, 16].flatMap((n) =>
		[4, 8, 16].map((perRack) => makeTopology(n, { serversPerRack: perRack }))
	);

	it.each([0.5, 1, 16 / 9, 3])('shows every rack and its sign at aspect %s', (aspect) => {
		for (const topo of cases) {
			const f = frameCamera(sceneBounds(topo), aspect, FOV_DEG);
			const camera = new PerspectiveCamera(FOV_DEG, aspect, f.near, f.far);
			camera.position.set(...f.position);
			camera.lookAt(new Vector3(...f.target));
			camera.updateMatrixWorld();
			const n = topo.racks.length;
			const boxes = topo.racks.flatMap((r, i) => [
				rackBox(i, n, r.heightU),
				rackSignBox(i, n, r.heightU)
			]);
			for (const p of boxes.flatMap(corners)) {
				const ndc = p.clone().project(camera);
				expect(Math.abs(ndc.x), `${n} racks`).toBeLessThanOrEqual(1);
				expect(Math.abs(ndc.y), `${n} racks`).toBeLessThanOrEqual(1);
				expect(ndc.z).toBeGreaterThan(-1);
				expect(ndc.z).toBeLessThan(1);
			}
		}
	});

	it('looks from above the floor, within the zoom limits', () => {
		for (const topo of cases) {
			const f = frameCamera(sceneBounds(topo), 16 / 9, FOV_DEG);
			expect(f.position[1]).toBeGreaterThan(0);
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

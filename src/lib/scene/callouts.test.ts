import { PerspectiveCamera, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import type { TopologyInfo } from '../sim/topology';
import { FOV_DEG } from './camera-rig';
import {
	CALLOUT_PITCH_M,
	CALLOUT_PX,
	callouts,
	labelScale,
	MIN_LABEL_SCALE,
	spread
} from './callouts';
import { focusBoxes } from './focus';
import { frameCamera, type Viewport } from './framing';
import { bezelBox, U_M, type Box } from './layout';
import { encodePick } from './picking';
import { makeTopology } from './test-topology';

type Rect = { x0: number; y0: number; x1: number; y1: number };

/** Screen rects (CSS px) of every label plate and of every unit's front, in the first view. */
function screenLayout(topo: TopologyInfo, viewport: Viewport) {
	const f = frameCamera(focusBoxes(topo), viewport, FOV_DEG);
	const camera = new PerspectiveCamera(FOV_DEG, viewport.width / viewport.height, f.near, f.far);
	camera.position.set(...f.position);
	camera.lookAt(new Vector3(...f.target));
	camera.updateMatrixWorld();
	const toPx = (x: number, y: number, z: number) => {
		const p = new Vector3(x, y, z).project(camera);
		return [((p.x + 1) / 2) * viewport.width, ((1 - p.y) / 2) * viewport.height];
	};
	// The scale CalloutMesh.fitTo picks: from the smallest on-screen pitch of a column.
	const list = callouts(topo);
	const pitch = Math.min(
		...list.map(
			(c) => toPx(...c.anchor)[1] - toPx(c.anchor[0], c.anchor[1] + CALLOUT_PITCH_M, c.anchor[2])[1]
		)
	);
	const k = labelScale(pitch);
	const labels: Rect[] = list.map((c) => {
		const [x, y] = toPx(...c.anchor);
		const x1 = x - k * CALLOUT_PX.gap;
		const h = (k * CALLOUT_PX.h) / 2;
		return { x0: x1 - k * CALLOUT_PX.w, x1, y0: y - h, y1: y + h };
	});
	const n = topo.racks.length;
	const fronts: Rect[] = [...topo.nodes, ...topo.switches, topo.hlh].map((u) => {
		const b: Box = bezelBox(u, n);
		const pts = [-1, 1].flatMap((sx) =>
			[-1, 1].map((sy) => toPx(b.x + (sx * b.w) / 2, b.y + (sy * b.h) / 2, b.z + b.d / 2))
		);
		const xs = pts.map((p) => p[0]);
		const ys = pts.map((p) => p[1]);
		return { x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) };
	});
	return { labels, fronts, scale: k };
}

const overlaps = (a: Rect, b: Rect) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

describe('name callouts', () => {
	it('labels every server, switch and the HLH with its name and pick code', () => {
		const topo = makeTopology(6);
		const list = callouts(topo);
		expect(list.map((c) => c.text)).toEqual([
			...topo.nodes.map((n) => n.name),
			'TOR1',
			'TOR2',
			'BMC',
			'HLH'
		]);
		expect(list[0].code).toBe(encodePick('node', 0));
		expect(list[6].code).toBe(encodePick('switch', 0));
		expect(list.at(-1)!.code).toBe(encodePick('hlh', 0));
	});

	it('joins each label to its unit: the leader starts on the front and ends at the anchor', () => {
		const topo = makeTopology(16, { serversPerRack: 8 });
		const slots = [...topo.nodes, ...topo.switches, topo.hlh];
		callouts(topo).forEach((c, k) => {
			const face = bezelBox(slots[k], topo.racks.length);
			const [x, y] = c.leader[0];
			expect(Math.abs(x - face.x)).toBeLessThan(face.w / 2);
			expect(Math.abs(y - face.y)).toBeLessThan(face.h / 2);
			expect(c.leader.at(-1)).toEqual(c.anchor);
			expect(c.anchor[0]).toBeLessThan(face.x - face.w / 2);
		});
	});

	it('keeps labels in one column at least the pitch apart, moving down only', () => {
		const ys = [10, 10 - U_M, 10 - 2 * U_M, 5];
		const out = spread(ys, [0, 0, 0, 0]);
		for (let k = 1; k < 3; k++) expect(out[k - 1] - out[k]).toBeCloseTo(CALLOUT_PITCH_M);
		expect(out[0]).toBe(10);
		expect(out[3]).toBe(5);
		expect(spread([1, 1], [0, 1])).toEqual([1, 1]);
	});

	it('shrinks labels only when zoomed out so far that a column would overlap', () => {
		expect(labelScale(Infinity)).toBe(1);
		expect(labelScale(CALLOUT_PX.h + 2)).toBe(1);
		expect(labelScale(60)).toBe(1);
		expect(labelScale((CALLOUT_PX.h + 2) * 0.75)).toBeCloseTo(0.75);
		expect(labelScale(1)).toBe(MIN_LABEL_SCALE);
	});

	// The canvas at 1280×720, 1440×810 and 1920×1080 (the side panel takes the rest).
	it.each([
		{ width: 920, height: 625 },
		{ width: 1080, height: 715 },
		{ width: 1520, height: 985 }
	])('never overlaps two labels, or a label and a unit, at $width×$height', (viewport) => {
		expect(CALLOUT_PX.font).toBeGreaterThanOrEqual(11);
		for (const topo of [
			makeTopology(4, { serversPerRack: 8 }),
			makeTopology(8, { serversPerRack: 8 }),
			makeTopology(16, { serversPerRack: 8 }),
			makeTopology(16, { serversPerRack: 16 }),
			makeTopology(12, { serversPerRack: 4 }),
			makeTopology(16, { serversPerRack: 4 })
		]) {
			const { labels, fronts, scale } = screenLayout(topo, viewport);
			// One or two racks (every preset) show full-size labels; more may shrink them.
			if (topo.racks.length <= 2) expect(scale).toBe(1);
			for (let i = 0; i < labels.length; i++) {
				for (let j = i + 1; j < labels.length; j++)
					expect(overlaps(labels[i], labels[j]), `labels ${i}, ${j}`).toBe(false);
				for (const [k, front] of fronts.entries())
					expect(overlaps(labels[i], front), `label ${i}, unit ${k}`).toBe(false);
			}
		}
	});
});

import { Color, Matrix4, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { IoKind, MAX_FRAME_IO, type FrameIo } from '../sim/frame';
import {
	IO_END_FADE,
	IO_END_SCALE,
	IO_HOLD_MS,
	IoFlights,
	slabFade,
	slabScale
} from './io-flights';
import { IO_STYLES } from './io-palette';
import { SCENE_COLORS } from './palette';
import { makeTopology, testFrame } from './test-topology';

const topo = makeTopology(4);
const capacity = topo.drives.filter((d) => d.role === 'capacity').map((d) => d.id);

const transfer = (over: Partial<FrameIo> = {}): FrameIo => ({
	node: 0,
	drive: capacity[3],
	kind: IoKind.write,
	volume: 0,
	progress: 0.4,
	msSinceLanded: 0,
	...over
});
const frame = (list: FrameIo[], simTimeMs = 1000) =>
	testFrame(topo, (s) => {
		s.io = list;
		s.simTimeMs = simTimeMs;
	});
const matrix = (f: IoFlights, i: number) => {
	const m = new Matrix4();
	f.mesh.getMatrixAt(i, m);
	return m;
};
const position = (f: IoFlights, i: number) => new Vector3().setFromMatrixPosition(matrix(f, i));
const scale = (f: IoFlights, i: number) => new Vector3().setFromMatrixScale(matrix(f, i)).x;
const expected = (f: IoFlights, t: FrameIo) => {
	const out = { x: 0, y: 0, z: 0 };
	expect(f.paths.positionAt(t.node, t.drive, t.kind, t.progress, out)).toBe(true);
	return out;
};
const closeTo = (v: Vector3, p: { x: number; y: number; z: number }) => {
	expect(v.x).toBeCloseTo(p.x, 5);
	expect(v.y).toBeCloseTo(p.y, 5);
	expect(v.z).toBeCloseTo(p.z, 5);
};

describe('slab size and fade', () => {
	it('flies at full size, then shrinks and fades over the hold, then is gone', () => {
		expect(slabScale(0.3, 0, false)).toBe(1);
		expect(slabScale(1, 0, false)).toBe(1);
		expect(slabScale(1, IO_HOLD_MS / 2, false)).toBeCloseTo((1 + IO_END_SCALE) / 2, 6);
		expect(slabScale(1, IO_HOLD_MS, false)).toBe(0);
		expect(slabFade(0.3, 0)).toBe(0);
		expect(slabFade(1, IO_HOLD_MS / 2)).toBeCloseTo(IO_END_FADE / 2, 6);
		expect(slabFade(1, IO_HOLD_MS * 3)).toBe(IO_END_FADE);
	});

	it('with reduced motion shows only landed slabs, at a steady size', () => {
		expect(slabScale(0.3, 0, true)).toBe(0);
		expect(slabScale(1, 0, true)).toBe(1);
		expect(slabScale(1, IO_HOLD_MS - 1, true)).toBe(1);
		expect(slabScale(1, IO_HOLD_MS, true)).toBe(0);
	});
});

describe('IoFlights', () => {
	it('draws each transfer on its path, coloured by kind', () => {
		const f = new IoFlights(topo, false);
		const list = [
			transfer(),
			transfer({ kind: IoKind.read, node: 1, progress: 0.8 }),
			transfer({ kind: IoKind.destage, node: 2, drive: capacity[9], progress: 0.5 }),
			transfer({ kind: IoKind.resync, progress: 0.1 }),
			transfer({ kind: IoKind.rotate, node: 3, progress: 0.9 })
		];
		expect(f.apply(frame(list))).toBe(true);
		expect(f.mesh.count).toBe(5);
		const styles = [IO_STYLES.write, IO_STYLES.read, IO_STYLES.destage];
		[...styles, IO_STYLES.resync, IO_STYLES.rotate].forEach((style, i) => {
			closeTo(position(f, i), expected(f, list[i]));
			expect(scale(f, i)).toBeCloseTo(1, 5);
			const c = new Color();
			f.mesh.getColorAt(i, c);
			expect(c.getHexString()).toBe(new Color(style.color).getHexString());
		});
		f.dispose();
	});

	it('leaves a landed slab where it landed, smaller and darker, and drops it after the hold', () => {
		const f = new IoFlights(topo, false);
		const landed = transfer({ progress: 1, msSinceLanded: IO_HOLD_MS / 2 });
		const gone = transfer({ progress: 1, msSinceLanded: IO_HOLD_MS + 1 });
		f.apply(frame([gone, landed]));
		expect(f.mesh.count).toBe(1);
		closeTo(position(f, 0), expected(f, landed));
		expect(scale(f, 0)).toBeCloseTo(slabScale(1, IO_HOLD_MS / 2, false), 5);
		const c = new Color();
		f.mesh.getColorAt(0, c);
		const want = new Color(IO_STYLES.write.color).lerp(
			new Color(SCENE_COLORS.background),
			slabFade(1, IO_HOLD_MS / 2)
		);
		expect(c.r).toBeCloseTo(want.r, 5);
		expect(c.b).toBeCloseTo(want.b, 5);
		f.dispose();
	});

	it('with reduced motion draws only landed slabs, at full size', () => {
		const f = new IoFlights(topo, true);
		const landed = transfer({ drive: capacity[5], progress: 1, msSinceLanded: 900 });
		f.apply(frame([transfer(), landed]));
		expect(f.mesh.count).toBe(1);
		closeTo(position(f, 0), expected(f, landed));
		expect(scale(f, 0)).toBeCloseTo(1, 5);
		// Switching motion back on must redraw the same frame with the flying slab.
		expect(f.setReducedMotion(true)).toBe(false);
		expect(f.setReducedMotion(false)).toBe(true);
		expect(f.apply(frame([transfer(), landed]))).toBe(true);
		expect(f.mesh.count).toBe(2);
		f.dispose();
	});

	it('skips unknown kinds and drives, and reports when nothing changed', () => {
		const f = new IoFlights(topo, false);
		expect(f.apply(frame([]))).toBe(false);
		const list = [transfer({ kind: 9 }), transfer({ drive: 999 }), transfer()];
		expect(f.apply(frame(list))).toBe(true);
		expect(f.mesh.count).toBe(1);
		expect(f.apply(frame(list))).toBe(false);
		expect(f.apply(frame([], 1016))).toBe(true);
		expect(f.mesh.count).toBe(0);
		expect(f.apply(frame([], 1032))).toBe(false);
		f.dispose();
	});

	it('uses one mesh (one draw call) for no transfers and for the most a frame holds', () => {
		const f = new IoFlights(topo, false);
		const list = Array.from({ length: MAX_FRAME_IO }, (_, i) =>
			transfer({ drive: capacity[i % capacity.length], progress: (i % 10) / 10 })
		);
		f.apply(frame(list));
		let meshes = 0;
		f.root.traverse((o) => (meshes += 'isMesh' in o ? 1 : 0));
		expect(meshes).toBe(1);
		expect(f.mesh.count).toBe(MAX_FRAME_IO);
		f.dispose();
		expect(f.root.parent).toBeNull();
	});
});

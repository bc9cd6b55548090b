import { Color, Matrix4, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import {
	FRAME_VM_ROLES,
	MAX_FRAME_VMS,
	VM_FROM_NONE,
	VmFrameState,
	type FrameVm
} from '../sim/frame';
import { makeTopology, testFrame } from './test-topology';
import { tileCentre, tileGrid } from './vm-layout';
import { VM_DOWN_SCALE, VM_FAMILIES, vmColor } from './vm-palette';
import { FLY_SIDE_M, MAX_TRAILS, ROUTE_DOTS, TRAIL_TILES, VmTiles } from './vm-tiles';

const topo = makeTopology(4);
const role = (name: string) => FRAME_VM_ROLES.indexOf(name as (typeof FRAME_VM_ROLES)[number]);

const vm = (over: Partial<FrameVm> = {}): FrameVm => ({
	server: 0,
	role: role('NC'),
	state: VmFrameState.running,
	from: VM_FROM_NONE,
	progress: 0,
	...over
});
/** NC on server 0, ERCS on 1, a tenant VM on 2, and `last` (a VM moving from 0 to 3 by default). */
const cluster = (last: Partial<FrameVm> = {}) => [
	vm(),
	vm({ server: 1, role: role('ERCS') }),
	vm({ server: 2, role: 0 }),
	vm({ server: 3, role: role('SLB'), from: 0, state: VmFrameState.migrating, ...last })
];
const frame = (list: FrameVm[], simTimeMs = 1000) =>
	testFrame(topo, (s) => {
		s.vms = list;
		s.simTimeMs = simTimeMs;
	});
const matrix = (t: VmTiles, i: number) => {
	const m = new Matrix4();
	t.mesh.getMatrixAt(i, m);
	return m;
};
const position = (t: VmTiles, i: number) => new Vector3().setFromMatrixPosition(matrix(t, i));
const side = (t: VmTiles, i: number) => new Vector3().setFromMatrixScale(matrix(t, i)).x;
const color = (t: VmTiles, i: number) => {
	const c = new Color();
	t.mesh.getColorAt(i, c);
	return c.getHexString();
};
const hex = (css: string) => new Color(css).getHexString();
/** Centre of place `k` on `server` when it holds `count` places. */
const placeOf = (t: VmTiles, server: number, count: number, k: number) => {
	const zone = t.places.zones[server];
	const grid = tileGrid(count, zone.w, zone.h);
	const out = { x: 0, y: 0, z: 0 };
	tileCentre(zone, grid.cols, grid.pitchM, k, out);
	return new Vector3(out.x, out.y, out.z);
};

describe('VmTiles', () => {
	it('draws one tile per VM on its server, coloured by role family', () => {
		const t = new VmTiles(topo, false);
		expect(t.apply(frame(cluster({ state: VmFrameState.running, from: VM_FROM_NONE })))).toBe(true);
		expect(t.tileCount).toBe(4);
		expect(t.mesh.count).toBe(4);
		const families = [VM_FAMILIES.network, VM_FAMILIES.ercs, VM_FAMILIES.tenant];
		families.forEach((f, i) => {
			expect(color(t, i)).toBe(hex(f.color));
			expect(position(t, i).distanceTo(placeOf(t, i, 1, 0))).toBeLessThan(1e-6);
		});
		// Each tile sits on its own server's face, which the zones follow.
		const zone = t.places.zones[2];
		expect(Math.abs(position(t, 2).y - zone.y)).toBeLessThan(zone.h / 2);
		t.dispose();
	});

	it('flies a migrating VM between its servers, at its old place before it starts', () => {
		const t = new VmTiles(topo, false);
		t.apply(frame(cluster({ progress: 0 })));
		expect(t.tileCount).toBe(4);
		// Waiting its turn: still in its place on server 0, after the NC tile.
		const source = placeOf(t, 0, 2, 1);
		expect(position(t, 3).distanceTo(source)).toBeLessThan(1e-6);
		expect(t.mesh.count).toBe(4);

		t.apply(frame(cluster({ progress: 0.5 }), 1016));
		expect(t.tileCount).toBe(4);
		const dest = placeOf(t, 3, 1, 0);
		const flying = position(t, 3);
		const mid = { x: 0, y: 0, z: 0 };
		t.routes.positionAt(source, 0, dest, 3, 0.5, mid);
		expect(flying.distanceTo(new Vector3(mid.x, mid.y, mid.z))).toBeLessThan(1e-6);
		// On the wire between the two servers' places: up through TOR1, away from both faces.
		expect(flying.distanceTo(source)).toBeGreaterThan(0.05);
		expect(flying.distanceTo(dest)).toBeGreaterThan(0.05);
		expect(side(t, 3)).toBeCloseTo(FLY_SIDE_M, 6);
		// The migration traffic trails behind it.
		expect(t.mesh.count).toBe(4 + TRAIL_TILES);
		expect(color(t, 4)).not.toBe(color(t, 3));

		t.apply(frame(cluster({ progress: 1 }), 1032));
		expect(position(t, 3).distanceTo(dest)).toBeLessThan(1e-6);
		expect(t.mesh.count).toBe(4);
		t.dispose();
	});

	it('with reduced motion keeps a migrating VM in its old place, marked, until it arrives', () => {
		const t = new VmTiles(topo, true);
		t.apply(frame(cluster({ progress: 0.3 })));
		const source = placeOf(t, 0, 2, 1);
		expect(position(t, 3).distanceTo(source)).toBeLessThan(1e-6);
		// A dot on the tile and a dotted route: marks that do not move.
		expect(t.mesh.count).toBe(4 + 1 + ROUTE_DOTS);
		const marks = () => Array.from({ length: t.mesh.count }, (_, i) => position(t, i));
		const before = marks();
		// Later in the same migration nothing visible changes, so nothing is redrawn.
		expect(t.apply(frame(cluster({ progress: 0.7 }), 1016))).toBe(false);
		expect(marks()).toEqual(before);
		// Arrived: it jumps to its new place.
		expect(t.apply(frame(cluster({ progress: 1 }), 1032))).toBe(true);
		expect(position(t, 3).distanceTo(placeOf(t, 3, 1, 0))).toBeLessThan(1e-6);
		// Switching motion back on redraws the same frame.
		expect(t.setReducedMotion(true)).toBe(false);
		expect(t.setReducedMotion(false)).toBe(true);
		expect(t.apply(frame(cluster({ progress: 1 }), 1032))).toBe(true);
		t.dispose();
	});

	it('colours VMs by state: down smaller and grey, restarting fading in, unmonitored tinted', () => {
		const t = new VmTiles(topo, false);
		const list = [
			vm({ role: 0 }),
			vm({ role: 0, state: VmFrameState.down }),
			vm({ role: 0, state: VmFrameState.restarting, from: 1, progress: 0 }),
			vm({ role: 0, state: VmFrameState.restarting, from: 1, progress: 0.5 }),
			vm({ role: 0, state: VmFrameState.unmonitored })
		];
		t.apply(frame(list));
		expect(t.tileCount).toBe(5);
		const colors = list.map((_, i) => color(t, i));
		expect(new Set(colors).size).toBe(5);
		expect(colors[0]).toBe(hex(vmColor('tenant', VmFrameState.running)));
		expect(colors[1]).toBe(hex(vmColor('tenant', VmFrameState.down)));
		expect(colors[2]).toBe(hex(vmColor('tenant', VmFrameState.restarting, 0)));
		expect(colors[4]).toBe(hex(vmColor('tenant', VmFrameState.unmonitored)));
		expect(side(t, 1)).toBeCloseTo(side(t, 0) * VM_DOWN_SCALE, 6);
		// A restart does not fly: the VM is on its new server.
		expect(Math.abs(position(t, 2).y - position(t, 0).y)).toBeLessThan(0.05);
		t.dispose();
	});

	it('reports when nothing changed and skips VMs on unknown servers', () => {
		const t = new VmTiles(topo, false);
		expect(t.apply(frame([]))).toBe(false);
		const list = [vm(), vm({ server: 99 }), vm({ server: 1 })];
		expect(t.apply(frame(list))).toBe(true);
		expect(t.tileCount).toBe(2);
		// Only the clock moved: no redraw.
		expect(t.apply(frame(list, 2000))).toBe(false);
		expect(t.apply(frame([], 3000))).toBe(true);
		expect(t.mesh.count).toBe(0);
		t.dispose();
	});

	it('uses one mesh (one draw call) for the most VMs a frame holds', () => {
		const t = new VmTiles(topo, false);
		const list = Array.from({ length: MAX_FRAME_VMS }, (_, i) =>
			i < MAX_TRAILS + 2
				? vm({ server: 1, from: 0, state: VmFrameState.migrating, progress: 0.5 })
				: vm({ server: i % 4, role: i % FRAME_VM_ROLES.length })
		);
		t.apply(frame(list));
		let meshes = 0;
		t.root.traverse((o) => (meshes += 'isMesh' in o ? 1 : 0));
		expect(meshes).toBe(1);
		expect(t.tileCount).toBe(MAX_FRAME_VMS);
		expect(t.mesh.count).toBe(MAX_FRAME_VMS + MAX_TRAILS * TRAIL_TILES);
		t.dispose();
		expect(t.root.parent).toBeNull();
	});
});

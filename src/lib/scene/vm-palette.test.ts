import { describe, expect, it } from 'vitest';
import { FRAME_VM_ROLES, VmFrameState } from '../sim/frame';
import { IO_STYLES } from './io-palette';
import { HEALTH_STYLES, legendText, MEDIA_STYLES, SCENE_COLORS } from './palette';
import { contrast, CVD, deltaE, pairs } from './test-colors';
import {
	mixHex,
	VM_DOWN_COLOR,
	VM_FAMILIES,
	VM_LEGEND,
	VM_MIGRATION_COLOR,
	VM_MIGRATION_LEGEND,
	VM_WARNING_COLOR,
	vmColor,
	vmFamily
} from './vm-palette';

const families = Object.values(VM_FAMILIES);
const health = Object.values(HEALTH_STYLES);
/** The bezel a tile sits on (colors.ts BEZEL_BASE). */
const BEZEL = '#343A44';

describe('VM role families', () => {
	it('puts every frame role in exactly one family, the infrastructure roles in three', () => {
		const all = families.flatMap((f) => f.roles);
		expect([...all].sort()).toEqual([...FRAME_VM_ROLES].sort());
		expect(FRAME_VM_ROLES.map((_, code) => vmFamily(code))).toEqual(
			FRAME_VM_ROLES.map((r) => families.find((f) => f.roles.includes(r))!.name)
		);
		expect(VM_FAMILIES.network.roles).toEqual(['NC', 'SLB', 'GWY']);
		expect(vmFamily(FRAME_VM_ROLES.indexOf('ERCS'))).toBe('ercs');
		expect(vmFamily(0)).toBe('tenant');
		expect(vmFamily(200)).toBe('infra');
		for (const key of ['color', 'colorName', 'label'] as const) {
			expect(new Set(families.map((f) => f[key])).size).toBe(families.length);
		}
	});

	it.each(Object.keys(CVD))('keeps the four families apart for %s vision (ΔE76 ≥ 15)', (vision) => {
		for (const [a, b] of pairs(families)) {
			expect(deltaE(a.color, b.color, vision), `${a.name} vs ${b.name}`).toBeGreaterThanOrEqual(15);
		}
	});

	it('reads on a server bezel (contrast ≥ 3:1) and is no health colour (ΔE76 ≥ 15)', () => {
		for (const f of families) {
			expect(contrast(f.color, BEZEL), f.name).toBeGreaterThanOrEqual(3);
			for (const h of health)
				expect(deltaE(f.color, h.color), `${f.name} vs ${h.name}`).toBeGreaterThan(15);
		}
	});

	it('keeps tenant VMs apart from drives, packets and storage transfers (ΔE76 ≥ 25)', () => {
		const others = [
			...Object.values(MEDIA_STYLES).map((m) => m.color),
			...Object.values(IO_STYLES).map((s) => s.color),
			SCENE_COLORS.packetTenantEven,
			SCENE_COLORS.packetTenantOdd,
			SCENE_COLORS.packetLoadBalanced
		];
		for (const o of others) expect(deltaE(VM_FAMILIES.tenant.color, o), o).toBeGreaterThan(25);
	});
});

describe('VM states', () => {
	it('colours every state of every family apart from running (ΔE76 ≥ 15)', () => {
		for (const f of families) {
			const running = vmColor(f.name, VmFrameState.running);
			expect(vmColor(f.name, VmFrameState.migrating)).toBe(running);
			for (const state of [VmFrameState.down, VmFrameState.unmonitored]) {
				expect(deltaE(vmColor(f.name, state), running), `${f.name} ${state}`).toBeGreaterThan(15);
			}
			expect(deltaE(vmColor(f.name, VmFrameState.restarting, 0), running)).toBeGreaterThan(30);
			expect(vmColor(f.name, VmFrameState.restarting, 1)).toBe(running);
		}
	});

	it('greys out a stopped VM, fades a restarting one in and tints an unmonitored one yellow', () => {
		expect(vmColor('tenant', VmFrameState.down)).toBe(VM_DOWN_COLOR);
		expect(VM_WARNING_COLOR).toBe(HEALTH_STYLES.warning.color);
		const ercs = VM_FAMILIES.ercs.color;
		expect(vmColor('ercs', VmFrameState.unmonitored)).toBe(mixHex(ercs, VM_WARNING_COLOR, 0.5));
		const half = vmColor('network', VmFrameState.restarting, 0.5);
		const start = vmColor('network', VmFrameState.restarting, 0);
		const full = VM_FAMILIES.network.color;
		expect(deltaE(half, full)).toBeLessThan(deltaE(start, full));
		expect(mixHex('#000000', '#FFFFFF', 0.5)).toBe('#808080');
	});

	it('marks migrations in a colour apart from every family', () => {
		for (const f of families) expect(deltaE(VM_MIGRATION_COLOR, f.color)).toBeGreaterThan(20);
	});

	it('names every family, its colour and the migration marks in the legend', () => {
		const lines = legendText(false).split('\n');
		expect(lines).toContain(VM_LEGEND);
		expect(lines).toContain(VM_MIGRATION_LEGEND);
		for (const f of families) expect(VM_LEGEND).toContain(`${f.colorName} for `);
		expect(VM_LEGEND).toContain('amber for NC, SLB, GWY; cream for ERCS; bronze for ACS, ADFS');
		expect(VM_LEGEND).toContain('violet for tenant VMs');
		expect(VM_MIGRATION_LEGEND).toMatch(/reduced motion/);
	});
});

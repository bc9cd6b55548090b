import { Color } from 'three';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Health } from '../sim/health';
import { ACTIVITY_COLOR, BEZEL_COLORS, DRIVE_COLORS, LED_COLORS, PORT_LED_COLORS } from './colors';
import { CUE } from './cues';
import { buildHardware, type Hardware } from './hardware';
import { HealthPainter } from './paint';
import { makeTopology, testFrame } from './test-topology';

const topo = makeTopology(4);

const frame = (change?: Parameters<typeof testFrame>[1]) => testFrame(topo, change);

const color = new Color();
/** Instance colours are stored as 32-bit floats, so compare with a tolerance. */
const same = (a: Color, b: Color) =>
	Math.abs(a.r - b.r) < 1e-6 && Math.abs(a.g - b.g) < 1e-6 && Math.abs(a.b - b.b) < 1e-6;
let hw: Hardware;
beforeEach(() => {
	vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
	hw = buildHardware(topo, 1);
});
afterEach(() => {
	hw.dispose();
	vi.restoreAllMocks();
});

describe('HealthPainter', () => {
	it('repaints only when something changed, flagging each buffer once', () => {
		const painter = new HealthPainter(hw, topo, false);
		expect(painter.apply(frame())).toBe(true);
		const versions = () => [hw.drives, hw.bezels, hw.leds].map((m) => m.instanceColor!.version);
		const before = versions();
		expect(painter.apply(frame())).toBe(false);
		expect(versions()).toEqual(before);
		expect(painter.apply(frame((s) => (s.driveHealth[3] = Health.failed)))).toBe(true);
		const after = versions();
		expect(after[0]).toBe(before[0] + 1);
		expect(after[1]).toBe(before[1]);
	});

	it('shows a failed drive with its colour, LED and crosshatch, an unreachable one dimmed and dashed', () => {
		const painter = new HealthPainter(hw, topo, false);
		painter.apply(
			frame((s) => ((s.driveHealth[3] = Health.failed), (s.driveHealth[4] = Health.unreachable)))
		);
		const media = topo.drives[3].media;
		expect(same(hw.drives.getColorAt(3, color), DRIVE_COLORS[media][Health.failed])).toBe(true);
		const led = hw.leds.getColorAt(hw.index.driveLed[3], color);
		expect(same(led, LED_COLORS[Health.failed])).toBe(true);
		expect(hw.cueAttr.getX(hw.index.driveCue[3])).toBe(CUE.crosshatch);
		expect(hw.cueAttr.getX(hw.index.driveCue[4])).toBe(CUE.dashed);
		expect(hw.cueAttr.getX(hw.index.driveCue[5])).toBe(CUE.none);
		const dim = DRIVE_COLORS[topo.drives[4].media];
		expect(dim[Health.unreachable].r).toBeLessThan(dim[Health.healthy].r);
	});

	it('marks a failed server and switch by colour AND shape', () => {
		const painter = new HealthPainter(hw, topo, false);
		painter.apply(
			frame((s) => ((s.nodeHealth[1] = Health.failed), (s.switchHealth[0] = Health.failed)))
		);
		expect(
			same(hw.bezels.getColorAt(hw.index.nodeBezel[1], color), BEZEL_COLORS[Health.failed])
		).toBe(true);
		expect(hw.cueAttr.getX(hw.index.nodeBadge[1])).toBe(CUE.cross);
		expect(hw.cueAttr.getX(hw.index.nodeCue[1])).toBe(CUE.crosshatch);
		expect(hw.cueAttr.getX(hw.index.nodeBadge[0])).toBe(CUE.circle);
		expect(
			same(hw.bezels.getColorAt(hw.index.switchBezel[0], color), BEZEL_COLORS[Health.failed])
		).toBe(true);
		expect(hw.cueAttr.getX(hw.index.switchBadge[0])).toBe(CUE.cross);
		const port = hw.index.portLedStart[0] + 5;
		expect(same(hw.leds.getColorAt(port, color), PORT_LED_COLORS[Health.failed])).toBe(true);
	});

	it('flashes the NIC LED on a heartbeat, or holds it steady in reduced motion', () => {
		const painter = new HealthPainter(hw, topo, false);
		const nic = hw.index.nicLed[0];
		painter.apply(frame((s) => (s.nodeMsSinceHeartbeat[0] = 0)));
		expect(same(hw.leds.getColorAt(nic, color), ACTIVITY_COLOR)).toBe(true);
		painter.apply(frame((s) => (s.nodeMsSinceHeartbeat[0] = 5000)));
		const off = hw.leds.getColorAt(nic, color).r;
		expect(off).toBeLessThan(ACTIVITY_COLOR.r * 0.1);
		painter.apply(frame((s) => (s.nodeMsSinceHeartbeat[0] = 0)));
		expect(painter.setReducedMotion(true)).toBe(true);
		const steady = hw.leds.getColorAt(nic, color).r;
		expect(steady).toBeGreaterThan(off);
		expect(steady).toBeLessThan(ACTIVITY_COLOR.r);
		// In reduced motion a new heartbeat changes nothing: no flash, no render needed.
		expect(painter.apply(frame((s) => (s.nodeMsSinceHeartbeat[0] = 500)))).toBe(false);
	});
});

import { describe, expect, it } from 'vitest';
import {
	cableLevel,
	HEARTBEAT_INTERVAL_MS,
	nicLevel,
	NIC_IDLE,
	NIC_LEVELS,
	NIC_STEADY,
	PULSE_MS
} from './heartbeat';

describe('NIC LED level', () => {
	it('flashes right after a heartbeat and fades to the idle level', () => {
		expect(nicLevel(0, false)).toBe(NIC_LEVELS);
		const mid = nicLevel(PULSE_MS / 2, false);
		expect(mid).toBeLessThan(NIC_LEVELS);
		expect(mid).toBeGreaterThan(NIC_IDLE);
		expect(nicLevel(PULSE_MS, false)).toBe(NIC_IDLE);
		expect(nicLevel(HEARTBEAT_INTERVAL_MS, false)).toBe(NIC_IDLE);
	});

	it('goes dark once heartbeats stop', () => {
		expect(nicLevel(2 * HEARTBEAT_INTERVAL_MS + 1, false)).toBe(0);
		expect(nicLevel(Infinity, true)).toBe(0);
		expect(nicLevel(NaN, false)).toBe(0);
	});

	it('shows a steady light in reduced motion', () => {
		for (const ms of [0, 10, PULSE_MS, HEARTBEAT_INTERVAL_MS])
			expect(nicLevel(ms, true)).toBe(NIC_STEADY);
	});
});

describe('data cable level', () => {
	it('follows the NIC flash, holds steady in reduced motion and is -1 without heartbeats', () => {
		expect(cableLevel(0, false)).toBe(NIC_LEVELS);
		expect(cableLevel(PULSE_MS, false)).toBe(NIC_IDLE);
		expect(cableLevel(0, true)).toBe(NIC_IDLE);
		expect(cableLevel(HEARTBEAT_INTERVAL_MS, true)).toBe(NIC_IDLE);
		expect(cableLevel(2 * HEARTBEAT_INTERVAL_MS + 1, false)).toBe(-1);
		expect(cableLevel(NaN, true)).toBe(-1);
	});
});

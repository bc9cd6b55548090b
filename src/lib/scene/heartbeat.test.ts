import { describe, expect, it } from 'vitest';
import {
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

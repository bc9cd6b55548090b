import { describe, expect, it } from 'vitest';
import {
	describeSimTime,
	entryFields,
	entryKind,
	entryObjects,
	formatSimTime,
	formatSimTimeFine,
	formatSizeGB,
	formatSpeed
} from './format';

describe('formatSimTimeFine', () => {
	it('adds microseconds without rounding the milliseconds up', () => {
		expect(formatSimTimeFine(5000.123456)).toBe('00:00:05.000123');
		expect(formatSimTimeFine(5000.9996)).toBe('00:00:05.001000');
		expect(formatSimTimeFine(61_000.0425)).toBe('00:01:01.000043');
		expect(formatSimTimeFine(Number.NaN)).toBe('00:00:00.000000');
	});
});

describe('formatSimTime', () => {
	it('formats HH:MM:SS.mmm', () => {
		expect(formatSimTime(0)).toBe('00:00:00.000');
		expect(formatSimTime(83_456)).toBe('00:01:23.456');
		expect(formatSimTime(3_600_000 + 2 * 60_000 + 3_004)).toBe('01:02:03.004');
		expect(formatSimTime(100 * 3_600_000)).toBe('100:00:00.000');
	});

	it('rounds float noise and clamps bad input to zero', () => {
		expect(formatSimTime(999.9999)).toBe('00:00:01.000');
		expect(formatSimTime(-5)).toBe('00:00:00.000');
		expect(formatSimTime(Number.NaN)).toBe('00:00:00.000');
	});

	it('describes time in words for screen readers', () => {
		expect(describeSimTime(83_456)).toBe('1 min 23.456 s');
		expect(describeSimTime(1500)).toBe('1.5 s');
	});
});

describe('other formats', () => {
	it('formats speeds and sizes', () => {
		expect(formatSpeed(0.25)).toBe('0.25×');
		expect(formatSpeed(1000)).toBe('1000×');
		expect(formatSizeGB(960)).toBe('960 GB');
		expect(formatSizeGB(3840)).toBe('3.84 TB');
	});

	it('splits log entries into kind, objects and fields', () => {
		const entry = { t: 5, type: 'heartbeat.lost', from: 'Node01', to: 'Node02' };
		expect(entryKind(entry.type)).toBe('heartbeat');
		expect(entryKind('plain')).toBe('plain');
		expect(entryObjects(entry)).toEqual(['Node01', 'Node02']);
		const input = { t: 5, type: 'node.fail', node: 1, input: true };
		expect(entryObjects(input, ['Node01', 'Node02'])).toEqual(['Node02']);
		expect(entryFields(input, ['Node01', 'Node02'])).toEqual([{ key: 'node', value: 'Node02' }]);
		expect(entryFields({ ...entry, input: true })).toEqual([
			{ key: 'from', value: 'Node01' },
			{ key: 'to', value: 'Node02' }
		]);
	});
});

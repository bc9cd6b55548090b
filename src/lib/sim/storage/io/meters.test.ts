import { describe, expect, it } from 'vitest';
import {
	createMeters,
	growMeters,
	M_IOS,
	M_LATENCY_MAX,
	meterAdd,
	meterMax,
	meterRoll,
	meterSeries
} from './meters';

describe('meters', () => {
	it('keep the last seconds of each object, oldest first', () => {
		const m = createMeters(2, 3);
		for (let second = 1; second <= 5; second++) {
			meterAdd(m, 0, M_IOS, second);
			meterAdd(m, 1, M_IOS, 10 * second);
			meterMax(m, 0, M_LATENCY_MAX, second / 2);
			meterMax(m, 0, M_LATENCY_MAX, 0.1);
			meterRoll(m);
		}
		expect(meterSeries(m, 0, M_IOS)).toEqual([3, 4, 5]);
		expect(meterSeries(m, 1, M_IOS)).toEqual([30, 40, 50]);
		expect(meterSeries(m, 0, M_LATENCY_MAX)).toEqual([1.5, 2, 2.5]);
	});

	it('grow for a new object without losing history', () => {
		const m = createMeters(1, 4);
		meterAdd(m, 0, M_IOS, 7);
		meterRoll(m);
		growMeters(m, 2);
		meterAdd(m, 1, M_IOS, 3);
		meterRoll(m);
		expect(meterSeries(m, 0, M_IOS)).toEqual([7, 0]);
		expect(meterSeries(m, 1, M_IOS)).toEqual([0, 3]);
	});
});

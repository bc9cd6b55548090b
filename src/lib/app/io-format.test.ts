import { describe, expect, it } from 'vitest';
import {
	describeSeries,
	describeWorkload,
	extentState,
	formatBlock,
	formatIops,
	formatLatency,
	formatMbps,
	formatMeasure,
	formatShare,
	latestValue,
	mirrorText,
	peakValue,
	resyncText,
	staleText,
	type IoWorkloadView
} from './io-format';

const workload = (over: Partial<IoWorkloadView> = {}) => ({
	blockKB: 4,
	pattern: 'random' as const,
	readPercent: 70,
	outstanding: 8,
	targetIops: null,
	vmSize: null,
	capIops: null,
	...over
});

describe('io-format numbers', () => {
	it('writes IOPS whole, with digit grouping', () => {
		expect(formatIops(12_345)).toBe('12,345 IOPS');
		expect(formatIops(499.6)).toBe('500 IOPS');
		expect(formatIops(0)).toBe('0 IOPS');
		expect(formatIops(Number.NaN)).toBe('0 IOPS');
		expect(formatIops(-3)).toBe('0 IOPS');
	});

	it('writes MB/s with three significant digits, grouped from 1000', () => {
		expect(formatMbps(1.953125)).toBe('1.95 MB/s');
		expect(formatMbps(123.456)).toBe('123 MB/s');
		expect(formatMbps(0.0409)).toBe('0.0409 MB/s');
		expect(formatMbps(3125.4)).toBe('3,125 MB/s');
	});

	it('writes latency with two significant digits below 100 ms', () => {
		expect(formatLatency(0.4213)).toBe('0.42 ms');
		expect(formatLatency(8.06)).toBe('8.1 ms');
		expect(formatLatency(0.0312)).toBe('0.031 ms');
		expect(formatLatency(0)).toBe('0 ms');
		expect(formatLatency(1234.4)).toBe('1,234 ms');
	});

	it('writes shares as whole percentages, clamped to 100', () => {
		expect(formatShare(0.374)).toBe('37 %');
		expect(formatShare(1.2)).toBe('100 %');
		expect(formatMeasure(0.5, '%')).toBe('50 %');
		expect(formatMeasure(1500, 'IOs/s')).toBe('1,500 IOs/s');
	});

	it('finds the latest value and the peak of a series, or null when empty', () => {
		expect(latestValue([3, 9, 4])).toBe(4);
		expect(peakValue([3, 9, 4])).toBe(9);
		expect(latestValue([])).toBeNull();
		expect(peakValue([])).toBeNull();
	});

	it('describes a series for screen readers with latest value, peak and span', () => {
		expect(describeSeries('IOPS of vm01', [400, 512, 480], 'IOPS')).toBe(
			'IOPS of vm01: 480 IOPS now, peak 512 IOPS over the last 3 s'
		);
		expect(describeSeries('Mean latency', [0.42], 'ms')).toBe(
			'Mean latency: 0.42 ms now, peak 0.42 ms in the last second'
		);
		expect(describeSeries('Throughput', [], 'MB/s')).toBe('Throughput: no data yet');
	});
});

describe('describeWorkload', () => {
	it('reads like the DiskSpd parameters, with the cap explained by size and disks', () => {
		expect(describeWorkload(workload({ vmSize: 'Standard_A2', capIops: 500 }))).toBe(
			'4 KiB random, 70 % reads, 8 outstanding, capped at 500 IOPS (Standard_A2 × 1 disk)'
		);
		expect(describeWorkload(workload({ vmSize: 'Standard_DS2_v2', capIops: 9200 }))).toBe(
			'4 KiB random, 70 % reads, 8 outstanding, capped at 9,200 IOPS (Standard_DS2_v2 × 4 disks)'
		);
	});

	it('names a target rate, whole-read or whole-write mixes, MiB blocks and no cap', () => {
		expect(
			describeWorkload(
				workload({
					blockKB: 1024,
					pattern: 'sequential',
					readPercent: 0,
					outstanding: 1,
					targetIops: 2000
				})
			)
		).toBe('1 MiB sequential, writes only, 1 outstanding, target 2,000 IOPS, no IOPS cap');
		expect(describeWorkload(workload({ readPercent: 100, blockKB: 64 }))).toBe(
			'64 KiB random, reads only, 8 outstanding, no IOPS cap'
		);
		expect(formatBlock(1536)).toBe('1536 KiB');
	});
});

describe('jobs and extents in words', () => {
	const job = (state: 'none' | 'running' | 'done', bytesDone = 0, bytesTotal = 0) => ({
		state,
		bytesDone,
		bytesTotal,
		startsAtMs: null
	});

	it('says how far a resync is', () => {
		expect(resyncText(job('running', 1.2e9, 3.4e9))).toBe('Resyncing 1.2 GB of 3.4 GB');
		expect(resyncText(job('done', 3.4e9, 3.4e9))).toBe('Resync done: 3.4 GB copied');
		expect(resyncText(job('none'))).toBe('No resync');
	});

	it('says stale bytes only when there are some', () => {
		expect(staleText(0)).toBeNull();
		expect(staleText(256 * 1024 * 10)).toBe(
			'2.62 MB stale: written while a copy was away, not yet resynced'
		);
	});

	it('describes the mirror part only for mirror-accelerated parity', () => {
		expect(mirrorText(null, 0)).toBeNull();
		expect(mirrorText(0.4, 0)).toBe('Mirror part 40 % full; nothing moved to parity yet');
		expect(mirrorText(0.851, 12e9)).toBe('Mirror part 85 % full; 12 GB moved to parity so far');
	});

	it("words an extent's state", () => {
		expect(extentState({ stale: false, dirtyBytes: 0 })).toBe('current');
		expect(extentState({ stale: true, dirtyBytes: 0 })).toBe('stale (missed writes)');
		expect(extentState({ stale: true, dirtyBytes: 12e6 })).toBe(
			'stale (missed writes), 12 MB dirty in cache'
		);
	});
});

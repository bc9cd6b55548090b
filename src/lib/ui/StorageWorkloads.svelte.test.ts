import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { IoWorkloadView } from '$lib/app/io-format';
import Sparkline from './Sparkline.svelte';
import StorageWorkloads from './StorageWorkloads.svelte';

const capped: IoWorkloadView = {
	name: 'vm01',
	volume: 'Volume01',
	server: 'Node02',
	serverIndex: 1,
	vmState: 'running',
	vmReason: 'running',
	blockKB: 4,
	readPercent: 70,
	pattern: 'random',
	outstanding: 8,
	targetIops: null,
	vmSize: 'Standard_A2',
	capIops: 500,
	running: true,
	inFlight: 8,
	io: {
		iops: [320, 500, 498],
		mbps: [1.31, 2.05, 2.04],
		latencyMs: [0.9, 12.4, 16.2],
		latencyMaxMs: [3.1, 40.5, 38]
	},
	throttled: [0, 1210, 1404],
	lastIo: null
};

const uncapped: IoWorkloadView = {
	...capped,
	name: 'vm02',
	server: 'Node01',
	serverIndex: 0,
	vmState: 'running',
	vmReason: 'running',
	volume: 'Volume02',
	blockKB: 256,
	pattern: 'sequential',
	readPercent: 100,
	vmSize: null,
	capIops: null,
	running: false,
	inFlight: 0,
	io: { iops: [], mbps: [], latencyMs: [], latencyMaxMs: [] },
	throttled: []
};

function renderTable(workloads = [capped, uncapped]) {
	const onStart = vi.fn();
	const onStop = vi.fn();
	render(StorageWorkloads, { workloads, completedIos: 123_456, failedIos: 7, onStart, onStop });
	return { onStart, onStop };
}

describe('StorageWorkloads', () => {
	it('describes each workload, where it runs and whether it runs', () => {
		renderTable();
		expect(screen.getByTestId('workload-vm01')).toHaveTextContent(
			/vm01\s*4 KiB random, 70 % reads, 8 outstanding, capped at 500 IOPS \(Standard_A2 × 1 disk\)\s*Last IO of vm01[^→]*Node02 → Volume01\s*●\s*Running, 8 in flight/
		);
		expect(screen.getByTestId('workload-vm02')).toHaveTextContent(
			/vm02\s*256 KiB sequential, reads only, 8 outstanding, no IOPS cap\s*Last IO of vm02 No IO has completed yet\.\s*Node01 → Volume02\s*■\s*Stopped/
		);
	});

	it('says when a running workload waits for its VM, and why', () => {
		const reason = 'restarting on Node03 after Node02 failed';
		renderTable([{ ...capped, server: 'Node03', vmState: 'restarting', vmReason: reason }]);
		const row = screen.getByTestId('workload-vm01');
		expect(row).toHaveTextContent('Node03 → Volume01');
		expect(row).toHaveTextContent(`Waiting: its VM is restarting ${reason}`);
		expect(screen.getByTestId('workload-vm-vm01')).toHaveTextContent(reason);
		expect(row).not.toHaveTextContent('in flight');
	});

	it('spells out the last IO interleave by interleave when opened', async () => {
		const lastIo: IoWorkloadView['lastIo'] = {
			kind: 'write',
			bytes: 512 * 1024,
			offsetBytes: 3e9,
			requestedMs: 1000,
			issuedMs: 1000,
			ackMs: 1000.42,
			transfers: ['Node01', 'Node02', 'Node04'].flatMap((server, k) =>
				[0, 1].map((i) => ({
					slab: 2,
					role: `copy ${k + 1} of 3`,
					drive: `${server} capacity ${i + 1}`,
					server,
					viaCache: true,
					landedMs: 1000.1 + 0.1 * k
				}))
			)
		};
		renderTable([{ ...capped, lastIo }]);
		const details = screen.getByTestId('last-io-vm01');
		const summary = within(details).getByText('Last IO of vm01');
		await userEvent.click(summary);
		expect(details).toHaveProperty('open', true);
		expect(details).toHaveTextContent(
			'512 KiB write at 3 GB into the volume: 6 transfers of at most 256 KiB, acknowledged once every online copy had it after 0.42 ms.'
		);
		const items = within(details).getAllByRole('listitem');
		expect(items).toHaveLength(6);
		expect(items[2]).toHaveTextContent(
			'Slab 2, copy 2 of 3: landed on Node02 capacity 1, in its cache drive (Node02) after 0.2 ms'
		);
	});

	it('stops a running workload and starts a stopped one by name', async () => {
		const user = userEvent.setup();
		const { onStart, onStop } = renderTable();
		expect(screen.queryByRole('button', { name: 'Start vm01' })).toBeNull();
		expect(screen.queryByRole('button', { name: 'Stop vm02' })).toBeNull();
		await user.click(screen.getByRole('button', { name: 'Stop vm01' }));
		expect(onStop).toHaveBeenCalledExactlyOnceWith('vm01');
		screen.getByRole('button', { name: 'Start vm02' }).focus();
		await user.keyboard('{Enter}');
		expect(onStart).toHaveBeenCalledExactlyOnceWith('vm02');
		expect(onStop).toHaveBeenCalledOnce();
	});

	it('gives every chart an accessible name with its latest value and peak', () => {
		renderTable();
		const row = screen.getByTestId('workload-vm01');
		const names = within(row)
			.getAllByRole('img')
			.map((img) => img.getAttribute('aria-label'));
		expect(names).toEqual([
			'IOPS of vm01: 498 IOPS now, peak 500 IOPS over the last 3 s',
			'Throughput of vm01: 2.04 MB/s now, peak 2.05 MB/s over the last 3 s',
			'Mean latency of vm01: 16 ms now, peak 16 ms over the last 3 s',
			'Worst latency of vm01: 38 ms now, peak 41 ms over the last 3 s',
			'IOs of vm01 held by the cap: 1,404 IOs/s now, peak 1,404 IOs/s over the last 3 s'
		]);
	});

	it('shows the throttling chart only for a capped workload, and says when there is no data', () => {
		renderTable();
		const row = screen.getByTestId('workload-vm02');
		const charts = within(row).getAllByRole('img');
		expect(charts).toHaveLength(4);
		expect(charts[0]).toHaveAccessibleName('IOPS of vm02: no data yet');
		expect(within(row).queryByRole('img', { name: /held by the cap/ })).toBeNull();
	});

	it('totals completed and failed IOs, and says when there are no workloads', () => {
		renderTable([]);
		expect(screen.getByTestId('storage-io-totals')).toHaveTextContent(
			/^IOs completed: 123,456 · failed: 7 \(no copy of their data was reachable\)$/
		);
		expect(screen.getByTestId('storage-workloads')).toHaveTextContent(
			'No workloads yet: run one with the form above.'
		);
		expect(screen.queryByRole('button')).toBeNull();
	});
});

describe('Sparkline', () => {
	it('draws the newest point at the right edge, scaled to the given maximum', () => {
		render(Sparkline, { values: [0, 50, 100], label: 'IOPS of d1', unit: 'IOPS', max: 200 });
		const chart = screen.getByRole('img', {
			name: 'IOPS of d1: 100 IOPS now, peak 100 IOPS over the last 3 s'
		});
		const points = chart.querySelector('polyline')!.getAttribute('points')!.split(' ');
		expect(points).toHaveLength(3);
		const [x, y] = points[2].split(',').map(Number);
		expect(x).toBe(60);
		// 100 of 200: half the drawing height (16 px, less half a pixel at each edge).
		expect(y).toBeCloseTo(8, 0);
		expect(chart).toHaveTextContent('100 IOPS');
	});
});

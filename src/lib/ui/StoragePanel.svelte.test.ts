import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import { IDLE_DRIVE_IO, IDLE_VOLUME_IO, makePoolSummary } from '$lib/app/test-fixtures';
import type { DriveContentsView } from '$lib/app/io-format';
import type { StorageDrive, StorageView } from '$lib/app/storage-view';
import StoragePanel from './StoragePanel.svelte';

const SERVERS = ['Node01', 'Node02', 'Node03', 'Node04'];
const TB = 1e12;

/**
 * Four hybrid servers, each with 2 SSD cache drives and 4 × 4 TB HDD capacity drives (24 drives,
 * in TopologyInfo order). Node02 capacity 2 (index 9) failed, Node03 capacity 4 (index 17) was
 * pulled. Infrastructure (three-way mirror) is degraded with its repair running; VmTemp is healthy.
 */
function makeStorage(): StorageView {
	const drives: StorageDrive[] = [];
	for (const server of SERVERS) {
		for (let c = 1; c <= 2; c++) {
			drives.push({
				name: `${server} cache ${c}`,
				server,
				role: 'cache',
				media: 'ssd',
				state: 'healthy',
				extents: 0,
				...IDLE_DRIVE_IO
			});
		}
		for (let c = 1; c <= 4; c++) {
			drives.push({
				name: `${server} capacity ${c}`,
				server,
				role: 'capacity',
				media: 'hdd',
				state: 'healthy',
				extents: 640,
				...IDLE_DRIVE_IO
			});
		}
	}
	drives[9] = { ...drives[9], state: 'failed', extents: 0 };
	drives[17] = { ...drives[17], state: 'pulled' };
	const capacity = (server: string, ns: number[]) => ns.map((n) => `${server} capacity ${n}`);
	return {
		pool: {
			capacityDrives: 16,
			rawBytes: 64 * TB,
			allocatedBytes: 13.5 * TB,
			reserveBytes: 16 * TB,
			summary: makePoolSummary({
				allocatedBytes: 13.5 * TB,
				volumeNames: ['Infrastructure', 'VmTemp']
			}),
			quorum: {
				hasQuorum: true,
				explanation:
					'14 of 16 drive votes + 1 owner vote (node 0) = 15 of 16; 15 > 8, the pool stays online.'
			},
			clusterQuorum: { up: true, explanation: '4 of 4 votes: the cluster is up.' },
			cache: SERVERS.map((server) => ({
				server,
				mode: 'read-write' as const,
				bindings: [
					{ cache: `${server} cache 1`, capacity: capacity(server, [1, 2]) },
					{ cache: `${server} cache 2`, capacity: capacity(server, [3, 4]) }
				],
				uncached: []
			}))
		},
		volumes: [
			{
				name: 'Infrastructure',
				resiliency: 'Three-way mirror',
				sizeBytes: 3.5 * TB,
				footprintBytes: 10.5 * TB,
				efficiency: '33.3 % (three copies)',
				health: 'Warning',
				operational: 'Degraded',
				slabs: 3260,
				reducedSlabs: 412,
				lostSlabCount: 0,
				lostSlabs: [],
				repair: { state: 'running', bytesTotal: 120e9, bytesDone: 30e9, startsAtMs: null },
				...IDLE_VOLUME_IO
			},
			{
				name: 'VmTemp',
				resiliency: 'three-way-mirror',
				sizeBytes: 1 * TB,
				footprintBytes: 3 * TB,
				efficiency: '33.3 % (three copies)',
				health: 'Healthy',
				operational: 'OK',
				slabs: 932,
				reducedSlabs: 0,
				lostSlabCount: 0,
				lostSlabs: [],
				repair: { state: 'none', bytesTotal: 0, bytesDone: 0, startsAtMs: null },
				...IDLE_VOLUME_IO
			}
		],
		drives,
		workloads: [],
		completedIos: 0,
		failedIos: 0
	};
}

/** What Node01 capacity 1 holds, as the worker's driveContents answers it. */
const CONTENTS: DriveContentsView = {
	drive: 'Node01 capacity 1',
	extents: [
		{
			volume: 'Infrastructure',
			slab: 12,
			role: 'copy 2 of 3',
			others: ['Node02 capacity 1', 'Node03 capacity 2'],
			stale: false,
			dirtyBytes: 0
		},
		{
			volume: 'VmTemp',
			slab: 57,
			role: 'copy 1 of 3',
			others: ['Node03 capacity 4', 'Node04 capacity 1'],
			stale: true,
			dirtyBytes: 8e6
		}
	],
	more: 1278
};

function renderPanel(
	storage: StorageView | null = makeStorage(),
	contents: Promise<DriveContentsView | null> = Promise.resolve(CONTENTS)
) {
	const calls = {
		onDriveFail: vi.fn(),
		onDrivePull: vi.fn(),
		onDriveRestore: vi.fn(),
		onRunWorkload: vi.fn(),
		onStartWorkload: vi.fn(),
		onStopWorkload: vi.fn(),
		onCreateVolume: vi.fn(),
		loadDriveContents: vi.fn((_drive: number) => contents)
	};
	const props = $state({ storage, ...calls });
	render(StoragePanel, props);
	return { ...calls, props };
}

describe('StoragePanel', () => {
	it('says plainly when the scenario has no volumes', () => {
		renderPanel(null);
		expect(screen.getByTestId('storage-none')).toHaveTextContent(
			'This scenario has no volumes, so there is no Storage Spaces Direct pool to show. Add storage volumes to a scenario to see S2D.'
		);
		expect(screen.queryByTestId('storage-pool')).toBeNull();
		expect(screen.queryByTestId('storage-drives')).toBeNull();
		expect(screen.queryByRole('button')).toBeNull();
	});

	it('shows the pool in human units with the reserve and quorum explained', () => {
		renderPanel();
		const pool = screen.getByTestId('storage-pool');
		expect(pool).toHaveTextContent(/Capacity drives\s*16/);
		expect(pool).toHaveTextContent(/Raw capacity\s*64 TB\s*\(58\.2 TiB as Windows shows it\)/);
		expect(pool).toHaveTextContent(/Allocated\s*13\.5 TB \(21 % of raw\)/);
		expect(pool).toHaveTextContent(/Free\s*50\.5 TB/);
		expect(pool).toHaveTextContent(/Reserve\s*16 TB\s*recommended: one capacity drive per server/);
		expect(screen.queryByTestId('storage-reserve-short')).toBeNull();
		expect(screen.getByTestId('storage-quorum')).toHaveTextContent(
			/●\s*Pool quorum: online\s*14 of 16 drive votes \+ 1 owner vote \(node 0\) = 15 of 16; 15 > 8/
		);
	});

	it('marks lost pool quorum with a symbol and words, and a reserve shortfall', async () => {
		const { props } = renderPanel();
		const storage = makeStorage();
		storage.pool.allocatedBytes = 50 * TB;
		storage.pool.quorum = {
			hasQuorum: false,
			explanation:
				'7 of 16 drive votes + 0 (owner node 0 is down) = 7 of 16; 7 is not more than 8, the pool loses quorum and turns read-only.'
		};
		props.storage = storage;
		await tick();
		const quorum = screen.getByTestId('storage-quorum');
		expect(quorum).toHaveTextContent(/✕\s*Pool quorum lost: read-only \(Incomplete\)\s*7 of 16/);
		expect(quorum).not.toHaveTextContent('online');
		expect(screen.getByTestId('storage-reserve-short')).toHaveTextContent(
			/▲\s*Free space is below the reserve/
		);
	});

	it("shows each server's cache mode in words and each cache drive's bound drives", () => {
		renderPanel();
		const cache = screen.getByTestId('storage-cache');
		expect(within(cache).getByRole('heading')).toHaveTextContent('Cache');
		expect(screen.getByTestId('cache-Node01')).toHaveTextContent(
			/Node01: read-write \(SSD caches reads and writes for HDD\)\s*Node01 cache 1 → Node01 capacity 1, Node01 capacity 2\s*Node01 cache 2 → Node01 capacity 3, Node01 capacity 4/
		);
		expect(cache).not.toHaveTextContent('Not cached');
	});

	it('calls out uncached capacity drives, and an all-flash server without a cache', async () => {
		const { props } = renderPanel();
		const storage = makeStorage();
		storage.pool.cache[3] = {
			server: 'Node04',
			mode: 'read-write',
			bindings: [{ cache: 'Node04 cache 1', capacity: ['Node04 capacity 1', 'Node04 capacity 2'] }],
			uncached: ['Node04 capacity 3', 'Node04 capacity 4']
		};
		for (const d of storage.drives.filter((d) => d.server === 'Node01')) {
			d.role = 'capacity';
			d.media = 'ssd';
		}
		storage.pool.cache[0] = { server: 'Node01', mode: 'none', bindings: [], uncached: [] };
		props.storage = storage;
		await tick();
		expect(screen.getByTestId('cache-Node04')).toHaveTextContent(
			/▲\s*Not cached: Node04 capacity 3, Node04 capacity 4 \(no cache drive serves them\)/
		);
		expect(screen.getByTestId('cache-Node01')).toHaveTextContent(
			/^Node01: none \(all-flash, no cache\)$/
		);
	});

	it('lists volumes with size, footprint, efficiency, status and slabs', () => {
		renderPanel();
		const infra = screen.getByTestId('volume-Infrastructure');
		expect(infra).toHaveTextContent(
			/Infrastructure\s*Three-way mirror\s*3\.5 TB\s*takes 10\.5 TB of the pool; efficiency 33\.3 % \(three copies\)\s*▲\s*Warning · Degraded\s*3260 total · 412 reduced · 0 lost/
		);
		expect(screen.getByTestId('volume-VmTemp')).toHaveTextContent(
			/VmTemp\s*Three-way mirror\s*1 TB\s*takes 3 TB.*●\s*Healthy · OK\s*932 total · 0 reduced · 0 lost\s*No repair/
		);
		expect(screen.queryByTestId('volume-lost-Infrastructure')).toBeNull();
	});

	it('puts the Create volume form right after the Volumes table and wires it', async () => {
		const user = userEvent.setup();
		const { onCreateVolume } = renderPanel();
		const form = screen.getByRole('form', { name: 'Create volume' });
		const table = screen.getByTestId('storage-volumes');
		const heading = screen.getByRole('heading', { level: 4, name: 'Create volume' });
		expect(table.parentElement?.nextElementSibling).toBe(heading);
		expect(table.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
		expect(within(form).getByLabelText('Name')).toHaveValue('Volume01');
		expect(screen.getByRole('region', { name: 'Preview of the new volume' })).toHaveTextContent(
			/Volume01 can be created: three-way mirror, 3 copies\.\s*.*Free\s*50\.5 TB before, 47\.5 TB after/
		);
		await user.click(within(form).getByRole('button', { name: 'Create volume' }));
		expect(onCreateVolume).toHaveBeenCalledExactlyOnceWith({
			name: 'Volume01',
			sizeGB: 1000,
			resiliency: 'three-way-mirror'
		});
	});

	it('shows a running repair as a progress bar with bytes done of total', () => {
		renderPanel();
		const repair = screen.getByTestId('repair-Infrastructure');
		const bar = within(repair).getByRole('progressbar', { name: 'Repair of Infrastructure' });
		expect(bar).toHaveAttribute('aria-valuenow', '25');
		expect(bar).toHaveAttribute('aria-valuetext', '25 %, 30 GB of 120 GB copied');
		expect(bar.querySelector<HTMLElement>('span')?.style.width).toBe('25%');
		expect(repair).toHaveTextContent(/Running 25 %\s*30 GB of 120 GB copied/);
		expect(within(screen.getByTestId('repair-VmTemp')).queryByRole('progressbar')).toBeNull();
	});

	it('shows a waiting repair with its start time, and a finished one', async () => {
		const { props } = renderPanel();
		const storage = makeStorage();
		storage.volumes[0].repair = {
			state: 'waiting',
			bytesTotal: 0,
			bytesDone: 0,
			startsAtMs: 905_250
		};
		storage.volumes[1].repair = {
			state: 'done',
			bytesTotal: 64e9,
			bytesDone: 64e9,
			startsAtMs: null
		};
		props.storage = storage;
		await tick();
		expect(screen.getByTestId('repair-Infrastructure')).toHaveTextContent(
			'Waiting until 00:15:05.250, when the missing drive is retired'
		);
		expect(screen.queryByRole('progressbar')).toBeNull();
		expect(screen.getByTestId('repair-VmTemp')).toHaveTextContent('Done: 64 GB copied');
	});

	it('names the slabs that lost every copy in an alert-styled line', async () => {
		const { props } = renderPanel();
		const storage = makeStorage();
		Object.assign(storage.volumes[0], {
			health: 'Unhealthy',
			operational: 'No redundancy',
			reducedSlabs: 300,
			lostSlabCount: 23,
			lostSlabs: [12, 57, 61]
		});
		props.storage = storage;
		await tick();
		expect(screen.getByTestId('volume-Infrastructure')).toHaveTextContent(
			/✕\s*Unhealthy · No redundancy\s*3260 total · 300 reduced · 23 lost/
		);
		expect(screen.getByTestId('volume-lost-Infrastructure')).toHaveTextContent(
			/^✕\s*Data lost on Infrastructure: lost every copy: slabs 12, 57, 61, … and 20 more\.$/
		);
		expect(screen.queryByTestId('volume-lost-VmTemp')).toBeNull();
	});

	it('shows cluster quorum beside pool quorum, and its loss', async () => {
		const { props } = renderPanel();
		expect(screen.getByTestId('storage-cluster-quorum')).toHaveTextContent('Cluster quorum: up');
		const storage = makeStorage();
		storage.pool.clusterQuorum = {
			up: false,
			explanation: '0 of 1 vote (present: none; missing: Node01): the cluster is down.'
		};
		props.storage = storage;
		await tick();
		expect(screen.getByTestId('storage-cluster-quorum')).toHaveTextContent(
			/Cluster quorum lost: the volumes cannot be online\s*0 of 1 vote/
		);
	});

	it('says why a volume is offline, and nothing for an online one', async () => {
		const { props } = renderPanel();
		const storage = makeStorage();
		const reason =
			'the pool lost quorum: 4 of 16 drive votes + 1 owner vote (node 0) = 5 of 16; 5 is not more than 8';
		Object.assign(storage.volumes[0], {
			health: 'Unknown',
			operational: 'Detached',
			offlineReason: reason
		});
		props.storage = storage;
		await tick();
		expect(screen.getByTestId('offline-reason-Infrastructure')).toHaveTextContent(
			`Offline: ${reason}.`
		);
		expect(screen.queryByTestId('offline-reason-VmTemp')).toBeNull();
	});

	it('lists the storage invariants and jumps the log to a first violation', async () => {
		const onJump = vi.fn();
		render(StoragePanel, {
			storage: makeStorage(),
			onDriveFail: vi.fn(),
			onDrivePull: vi.fn(),
			onDriveRestore: vi.fn(),
			onRunWorkload: vi.fn(),
			onStartWorkload: vi.fn(),
			onStopWorkload: vi.fn(),
			loadDriveContents: vi.fn(async () => null),
			onJump,
			invariants: [
				{ name: 'online-volume-has-copies', description: 'Online needs copies.', holds: true },
				{
					name: 'no-acknowledged-write-lost',
					description: 'Acknowledged writes keep copies.',
					holds: false,
					firstViolation: { logIndex: 42, t: 61_000, summary: 'Volume01: slab 7 lost' }
				}
			]
		});
		const section = screen.getByTestId('storage-invariants');
		expect(section).toHaveTextContent('Holds online-volume-has-copies');
		expect(section).toHaveTextContent('Violated no-acknowledged-write-lost');
		await userEvent.click(within(section).getByRole('button', { name: 'Jump to first violation' }));
		expect(onJump).toHaveBeenCalledWith(42);
	});

	it('lists drives grouped by server with role, media, state and extents', () => {
		renderPanel();
		const table = screen.getByTestId('storage-drives');
		const groups = within(table).getAllByRole('rowgroup').slice(1);
		expect(groups).toHaveLength(4);
		expect(within(groups[1]).getAllByRole('row')[0]).toHaveTextContent(/^Node02$/);
		expect(within(groups[1]).getAllByRole('row')).toHaveLength(7);
		expect(screen.getByTestId('drive-0')).toHaveTextContent(
			/Node01 cache 1\s*cache\s*SSD\s*●\s*Healthy\s*0/
		);
		expect(screen.getByTestId('drive-9')).toHaveTextContent(
			/Node02 capacity 2\s*capacity\s*HDD\s*✕\s*Failed\s*0/
		);
		expect(screen.getByTestId('drive-17')).toHaveTextContent(
			/Node03 capacity 4\s*capacity\s*HDD\s*▲\s*Pulled \(lost communication\)\s*640/
		);
	});

	it('fails, pulls and restores drives by their index, naming the drive', async () => {
		const user = userEvent.setup();
		const { onDriveFail, onDrivePull, onDriveRestore } = renderPanel();
		await user.click(screen.getByRole('button', { name: 'Fail Node01 capacity 3' }));
		expect(onDriveFail).toHaveBeenCalledExactlyOnceWith(4);
		await user.click(screen.getByRole('button', { name: 'Pull Node04 cache 2' }));
		expect(onDrivePull).toHaveBeenCalledExactlyOnceWith(19);
		await user.click(screen.getByRole('button', { name: 'Restore Node02 capacity 2' }));
		expect(onDriveRestore).toHaveBeenCalledExactlyOnceWith(9);
		await user.click(screen.getByTestId('drive-restore-17'));
		expect(onDriveRestore).toHaveBeenLastCalledWith(17);
		expect(onDriveFail).toHaveBeenCalledOnce();
		expect(onDrivePull).toHaveBeenCalledOnce();
	});

	it('offers Restore only for failed or pulled drives, and nothing for a retired one', async () => {
		const { props } = renderPanel();
		const restores = screen
			.getAllByRole('button', { name: /^Restore / })
			.map((b) => b.getAttribute('data-testid'));
		expect(restores).toEqual(['drive-restore-9', 'drive-restore-17']);
		expect(screen.queryByTestId('drive-restore-0')).toBeNull();
		expect(screen.queryByTestId('drive-fail-9')).toBeNull();
		expect(screen.queryByTestId('drive-pull-17')).toBeNull();
		expect(screen.getByTestId('drive-fail-0')).toBeInTheDocument();
		expect(screen.getByTestId('drive-pull-0')).toBeInTheDocument();

		const storage = makeStorage();
		storage.drives[9] = { ...storage.drives[9], state: 'retired' };
		props.storage = storage;
		await tick();
		expect(screen.getByTestId('drive-9')).toHaveTextContent('Retired (out of the pool)');
		const buttons = within(screen.getByTestId('drive-9')).getAllByRole('button');
		expect(buttons.map((b) => b.textContent?.trim())).toEqual(['Contents of Node02 capacity 2']);
	});

	it('puts the Workload IO section right after the pool and wires its callbacks', async () => {
		const user = userEvent.setup();
		const storage = makeStorage();
		storage.workloads = [
			{
				name: 'vm01',
				volume: 'VmTemp',
				server: 'Node02',
				serverIndex: 1,
				vmState: 'running',
				vmReason: 'running',
				blockKB: 4,
				readPercent: 70,
				pattern: 'random',
				outstanding: 8,
				targetIops: null,
				vmSize: null,
				capIops: null,
				running: true,
				inFlight: 8,
				io: { iops: [900, 1200], mbps: [3.7, 4.9], latencyMs: [8.2, 8.9], latencyMaxMs: [21, 25] },
				throttled: [],
				lastIo: null
			}
		];
		storage.completedIos = 2100;
		const { onRunWorkload, onStopWorkload } = renderPanel(storage);
		const headings = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
		expect(headings.slice(0, 3)).toEqual(['Pool', 'Workload IO', 'Volumes']);
		const io = screen.getByRole('region', { name: 'Workload IO' });
		expect(within(io).getByLabelText('Name')).toHaveValue('vm02');
		expect(within(io).getByLabelText('VM on server')).toHaveTextContent(
			/^Node01\s*Node02\s*Node03\s*Node04$/
		);
		await user.selectOptions(within(io).getByLabelText('VM on server'), 'Node04');
		await user.click(within(io).getByRole('button', { name: 'Run IO' }));
		expect(onRunWorkload).toHaveBeenCalledExactlyOnceWith(
			expect.objectContaining({ name: 'vm02', volume: 'Infrastructure', server: 3 })
		);
		await user.click(within(io).getByRole('button', { name: 'Stop vm01' }));
		expect(onStopWorkload).toHaveBeenCalledExactlyOnceWith('vm01');
		expect(within(io).getByRole('img', { name: /^IOPS of vm01: 1,200 IOPS now/ })).toBeVisible();
		expect(within(io).getByTestId('storage-io-totals')).toHaveTextContent(
			'IOs completed: 2,100 · failed: 0'
		);
	});

	it("shows each volume's IO, a running resync with its progress and stale bytes", async () => {
		const { props } = renderPanel();
		expect(screen.getByTestId('resync-VmTemp')).toHaveTextContent(/^No resync$/);
		const storage = makeStorage();
		Object.assign(storage.volumes[0], {
			resync: { state: 'running', bytesTotal: 3.4e9, bytesDone: 1.2e9, startsAtMs: null },
			staleBytes: 2.2e9,
			io: { iops: [640, 702], mbps: [2.6, 2.9], latencyMs: [0.31, 0.42], latencyMaxMs: [2, 2.5] }
		});
		props.storage = storage;
		await tick();
		const resync = screen.getByTestId('resync-Infrastructure');
		const bar = within(resync).getByRole('progressbar', { name: 'Resync of Infrastructure' });
		expect(bar).toHaveValue(35);
		expect(bar).toHaveAttribute('aria-valuetext', '35 %, Resyncing 1.2 GB of 3.4 GB');
		expect(resync).toHaveTextContent(
			/Resyncing 1\.2 GB of 3\.4 GB\s*2\.2 GB stale: written while a copy was away, not yet resynced/
		);
		const row = screen.getByTestId('volume-io-Infrastructure');
		expect(
			within(row)
				.getAllByRole('img')
				.map((i) => i.getAttribute('aria-label'))
		).toEqual([
			'IOPS of Infrastructure: 702 IOPS now, peak 702 IOPS over the last 2 s',
			'Mean latency of Infrastructure: 0.42 ms now, peak 0.42 ms over the last 2 s',
			'Worst latency of Infrastructure: 2.5 ms now, peak 2.5 ms over the last 2 s'
		]);
		expect(screen.queryByTestId('mirror-Infrastructure')).toBeNull();
	});

	it('shows the mirror part of a mirror-accelerated parity volume', async () => {
		const { props } = renderPanel();
		const storage = makeStorage();
		Object.assign(storage.volumes[1], { mirrorFull: 0.87, movedToParityBytes: 4e9 });
		props.storage = storage;
		await tick();
		expect(screen.getByTestId('mirror-VmTemp')).toHaveTextContent(
			/^Mirror part 87 % full; 4 GB moved to parity so far$/
		);
	});

	it("shows each drive's IOPS, busy share, queue and a cache drive's dirty bytes", async () => {
		const { props } = renderPanel();
		const storage = makeStorage();
		Object.assign(storage.drives[0], { iops: [80, 95], busy: [0.2, 0.374], dirtyBytes: 1.5e9 });
		Object.assign(storage.drives[2], { iops: [110, 124], busy: [0.9, 0.99], queueMs: 41.7 });
		props.storage = storage;
		await tick();
		expect(screen.getByTestId('drive-0')).toHaveTextContent(
			/Healthy\s*0\s*95 IOPS\s*37 %\s*0 ms\s*1\.5 GB\s*Contents/
		);
		expect(screen.getByTestId('drive-2')).toHaveTextContent(
			/Healthy\s*640\s*124 IOPS\s*99 %\s*42 ms\s*—\s*not a cache drive/
		);
		expect(
			screen.getByRole('img', {
				name: 'IOPS of Node01 capacity 1: 124 IOPS now, peak 124 IOPS over the last 2 s'
			})
		).toBeInTheDocument();
		expect(screen.getByTestId('drive-5')).toHaveTextContent(/Healthy\s*640\s*—\s*—\s*0 ms/);
	});

	it("opens a drive's contents by keyboard, lists roles and closes back to its button", async () => {
		const user = userEvent.setup();
		const { loadDriveContents } = renderPanel();
		const open = screen.getByRole('button', { name: 'Contents of Node01 capacity 1' });
		expect(open).toHaveAttribute('aria-expanded', 'false');
		open.focus();
		await user.keyboard('{Enter}');
		expect(loadDriveContents).toHaveBeenCalledExactlyOnceWith(2);
		const heading = await screen.findByRole('heading', { name: 'Contents of Node01 capacity 1' });
		expect(heading).toHaveFocus();
		expect(open).toHaveAttribute('aria-expanded', 'true');
		const region = screen.getByRole('region', { name: 'Contents of Node01 capacity 1' });
		const rows = await within(region).findAllByRole('row');
		expect(rows.slice(1).map((r) => [...r.children].map((c) => c.textContent?.trim()))).toEqual([
			['Infrastructure', '12', 'copy 2 of 3', 'Node02 capacity 1, Node03 capacity 2', 'current'],
			[
				'VmTemp',
				'57',
				'copy 1 of 3',
				'Node03 capacity 4, Node04 capacity 1',
				'stale (missed writes), 8 MB dirty in cache'
			]
		]);
		expect(within(region).getByTestId('drive-contents-more')).toHaveTextContent(
			'… and 1,278 more extents not listed.'
		);
		await user.tab();
		expect(within(region).getByRole('button', { name: /^Close/ })).toHaveFocus();
		await user.keyboard('{Enter}');
		expect(screen.queryByTestId('drive-contents')).toBeNull();
		expect(open).toHaveFocus();
		expect(open).toHaveAttribute('aria-expanded', 'false');
	});

	it('closes the contents with Escape, and says when a drive cannot be read', async () => {
		const user = userEvent.setup();
		renderPanel(makeStorage(), Promise.resolve(null));
		const open = screen.getByRole('button', { name: 'Contents of Node02 capacity 2' });
		await user.click(open);
		const region = screen.getByTestId('drive-contents');
		expect(await within(region).findByRole('status')).toHaveTextContent(
			"This drive's contents cannot be read now."
		);
		await user.keyboard('{Escape}');
		expect(screen.queryByTestId('drive-contents')).toBeNull();
		expect(open).toHaveFocus();
	});
});

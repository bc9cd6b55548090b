import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import { IDLE_DRIVE_IO, IDLE_VOLUME_IO } from '$lib/app/test-fixtures';
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
			quorum: {
				hasQuorum: true,
				explanation:
					'14 of 16 drive votes + 1 owner vote (node 0) = 15 of 16; 15 > 8, the pool stays online.'
			},
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

function renderPanel(storage: StorageView | null = makeStorage()) {
	const calls = { onDriveFail: vi.fn(), onDrivePull: vi.fn(), onDriveRestore: vi.fn() };
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
		expect(within(screen.getByTestId('drive-9')).queryByRole('button')).toBeNull();
	});
});

import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import { IDLE_VOLUME_IO, makePoolSummary } from '$lib/app/test-fixtures';
import type { IoWorkloadView } from '$lib/app/io-format';
import type { StorageView } from '$lib/app/storage-view';
import StorageWorkloadForm from './StorageWorkloadForm.svelte';

const SERVERS = ['Node01', 'Node02', 'Node03'];

function workload(name: string, running: boolean): IoWorkloadView {
	return {
		name,
		volume: 'Volume01',
		server: 'Node01',
		serverIndex: 0,
		vmState: 'running',
		vmReason: 'running',
		blockKB: 4,
		readPercent: 70,
		pattern: 'random',
		outstanding: 8,
		targetIops: null,
		vmSize: null,
		capIops: null,
		running,
		inFlight: 0,
		io: { iops: [], mbps: [], latencyMs: [], latencyMaxMs: [] },
		throttled: [],
		lastIo: null
	};
}

/** Only the parts the form reads: servers (from the cache list), volumes and workloads. */
function makeStorage(workloads: IoWorkloadView[] = []): StorageView {
	const volume = (name: string) => ({
		name,
		resiliency: 'three-way-mirror',
		sizeBytes: 1e12,
		footprintBytes: 3e12,
		efficiency: '33.3 % (three copies)',
		health: 'Healthy' as const,
		operational: 'OK',
		slabs: 932,
		reducedSlabs: 0,
		lostSlabCount: 0,
		lostSlabs: [],
		repair: { state: 'none' as const, bytesTotal: 0, bytesDone: 0, startsAtMs: null },
		...IDLE_VOLUME_IO
	});
	return {
		pool: {
			capacityDrives: 12,
			rawBytes: 48e12,
			allocatedBytes: 6e12,
			reserveBytes: 12e12,
			summary: makePoolSummary({
				servers: 3,
				media: 'ssd',
				allocatedBytes: 6e12,
				volumeNames: ['Volume01', 'Volume02']
			}),
			quorum: { hasQuorum: true, explanation: '' },
			clusterQuorum: { up: true, explanation: '' },
			cache: SERVERS.map((server) => ({
				server,
				mode: 'none' as const,
				bindings: [],
				uncached: []
			}))
		},
		volumes: [volume('Volume01'), volume('Volume02')],
		drives: [],
		workloads,
		completedIos: 0,
		failedIos: 0
	};
}

function renderForm(storage = makeStorage()) {
	const onRun = vi.fn();
	const props = $state({ storage, onRun });
	render(StorageWorkloadForm, props);
	return { onRun, props };
}

describe('StorageWorkloadForm', () => {
	it('labels every field and explains the DiskSpd parameters', () => {
		renderForm();
		for (const label of [
			'Name',
			'Volume',
			'VM on server',
			'Block size',
			'Reads (%)',
			'Pattern',
			'Outstanding IOs (1–256)',
			'Target IOPS (optional)',
			'VM size'
		]) {
			expect(screen.getByLabelText(label)).toBeInTheDocument();
		}
		expect(screen.queryByLabelText('Data disks')).toBeNull();
		expect(screen.getByRole('form', { name: 'Run IO' })).toBeInTheDocument();
		expect(screen.getByLabelText('Name')).toHaveAccessibleDescription(/block size \(-b\)/);
	});

	it('submits the defaults as a WorkloadForm without optional fields', async () => {
		const user = userEvent.setup();
		const { onRun } = renderForm();
		expect(screen.getByLabelText('Name')).toHaveValue('vm01');
		await user.click(screen.getByRole('button', { name: 'Run IO' }));
		expect(onRun).toHaveBeenCalledExactlyOnceWith({
			name: 'vm01',
			volume: 'Volume01',
			server: 0,
			blockKB: 4,
			readPercent: 70,
			pattern: 'random',
			outstanding: 8
		});
	});

	it('submits every choice, including the VM size and its data disks', async () => {
		const user = userEvent.setup();
		const { onRun } = renderForm();
		await user.clear(screen.getByLabelText('Name'));
		await user.type(screen.getByLabelText('Name'), 'sql-1');
		await user.selectOptions(screen.getByLabelText('Volume'), 'Volume02');
		await user.selectOptions(screen.getByLabelText('VM on server'), 'Node03');
		await user.selectOptions(screen.getByLabelText('Block size'), '64 KiB');
		await user.clear(screen.getByLabelText('Reads (%)'));
		await user.type(screen.getByLabelText('Reads (%)'), '30');
		await user.selectOptions(screen.getByLabelText('Pattern'), 'sequential');
		await user.clear(screen.getByLabelText('Outstanding IOs (1–256)'));
		await user.type(screen.getByLabelText('Outstanding IOs (1–256)'), '32');
		await user.type(screen.getByLabelText('Target IOPS (optional)'), '2000');
		await user.selectOptions(
			screen.getByLabelText('VM size'),
			'Standard_A2: 500 IOPS per disk, up to 4 disks'
		);
		const disks = screen.getByLabelText('Data disks');
		expect([...disks.querySelectorAll('option')].map((o) => o.textContent)).toEqual([
			'1',
			'2',
			'3',
			'4'
		]);
		await user.selectOptions(disks, '3');
		await user.click(screen.getByRole('button', { name: 'Run IO' }));
		expect(onRun).toHaveBeenCalledExactlyOnceWith({
			name: 'sql-1',
			volume: 'Volume02',
			server: 2,
			blockKB: 64,
			readPercent: 30,
			pattern: 'sequential',
			outstanding: 32,
			targetIops: 2000,
			vmSize: 'Standard_A2',
			dataDisks: 3
		});
	});

	it('keeps the disk count within a smaller size chosen afterwards', async () => {
		const user = userEvent.setup();
		const { onRun } = renderForm();
		await user.selectOptions(screen.getByLabelText('VM size'), 'Standard_D2_v2');
		await user.selectOptions(screen.getByLabelText('Data disks'), '8');
		await user.selectOptions(screen.getByLabelText('VM size'), 'Basic_A1');
		expect(screen.getByLabelText('Data disks')).toHaveValue('2');
		await user.click(screen.getByRole('button', { name: 'Run IO' }));
		expect(onRun.mock.calls[0][0]).toMatchObject({ vmSize: 'Basic_A1', dataDisks: 2 });
	});

	it('refuses bad numbers and a running name in words, marking the fields', async () => {
		const user = userEvent.setup();
		const { onRun } = renderForm(makeStorage([workload('vm01', true)]));
		await user.clear(screen.getByLabelText('Name'));
		await user.type(screen.getByLabelText('Name'), 'vm01');
		await user.clear(screen.getByLabelText('Reads (%)'));
		await user.type(screen.getByLabelText('Reads (%)'), '120');
		await user.click(screen.getByRole('button', { name: 'Run IO' }));
		expect(onRun).not.toHaveBeenCalled();
		expect(screen.getByRole('alert')).toHaveTextContent(
			'Name: vm01 is running; stop it first or choose another name.Read share: a whole percentage from 0 to 100.'
		);
		expect(screen.getByLabelText('Reads (%)')).toHaveAttribute('aria-invalid', 'true');
		expect(screen.getByLabelText('Reads (%)')).toHaveAccessibleDescription(
			'Read share: a whole percentage from 0 to 100.'
		);
		expect(screen.getByLabelText('Outstanding IOs (1–256)')).not.toHaveAttribute('aria-invalid');
	});

	it('offers the next free name, and moves on once the new workload is listed', async () => {
		const user = userEvent.setup();
		const { onRun, props } = renderForm(makeStorage([workload('vm01', false)]));
		expect(screen.getByLabelText('Name')).toHaveValue('vm02');
		await user.click(screen.getByRole('button', { name: 'Run IO' }));
		expect(onRun.mock.calls[0][0].name).toBe('vm02');
		props.storage = makeStorage([workload('vm01', false), workload('vm02', true)]);
		await tick();
		expect(screen.getByLabelText('Name')).toHaveValue('vm03');
	});
});

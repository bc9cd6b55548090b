import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { EventLogState } from '$lib/app/event-log.svelte';
import { objectNameGroups } from '$lib/app/objects';
import { makeTopology, pageFor } from '$lib/app/test-fixtures';
import EventLog from './EventLog.svelte';

const LOG: Parameters<typeof pageFor>[0] = [
	{ t: 0, type: 'heartbeat.send', node: 'Node01', peers: 3 },
	{ t: 1, type: 'heartbeat.deliver', from: 'Node01', to: 'Node02' },
	{ t: 5000, type: 'node.fail', node: 'Node02', input: true },
	{ t: 5000, type: 'node.failed', node: 'Node02' },
	{ t: 8000, type: 'cluster.peer-lost', node: 'Node01', peer: 'Node02' },
	{ t: 8000, type: 'cluster.peer-lost', node: 'Node03', peer: 'Node02' }
];

/** Renders the log wired to a real EventLogState over a fake worker query. */
async function renderLog() {
	const query = vi.fn(async (q) => pageFor(LOG, q));
	const state = new EventLogState(query, 0);
	await state.refresh();
	const onSelectObject = vi.fn();
	const props = $state({
		get page() {
			return state.page;
		},
		get kinds() {
			return state.kinds;
		},
		get hiddenKinds() {
			return state.hiddenKinds;
		},
		get object() {
			return state.object;
		},
		objectGroups: objectNameGroups(makeTopology(4)),
		onKindVisible: (kind: string, visible: boolean) => state.setKindVisible(kind, visible),
		onObject: (name: string) => state.setObject(name),
		onSelectObject
	});
	render(EventLog, props);
	return { query, state, onSelectObject };
}

const types = () =>
	within(screen.getByTestId('event-log'))
		.queryAllByRole('listitem')
		.map((li) => li.querySelector('.type')?.textContent);

describe('EventLog', () => {
	it('hides heartbeats by default and shows them when the toggle is checked', async () => {
		const user = userEvent.setup();
		const { query } = await renderLog();
		expect(types()).toEqual(['node.fail', 'node.failed', 'cluster.peer-lost', 'cluster.peer-lost']);
		expect(query).toHaveBeenLastCalledWith({ limit: 200, kinds: ['cluster', 'node'] });
		const heartbeat = screen.getByRole('checkbox', { name: 'heartbeat' });
		expect(heartbeat).not.toBeChecked();
		await user.click(heartbeat);
		await vi.waitFor(() => expect(types()).toHaveLength(6));
		await user.click(screen.getByRole('checkbox', { name: 'cluster' }));
		await vi.waitFor(() => expect(types()).not.toContain('cluster.peer-lost'));
	});

	it('filters by object', async () => {
		const user = userEvent.setup();
		const { query } = await renderLog();
		await user.selectOptions(
			screen.getByRole('combobox', { name: 'Only entries about' }),
			'Node03'
		);
		await vi.waitFor(() => expect(types()).toEqual(['cluster.peer-lost']));
		expect(query).toHaveBeenLastCalledWith({
			limit: 200,
			kinds: ['cluster', 'node'],
			object: 'Node03'
		});
	});

	it('selects the object an entry names when it is clicked', async () => {
		const user = userEvent.setup();
		const { onSelectObject } = await renderLog();
		await user.click(screen.getByText('node.failed'));
		expect(onSelectObject).toHaveBeenCalledWith('Node02');
	});
});

describe('EventLog: packets', () => {
	const PACKETS: Parameters<typeof pageFor>[0] = [
		{ t: 5000, type: 'packet.sent', packet: 1, vm: 'contoso-vm1', node: 'Node01' },
		{
			t: 5001,
			type: 'packet.dropped',
			packet: 2,
			vm: 'contoso-vm2',
			node: 'Node02',
			reason: 'denied by ACL',
			rule: 'deny-icmp'
		},
		{ t: 5002, type: 'packet.delivered', packet: 1, vm: 'contoso-vm2', node: 'Node02' }
	];

	function renderPackets(highlight: number | null = null) {
		const onInspect = vi.fn();
		render(EventLog, {
			page: pageFor(PACKETS, {}),
			kinds: ['packet'],
			hiddenKinds: [],
			object: '',
			objectGroups: [],
			highlight,
			onKindVisible: () => {},
			onObject: () => {},
			onSelectObject: () => {},
			onInspect
		});
		return onInspect;
	}

	it('offers Inspect on entries that name a packet', async () => {
		const user = userEvent.setup();
		const onInspect = renderPackets();
		await user.click(screen.getByTestId('inspect-2'));
		expect(onInspect).toHaveBeenCalledWith(2);
		expect(screen.getByTestId('inspect-1')).toHaveAccessibleName('Inspect packet 1');
		await user.click(screen.getByTestId('inspect-1-at-2'));
		expect(onInspect).toHaveBeenLastCalledWith(1);
	});

	it('says why a packet was dropped and which rule decided', () => {
		renderPackets();
		expect(screen.getByTestId('drop-reason')).toHaveTextContent(
			'Dropped: denied by ACL (rule deny-icmp)'
		);
	});

	it('marks the highlighted entry', () => {
		renderPackets(1);
		const items = within(screen.getByTestId('event-log')).getAllByRole('listitem');
		expect(items).toHaveLength(3);
		expect(items[1]).toHaveAttribute('aria-current', 'true');
		expect(items[0]).not.toHaveAttribute('aria-current');
	});
});

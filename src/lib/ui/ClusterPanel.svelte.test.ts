import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ClusterView } from '$lib/app/cluster-view';
import { makeClusterView } from '$lib/app/test-fixtures';
import ClusterPanel from './ClusterPanel.svelte';

/**
 * default-4-node.json with the update under way: Node01 updated, Node02 paused (drained) and
 * being updated, Node03 shut down by the operator, Node04 running with its vote zeroed; no
 * witness, so dynamic quorum keeps the total odd.
 */
function updatingView(): ClusterView {
	const view = makeClusterView();
	view.servers = [
		{ name: 'Node01', state: 'up', reason: 'resumed: back in service', vote: 1, member: true },
		{ name: 'Node02', state: 'updating', reason: 'installing the update', vote: 1, member: true },
		{ name: 'Node03', state: 'off', reason: 'shut down gracefully', vote: 0, member: false },
		{ name: 'Node04', state: 'up', reason: 'running and in the cluster', vote: 0, member: true }
	];
	view.quorum = {
		up: true,
		state: 'up.membersMissing',
		explanation:
			"2 of 3 votes (Node01 and Node02; Node04's vote zeroed to keep the total odd; Node03 left gracefully): 2 > 1.5, the cluster is up.",
		witness: 'none',
		witnessRunning: false,
		witnessVote: 0
	};
	view.update = {
		state: 'running.updating',
		order: ['Node01', 'Node02', 'Node03', 'Node04'],
		current: 'Node02',
		updated: ['Node01'],
		reason: null
	};
	return view;
}

function renderPanel(cluster: ClusterView | null) {
	const onServer = vi.fn();
	const onStartUpdate = vi.fn();
	const onCreateVm = vi.fn();
	const result = render(ClusterPanel, { cluster, onServer, onStartUpdate, onCreateVm });
	return { ...result, onServer, onStartUpdate, onCreateVm };
}

describe('ClusterPanel', () => {
	it('says so before the cluster is read', () => {
		renderPanel(null);
		expect(screen.getByTestId('cluster-none')).toBeInTheDocument();
	});

	it('shows quorum with its vote arithmetic and the witness', () => {
		renderPanel(updatingView());
		const quorum = screen.getByTestId('cluster-quorum');
		expect(quorum).toHaveTextContent('Cluster up: it has quorum');
		expect(screen.getByTestId('cluster-votes')).toHaveTextContent('2 of 3 votes');
		expect(screen.getByTestId('cluster-witness')).toHaveTextContent(
			'No witness: only the servers vote.'
		);
	});

	it('names the Network Controller replicas and says when changes are refused', () => {
		const view = updatingView();
		view.networkController = {
			replicas: [
				{ name: 'NC01', server: 'Node01', up: true, primary: true, state: 'running' },
				{ name: 'NC02', server: 'Node02', up: false, primary: false, state: 'restarting' },
				{ name: 'NC03', server: 'Node03', up: false, primary: false, state: 'unmonitored' }
			],
			writesRefused:
				'the Network Controller has 1 of 3 replicas running and writes need 2 (FACTS §5.1)'
		};
		renderPanel(view);
		const nc = screen.getByTestId('cluster-nc');
		expect(nc).toHaveTextContent(
			'Network Controller: NC01 on Node01 (primary), NC02 on Node02 (restarting), NC03 on Node03 (unreachable, its server isolated).'
		);
		expect(nc).toHaveTextContent('Changes are refused: the Network Controller has 1 of 3 replicas');
	});

	it('sets, fails and restores the witness from its controls', async () => {
		const onWitness = vi.fn();
		const view = updatingView();
		view.quorum = { ...view.quorum, witness: 'cloud', witnessRunning: true, witnessVote: 1 };
		render(ClusterPanel, { cluster: view, onServer: vi.fn(), onStartUpdate: vi.fn(), onWitness });
		await userEvent.selectOptions(screen.getByTestId('witness-choice'), 'disk');
		await userEvent.click(screen.getByRole('button', { name: 'Set witness' }));
		await userEvent.click(screen.getByRole('button', { name: 'Fail the witness' }));
		expect(onWitness.mock.calls).toEqual([['disk'], ['fail']]);
	});

	it('lists the VMs with their server and state, and each availability set in words', () => {
		const view = updatingView();
		view.vms[1] = {
			...view.vms[1],
			state: 'restarting',
			reason: 'restarting on Node04 after Node01 failed'
		};
		view.availabilitySets = [
			{ name: 'web-set', running: 2, total: 3, faultDomains: 3, updateDomains: 5 }
		];
		renderPanel(view);
		expect(screen.getByTestId('set-web-set')).toHaveTextContent(
			'Availability set web-set: 2 of 3 VMs running'
		);
		const row = screen.getByTestId('vm-web-set-vm1');
		expect(row).toHaveAttribute('data-state', 'restarting');
		expect(row).toHaveTextContent('web-set-vm1 (web-set)');
		expect(row).toHaveTextContent('restarting on Node04 after Node01 failed');
	});

	it("gives each VM's fault and update domain in its own column, for set members only", () => {
		renderPanel(makeClusterView());
		const table = screen.getByRole('table', { name: /Each VM's server and state/ });
		const headers = within(table)
			.getAllByRole('columnheader')
			.map((h) => h.textContent?.trim());
		expect(headers).toEqual(['VM', 'Server', 'Fault / update domain', 'State']);
		for (const k of [0, 1, 2]) {
			expect(screen.getByTestId(`vm-web-set-vm${k + 1}-domains`)).toHaveTextContent(
				new RegExp(`^${k} / 0$`)
			);
		}
		expect(screen.getByTestId('vm-AzS-NC01-domains')).toHaveTextContent('not in a set');
	});

	it("shows a set's fault domains on their servers, and its update domains all 0 with why", () => {
		renderPanel(makeClusterView());
		const sets = within(screen.getByTestId('cluster-sets'));
		expect(sets.getByRole('heading', { name: 'Availability sets' })).toBeInTheDocument();
		expect(sets.getByRole('heading', { name: 'web-set' })).toBeInTheDocument();
		expect(screen.getByTestId('set-web-set')).toHaveTextContent(
			'Availability set web-set: 3 of 3 VMs running'
		);
		expect(screen.getByTestId('set-web-set-fault-domains')).toHaveTextContent(
			'3 (on Azure Stack Hub a fault domain is a server); its VMs are in fault domain 0 on Node01; fault domain 1 on Node02; fault domain 2 on Node03'
		);
		expect(screen.getByTestId('set-web-set-update-domains')).toHaveTextContent(
			'declared 5, but Azure Stack Hub puts every VM in update domain 0: a host update live-migrates the VMs off instead of rebooting them domain by domain'
		);
	});

	it("sets each VM's update domain against where Azure would put it for the declared count", () => {
		const view = makeClusterView();
		// Six VMs over 3 fault domains and 5 update domains: on Azure the 6th shares the 1st's.
		view.vms = [
			...view.vms.filter((vm) => vm.infrastructure),
			...[0, 1, 2, 3, 4, 5].map((k) => ({
				name: `web-set-vm${k + 1}`,
				server: `Node0${(k % 4) + 1}`,
				state: 'running' as const,
				reason: 'running',
				availabilitySet: 'web-set',
				faultDomain: k % 3,
				updateDomain: 0,
				infrastructure: false
			}))
		];
		view.availabilitySets = [
			{ name: 'web-set', running: 6, total: 6, faultDomains: 3, updateDomains: 5 }
		];
		renderPanel(view);
		const table = screen.getByRole('table', { name: /web-set: each VM's update domain here/ });
		expect(table).toHaveAccessibleName(
			"web-set: each VM's update domain here, and where Azure would put it with the 5 update domains declared ((k − 1) mod 5 for the k-th VM, worked out rather than simulated)."
		);
		const cells = within(table)
			.getAllByRole('row')
			.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent?.trim()));
		expect(cells).toEqual([
			['VM', 'Azure Stack Hub', 'Azure'],
			['web-set-vm1', '0', '0'],
			['web-set-vm2', '0', '1'],
			['web-set-vm3', '0', '2'],
			['web-set-vm4', '0', '3'],
			['web-set-vm5', '0', '4'],
			['web-set-vm6', '0', '0']
		]);
		expect(screen.getByTestId('set-web-set-fault-domains')).toHaveTextContent(
			'its VMs are in fault domain 0 on Node01 and Node04; fault domain 1 on Node02 and Node01; fault domain 2 on Node03'
		);
	});

	it('compares availability sets on Azure Stack Hub and on Azure in a table', () => {
		renderPanel(makeClusterView());
		const table = screen.getByRole('table', {
			name: 'Availability sets: Azure Stack Hub and Azure compared (FACTS §6.4).'
		});
		expect(
			within(table)
				.getAllByRole('columnheader')
				.map((h) => h.textContent?.trim())
		).toEqual(['Aspect', 'Azure Stack Hub', 'Azure']);
		const aspects = within(table)
			.getAllByRole('rowheader')
			.map((h) => h.textContent?.trim());
		expect(aspects).toEqual([
			'Fault domains',
			'Update domains',
			'Update domain of the k-th VM',
			'Host update',
			'Hardware fault'
		]);
		const update = within(table).getByRole('row', { name: /^Host update/ });
		expect(update).toHaveTextContent(
			'VMs are live-migrated off the server being updated, without a reboot'
		);
		expect(update).toHaveTextContent(
			'one update domain at a time, each given 30 minutes to recover'
		);
	});

	it('leaves the availability sets out when the scenario has none', () => {
		const view = makeClusterView();
		view.vms = view.vms.filter((vm) => vm.infrastructure);
		view.availabilitySets = [];
		renderPanel(view);
		expect(screen.queryByTestId('cluster-sets')).toBeNull();
		expect(screen.queryByTestId('set-comparison')).toBeNull();
	});

	it('lists each server with the controls its state allows, named after the server', async () => {
		const user = userEvent.setup();
		const { onServer } = renderPanel(updatingView());
		const row = (i: number) => within(screen.getByTestId(`cluster-server-${i}`));
		expect(row(1).getByText('Installing the update')).toBeInTheDocument();
		expect(row(2).getByText('shut down gracefully')).toBeInTheDocument();
		expect(screen.getByTestId('cluster-vote-3')).toHaveTextContent('0 (zeroed)');
		expect(screen.getByTestId('cluster-vote-2')).toHaveTextContent(/^0$/);
		expect(
			row(0)
				.getAllByRole('button')
				.map((b) => b.textContent?.trim())
		).toEqual(['Drain Node01', 'Shut down Node01', 'Isolate Node01', 'Fail Node01']);
		expect(row(1).getAllByRole('button')).toHaveLength(1);
		expect(row(2).queryByRole('button', { name: 'Drain Node03' })).toBeNull();
		await user.click(screen.getByRole('button', { name: 'Drain Node04' }));
		await user.click(screen.getByRole('button', { name: 'Restore Node03' }));
		await user.click(screen.getByRole('button', { name: 'Fail Node02' }));
		await user.click(screen.getByRole('button', { name: 'Isolate Node01' }));
		await user.click(screen.getByRole('button', { name: 'Shut down Node04' }));
		expect(onServer.mock.calls).toEqual([
			['drain', 3],
			['restore', 2],
			['fail', 1],
			['isolate', 0],
			['shutdown', 3]
		]);
	});

	it('offers Resume for a paused server', async () => {
		const user = userEvent.setup();
		const view = makeClusterView();
		view.servers[2] = {
			...view.servers[2],
			state: 'paused',
			reason: 'drained and paused (maintenance)'
		};
		const { onServer } = renderPanel(view);
		await user.click(screen.getByRole('button', { name: 'Resume Node03' }));
		expect(onServer).toHaveBeenCalledWith('resume', 2);
	});

	it('starts patch and update, and shows each server step and the progress', async () => {
		const user = userEvent.setup();
		const { onStartUpdate, rerender } = renderPanel(makeClusterView());
		const start = screen.getByRole('button', { name: 'Start patch and update' });
		expect(start).toBeEnabled();
		expect(screen.getByTestId('update-state')).toHaveTextContent('Not started');
		await user.click(start);
		expect(onStartUpdate).toHaveBeenCalledOnce();

		await rerender({ cluster: updatingView() });
		expect(screen.getByRole('button', { name: 'Start patch and update' })).toBeDisabled();
		expect(screen.getByTestId('update-state')).toHaveTextContent('Running: updating Node02');
		expect(screen.getByTestId('update-row-0')).toHaveTextContent('Done');
		const current = screen.getByTestId('update-row-1');
		expect(current).toHaveTextContent('Installing the update');
		expect(current).toHaveAttribute('aria-current', 'step');
		expect(screen.getByTestId('update-row-2')).toHaveTextContent('Waiting for its turn');
		const progress = screen.getByRole('progressbar', { name: 'Servers updated' });
		expect(progress).toHaveAttribute('value', '1');
		expect(progress).toHaveAttribute('max', '4');
		expect(screen.queryByTestId('update-pause-reason')).toBeNull();
	});

	it('shows the pause reason prominently and on the server row', () => {
		const view = makeClusterView();
		const reason =
			'Node01 capacity 2 is out of service: replace or restore it and let the volumes heal';
		view.update = {
			state: 'paused',
			order: ['Node01', 'Node02', 'Node03', 'Node04'],
			current: 'Node01',
			updated: [],
			reason
		};
		renderPanel(view);
		expect(screen.getByTestId('update-pause-reason')).toHaveTextContent(`Paused: ${reason}`);
		expect(screen.getByTestId('update-row-0')).toHaveTextContent(`Paused: ${reason}`);
		expect(screen.getByRole('button', { name: 'Start patch and update' })).toBeDisabled();
	});

	it('marks the active state of each statechart, following the server being updated', async () => {
		const user = userEvent.setup();
		renderPanel(updatingView());
		const update = within(screen.getByTestId('statechart-update'));
		const active = update.getByRole('listitem', { current: true });
		expect(active).toHaveAttribute('data-testid', 'chart-update-running.updating');
		expect(active).toHaveTextContent('● active');
		expect(screen.getByTestId('chart-update-running')).toHaveAttribute('data-activity', 'within');
		expect(screen.getByTestId('chart-update-idle')).not.toHaveAttribute('aria-current');
		expect(update.getAllByRole('listitem')).toHaveLength(9);

		const cluster = within(screen.getByTestId('statechart-cluster'));
		expect(cluster.getByRole('listitem', { current: true })).toHaveAttribute(
			'data-testid',
			'chart-cluster-up.membersMissing'
		);
		expect(screen.getByTestId('chart-cluster-up')).toHaveAttribute('data-activity', 'within');
		expect(cluster.getAllByRole('listitem')).toHaveLength(4);

		const server = within(screen.getByTestId('statechart-server'));
		expect(screen.getByTestId('statechart-server')).toHaveTextContent('Server Node02');
		expect(server.getByRole('listitem', { current: true })).toHaveAttribute(
			'data-testid',
			'chart-server-updating'
		);
		await user.selectOptions(screen.getByRole('combobox', { name: 'Server' }), 'Node03');
		expect(screen.getByTestId('statechart-server')).toHaveTextContent('Server Node03');
		expect(server.getByRole('listitem', { current: true })).toHaveAttribute(
			'data-testid',
			'chart-server-off'
		);
	});

	it('shows the cluster down in the statechart and the quorum marker', () => {
		const view = makeClusterView();
		view.quorum = {
			...view.quorum,
			up: false,
			state: 'down',
			explanation:
				'2 of 5 votes (present: Node01 and Node02; missing: Node03, Node04 and the cloud witness): 2 is not more than 2.5, the cluster is down.'
		};
		renderPanel(view);
		expect(screen.getByTestId('cluster-quorum')).toHaveTextContent('Cluster down: quorum lost');
		const cluster = within(screen.getByTestId('statechart-cluster'));
		expect(cluster.getByRole('listitem', { current: true })).toHaveAttribute(
			'data-testid',
			'chart-cluster-down'
		);
	});

	it("lists each infrastructure role's running VMs and their servers", () => {
		const view = makeClusterView();
		view.roles = view.roles.map((r) => (r.role === 'NC' ? { ...r, running: 0, servers: [] } : r));
		renderPanel(view);
		const roles = screen.getByTestId('cluster-roles');
		expect(within(roles).getByRole('columnheader', { name: 'Running' })).toBeTruthy();
		expect(screen.getByTestId('role-ERCS')).toHaveTextContent(
			/ERCS\s*Emergency Recovery Console: hosts the privileged endpoint\s*●\s*3 of 3\s*Node01, Node02, Node03/
		);
		expect(screen.getByTestId('role-NC')).toHaveTextContent(/0 of 3\s*nowhere/);
		expect(screen.getByTestId('role-NC')).toHaveAttribute('data-running', '0');
	});

	it('deploys one more VM into a set from its button', async () => {
		const user = userEvent.setup();
		const { onCreateVm } = renderPanel(makeClusterView());
		await user.click(screen.getByRole('button', { name: 'Add a VM to web-set' }));
		expect(onCreateVm).toHaveBeenCalledWith('web-set');
	});
});

import { describe, expect, it } from 'vitest';
import { ClusterState } from './cluster-state.svelte';
import { fakeSim, makeClusterView } from './test-fixtures';

describe('Cluster state', () => {
	it('reads the view, announces quorum changes between refreshes, and resets', async () => {
		const sim = fakeSim();
		const said: string[] = [];
		let generation = 1;
		const cluster = new ClusterState({
			api: () => sim.api,
			generation: () => generation,
			send: () => {},
			announce: (m) => said.push(m)
		});
		await cluster.refresh();
		expect(cluster.view?.servers.map((s) => s.state)).toEqual(['up', 'up', 'up', 'up']);
		expect(said).toEqual([]);
		const down = makeClusterView();
		down.quorum = {
			...down.quorum,
			up: false,
			explanation: '2 of 5 votes: 2 is not more than 2.5'
		};
		sim.state.cluster = down;
		await cluster.refresh();
		expect(said).toEqual(['Cluster quorum lost: 2 of 5 votes: 2 is not more than 2.5']);
		expect(cluster.view?.quorum.up).toBe(false);
		cluster.reset();
		expect(cluster.view).toBeNull();

		// An answer that arrives after a restart is dropped.
		const read = cluster.refresh();
		generation = 2;
		await read;
		expect(cluster.view).toBeNull();
	});

	it('sends the server and update inputs', () => {
		const sent: unknown[] = [];
		const cluster = new ClusterState({
			api: () => null,
			generation: () => 1,
			send: (input) => sent.push(input),
			announce: () => {}
		});
		cluster.drain(0);
		cluster.resume(1);
		cluster.shutdown(2);
		cluster.isolate(3);
		cluster.restore(2);
		cluster.fail(1);
		cluster.server('drain', 3);
		cluster.startUpdate();
		cluster.createVm('web-set');
		expect(sent).toEqual([
			{ type: 'node.drain', node: 0 },
			{ type: 'node.resume', node: 1 },
			{ type: 'node.shutdown', node: 2 },
			{ type: 'node.isolate', node: 3 },
			{ type: 'node.restore', node: 2 },
			{ type: 'node.fail', node: 1 },
			{ type: 'node.drain', node: 3 },
			{ type: 'update.start' },
			{ type: 'vm.create', set: 'web-set' }
		]);
	});
});

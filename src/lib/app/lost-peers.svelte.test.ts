import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LogEntry } from '$lib/sim/kernel/types';
import { LOST_PEERS_DELAY_MS, LostPeers } from './lost-peers.svelte';
import type { ObjectRef } from './objects';
import { fakeSim } from './test-fixtures';

const LOG: LogEntry[] = [
	{ t: 1, type: 'cluster.peer-lost', node: 'Node01', peer: 'Node03' },
	{ t: 2, type: 'cluster.peer-lost', node: 'Node01', peer: 'Node02' },
	{ t: 3, type: 'cluster.peer-lost', node: 'Node02', peer: 'Node04' }
];

function setup() {
	const sim = fakeSim();
	sim.state.log.push(...LOG);
	const host = {
		selection: { kind: 'node', index: 0 } as ObjectRef | null,
		generation: 1,
		running: true
	};
	const peers = new LostPeers({
		selection: () => host.selection,
		topology: () => sim.topology,
		api: () => (host.running ? sim.api : null),
		generation: () => host.generation
	});
	const queries = () => sim.state.calls.filter((c) => c.method === 'queryLog');
	return { sim, host, peers, queries };
}

describe('LostPeers', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('answers a burst of requests with one query for the selected server', async () => {
		const { peers, queries } = setup();
		peers.refresh();
		peers.refresh();
		await vi.advanceTimersByTimeAsync(LOST_PEERS_DELAY_MS - 1);
		expect(queries()).toHaveLength(0);
		await vi.advanceTimersByTimeAsync(1);
		expect(queries().map((c) => c.args[0])).toEqual([
			{ kinds: ['cluster', 'node'], object: 'Node01', limit: 2000 }
		]);
		expect(peers.names).toEqual(['Node02', 'Node03']);
	});

	it('drops an answer after a restart or a change of selection', async () => {
		const { sim, host, peers } = setup();
		const query = sim.api.queryLog;
		let release = () => {};
		sim.api.queryLog = async (q) => {
			await new Promise<void>((r) => (release = r));
			return query(q);
		};
		peers.names = ['kept'];
		peers.refresh();
		await vi.advanceTimersByTimeAsync(LOST_PEERS_DELAY_MS);
		host.generation++;
		release();
		await vi.advanceTimersByTimeAsync(0);
		expect(peers.names).toEqual(['kept']);

		peers.refresh();
		await vi.advanceTimersByTimeAsync(LOST_PEERS_DELAY_MS);
		host.selection = { kind: 'node', index: 1 };
		release();
		await vi.advanceTimersByTimeAsync(0);
		expect(peers.names).toEqual(['kept']);

		host.selection = { kind: 'node', index: 0 };
		peers.refresh();
		await vi.advanceTimersByTimeAsync(LOST_PEERS_DELAY_MS);
		release();
		await vi.advanceTimersByTimeAsync(0);
		expect(peers.names).toEqual(['Node02', 'Node03']);
	});

	it('clears the names when the query fails', async () => {
		const { sim, peers } = setup();
		sim.api.queryLog = async () => {
			throw new Error('worker gone');
		};
		peers.names = ['Node02'];
		peers.refresh();
		await vi.advanceTimersByTimeAsync(LOST_PEERS_DELAY_MS);
		expect(peers.names).toEqual([]);
	});

	it('does nothing without a selected server or a worker, or once cancelled', async () => {
		const { host, peers, queries } = setup();
		host.selection = { kind: 'drive', index: 0 };
		peers.refresh();
		await vi.advanceTimersByTimeAsync(LOST_PEERS_DELAY_MS);
		host.selection = { kind: 'node', index: 0 };
		host.running = false;
		peers.refresh();
		await vi.advanceTimersByTimeAsync(LOST_PEERS_DELAY_MS);
		host.running = true;
		peers.refresh();
		peers.cancel();
		await vi.advanceTimersByTimeAsync(LOST_PEERS_DELAY_MS);
		expect(queries()).toHaveLength(0);
		expect(peers.names).toEqual([]);
	});
});

import { describe, expect, it } from 'vitest';
import {
	chartActivity,
	chartTree,
	clusterChanges,
	clusterInvariants,
	defaultChartServer,
	serverActions,
	serverHealth,
	updateInProgress,
	updateProgress,
	updateStateWords,
	updateSteps,
	voteWords,
	witnessWords,
	type ClusterView
} from './cluster-view';
import { CLUSTER_CHARTS, makeClusterView } from './test-fixtures';

/** rolling-update.json mid-run: Node01 done, Node02 rebooting after its update (vote given up). */
function rebootingNode02(): ClusterView {
	const view = makeClusterView();
	view.servers[1] = {
		name: 'Node02',
		state: 'rebooting',
		reason: 'rebooting after the update',
		vote: 0,
		member: false
	};
	view.quorum = {
		...view.quorum,
		explanation:
			'3 of 3 votes (Node01, Node03 and Node04; the cloud witness does not vote while the node votes are odd; Node02 is down): 3 > 1.5, the cluster is up.',
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

/** The update paused at its first safety check: a capacity drive on Node01 failed before. */
function pausedForDrive(): ClusterView {
	const view = makeClusterView();
	view.update = {
		state: 'paused',
		order: ['Node01', 'Node02', 'Node03', 'Node04'],
		current: 'Node01',
		updated: [],
		reason: 'Node01 capacity 2 is out of service: replace or restore it and let the volumes heal'
	};
	return view;
}

/** Two of three servers failed without a witness: the cluster is down. */
function quorumLost(): ClusterView {
	const view = makeClusterView(['Node01', 'Node02', 'Node03']);
	for (const i of [1, 2]) {
		view.servers[i] = {
			...view.servers[i],
			state: 'failed',
			reason: 'failed abruptly (power or hardware)',
			member: false
		};
	}
	view.quorum = {
		up: false,
		state: 'down',
		explanation:
			'1 of 3 votes (present: Node01; missing: Node02 and Node03): 1 is not more than 1.5, the cluster is down. It comes back when more than 1.5 of the votes it had when it went down are present again.',
		witness: 'none',
		witnessRunning: false,
		witnessVote: 0
	};
	return view;
}

describe('server controls', () => {
	it('offers only the inputs the server machine accepts in each state', () => {
		expect(serverActions('up')).toEqual(['drain', 'shutdown', 'isolate', 'fail']);
		expect(serverActions('draining')).toEqual(['fail']);
		expect(serverActions('paused')).toEqual(['resume', 'shutdown', 'fail']);
		expect(serverActions('updating')).toEqual(['fail']);
		expect(serverActions('rebooting')).toEqual(['fail']);
		expect(serverActions('joining')).toEqual(['fail']);
		expect(serverActions('failed')).toEqual(['restore']);
		expect(serverActions('isolated')).toEqual(['restore', 'fail']);
		expect(serverActions('quarantined')).toEqual(['restore', 'fail']);
		expect(serverActions('off')).toEqual(['restore']);
		expect(serverActions('no-such-state')).toEqual([]);
	});

	it('knows every lifecycle state the worker lists', () => {
		for (const state of CLUSTER_CHARTS.server)
			expect(serverActions(state).length).toBeGreaterThan(0);
	});

	it('marks deliberate maintenance apart from failures', () => {
		expect(serverHealth('up')).toBe('healthy');
		expect(serverHealth('paused')).toBe('maintenance');
		expect(serverHealth('off')).toBe('maintenance');
		expect(serverHealth('failed')).toBe('failed');
		expect(serverHealth('isolated')).toBe('unreachable');
	});
});

describe('votes and the witness in words', () => {
	it('names a running member with no vote as zeroed', () => {
		expect(voteWords({ vote: 1, member: true })).toBe('1');
		expect(voteWords({ vote: 0, member: true })).toBe('0 (zeroed)');
		expect(voteWords({ vote: 0, member: false })).toBe('0');
	});

	it('says whether the witness is reachable and votes', () => {
		expect(witnessWords(makeClusterView().quorum)).toBe('Cloud witness: reachable, it votes.');
		expect(witnessWords(rebootingNode02().quorum)).toBe(
			'Cloud witness: reachable, it does not vote now (it votes only while the server votes are even).'
		);
		expect(witnessWords(quorumLost().quorum)).toBe('No witness: only the servers vote.');
	});
});

describe('patch and update', () => {
	it('lists every server as not started before the first start', () => {
		const steps = updateSteps(makeClusterView());
		expect(steps.map((s) => [s.server, s.index, s.kind])).toEqual([
			['Node01', 0, 'idle'],
			['Node02', 1, 'idle'],
			['Node03', 2, 'idle'],
			['Node04', 3, 'idle']
		]);
		expect(steps[0].text).toBe('Not started');
		expect(updateProgress(makeClusterView())).toEqual({ done: 0, total: 4 });
		expect(updateInProgress(makeClusterView().update)).toBe(false);
	});

	it('shows done, the current step (rebooting) and waiting servers', () => {
		const view = rebootingNode02();
		expect(updateSteps(view).map((s) => `${s.server}: ${s.text}`)).toEqual([
			'Node01: Done',
			'Node02: Rebooting after the update',
			'Node03: Waiting for its turn',
			'Node04: Waiting for its turn'
		]);
		expect(updateProgress(view)).toEqual({ done: 1, total: 4 });
		expect(updateInProgress(view.update)).toBe(true);
		expect(updateStateWords(view.update)).toBe('Running: updating Node02 (install, then reboot)');
	});

	it('words each step of the current server', () => {
		const view = rebootingNode02();
		const stepOf = (state: string, serverState = 'up') => {
			const v: ClusterView = {
				...view,
				servers: view.servers.map((s, i) => (i === 1 ? { ...s, state: serverState } : s)),
				update: { ...view.update, state }
			};
			return updateSteps(v)[1];
		};
		expect(stepOf('running.checking').kind).toBe('checking');
		expect(stepOf('running.draining', 'draining').text).toBe(
			'Draining: its VMs move to other servers'
		);
		expect(stepOf('running.updating', 'updating').text).toBe('Installing the update');
		expect(stepOf('running.resuming', 'paused').kind).toBe('resuming');
		expect(stepOf('running.resyncing').text).toBe('Waiting for the storage resync');
	});

	it('puts the pause reason on the server it stopped before', () => {
		const view = pausedForDrive();
		const steps = updateSteps(view);
		expect(steps[0]).toEqual({
			server: 'Node01',
			index: 0,
			kind: 'paused',
			text: 'Paused: Node01 capacity 2 is out of service: replace or restore it and let the volumes heal'
		});
		expect(steps.slice(1).every((s) => s.kind === 'waiting')).toBe(true);
		expect(updateInProgress(view.update)).toBe(true);
		expect(updateStateWords(view.update)).toBe('Paused before Node01');
	});

	it('counts every server when done', () => {
		const view = makeClusterView();
		view.update = {
			state: 'done',
			order: ['Node01', 'Node02', 'Node03', 'Node04'],
			current: null,
			updated: ['Node01', 'Node02', 'Node03', 'Node04'],
			reason: null
		};
		expect(updateSteps(view).every((s) => s.kind === 'done')).toBe(true);
		expect(updateProgress(view)).toEqual({ done: 4, total: 4 });
		expect(updateStateWords(view.update)).toBe('Done: 4 servers updated');
		expect(updateInProgress(view.update)).toBe(false);
	});
});

describe('statecharts', () => {
	it('nests dotted paths under their parent', () => {
		const tree = chartTree(CLUSTER_CHARTS.update);
		expect(tree.map((n) => n.name)).toEqual(['idle', 'running', 'paused', 'done']);
		expect(tree[1].children.map((n) => n.path)).toEqual([
			'running.checking',
			'running.draining',
			'running.updating',
			'running.resuming',
			'running.resyncing'
		]);
		expect(tree[1].children[1].name).toBe('draining');
	});

	it('marks the active leaf and the parents that contain it', () => {
		expect(chartActivity('running.draining', 'running.draining')).toBe('active');
		expect(chartActivity('running', 'running.draining')).toBe('within');
		expect(chartActivity('running.updating', 'running.draining')).toBeNull();
		expect(chartActivity('run', 'running.draining')).toBeNull();
		expect(chartActivity('idle', 'idle')).toBe('active');
	});

	it('follows the server being updated, else the first', () => {
		expect(defaultChartServer(rebootingNode02())).toBe('Node02');
		expect(defaultChartServer(makeClusterView())).toBe('Node01');
		expect(defaultChartServer({ servers: [], update: makeClusterView().update })).toBeNull();
	});
});

describe('announcements', () => {
	it('says when quorum is lost and regained, with the vote arithmetic', () => {
		const up = makeClusterView(['Node01', 'Node02', 'Node03']);
		const down = quorumLost();
		expect(clusterChanges(up, down)).toEqual([`Cluster quorum lost: ${down.quorum.explanation}`]);
		expect(clusterChanges(down, up)).toEqual([`Cluster quorum regained: ${up.quorum.explanation}`]);
	});

	it('says when the update pauses (with the reason) and completes', () => {
		const running = rebootingNode02();
		const paused = pausedForDrive();
		expect(clusterChanges(running, paused)).toEqual([
			'Patch and update paused: Node01 capacity 2 is out of service: replace or restore it and let the volumes heal'
		]);
		expect(clusterChanges(paused, paused)).toEqual([]);
		const done: ClusterView = {
			...running,
			update: { ...running.update, state: 'done', current: null, updated: running.update.order }
		};
		expect(clusterChanges(running, done)).toEqual([
			'Patch and update complete: 4 servers updated (Node01, Node02, Node03, Node04)'
		]);
		expect(clusterChanges(done, done)).toEqual([]);
	});

	it('says when an availability set loses or regains running VMs, and when NC writes stop', () => {
		const before = makeClusterView();
		const set = before.availabilitySets[0];
		const refusal =
			'the Network Controller has 1 of 3 replicas running and writes need 2 (FACTS §5.1)';
		const after: ClusterView = {
			...before,
			availabilitySets: [{ ...set, running: set.total - 1 }],
			networkController: { ...before.networkController, writesRefused: refusal }
		};
		expect(clusterChanges(before, after)).toEqual([
			`Availability set ${set.name}: ${set.total - 1} of ${set.total} VMs running`,
			`Network Controller changes refused: ${refusal}`
		]);
		expect(clusterChanges(after, before)).toEqual([
			`Availability set ${set.name}: ${set.total} of ${set.total} VMs running`,
			'Network Controller accepts changes again'
		]);
	});

	it('says nothing on the first read or for server steps alone', () => {
		expect(clusterChanges(null, quorumLost())).toEqual([]);
		expect(clusterChanges(makeClusterView(), rebootingNode02())).toEqual([]);
	});
});

describe('cluster invariants', () => {
	it('picks the cluster model invariants out of all', () => {
		const inv = (name: string) => ({ name, description: '', holds: true });
		const all = [
			inv('one-server-in-maintenance'),
			inv('no-ack-write-lost'),
			inv('cluster-up-with-majority')
		];
		expect(clusterInvariants(all).map((i) => i.name)).toEqual([
			'one-server-in-maintenance',
			'cluster-up-with-majority'
		]);
	});
});

import { describe, expect, it } from 'vitest';
import { runShortcut } from './actions';
import { Announcer } from './announcer.svelte';
import { Session, type SimHandle } from './session.svelte';
import { fakeSim } from './test-fixtures';

const INDEX = [
	{ file: 'default-4-node.json', name: 'Four servers', description: 'd' },
	{ file: 'sixteen-node.json', name: 'Sixteen servers', description: 'd' }
];

/** Lets promise chains and XState settle. */
const settle = async () => {
	for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

function setup(options: { index?: unknown; startFails?: boolean; workers?: SimHandle[] } = {}) {
	const sim = fakeSim();
	const fetched: string[] = [];
	const saved: { data: Blob; filename: string }[] = [];
	const frames: ((t: number) => void)[] = [];
	const announcer = new Announcer(0, {
		now: () => 0,
		setTimeout: (fn) => (fn(), 1),
		clearTimeout: () => {}
	});
	const session = new Session({
		startWorker: async () => {
			if (options.startFails) throw new Error('worker script failed');
			return options.workers?.shift() ?? sim.handle;
		},
		fetch: async (url) => {
			fetched.push(String(url));
			const body = String(url).endsWith('index.json')
				? JSON.stringify(options.index ?? INDEX)
				: '{"scenario":true}';
			return new Response(body, { status: 200 });
		},
		base: '/base',
		requestAnimationFrame: (cb) => frames.push(cb),
		cancelAnimationFrame: () => {},
		announcer,
		logThrottleMs: 0,
		saveFile: (data, filename) => saved.push({ data, filename })
	});
	return { session, sim, fetched, frames, announcer, saved };
}

describe('Session', () => {
	it('loads the default scenario and becomes ready once the scene is built', async () => {
		const { session, fetched } = setup();
		await session.start(null);
		expect(fetched).toEqual(['/base/scenarios/index.json', '/base/scenarios/default-4-node.json']);
		expect(session.topology?.nodes).toHaveLength(4);
		expect(session.phase).toBe('loading');
		expect(session.steps.map((s) => s.state)).toEqual(['done', 'done', 'active']);
		session.sceneBuilt();
		expect(session.phase).toBe('ready');
		expect(session.ready).toBe(true);
		expect(session.simplifications[0].id).toBe('s1');
	});

	it('falls back to the default with a message for an unknown ?scenario', async () => {
		const { session, fetched } = setup();
		await session.start('no-such-thing');
		expect(fetched[1]).toBe('/base/scenarios/default-4-node.json');
		expect(session.notice).toMatch(/no scenario called "no-such-thing"/);
		await session.start('sixteen-node');
		expect(session.scenario?.file).toBe('sixteen-node.json');
		expect(session.notice).toBeNull();
	});

	it('shows the validator messages for an invalid scenario', async () => {
		const { session, sim } = setup();
		sim.state.loadResult = {
			ok: false,
			errors: ['nodes: expected 4 to 16 servers', 'seed: required']
		};
		await session.start(null);
		expect(session.phase).toBe('error');
		expect(session.failure?.messages).toEqual([
			'nodes: expected 4 to 16 servers',
			'seed: required'
		]);
		expect(session.steps.find((s) => s.id === 'scenario')?.state).toBe('error');
	});

	it('reports a worker that fails to start', async () => {
		const { session } = setup({ startFails: true });
		await session.start(null);
		expect(session.phase).toBe('error');
		expect(session.failure?.title).toBe('The simulation could not start');
		expect(session.failure?.messages).toEqual(['worker script failed']);
	});

	it('fails and restores a server at the current simulated time', async () => {
		const { session, sim, announcer } = setup();
		await session.start(null);
		session.sceneBuilt();
		session.seek(12_500);
		await settle();
		session.select({ kind: 'node', index: 1 });
		expect(session.restoreSelected()).toBe(false);
		expect(session.failSelected()).toBe(true);
		await settle();
		const added = sim.state.calls.filter((c) => c.method === 'addInput').map((c) => c.args[0]);
		expect(added).toEqual([{ t: 12_500, type: 'node.fail', node: 1 }]);
		expect(session.isNodeFailed(1)).toBe(true);
		expect(announcer.message).toMatch(/Node02 failed/);
		expect(session.failSelected()).toBe(false);
		session.restoreNode(1);
		await settle();
		expect(session.isNodeFailed(1)).toBe(false);
	});

	it('tells the learner when an input forks the input log', async () => {
		const { session, sim } = setup();
		await session.start(null);
		session.sceneBuilt();
		sim.state.discardNext = [{ t: 20_000, type: 'node.restore', node: 0 }];
		session.failNode(0);
		await settle();
		expect(session.notice).toMatch(/1 later input was dropped/);
	});

	it('plays by seeking on animation frames, one request at a time', async () => {
		const { session, sim, frames } = setup();
		await session.start(null);
		session.sceneBuilt();
		let release!: () => void;
		sim.state.gate = new Promise((r) => (release = r));
		session.setSpeed(100);
		session.play();
		expect(session.playing).toBe(true);
		frames.shift()!(1000);
		frames.shift()!(1016); // issues seek(1600)
		frames.shift()!(1032); // skipped: the seek is still in flight
		frames.shift()!(1048);
		expect(sim.state.calls.filter((c) => c.method === 'seek')).toHaveLength(1);
		sim.state.gate = null;
		release();
		await settle();
		expect(session.clock.simTimeMs).toBe(1600);
		session.pause();
		expect(session.playing).toBe(false);
	});

	it('ignores a frame that arrives after a restart', async () => {
		const old = fakeSim();
		const fresh = fakeSim();
		const { session } = setup({ workers: [old.handle, fresh.handle] });
		await session.start(null);
		session.sceneBuilt();
		let release!: () => void;
		old.state.gate = new Promise((r) => (release = r));
		old.state.discardNext = [{ t: 20_000, type: 'node.restore', node: 2 }];
		session.failNode(2);
		await settle();
		await session.start(null);
		release();
		await settle();
		expect(old.state.terminated).toBe(true);
		expect(old.state.health[2]).toBe(2); // the old worker did answer…
		expect(session.isNodeFailed(2)).toBe(false); // …but its frame was not shown
		expect(session.notice).toBeNull();
		expect(session.inputs).toEqual([]);
	});

	it('exposes the state hash', async () => {
		const { session } = setup();
		await session.start(null);
		await expect(session.stateHash()).resolves.toBe('hash-0');
	});
});

describe('Session: tenant networking', () => {
	it('loads the tenant view with the scenario', async () => {
		const { session } = setup();
		await session.start(null);
		await settle();
		expect(session.network?.tenants.map((t) => t.name)).toEqual(['Contoso', 'Fabrikam']);
		expect(session.network?.vms).toHaveLength(4);
	});

	it('starts a flow at the current simulated time through the input path', async () => {
		const { session, sim } = setup();
		await session.start(null);
		session.sceneBuilt();
		session.seek(7_000);
		await settle();
		session.startFlow('contoso-vm1', 'contoso-vm2', 'tcp');
		await settle();
		const added = sim.state.calls.filter((c) => c.method === 'addInput').map((c) => c.args[0]);
		expect(added).toEqual([
			{ t: 7_000, type: 'flow.start', from: 'contoso-vm1', to: 'contoso-vm2', protocol: 'tcp' }
		]);
	});

	it('adds and removes ACL rules, and shows a refusal in aclErrors', async () => {
		const { session, sim } = setup();
		await session.start(null);
		session.sceneBuilt();
		const rule = {
			name: 'deny-icmp',
			priority: 200,
			direction: 'inbound' as const,
			protocol: 'icmp' as const,
			sourcePrefix: '*',
			sourcePorts: '*',
			destinationPrefix: '*',
			destinationPorts: '*',
			action: 'deny' as const
		};
		session.addAclRule({ kind: 'vm', name: 'contoso-vm2' }, rule);
		await settle();
		session.removeAclRule('deny-icmp');
		await settle();
		const added = sim.state.calls.filter((c) => c.method === 'addInput').map((c) => c.args[0]);
		expect(added).toEqual([
			{ t: 0, type: 'acl.add', ...rule, vm: 'contoso-vm2' },
			{ t: 0, type: 'acl.remove', name: 'deny-icmp' }
		]);
		expect(session.aclErrors).toEqual([]);
		sim.state.refuseNext = 'acl.remove: no rule called "nope"';
		session.removeAclRule('nope');
		await settle();
		expect(session.aclErrors).toEqual([
			'The simulation refused that: acl.remove: no rule called "nope"'
		]);
		session.failNode(0);
		await settle();
		expect(session.aclErrors).toHaveLength(1); // only a new ACL request clears them
	});

	it('opens a packet in the inspector, or says why not', async () => {
		const { session, sim } = setup();
		await session.start(null);
		const packet = { id: 3, bytes: new Uint8Array([1, 2]), layers: [], summary: 'ICMP echo' };
		sim.state.packets.set(3, packet);
		await session.inspectPacket(3);
		expect(session.inspected).toBe(packet);
		expect(session.inspectError).toBeNull();
		await session.inspectPacket(4);
		expect(session.inspected).toBeNull();
		expect(session.inspectError).toBe('no packet #4 in this run (yet)');
		session.closeInspector();
		expect(session.inspectError).toBeNull();
	});

	it('downloads the capture as <scenario>.pcapng through the injected saver', async () => {
		const { session, saved } = setup();
		await session.start(null);
		await session.downloadCapture();
		expect(saved).toHaveLength(1);
		expect(saved[0].filename).toBe('default-4-node.pcapng');
		expect(saved[0].data.type).toBe('application/octet-stream');
		expect([...new Uint8Array(await saved[0].data.arrayBuffer())]).toEqual([10, 13, 13, 10]);
	});

	it('refreshes the invariants when the log grows, and jumps to a violation', async () => {
		const { session, sim } = setup();
		await session.start(null);
		session.sceneBuilt();
		await settle();
		expect(session.invariants).toEqual([]);
		const violated = {
			name: 'tenant-isolation',
			description: 'd',
			holds: false,
			firstViolation: { logIndex: 0, t: 0, summary: 'invariant.violated' }
		};
		sim.state.invariants = [violated];
		session.failNode(1); // logs an entry: the frame's logCount changes
		await settle();
		expect(session.invariants).toEqual([violated]);
		session.jumpToLog(0);
		expect(session.tab).toBe('log');
		expect(session.highlightedLogIndex).toBe(0);
	});

	it('switches between the tenant and the provider view', async () => {
		const { session } = setup();
		expect(session.addressView).toBe('tenant');
		session.setAddressView('provider');
		expect(session.addressView).toBe('provider');
	});

	it('turns packet slow motion off and on, from the bar or the m key, and says so', async () => {
		const { session, sim, frames, announcer } = setup();
		await session.start(null);
		session.sceneBuilt();
		expect(session.slowMotion).toBe(true);
		runShortcut(session, { type: 'slowMotion' });
		expect(session.slowMotion).toBe(false);
		expect(announcer.message).toContain('Packet slow motion off');
		// Off: playing runs straight through a packet span.
		sim.state.packetSpans = [[100, 100.005]];
		session.togglePlay();
		frames.shift()!(0);
		frames.shift()!(200);
		await settle();
		expect(session.clock.simTimeMs).toBe(200);
		expect(session.slowed).toBe(false);
		session.togglePlay();
		session.seek(0);
		await settle();
		session.setSlowMotion(true);
		session.togglePlay();
		frames.shift()!(1000);
		frames.shift()!(1200);
		await settle();
		expect(session.clock.simTimeMs).toBe(100);
		expect(session.slowed).toBe(true);
	});
});

describe('Session: cluster', () => {
	it('reads the cluster with the scenario and sends server and update inputs at the current time', async () => {
		const { session, sim } = setup();
		await session.start(null);
		session.sceneBuilt();
		await settle();
		expect(session.cluster.view?.servers.map((s) => s.name)).toEqual([
			'Node01',
			'Node02',
			'Node03',
			'Node04'
		]);
		session.seek(4_000);
		await settle();
		session.cluster.drain(2);
		await settle();
		session.cluster.startUpdate();
		await settle();
		const added = sim.state.calls.filter((c) => c.method === 'addInput').map((c) => c.args[0]);
		expect(added).toEqual([
			{ t: 4_000, type: 'node.drain', node: 2 },
			{ t: 4_000, type: 'update.start' }
		]);
	});

	it('refreshes every simulated second while the Cluster tab is open', async () => {
		const { session, sim } = setup();
		await session.start(null);
		session.sceneBuilt();
		await settle();
		const reads = () => sim.state.calls.filter((c) => c.method === 'cluster').length;
		const before = reads();
		session.seek(1_500); // a new second, but the tab is closed
		await settle();
		expect(reads()).toBe(before);
		session.setTab('cluster');
		session.seek(2_500);
		await settle();
		expect(reads()).toBe(before + 1);
	});

	it('announces a quorum loss found after the log grows', async () => {
		const { session, sim, announcer } = setup();
		await session.start(null);
		session.sceneBuilt();
		await settle();
		const down = structuredClone(sim.state.cluster);
		down.quorum.up = false;
		down.quorum.explanation = '2 of 5 votes (present: Node01 and Node02): 2 is not more than 2.5';
		sim.state.cluster = down;
		session.failNode(3);
		await settle();
		expect(session.cluster.view?.quorum.up).toBe(false);
		expect(announcer.message).toContain('Cluster quorum lost: 2 of 5 votes');
	});
});

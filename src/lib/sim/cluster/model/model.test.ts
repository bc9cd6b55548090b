import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../index';
import { stateName } from '../machines/runner';

const FILE = 'static/scenarios/rolling-update.json';

function load(inputs?: unknown[], edit?: (json: Record<string, unknown>) => void): Simulation {
	const json = JSON.parse(readFileSync(FILE, 'utf8'));
	if (inputs) json.inputs = inputs;
	edit?.(json);
	const loaded = Simulation.fromJson(JSON.stringify(json));
	if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
	return loaded.sim;
}

const of = (sim: Simulation, type: string) => sim.log.filter((e) => e.type === type);
const MAINTENANCE = ['paused', 'updating', 'rebooting'];

// Whole rolling updates with storage IO: seconds of wall time each, more on a busy machine.
describe('patch and update (rolling-update.json)', { timeout: 60_000 }, () => {
	it('updates one server at a time, drained before its reboot, resyncing in between', () => {
		const sim = load();
		let most = 0;
		let seenResync = 0;
		for (let t = 60_000; t <= 3_000_000; t += 5_000) {
			sim.runUntil(t);
			const held = sim.state.cluster.servers.filter((r) => MAINTENANCE.includes(stateName(r)));
			most = Math.max(most, held.length);
			if (sim.state.storage!.volumes.some((v) => v.resync.state === 'running')) seenResync++;
			expect(sim.state.cluster.quorum.up).toBe(true);
		}
		expect(most).toBe(1);
		expect(seenResync).toBeGreaterThan(0);
		const [done] = of(sim, 'update.completed');
		expect(done.servers).toBe('Node01, Node02, Node03, Node04');
		// Each server: up → draining → paused → updating → rebooting → paused → up, in turn.
		for (const node of ['Node01', 'Node02', 'Node03', 'Node04']) {
			const path = of(sim, 'server.state')
				.filter((e) => e.node === node)
				.map((e) => e.to);
			expect(path).toEqual(['draining', 'paused', 'updating', 'rebooting', 'paused', 'up']);
		}
		const starts = ['Node01', 'Node02', 'Node03', 'Node04'].map(
			(node) => of(sim, 'server.state').find((e) => e.node === node)!.t
		);
		const resynced = of(sim, 'resync.completed').map((e) => e.t);
		// The next server is drained only after the storage resynced the previous one's regions.
		for (let i = 1; i < 4; i++) expect(starts[i]).toBeGreaterThanOrEqual(resynced[i - 1]);
		expect(sim.state.storage!.volumes.every((v) => v.health === 'Healthy')).toBe(true);
		expect(sim.invariants().every((r) => r.holds)).toBe(true);
	});

	it('pauses when a drive fails mid-update, naming it, and goes on once it is restored', () => {
		// Node02 is drained at ~700 s; its update ends ~1300 s. Node03 capacity 1 is drive 14.
		const sim = load([
			{ t: 60_000, type: 'update.start' },
			{ t: 900_000, type: 'drive.pull', drive: 14 },
			{ t: 1_500_000, type: 'drive.restore', drive: 14 }
		]);
		sim.runUntil(1_450_000);
		expect(stateName(sim.state.cluster.update)).toBe('paused');
		const [paused] = of(sim, 'update.paused');
		expect(paused.reason).toMatch(/Node03 capacity 1 is out of service/);
		// Node02 itself finished: it is back up; nothing else is drained while paused.
		expect(stateName(sim.state.cluster.servers[1])).toBe('up');
		expect(
			sim.state.cluster.servers.filter((r) => MAINTENANCE.includes(stateName(r)))
		).toHaveLength(0);
		sim.runUntil(3_600_000);
		expect(of(sim, 'update.completed')).toHaveLength(1);
		const resumed = of(sim, 'update.state').find((e) => e.from === 'paused')!;
		expect(resumed.t).toBeGreaterThan(1_500_000);
		expect(sim.invariants().every((r) => r.holds)).toBe(true);
	});

	it('keeps every VM of the availability set running through the update (live migration)', () => {
		const sim = load();
		let fewest = Infinity;
		for (let t = 0; t <= 2_700_000; t += 2_000) {
			sim.runUntil(t);
			const set = sim.state.cluster.vms.filter((v) => v.availabilitySet === 'web-set');
			const running = set.filter((v) => v.state === 'running' || v.state === 'migrating');
			fewest = Math.min(fewest, running.length);
		}
		expect(fewest).toBe(3);
		expect(of(sim, 'vm.live-migrating').some((e) => String(e.vm).startsWith('web-set'))).toBe(true);
		expect(of(sim, 'vm.stopped')).toEqual([]);
	});

	it('refuses a drain while a volume is unhealthy (FACTS §7)', () => {
		const sim = load([
			{ t: 1000, type: 'drive.fail', drive: 2 },
			{ t: 2000, type: 'node.drain', node: 1 }
		]);
		sim.runUntil(3000);
		const ignored = of(sim, 'input.ignored').at(-1)!;
		expect(ignored.reason).toMatch(/a drain is refused while Volume0\d is Warning/);
		expect(stateName(sim.state.cluster.servers[1])).toBe('up');
	});
});

describe('server failures and cluster quorum', { timeout: 60_000 }, () => {
	it('declares a crashed server down after the heartbeat limit; a third loss takes quorum when it holds the last vote', () => {
		const sim = load(
			[
				{ t: 1000, type: 'node.fail', node: 1 },
				{ t: 100_000, type: 'node.fail', node: 2 },
				{ t: 200_000, type: 'node.fail', node: 0 },
				{ t: 300_000, type: 'node.restore', node: 0 }
			],
			(json) => ((json.cluster as Record<string, unknown>).witness = 'none')
		);
		sim.runUntil(11_999);
		expect(stateName(sim.state.cluster.machine)).toBe('up.allMembers');
		sim.runUntil(12_000);
		expect(stateName(sim.state.cluster.machine)).toBe('up.membersMissing');
		sim.runUntil(212_000);
		expect(stateName(sim.state.cluster.machine)).toBe('down');
		const down = of(sim, 'cluster.node-down');
		// WS2016 heartbeats: 1 s × 10; declared one period after the limit (11 s).
		expect(down.map((e) => [e.node, e.t])).toEqual([
			['Node02', 12_000],
			['Node03', 111_000],
			['Node01', 211_000]
		]);
		// Dynamic quorum: 4 servers (Node04 zeroed) → 3 voting → 2 left, Node04 zeroed again, so
		// Node01 holds the only vote; losing it takes the cluster down (FACTS §2.1, 50/50 cells).
		const lost = of(sim, 'cluster.quorum-lost');
		expect(lost.map((e) => e.t)).toEqual([211_000]);
		const volumes = sim.state.storage!.volumes;
		expect(volumes.every((v) => v.operational === 'Detached')).toBe(true);
		// Node01 brings back the vote the cluster went down with.
		sim.runUntil(400_000);
		expect(of(sim, 'cluster.quorum-regained').map((e) => e.t)).toEqual([300_000]);
		expect(stateName(sim.state.cluster.machine)).toBe('up.membersMissing');
		expect(volumes.every((v) => v.health === 'Warning')).toBe(true);
		expect(sim.invariants().every((r) => r.holds)).toBe(true);
	});

	it("takes an isolated server's vote like a crashed one's until its network is back", () => {
		const sim = load([
			{ t: 1000, type: 'node.isolate', node: 2 },
			{ t: 60_000, type: 'node.restore', node: 2 }
		]);
		sim.runUntil(59_000);
		expect(stateName(sim.state.cluster.servers[2])).toBe('isolated');
		expect(sim.state.nodeUp[2]).toBe(false);
		expect(of(sim, 'cluster.node-down').map((e) => e.node)).toEqual(['Node03']);
		sim.runUntil(61_000);
		expect(stateName(sim.state.cluster.servers[2])).toBe('up');
		expect(sim.state.cluster.quorum.nodeRunning[2]).toBe(true);
	});

	it("keeps an isolated server's VMs running unmonitored through a short cut (ResiliencyDefaultPeriod)", () => {
		const sim = load([
			{ t: 1000, type: 'node.isolate', node: 2 },
			{ t: 200_000, type: 'node.restore', node: 2 }
		]);
		sim.runUntil(1000);
		const here = sim.state.cluster.vms.filter((v) => v.server === 2);
		expect(here.length).toBeGreaterThan(0);
		expect(here.every((v) => v.state === 'unmonitored')).toBe(true);
		sim.runUntil(199_999);
		// Declared down (vote gone) at 12 s, yet no VM of Node03 stopped or restarted elsewhere.
		expect(sim.state.cluster.quorum.nodeRunning[2]).toBe(false);
		expect(of(sim, 'vm.stopped')).toEqual([]);
		expect(of(sim, 'vm.restarting')).toEqual([]);
		sim.runUntil(200_000);
		expect(here.every((v) => v.state === 'running' && v.server === 2)).toBe(true);
		expect(of(sim, 'vm.monitored').map((e) => e.vm)).toEqual(here.map((v) => v.name));
		// The period's timer from the isolation is stale after the reconnect.
		sim.runUntil(400_000);
		expect(of(sim, 'vm.stopped')).toEqual([]);
	});

	it("fails an isolated server's VMs over once ResiliencyDefaultPeriod (240 s) is over", () => {
		const sim = load([{ t: 1000, type: 'node.isolate', node: 2 }]);
		sim.runUntil(240_999);
		const names = sim.state.cluster.vms.filter((v) => v.server === 2).map((v) => v.name);
		expect(of(sim, 'vm.stopped')).toEqual([]);
		sim.runUntil(241_000);
		expect(of(sim, 'vm.stopped').map((e) => e.vm)).toEqual(names);
		expect(of(sim, 'vm.restarting').every((e) => e.t === 241_000)).toBe(true);
		sim.runUntil(301_000);
		const moved = sim.state.cluster.vms.filter((v) => names.includes(v.name));
		expect(moved.every((v) => v.server !== 2 && v.state === 'running')).toBe(true);
	});

	it('declares a server that fails while isolated down on time, counting from the isolation', () => {
		const sim = load([
			{ t: 1000, type: 'node.isolate', node: 2 },
			{ t: 5000, type: 'node.fail', node: 2 }
		]);
		sim.runUntil(30_000);
		// The same detection time as an isolation alone (1 s × 10, one period more): 12 s.
		expect(of(sim, 'cluster.node-down').map((e) => [e.node, e.t])).toEqual([['Node03', 12_000]]);
		expect(of(sim, 'vm.restarting').every((e) => e.t === 12_000)).toBe(true);
	});

	it('restarts at once the VMs of an isolated server that then fails, already declared down', () => {
		const sim = load([
			{ t: 1000, type: 'node.isolate', node: 2 },
			{ t: 30_000, type: 'node.fail', node: 2 }
		]);
		sim.runUntil(30_000);
		expect(of(sim, 'cluster.node-down').map((e) => e.t)).toEqual([12_000]);
		expect(of(sim, 'vm.restarting').length).toBeGreaterThan(0);
		expect(of(sim, 'vm.restarting').every((e) => e.t === 30_000)).toBe(true);
		sim.runUntil(400_000);
		expect(of(sim, 'cluster.node-down')).toHaveLength(1);
	});

	it('records each live migration one after another, and each restart, for drawing', () => {
		const sim = load([
			{ t: 1000, type: 'node.drain', node: 1 },
			{ t: 500_000, type: 'node.fail', node: 0 }
		]);
		sim.runUntil(1000);
		const moving = sim.state.cluster.vms.filter((v) => v.state === 'migrating');
		expect(moving.length).toBeGreaterThan(1);
		expect(moving.every((v) => v.move?.from === 1 && v.server !== 1)).toBe(true);
		const windows = moving.map((v) => [v.move!.startMs, v.move!.endMs]);
		expect(windows[0][0]).toBe(1000);
		for (let k = 1; k < windows.length; k++) expect(windows[k][0]).toBe(windows[k - 1][1]);
		for (const [start, end] of windows) expect(end).toBeGreaterThan(start);
		sim.runUntil(400_000);
		expect(sim.state.cluster.vms.every((v) => v.move === null)).toBe(true);
		sim.runUntil(511_000);
		const booting = sim.state.cluster.vms.filter((v) => v.state === 'restarting');
		expect(booting.length).toBeGreaterThan(0);
		expect(booting.every((v) => v.move?.from === 0 && v.move.endMs === 571_000)).toBe(true);
	});

	it("restarts a failed server's VMs elsewhere after detection and boot, apart from set peers", () => {
		const sim = load([{ t: 1000, type: 'node.fail', node: 0 }]);
		sim.runUntil(1000);
		const onNode01 = sim.state.cluster.vms.filter((v) => v.server === 0).map((v) => v.name);
		expect(of(sim, 'vm.stopped').map((e) => e.vm)).toEqual(onNode01);
		sim.runUntil(100_000);
		// Declared down at 12 s (1 s × 10 heartbeats + one period), then 60 s to boot elsewhere.
		const restarting = of(sim, 'vm.restarting');
		expect(restarting.map((e) => e.vm).sort()).toEqual([...onNode01].sort());
		expect(restarting.every((e) => e.t === 12_000)).toBe(true);
		expect(of(sim, 'vm.started').every((e) => e.t === 72_000)).toBe(true);
		const set = sim.state.cluster.vms.filter((v) => v.availabilitySet === 'web-set');
		expect(set.every((v) => v.state === 'running' && v.server !== 0)).toBe(true);
		expect(new Set(set.map((v) => v.server)).size).toBe(3);
	});

	it('rebalances an availability set onto a returning server by live migration (FACTS §6.4)', () => {
		const webSet = (s: Simulation) =>
			s.state.cluster.vms.filter((v) => v.availabilitySet === 'web-set');
		const [a, b] = webSet(load([])).map((v) => v.server);
		const sim = load([
			{ t: 1000, type: 'node.fail', node: a },
			{ t: 100_000, type: 'node.fail', node: b },
			{ t: 300_000, type: 'node.restore', node: a }
		]);
		const set = () => webSet(sim);
		sim.runUntil(200_000);
		// Two servers are left for three VMs: two of them share a server.
		const servers = set().map((v) => v.server);
		expect(new Set(servers).size).toBe(2);
		expect(set().every((v) => v.state === 'running')).toBe(true);
		sim.runUntil(300_000);
		const back = of(sim, 'vm.rebalancing').filter((e) => String(e.vm).startsWith('web-set'));
		expect(back).toHaveLength(1);
		expect(back[0].to).toBe(sim.state.nodeNames[a]);
		const moving = set().find((v) => v.state === 'migrating')!;
		expect(moving.server).toBe(a);
		sim.runUntil(moving.move!.endMs);
		expect(moving.state).toBe('running');
		expect(new Set(set().map((v) => v.server)).size).toBe(3);
		// Never fewer running than before: a live migration has no downtime.
		expect(set().filter((v) => v.state !== 'down' && v.state !== 'restarting')).toHaveLength(3);
		expect(sim.log.filter((e) => e.type === 'model.unknown-event')).toEqual([]);
	});

	it('quarantines a server that left ungracefully 3 times within an hour, for 2 hours (FACTS §7)', () => {
		const cycles = [0, 1, 2].flatMap((k) => [
			{ t: 1000 + k * 100_000, type: 'node.fail', node: 3 },
			{ t: 50_000 + k * 100_000, type: 'node.restore', node: 3 }
		]);
		const sim = load([...cycles, { t: 400_000, type: 'node.fail', node: 3 }]);
		sim.runUntil(150_000);
		// Two departures: it still joins.
		expect(stateName(sim.state.cluster.servers[3])).toBe('up');
		sim.runUntil(250_000);
		expect(stateName(sim.state.cluster.servers[3])).toBe('quarantined');
		expect(sim.state.cluster.servers[3].context.reason).toMatch(/3 times within 1 hour/);
		expect(sim.state.cluster.quorum.nodeRunning[3]).toBe(false);
		expect(sim.state.nodeUp[3]).toBe(false);
		expect(of(sim, 'server.quarantined').map((e) => e.t)).toEqual([250_000]);
		// A failure while quarantined is still a failure.
		sim.runUntil(400_000);
		expect(stateName(sim.state.cluster.servers[3])).toBe('failed');
	});

	it("fails over an isolated server's unmonitored VMs when it comes back quarantined", () => {
		const sim = load(
			[
				{ t: 1000, type: 'node.fail', node: 3 },
				{ t: 50_000, type: 'node.restore', node: 3 },
				{ t: 101_000, type: 'node.fail', node: 3 },
				{ t: 150_000, type: 'node.restore', node: 3 },
				// Its VMs restarted elsewhere: give it one again, a workload's.
				{
					t: 160_000,
					type: 'workload.define',
					name: 'late',
					volume: 'Volume01',
					server: 3,
					blockKB: 4,
					readPercent: 100
				},
				{ t: 201_000, type: 'node.isolate', node: 3 },
				{ t: 230_000, type: 'node.restore', node: 3 }
			],
			(json) => {
				(json.storage as Record<string, unknown>).workloads = [];
			}
		);
		sim.runUntil(229_000);
		const held = sim.state.cluster.vms.filter((v) => v.state === 'unmonitored');
		expect(held.length).toBeGreaterThan(0);
		sim.runUntil(230_000);
		expect(stateName(sim.state.cluster.servers[3])).toBe('quarantined');
		expect(held.every((v) => v.state === 'restarting' && v.server !== 3)).toBe(true);
		sim.runUntil(300_000);
		expect(held.every((v) => v.state === 'running')).toBe(true);
		expect(sim.state.cluster.vms.some((v) => v.state === 'unmonitored')).toBe(false);
		expect(sim.invariants().every((r) => r.holds)).toBe(true);
	});

	it('lets a quarantined server join after QuarantineDuration, or at once when restored', () => {
		const cycles = [0, 1, 2].flatMap((k) => [
			{ t: 1000 + k * 100_000, type: 'node.fail', node: 3 },
			{ t: 50_000 + k * 100_000, type: 'node.restore', node: 3 }
		]);
		// Two simulated hours: without the workload's IO, to keep the test quick.
		const waited = load(cycles, (json) => {
			(json.storage as Record<string, unknown>).workloads = [];
		});
		waited.runUntil(250_000 + 7_200_000 - 1);
		expect(stateName(waited.state.cluster.servers[3])).toBe('quarantined');
		waited.runUntil(250_000 + 7_200_000);
		expect(stateName(waited.state.cluster.servers[3])).toBe('up');
		expect(waited.state.cluster.quorum.nodeRunning[3]).toBe(true);
		expect(waited.log.filter((e) => e.type === 'model.unknown-event')).toEqual([]);
		const cleared = load([...cycles, { t: 300_000, type: 'node.restore', node: 3 }]);
		cleared.runUntil(300_000);
		expect(stateName(cleared.state.cluster.servers[3])).toBe('up');
		// The count started afresh: one more failure and restore does not quarantine it again.
		const again = load([
			...cycles,
			{ t: 300_000, type: 'node.restore', node: 3 },
			{ t: 310_000, type: 'node.fail', node: 3 },
			{ t: 350_000, type: 'node.restore', node: 3 }
		]);
		again.runUntil(350_000);
		expect(stateName(again.state.cluster.servers[3])).toBe('up');
	});

	it('gives up a vote at once on a graceful shutdown', () => {
		const sim = load([{ t: 1000, type: 'node.shutdown', node: 0 }]);
		sim.runUntil(1000);
		expect(stateName(sim.state.cluster.servers[0])).toBe('off');
		expect(sim.state.cluster.quorum.nodeRunning[0]).toBe(false);
		expect(of(sim, 'cluster.node-down')).toEqual([]);
	});
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../index';
import { FLIGHT_READ, FLIGHT_WRITE, receiveLink, sendLink } from './state';

/** The three-way mirror scenario with one workload in a VM on `server`, and these inputs. */
function load(server: number, inputs: unknown[], workload: object = {}): Simulation {
	const json = JSON.parse(readFileSync('static/scenarios/s2d-three-way-mirror.json', 'utf8'));
	json.storage.volumes = [{ name: 'Volume01', sizeGB: 100 }];
	json.storage.workloads = [
		{
			name: 'vm01',
			volume: 'Volume01',
			server,
			blockKB: 64,
			readPercent: 50,
			outstanding: 2,
			...workload
		}
	];
	json.inputs = [{ t: 0, type: 'workload.start', name: 'vm01' }, ...inputs];
	const loaded = Simulation.fromJson(JSON.stringify(json));
	if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
	return loaded.sim;
}

const issued = (sim: Simulation) => sim.state.storage!.io!.nextIoId;
const workloadVm = (sim: Simulation) => sim.state.cluster.vms.find((v) => v.workload === 'vm01')!;

/** The servers the workload's IO was sent from, over the flights recorded so far. */
function sentFrom(sim: Simulation): Set<number> {
	const f = sim.state.storage!.io!.flights;
	const size = f.startMs.length;
	const out = new Set<number>();
	for (let k = f.count; k > 0; k--) {
		const i = (f.head - k + size) % size;
		if (f.kind[i] === FLIGHT_WRITE || f.kind[i] === FLIGHT_READ) out.add(f.fromNode[i]);
	}
	return out;
}

describe('a workload runs in a VM of the cluster, and its IO follows that VM', () => {
	it("is a tenant VM of the cluster, on the workload's server", () => {
		const sim = load(1, []);
		expect(workloadVm(sim)).toMatchObject({ name: 'vm01-vm', server: 1, state: 'running' });
		sim.runUntil(100);
		expect(sentFrom(sim)).toEqual(new Set([1]));
	});

	it("stops its IO while a failed server's VM is down, and resumes from where it restarts", () => {
		const sim = load(1, [{ t: 1000, type: 'node.fail', node: 1 }]);
		sim.runUntil(2000);
		const before = issued(sim);
		// Detection (about 11 s) plus the 60 s boot: the VM asks for nothing meanwhile.
		sim.runUntil(70_000);
		expect(issued(sim)).toBe(before);
		expect(workloadVm(sim).state).toBe('restarting');
		sim.runUntil(75_000);
		const vm = workloadVm(sim);
		expect(vm.state).toBe('running');
		expect(vm.server).not.toBe(1);
		expect(issued(sim)).toBeGreaterThan(before);
		expect(sentFrom(sim)).toEqual(new Set([vm.server]));
	});

	it('keeps its IO going through a drain: the VM live-migrates, no downtime', () => {
		const sim = load(0, [{ t: 1000, type: 'node.drain', node: 0 }]);
		sim.runUntil(1000);
		const vm = workloadVm(sim);
		expect(vm.state).toBe('migrating');
		let last = issued(sim);
		for (let t = 2000; t <= 60_000; t += 1000) {
			sim.runUntil(t);
			expect(issued(sim)).toBeGreaterThan(last);
			last = issued(sim);
		}
		expect(vm.state === 'running' || vm.state === 'migrating').toBe(true);
		expect(sim.state.cluster.vms.find((v) => v.workload === 'vm01')!.server).not.toBe(0);
		sim.runUntil(120_000);
		const now = workloadVm(sim);
		expect(now.state).toBe('running');
		const f = sim.state.storage!.io!.flights;
		expect(f.fromNode[(f.head - 1 + f.startMs.length) % f.startMs.length]).toBe(now.server);
	});

	it('waits while its server is isolated, and goes on from the same server when it reconnects', () => {
		const sim = load(2, [
			{ t: 1000, type: 'node.isolate', node: 2 },
			{ t: 30_000, type: 'node.restore', node: 2 }
		]);
		sim.runUntil(3000);
		const before = issued(sim);
		sim.runUntil(29_000);
		expect(issued(sim)).toBe(before);
		expect(workloadVm(sim).state).toBe('unmonitored');
		sim.runUntil(35_000);
		expect(issued(sim)).toBeGreaterThan(before);
		expect(workloadVm(sim)).toMatchObject({ server: 2, state: 'running' });
	});

	it('gets a VM when defined at run time', () => {
		const sim = load(0, [
			{
				t: 500,
				type: 'workload.define',
				name: 'late',
				volume: 'Volume01',
				server: 3,
				blockKB: 4,
				readPercent: 100
			}
		]);
		sim.runUntil(500);
		expect(sim.state.cluster.vms.find((v) => v.workload === 'late')).toMatchObject({
			name: 'late-vm',
			server: 3,
			state: 'running'
		});
	});
});

describe('live migration on the network', () => {
	it("takes a share of the two servers' links while each VM's memory is copied", () => {
		const sim = load(0, [{ t: 1000, type: 'node.drain', node: 1 }]);
		const io = sim.state.storage!.io!;
		sim.runUntil(999);
		expect(io.bgUntil[sendLink(io, 1)]).toBeLessThan(1000);
		sim.runUntil(1000);
		const first = sim.state.cluster.vms.find((v) => v.move?.startMs === 1000)!;
		const to = first.server;
		// 1 GB/s of memory on a 25 Gb/s (3.125 GB/s) link: about a third of its time.
		expect(io.bgShare[sendLink(io, 1)]).toBeCloseTo(1 / 3.125, 2);
		expect(io.bgShare[receiveLink(io, to)]).toBeCloseTo(1 / 3.125, 2);
		expect(io.bgUntil[sendLink(io, 1)]).toBe(first.move!.endMs);
		// The next migration loads the links when it starts, not before.
		const second = sim.state.cluster.vms.find((v) => v.move?.startMs === first.move!.endMs)!;
		sim.runUntil(second.move!.startMs);
		expect(io.bgUntil[sendLink(io, 1)]).toBe(second.move!.endMs);
	});
});

describe('a write that lands on no copy', () => {
	it('changes nothing: the copies keep their data, so no slab is lost when they return', () => {
		// The VM runs on Node04. With Node02 and Node03 down, writes to slabs without a copy on
		// Node04 land on Node01 alone; Node01 fails with some of them in flight.
		const sim = load(
			3,
			[
				{ t: 2000, type: 'node.fail', node: 1 },
				{ t: 2000, type: 'node.fail', node: 2 },
				{ t: 6000, type: 'node.fail', node: 0 },
				{ t: 20_000, type: 'node.restore', node: 0 },
				{ t: 20_000, type: 'node.restore', node: 1 },
				{ t: 20_000, type: 'node.restore', node: 2 }
			],
			{ blockKB: 1024, readPercent: 0, outstanding: 64 }
		);
		const io = sim.state.storage!.io!;
		sim.runUntil(7000);
		expect(io.errors).toBeGreaterThan(0);
		sim.runUntil(400_000);
		const lost = sim.log.filter((e) => e.type === 'volume.health' && Number(e.lostSlabs) > 0);
		expect(lost).toEqual([]);
		expect(sim.state.storage!.volumes[0].health).toBe('Healthy');
		expect(sim.invariants().every((r) => r.holds)).toBe(true);
	});
});

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../index';
import { parseScenarioJson } from './parse';

const presetsDir = new URL('../../../../static/scenarios/', import.meta.url);
const fixturesDir = new URL('../../../../tests/fixtures/scenarios/', import.meta.url);
const read = (dir: URL, file: string) => readFileSync(new URL(file, dir), 'utf8');

interface PresetEntry {
	file: string;
	name: string;
	description: string;
}

/** A preset may warn only where the warning is its lesson (the MTU one shows the MTU problem). */
const EXPECTED_WARNINGS: Record<string, string[]> = {
	'vxlan-mtu-problem.json': [
		'network.underlayMtuBytes: the HNV fabric needs an underlay MTU of at least 1674 bytes including the 14-byte Ethernet header (FACTS 3.2), got 1514; tenant frames over 1464 bytes (1514 minus 50 bytes of VXLAN overhead) are dropped at the sending host, because VTEPs do not fragment (FACTS 3.1)'
	]
};

const index = JSON.parse(read(presetsDir, 'index.json')) as PresetEntry[];
const load = (file: string) => {
	const result = parseScenarioJson(read(presetsDir, file));
	if (!result.ok) throw new Error(result.errors.join('\n'));
	return result.scenario;
};

const files = readdirSync(presetsDir).filter((f) => f.endsWith('.json') && f !== 'index.json');

describe('example scenarios (static/scenarios)', () => {
	it('lists every scenario file in index.json, and only existing files', () => {
		expect(index.map((p) => p.file).sort()).toEqual([...files].sort());
		for (const preset of index) {
			expect(Object.keys(preset).sort()).toEqual(['description', 'file', 'name']);
			expect(preset.description.length).toBeGreaterThan(0);
		}
	});

	it.each(files)('%s is a valid version-1 scenario with only its expected warnings', (file) => {
		const text = read(presetsDir, file);
		expect(JSON.parse(text).version).toBe(1);
		const result = parseScenarioJson(text);
		if (!result.ok) throw new Error(result.errors.join('\n'));
		expect(result.warnings).toEqual(EXPECTED_WARNINGS[file] ?? []);
		expect(result.scenario.name).toBe(index.find((p) => p.file === file)?.name);
	});

	it('expects warnings only of files that exist', () => {
		for (const file of Object.keys(EXPECTED_WARNINGS)) expect(files).toContain(file);
	});

	it('has the shapes the UI and the lessons rely on', () => {
		const four = load('default-4-node.json');
		expect(four.topology.nodes).toBe(4);
		expect(four.topology.server.cacheDrives).toMatchObject({ count: 2, media: 'nvme' });
		expect(four.topology.server.capacityDrives.media).toBe('hdd');
		const sixteen = load('sixteen-node.json');
		expect(sixteen.topology).toMatchObject({ nodes: 16, serversPerRack: 8 });
		const failure = load('node-failure.json');
		expect(failure.topology.nodes).toBe(4);
		expect(failure.inputs).toEqual([
			{ t: 20_000, type: 'node.fail', node: 1 },
			{ t: 60_000, type: 'node.restore', node: 1 }
		]);
	});

	it('vxlan-two-tenants.json: two tenants with overlapping CAs, VSIDs 5001 and 6001, VMs on two hosts', () => {
		const s = load('vxlan-two-tenants.json');
		expect(s.topology.nodes).toBe(4);
		expect(s.network.underlayMtuBytes).toBe(1674);
		const subnets = s.tenants.map((t) => t.virtualNetworks[0].subnets[0]);
		expect(s.tenants.map((t) => t.name)).toEqual(['Contoso', 'Fabrikam']);
		expect(subnets.map((x) => x.vsid)).toEqual([5001, 6001]);
		expect(subnets.map((x) => x.prefix)).toEqual(['10.0.1.0/24', '10.0.1.0/24']);
		for (const tenant of ['Contoso', 'Fabrikam']) {
			const vms = s.vms.filter((vm) => vm.tenant === tenant);
			expect(vms.map((vm) => vm.ca)).toEqual(['10.0.1.4', '10.0.1.5']);
			expect(new Set(vms.map((vm) => vm.host)).size).toBe(2);
			const ping = s.inputs.find((i) => i.type === 'flow.start' && i.from === vms[0].name);
			expect(ping).toMatchObject({ to: vms[1].name, protocol: 'icmp', count: 4, sizeBytes: 32 });
		}
		expect(new Set(s.vms.map((vm) => vm.mac)).size).toBe(4);
	});

	it('vxlan-mtu-problem.json: a large ping does not fit the underlay, then fits after set-mtu', () => {
		const s = load('vxlan-mtu-problem.json');
		// Inner frame: Ethernet 14 + IPv4 20 + ICMP 8 + payload; VXLAN adds 50 (FACTS 3.2).
		const encapsulated = (payloadBytes: number) => 14 + 20 + 8 + payloadBytes + 50;
		const flows = s.inputs.filter((i) => i.type === 'flow.start');
		const vmHost = new Map(s.vms.map((vm) => [vm.name, vm.host]));
		for (const flow of flows) expect(vmHost.get(flow.from)).not.toBe(vmHost.get(flow.to));
		const mtu = s.network.underlayMtuBytes;
		expect(flows.some((f) => encapsulated(f.sizeBytes) <= mtu)).toBe(true);
		const big = flows.filter((f) => encapsulated(f.sizeBytes) > mtu);
		expect(big.length).toBeGreaterThan(0);
		const raise = s.inputs.find((i) => i.type === 'network.set-mtu');
		expect(raise?.type === 'network.set-mtu' && raise.underlayMtuBytes).toBe(1674);
		expect(big.some((f) => raise !== undefined && f.t > raise.t)).toBe(true);
		expect(big.every((f) => encapsulated(f.sizeBytes) <= 1674)).toBe(true);
	});

	it.each(['vxlan-two-tenants.json', 'vxlan-mtu-problem.json'])(
		'%s loads into the simulation and runs to its end',
		(file) => {
			const loaded = Simulation.fromJson(read(presetsDir, file));
			if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
			loaded.sim.runUntil(loaded.sim.scenario.durationMs);
			expect(loaded.sim.nowMs).toBe(loaded.sim.scenario.durationMs);
		}
	);

	it('node-failure.json shows Node02 lost and regained by its peers', () => {
		const loaded = Simulation.fromJson(read(presetsDir, 'node-failure.json'));
		if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
		loaded.sim.runUntil(loaded.sim.scenario.durationMs);
		const types = (type: string) => loaded.sim.log.filter((e) => e.type === type);
		expect(types('cluster.peer-lost').map((e) => e.peer)).toEqual(['Node02', 'Node02', 'Node02']);
		expect(types('cluster.peer-regained')).toHaveLength(3);
	});
});

describe('invalid fixture (tests/fixtures/scenarios/invalid-two-nodes.json)', () => {
	it('fails with the node-count message and one more field-level message', () => {
		const result = parseScenarioJson(read(fixturesDir, 'invalid-two-nodes.json'));
		expect(result.ok).toBe(false);
		expect(!result.ok && result.errors).toEqual([
			'topology.nodes: a scale unit has 4 to 16 servers, got 2',
			'topology.server.core: unknown field, did you mean "cores"? (fields here: cores, memoryGiB, cacheDrives, capacityDrives)'
		]);
	});
});

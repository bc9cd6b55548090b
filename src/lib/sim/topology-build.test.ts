import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from './scenario/index';
import {
	buildTopology,
	HLH_HEIGHT_U,
	nodeName,
	RACK_HEIGHT_U,
	rackCount,
	SERVER_HEIGHT_U
} from './topology-build';
import type { RackSlot } from './topology';

function scenario(topology: Record<string, unknown>): Scenario {
	const result = parseScenario({
		format: 'stackscope.scenario',
		version: 1,
		name: 'Topology test',
		topology
	});
	if (!result.ok) throw new Error(result.errors.join('\n'));
	return result.scenario;
}

/** Every rack slot in use, for overlap checks. */
function slots(scenarioValue: Scenario): { name: string; slot: RackSlot }[] {
	const t = buildTopology(scenarioValue);
	return [
		...t.nodes.map((n) => ({ name: n.name, slot: n as RackSlot })),
		...t.switches.map((s) => ({ name: s.name, slot: s as RackSlot })),
		{ name: t.hlh.name, slot: t.hlh as RackSlot }
	];
}

describe('buildTopology', () => {
	it('describes a default 4-server scale unit', () => {
		const t = buildTopology(scenario({ nodes: 4 }));
		expect(t.name).toBe('Topology test');
		expect(t.racks).toEqual([{ id: 0, name: 'Rack 1', heightU: 42 }]);
		expect(t.nodes.map((n) => n.name)).toEqual(['Node01', 'Node02', 'Node03', 'Node04']);
		expect(t.nodes[0]).toMatchObject({
			id: 0,
			rack: 0,
			slotU: 1,
			heightU: 2,
			cores: 48,
			memoryGiB: 768,
			hostAddress: '10.20.30.11',
			bmcAddress: '10.20.31.11'
		});
		expect(t.nodes[3]).toMatchObject({ slotU: 7, hostAddress: '10.20.30.14' });
		expect(t.switches.map((s) => [s.name, s.kind, s.rack, s.slotU])).toEqual([
			['TOR1', 'tor', 0, 42],
			['TOR2', 'tor', 0, 41],
			['BMC', 'bmc', 0, 40]
		]);
		expect(t.hlh).toEqual({
			name: 'HLH',
			rack: 0,
			slotU: 40 - HLH_HEIGHT_U,
			heightU: HLH_HEIGHT_U
		});
	});

	it('lists each server drives cache first, then capacity, with names and bays', () => {
		const t = buildTopology(scenario({ nodes: 4 }));
		expect(t.drives).toHaveLength(4 * 10);
		const node2 = t.nodes[1].drives.map((id) => t.drives[id]);
		expect(node2.map((d) => d.name)).toEqual([
			'Node02 cache 1',
			'Node02 cache 2',
			...Array.from({ length: 8 }, (_, k) => `Node02 capacity ${k + 1}`)
		]);
		expect(node2.map((d) => d.bay)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(node2[0]).toMatchObject({ role: 'cache', media: 'nvme', sizeGB: 1600, node: 1 });
		expect(node2[2]).toMatchObject({ role: 'capacity', media: 'hdd', sizeGB: 4000, node: 1 });
	});

	it('has no cache drives for a single drive type', () => {
		const t = buildTopology(
			scenario({ nodes: 4, server: { capacityDrives: { media: 'nvme', count: 6 } } })
		);
		expect(t.drives.every((d) => d.role === 'capacity' && d.media === 'nvme')).toBe(true);
		expect(t.drives).toHaveLength(24);
	});

	it('draws 16 servers in two racks of 8', () => {
		const s = scenario({ nodes: 16, serversPerRack: 8 });
		const t = buildTopology(s);
		expect(rackCount(s)).toBe(2);
		expect(t.racks.map((r) => r.name)).toEqual(['Rack 1', 'Rack 2']);
		expect(t.nodes[8]).toMatchObject({ name: 'Node09', rack: 1, slotU: 1 });
		expect(t.nodes[15]).toMatchObject({
			name: 'Node16',
			rack: 1,
			slotU: 15,
			hostAddress: '10.20.30.26'
		});
	});

	it('is deterministic', () => {
		const s = scenario({ nodes: 7, serversPerRack: 5 });
		expect(buildTopology(s)).toEqual(buildTopology(s));
	});

	it('keeps counts, ids and rack slots consistent for every size and rack split', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 4, max: 16 }),
				fc.integer({ min: 4, max: 16 }),
				fc.integer({ min: 2, max: 12 }),
				(nodes, serversPerRack, capacity) => {
					const s = scenario({
						nodes,
						serversPerRack,
						server: { capacityDrives: { count: capacity }, cacheDrives: { count: 2 } }
					});
					const t = buildTopology(s);
					expect(t.racks).toHaveLength(Math.ceil(nodes / serversPerRack));
					expect(t.nodes).toHaveLength(nodes);
					expect(t.drives).toHaveLength(nodes * (capacity + 2));
					expect(t.switches).toHaveLength(3);
					t.nodes.forEach((n, i) => {
						expect(n.id).toBe(i);
						expect(n.name).toBe(nodeName(i));
						expect(n.heightU).toBe(SERVER_HEIGHT_U);
						for (const d of n.drives) expect(t.drives[d].node).toBe(i);
					});
					t.drives.forEach((d, i) => expect(d.id).toBe(i));
					expect(new Set(t.nodes.map((n) => n.hostAddress)).size).toBe(nodes);
					expect(new Set(t.nodes.map((n) => n.bmcAddress)).size).toBe(nodes);
					// Every slot fits its rack, and no two objects share a rack unit.
					const used = new Map<string, string>();
					for (const { name, slot } of slots(s)) {
						expect(slot.rack).toBeGreaterThanOrEqual(0);
						expect(slot.rack).toBeLessThan(t.racks.length);
						expect(slot.slotU).toBeGreaterThanOrEqual(1);
						expect(slot.slotU + slot.heightU - 1).toBeLessThanOrEqual(RACK_HEIGHT_U);
						for (let u = slot.slotU; u < slot.slotU + slot.heightU; u++) {
							const key = `${slot.rack}:${u}`;
							expect(used.get(key), `${name} overlaps ${used.get(key)} at ${key}`).toBeUndefined();
							used.set(key, name);
						}
					}
				}
			)
		);
	});

	it('keeps BMC addresses inside the example /26 (hosts .1 to .62)', () => {
		const t = buildTopology(scenario({ nodes: 16 }));
		for (const n of t.nodes) {
			const last = Number(n.bmcAddress.split('.')[3]);
			expect(last).toBeGreaterThanOrEqual(1);
			expect(last).toBeLessThanOrEqual(62);
		}
	});
});

/**
 * Topologies for the scene's tests (imported only by *.test.ts). They follow the layout of
 * sim/topology-build.ts (servers from the bottom, TOR1/TOR2/BMC and the HLH at the top of the
 * first rack) but are written out here so scene tests do not depend on the simulation's code.
 */
import type { DriveInfo, DriveMedia, NodeInfo, TopologyInfo } from '../sim/topology';

export interface TestTopologyOptions {
	serversPerRack?: number;
	cache?: { count: number; media: DriveMedia };
	capacity?: { count: number; media: DriveMedia };
	ports?: number;
}

/** A scale unit of `nodeCount` 2U servers, 42U racks, three 1U switches and a 1U HLH. */
export function makeTopology(nodeCount: number, options: TestTopologyOptions = {}): TopologyInfo {
	const perRack = options.serversPerRack ?? 16;
	const cache = options.cache ?? { count: 2, media: 'nvme' };
	const capacity = options.capacity ?? { count: 6, media: 'ssd' };
	const rackCount = Math.ceil(nodeCount / perRack);
	const drives: DriveInfo[] = [];
	const nodes: NodeInfo[] = [];
	for (let i = 0; i < nodeCount; i++) {
		const name = `Node${String(i + 1).padStart(2, '0')}`;
		const ids: number[] = [];
		for (const [role, spec] of [
			['cache', cache],
			['capacity', capacity]
		] as const) {
			for (let k = 0; k < spec.count; k++) {
				const id = drives.length;
				drives.push({
					id,
					name: `${name} ${role} ${k + 1}`,
					node: i,
					bay: ids.length,
					role,
					media: spec.media,
					sizeGB: 1920
				});
				ids.push(id);
			}
		}
		nodes.push({
			id: i,
			name,
			rack: Math.floor(i / perRack),
			slotU: 1 + (i % perRack) * 2,
			heightU: 2,
			cores: 32,
			memoryGiB: 384,
			bmcAddress: `10.20.31.${11 + i}`,
			hostAddress: `10.20.30.${11 + i}`,
			drives: ids
		});
	}
	const ports = options.ports ?? 48;
	return {
		name: `test-${nodeCount}`,
		racks: Array.from({ length: rackCount }, (_, id) => ({
			id,
			name: `Rack ${id + 1}`,
			heightU: 42
		})),
		nodes,
		drives,
		switches: (['TOR1', 'TOR2', 'BMC'] as const).map((name, id) => ({
			id,
			name,
			kind: name === 'BMC' ? 'bmc' : 'tor',
			ports,
			rack: 0,
			slotU: 42 - id,
			heightU: 1
		})),
		hlh: { name: 'HLH', rack: 0, slotU: 39, heightU: 1 }
	};
}

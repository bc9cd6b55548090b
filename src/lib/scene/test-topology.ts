/**
 * Topologies for the scene's tests (imported only by *.test.ts), built by the simulation's own
 * topology builder from a scenario, so the scene is tested against the layout it will really get.
 */
import { FrameReader, packFrame, type FrameIo, type FramePacket, type FrameVm } from '../sim/frame';
import { Health } from '../sim/health';
import { parseScenario } from '../sim/scenario/index';
import { buildTopology } from '../sim/topology-build';
import type { DriveMedia, SlbTopology, TopologyInfo } from '../sim/topology';

export interface TestTopologyOptions {
	serversPerRack?: number;
	cache?: { count: number; media: DriveMedia };
	capacity?: { count: number; media: DriveMedia };
	/** Ports per switch, to test denser switches than the simulation builds today. */
	ports?: number;
}

/** A scale unit of `nodeCount` servers as the simulation lays it out (racks of 16 by default). */
export function makeTopology(nodeCount: number, options: TestTopologyOptions = {}): TopologyInfo {
	const cache = options.cache ?? { count: 2, media: 'nvme' };
	const capacity = options.capacity ?? { count: 6, media: 'ssd' };
	const parsed = parseScenario({
		format: 'stackscope.scenario',
		version: 1,
		name: `test-${nodeCount}`,
		topology: {
			nodes: nodeCount,
			serversPerRack: options.serversPerRack ?? 16,
			server: {
				cacheDrives: { ...cache, sizeGB: 1600 },
				capacityDrives: { ...capacity, sizeGB: 1920 }
			}
		}
	});
	if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
	const topology = buildTopology(parsed.scenario);
	const { ports } = options;
	if (ports === undefined) return topology;
	return { ...topology, switches: topology.switches.map((s) => ({ ...s, ports })) };
}

/**
 * `topology` with a Software Load Balancer: by default two MUXes (on servers 0 and 2), a border
 * router "Border1" and two internet clients. Built by hand: the scene needs only the shape.
 */
export function withSlb(topology: TopologyInfo, slb: Partial<SlbTopology> = {}): TopologyInfo {
	return {
		...topology,
		slb: {
			muxes: [
				{ name: 'MUX01', host: 0 },
				{ name: 'MUX02', host: 2 }
			],
			router: { name: 'Border1' },
			clients: [
				{ name: 'client1', address: '198.51.100.10' },
				{ name: 'client2', address: '198.51.100.20' }
			],
			...slb
		}
	};
}

/** A frame source for `topology` with everything healthy and heartbeats 600 ms ago. */
export function healthyFrameSource(topology: TopologyInfo) {
	return {
		simTimeMs: 1000,
		logCount: 0,
		processed: 0,
		inputCount: 0,
		flags: 0,
		nextEventMs: Infinity,
		nodeHealth: new Array<number>(topology.nodes.length).fill(Health.healthy),
		nodePeersLost: new Array<number>(topology.nodes.length).fill(0),
		nodeMsSinceHeartbeat: new Array<number>(topology.nodes.length).fill(600),
		driveHealth: new Array<number>(topology.drives.length).fill(Health.healthy),
		switchHealth: new Array<number>(topology.switches.length).fill(Health.healthy),
		packets: [] as FramePacket[],
		io: [] as FrameIo[],
		vms: [] as FrameVm[]
	};
}

/** A packed frame for `topology`: all healthy, then `change` applied to the source. */
export function testFrame(
	topology: TopologyInfo,
	change: (source: ReturnType<typeof healthyFrameSource>) => void = () => {}
): FrameReader {
	const source = healthyFrameSource(topology);
	change(source);
	return new FrameReader().attach(packFrame(source));
}

/**
 * Builds the static hardware description (TopologyInfo) of a scenario: racks, servers, drives,
 * switches and the hardware lifecycle host. Pure and deterministic: the same scenario always gives
 * the same topology, and node i / drive j / switch k here are node i / drive j / switch k in frames.
 *
 * Rack layout is a drawing choice (FACTS.md describes no rack layout): servers fill each rack from
 * the bottom, the switches sit at the top of the first rack with the HLH below them. Racks after
 * the first hold servers only; their servers are cabled to the first rack's switches.
 */
import { BORDER_NAME, muxHost } from './net/model/slb-state';
import type { Scenario } from './scenario/schema';
import { muxName } from './scenario/slb-config';
import type { Simplification } from './simplifications';
import type {
	DriveInfo,
	HlhInfo,
	NodeInfo,
	RackInfo,
	SwitchInfo,
	SwitchKind,
	SlbTopology,
	TopologyInfo
} from './topology';

/** Rack height in rack units. Choice: the common 42U rack (FACTS 6.1 gives no rack layout). */
export const RACK_HEIGHT_U = 42;
/** Server height. Choice: 2U, room for the drive bays (FACTS 6.1 gives no hardware sizes). */
export const SERVER_HEIGHT_U = 2;
/** Switch height (TORs and the BMC switch). Choice: 1U (not in FACTS.md). */
export const SWITCH_HEIGHT_U = 1;
/** Hardware lifecycle host height. Choice: 1U (vendors ship 1U or 2U; not in FACTS.md). */
export const HLH_HEIGHT_U = 1;
/** Ports per switch. Choice: 48 ports; FACTS 6.1 names the networks but no port counts. */
export const TOR_PORTS = 48;
export const BMC_SWITCH_PORTS = 48;

/**
 * Example address ranges. FACTS 6.1 gives only the network sizes (infrastructure /24, BMC /26);
 * the prefixes here are made up, as every deployment chooses its own. Servers start at .11 so the
 * first addresses stay free for gateways and switches (choice).
 */
export const INFRASTRUCTURE_NETWORK = '10.20.30.0/24';
export const BMC_NETWORK = '10.20.31.0/26';
const INFRASTRUCTURE_PREFIX = '10.20.30.';
const BMC_PREFIX = '10.20.31.';
export const FIRST_HOST_OCTET = 11;

/** Switches at the top of the first rack, top down. */
const SWITCHES: readonly { name: string; kind: SwitchKind; ports: number }[] = [
	{ name: 'TOR1', kind: 'tor', ports: TOR_PORTS },
	{ name: 'TOR2', kind: 'tor', ports: TOR_PORTS },
	{ name: 'BMC', kind: 'bmc', ports: BMC_SWITCH_PORTS }
];

/** Display name of node `index` (0-based): "Node01", "Node02", ... */
export function nodeName(index: number): string {
	return `Node${String(index + 1).padStart(2, '0')}`;
}

/** Number of racks the scenario's servers are drawn in. */
export function rackCount(scenario: Scenario): number {
	return Math.ceil(scenario.topology.nodes / scenario.topology.serversPerRack);
}

/** Builds the topology of a validated scenario. */
export function buildTopology(scenario: Scenario): TopologyInfo {
	const { nodes: nodeCount, serversPerRack, server } = scenario.topology;
	const racks: RackInfo[] = [];
	for (let r = 0; r < rackCount(scenario); r++) {
		racks.push({ id: r, name: `Rack ${r + 1}`, heightU: RACK_HEIGHT_U });
	}

	const nodes: NodeInfo[] = [];
	const drives: DriveInfo[] = [];
	for (let i = 0; i < nodeCount; i++) {
		const name = nodeName(i);
		const driveIds: number[] = [];
		const addDrives = (role: 'cache' | 'capacity', spec: typeof server.capacityDrives) => {
			for (let k = 0; k < spec.count; k++) {
				const id = drives.length;
				drives.push({
					id,
					name: `${name} ${role} ${k + 1}`,
					node: i,
					bay: driveIds.length,
					role,
					media: spec.media,
					sizeGB: spec.sizeGB
				});
				driveIds.push(id);
			}
		};
		addDrives('cache', server.cacheDrives);
		addDrives('capacity', server.capacityDrives);
		nodes.push({
			id: i,
			name,
			rack: Math.floor(i / serversPerRack),
			slotU: 1 + (i % serversPerRack) * SERVER_HEIGHT_U,
			heightU: SERVER_HEIGHT_U,
			cores: server.cores,
			memoryGiB: server.memoryGiB,
			hostAddress: INFRASTRUCTURE_PREFIX + (FIRST_HOST_OCTET + i),
			bmcAddress: BMC_PREFIX + (FIRST_HOST_OCTET + i),
			drives: driveIds
		});
	}

	const switches: SwitchInfo[] = SWITCHES.map((s, id) => ({
		id,
		...s,
		rack: 0,
		slotU: RACK_HEIGHT_U - SWITCH_HEIGHT_U * (id + 1) + 1,
		heightU: SWITCH_HEIGHT_U
	}));
	const lowestSwitchU = Math.min(...switches.map((s) => s.slotU));
	const hlh: HlhInfo = {
		name: 'HLH',
		rack: 0,
		slotU: lowestSwitchU - HLH_HEIGHT_U,
		heightU: HLH_HEIGHT_U
	};

	const topology: TopologyInfo = { name: scenario.name, racks, nodes, drives, switches, hlh };
	if (scenario.slb === undefined) return topology;
	const slb: SlbTopology = {
		muxes: Array.from({ length: scenario.slb.muxes }, (_, i) => ({
			name: muxName(i),
			host: muxHost(i, nodeCount)
		})),
		router: { name: BORDER_NAME },
		clients: scenario.clients.map((c) => ({ name: c.name, address: c.address }))
	};
	return { ...topology, slb };
}

/** Where the hardware description departs from real deployments (shown to learners). */
export const TOPOLOGY_SIMPLIFICATIONS: readonly Simplification[] = [
	{
		id: 'topology.layout',
		title: 'Rack layout',
		detail:
			'Servers are drawn bottom-up, 2U each, with the two top-of-rack switches, the BMC switch and the hardware lifecycle host at the top of the first rack. Real layouts vary by hardware vendor; nothing simulated depends on where a server is drawn.',
		source: 'FACTS.md §6.1 (scale unit; no rack layout documented)'
	},
	{
		id: 'topology.addresses',
		title: 'Example addresses',
		detail: `Server addresses come from example ranges: infrastructure ${INFRASTRUCTURE_NETWORK} and BMC ${BMC_NETWORK}. Only the sizes (/24 and /26) are documented; each deployment chooses its own ranges.`,
		source: 'FACTS.md §6.1 "Networks"'
	},
	{
		id: 'topology.hardware',
		title: 'Server hardware',
		detail:
			'Cores, memory and drive sizes are example values. The drive rules are documented: a cache of the fastest type, at least two cache drives per server, and no all-HDD servers.',
		source: 'FACTS.md §1.7, §1.10'
	}
];

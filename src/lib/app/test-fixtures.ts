/**
 * Test data for the app and ui tests: a small topology, frames packed with the real codec and a
 * fake worker API that records its calls. Never imported by production code.
 */
import { packFrame } from '$lib/sim/frame';
import type { InputEvent, LogEntry } from '$lib/sim/kernel/types';
import type { PoolSummary } from '$lib/sim/storage/volume-request';
import type { DriveInfo, NodeInfo, TopologyInfo } from '$lib/sim/topology';
import type { HealthView } from './frame-view';
import type { SimHandle } from './session.svelte';
import type {
	AclRuleListing,
	ClusterView,
	DriveContentsView,
	InvariantResult,
	LoadResult,
	LogPage,
	LogQuery,
	NetworkView,
	PacketResult,
	SlbView,
	StorageView
} from '$lib/worker/protocol';

/** A tenant view like vxlan-two-tenants.json's: two tenants, two VMs each on Node01/Node02. */
export function makeNetwork(): NetworkView {
	const vm = (tenant: string, n: number, host: number) => ({
		name: `${tenant.toLowerCase()}-vm${n}`,
		tenant,
		virtualNetwork: `${tenant.toLowerCase()}-vnet`,
		subnet: 'app',
		host,
		hostName: `Node0${host + 1}`,
		ca: `10.0.1.${3 + n}`,
		mac: `00:1d:d8:00:00:0${n}`,
		pa: `10.10.56.${11 + host}`
	});
	const tenant = (name: string, vsid: number) => ({
		name,
		virtualNetworks: [
			{
				name: `${name.toLowerCase()}-vnet`,
				addressSpace: ['10.0.0.0/16'],
				subnets: [{ name: 'app', prefix: '10.0.1.0/24', vsid }]
			}
		]
	});
	return {
		tenants: [tenant('Contoso', 5001), tenant('Fabrikam', 6001)],
		vms: [vm('Contoso', 1, 0), vm('Contoso', 2, 1), vm('Fabrikam', 1, 0), vm('Fabrikam', 2, 1)]
	};
}

/** A topology of `nodeCount` servers with two drives each (NVMe cache + HDD capacity). */
export function makeTopology(nodeCount = 4): TopologyInfo {
	const drives: DriveInfo[] = [];
	const nodes: NodeInfo[] = [];
	for (let i = 0; i < nodeCount; i++) {
		const name = `Node${String(i + 1).padStart(2, '0')}`;
		const first = drives.length;
		drives.push(
			{
				id: first,
				name: `${name} cache 1`,
				node: i,
				bay: 0,
				role: 'cache',
				media: 'nvme',
				sizeGB: 1600
			},
			{
				id: first + 1,
				name: `${name} capacity 1`,
				node: i,
				bay: 1,
				role: 'capacity',
				media: 'hdd',
				sizeGB: 8000
			}
		);
		nodes.push({
			id: i,
			name,
			rack: 0,
			slotU: 10 + i * 2,
			heightU: 2,
			cores: 32,
			memoryGiB: 384,
			bmcAddress: `10.0.1.${i + 11}`,
			hostAddress: `10.0.2.${i + 11}`,
			drives: [first, first + 1]
		});
	}
	return {
		name: 'test',
		racks: [{ id: 0, name: 'Rack 1', heightU: 42 }],
		nodes,
		drives,
		switches: [
			{ id: 0, name: 'TOR1', kind: 'tor', ports: 48, rack: 0, slotU: 40, heightU: 1 },
			{ id: 1, name: 'TOR2', kind: 'tor', ports: 48, rack: 0, slotU: 39, heightU: 1 },
			{ id: 2, name: 'BMC', kind: 'bmc', ports: 48, rack: 0, slotU: 38, heightU: 1 }
		],
		hlh: { name: 'HLH', rack: 0, slotU: 2, heightU: 1 }
	};
}

/** A health view with every object healthy, then the given server codes applied. */
export function makeHealth(
	topology: TopologyInfo,
	nodeCodes: Record<number, number> = {}
): HealthView {
	return {
		nodes: topology.nodes.map((_, i) => nodeCodes[i] ?? 0),
		peersLost: topology.nodes.map(() => 0),
		drives: topology.drives.map(() => 0),
		switches: topology.switches.map(() => 0)
	};
}

/** Packs a frame for `topology` at `simTimeMs` with optional server health codes. */
export function makeFrame(
	topology: TopologyInfo,
	simTimeMs: number,
	options: { nodeHealth?: number[]; logCount?: number; inputCount?: number; packets?: number } = {}
): ArrayBuffer {
	const n = topology.nodes.length;
	const packet = { hop: 0, flags: 0, fromNode: 0, toNode: 0, progress: 0.5 };
	return packFrame({
		simTimeMs,
		logCount: options.logCount ?? 0,
		processed: 0,
		inputCount: options.inputCount ?? 0,
		flags: 0,
		nextEventMs: Infinity,
		nodeHealth: options.nodeHealth ?? new Array(n).fill(0),
		nodePeersLost: new Array(n).fill(0),
		nodeMsSinceHeartbeat: new Array(n).fill(0),
		driveHealth: new Array(topology.drives.length).fill(0),
		switchHealth: new Array(topology.switches.length).fill(0),
		packets: Array.from({ length: options.packets ?? 0 }, (_, i) => ({
			...packet,
			packetId: i + 1
		}))
	});
}

/** A log page as the worker would answer it for `entries` and `query`. */
export function pageFor(entries: LogEntry[], query: LogQuery): LogPage {
	const kindOf = (t: string) => t.split('.')[0];
	const names = ['node', 'peer', 'from', 'to', 'drive', 'switch'];
	const matching = entries
		.map((entry, index) => ({ index, entry }))
		.filter(({ entry }) => !query.kinds || query.kinds.includes(kindOf(entry.type)))
		.filter(({ entry }) => !query.object || names.some((f) => entry[f] === query.object));
	return {
		total: entries.length,
		matched: matching.length,
		entries: matching.slice(-(query.limit ?? 200)),
		kinds: [...new Set(entries.map((e) => kindOf(e.type)))].sort()
	};
}

/**
 * A fake worker: time moves as asked, `node.fail` / `node.restore` inputs change the server's
 * health, and every call is recorded. `gate` (when set) holds every time-changing call until
 * released, to observe what happens while a request is in flight.
 */
export function fakeSim(topology = makeTopology(), options: { durationMs?: number } = {}) {
	const state = {
		timeMs: 0,
		health: topology.nodes.map(() => 0),
		inputs: [] as InputEvent[],
		log: [] as LogEntry[],
		calls: [] as { method: string; args: unknown[] }[],
		discardNext: [] as InputEvent[],
		loadResult: null as LoadResult | null,
		gate: null as Promise<void> | null,
		terminated: false,
		network: makeNetwork() as NetworkView,
		invariants: [] as InvariantResult[],
		packets: new Map<number, PacketResult>(),
		capture: new Uint8Array([0x0a, 0x0d, 0x0d, 0x0a]),
		/** When set, the next addInput is refused with this message. */
		refuseNext: null as string | null,
		/** What slb() and storage() answer. */
		slb: null as SlbView | null,
		storage: null as StorageView | null,
		/** What cluster() answers (every server up, no witness, no update yet by default). */
		cluster: makeClusterView(topology.nodes.map((n) => n.name)) as ClusterView,
		/** What driveContents() answers. */
		driveContents: null as DriveContentsView | null,
		/** Effective firewall rules by VM, as aclRules answers them. */
		aclRules: {} as Record<string, AclRuleListing[]>,
		/** Simulated [start, end) ms spans during which one packet is in flight. */
		packetSpans: [] as [number, number][]
	};
	const inSpan = (t: number) => state.packetSpans.some(([a, b]) => t >= a && t < b);
	const frame = () =>
		makeFrame(topology, state.timeMs, {
			nodeHealth: state.health,
			logCount: state.log.length,
			inputCount: state.inputs.length,
			packets: inSpan(state.timeMs) ? 1 : 0
		});
	const record = async (method: string, args: unknown[]) => {
		state.calls.push({ method, args });
		if (state.gate) await state.gate;
	};
	const api: SimHandle['api'] = {
		async load() {
			state.calls.push({ method: 'load', args: [] });
			return (
				state.loadResult ?? {
					ok: true,
					name: 'Test',
					description: '',
					seed: 1,
					durationMs: options.durationMs ?? 60_000,
					topology,
					simplifications: [{ id: 's1', title: 'Fixed latency', detail: 'd', source: 'FACTS §1' }],
					frame: frame()
				}
			);
		},
		async seek(tMs, options) {
			await record('seek', options ? [tMs, options] : [tMs]);
			// Like the worker: a forward seek from a quiet moment stops where packets start.
			const start =
				options?.stopAtPackets && !inSpan(state.timeMs)
					? state.packetSpans.find(([a]) => a > state.timeMs && a <= tMs)?.[0]
					: undefined;
			state.timeMs = start ?? tMs;
			return { frame: frame() };
		},
		async step() {
			await record('step', []);
			state.timeMs += 1000;
			return { frame: frame() };
		},
		async stepBack() {
			await record('stepBack', []);
			state.timeMs = Math.max(0, state.timeMs - 1000);
			return { frame: frame() };
		},
		async addInput(input) {
			await record('addInput', [input]);
			if (state.refuseNext) {
				const message = state.refuseNext;
				state.refuseNext = null;
				throw new Error(message);
			}
			state.inputs.push(input);
			const node = Number(input.node);
			if (input.type === 'node.fail') state.health[node] = 2;
			if (input.type === 'node.restore') state.health[node] = 0;
			state.log.push({
				t: input.t,
				type: input.type,
				...(topology.nodes[node] ? { node: topology.nodes[node].name } : {}),
				input: true
			});
			const discarded = state.discardNext;
			state.discardNext = [];
			return { frame: frame(), discarded };
		},
		async inputs() {
			return [...state.inputs];
		},
		async queryLog(query) {
			state.calls.push({ method: 'queryLog', args: [query] });
			return pageFor(state.log, query);
		},
		async stateHash() {
			return `hash-${state.timeMs}`;
		},
		async packet(id) {
			state.calls.push({ method: 'packet', args: [id] });
			const packet = state.packets.get(id);
			if (!packet) throw new Error(`no packet #${id} in this run (yet)`);
			return packet;
		},
		async capture() {
			state.calls.push({ method: 'capture', args: [] });
			return state.capture.slice();
		},
		async invariants() {
			state.calls.push({ method: 'invariants', args: [] });
			return state.invariants;
		},
		async network() {
			return state.network;
		},
		async slb() {
			state.calls.push({ method: 'slb', args: [] });
			return state.slb;
		},
		async storage() {
			state.calls.push({ method: 'storage', args: [] });
			return state.storage;
		},
		async cluster() {
			state.calls.push({ method: 'cluster', args: [] });
			return state.cluster;
		},
		async driveContents(drive) {
			state.calls.push({ method: 'driveContents', args: [drive] });
			return state.driveContents;
		},
		async aclRules(vm) {
			state.calls.push({ method: 'aclRules', args: [vm] });
			const rules = state.aclRules[vm];
			if (!rules) throw new Error(`no VM named ${vm} in this scenario`);
			return rules;
		}
	};
	const handle: SimHandle = {
		api,
		terminate() {
			state.terminated = true;
		}
	};
	return { api, handle, state, topology };
}

type DriveIo = Pick<StorageView['drives'][number], 'iops' | 'busy' | 'queueMs' | 'dirtyBytes'>;
type VolumeIo = Pick<
	StorageView['volumes'][number],
	'resync' | 'staleBytes' | 'mirrorFull' | 'movedToParityBytes' | 'io' | 'offlineReason'
>;

/** A drive's IO fields with nothing running (StorageView drives). */
export const IDLE_DRIVE_IO: DriveIo = { iops: [], busy: [], queueMs: 0, dirtyBytes: 0 };

/** A volume's IO fields with nothing running and no resync (StorageView volumes). */
export const IDLE_VOLUME_IO: VolumeIo = {
	resync: { state: 'none', bytesTotal: 0, bytesDone: 0, startsAtMs: null },
	staleBytes: 0,
	offlineReason: null,
	mirrorFull: null,
	movedToParityBytes: 0,
	io: { iops: [], mbps: [], latencyMs: [], latencyMaxMs: [] }
};

/**
 * A pool as the volume rules read it (StorageView `pool.summary`): by default Azure Stack Hub, 4
 * hybrid servers with 4 × 4 TB HDD capacity drives each (64 TB raw), nothing allocated yet.
 * `allocatedBytes` is the footprint of the volumes already there.
 */
export function makePoolSummary(
	options: {
		platform?: PoolSummary['platform'];
		servers?: number;
		media?: PoolSummary['tiers'][number]['media'];
		drivesPerServer?: number;
		driveSizeBytes?: number;
		allocatedBytes?: number;
		volumeNames?: string[];
	} = {}
): PoolSummary {
	return {
		platform: options.platform ?? 'azure-stack-hub',
		servers: options.servers ?? 4,
		tiers: [
			{
				media: options.media ?? 'hdd',
				drivesPerServer: options.drivesPerServer ?? 4,
				driveSizeBytes: options.driveSizeBytes ?? 4e12,
				allocatedBytes: options.allocatedBytes ?? 0
			}
		],
		volumeNames: options.volumeNames ?? []
	};
}

/** Every state of each cluster machine, as the worker lists them (cluster-view.ts charts). */
export const CLUSTER_CHARTS: ClusterView['charts'] = {
	server: [
		'up',
		'draining',
		'paused',
		'updating',
		'rebooting',
		'failed',
		'isolated',
		'off',
		'joining'
	],
	update: [
		'idle',
		'running',
		'running.checking',
		'running.draining',
		'running.updating',
		'running.resuming',
		'running.resyncing',
		'paused',
		'done'
	],
	cluster: ['up', 'up.allMembers', 'up.membersMissing', 'down']
};

/**
 * The cluster view of rolling-update.json before the update: every server up with its vote and
 * a reachable cloud witness voting (5 of 5 votes), patch and update not started; web-set's three
 * VMs on Node01–Node03 in fault domains 0–2, all in update domain 0 (5 declared).
 */
export function makeClusterView(names = ['Node01', 'Node02', 'Node03', 'Node04']): ClusterView {
	const total = names.length + 1;
	return {
		servers: names.map((name) => ({
			name,
			state: 'up',
			reason: 'running and in the cluster',
			vote: 1,
			member: true
		})),
		quorum: {
			up: true,
			state: 'up.allMembers',
			explanation: `${total} of ${total} votes (${names.join(', ')} and the cloud witness): ${total} > ${total / 2}, the cluster is up.`,
			witness: 'cloud',
			witnessRunning: true,
			witnessVote: 1
		},
		update: { state: 'idle', order: [], current: null, updated: [], reason: null },
		vms: [
			{
				name: 'AzS-NC01',
				server: 'Node01',
				state: 'running',
				reason: 'running',
				availabilitySet: null,
				faultDomain: null,
				updateDomain: null,
				infrastructure: true
			},
			...[0, 1, 2].map((k) => ({
				name: `web-set-vm${k + 1}`,
				server: `Node0${k + 1}`,
				state: 'running' as const,
				reason: 'running',
				availabilitySet: 'web-set',
				faultDomain: k,
				updateDomain: 0,
				infrastructure: false
			}))
		],
		availabilitySets: [
			{ name: 'web-set', running: 3, total: 3, faultDomains: 3, updateDomains: 5 }
		],
		roles: [
			{
				role: 'ERCS',
				title: 'Emergency Recovery Console',
				purpose: 'hosts the privileged endpoint',
				running: 3,
				total: 3,
				servers: ['Node01', 'Node02', 'Node03']
			},
			{
				role: 'NC',
				title: 'Network Controller',
				purpose: 'the SDN control plane',
				running: 3,
				total: 3,
				servers: ['Node01', 'Node02', 'Node03']
			}
		],
		networkController: {
			replicas: ['Node01', 'Node02', 'Node03'].map((server, i) => ({
				name: `NC0${i + 1}`,
				server,
				up: true,
				primary: i === 0,
				state: 'running' as const
			})),
			writesRefused: null
		},
		charts: CLUSTER_CHARTS
	};
}

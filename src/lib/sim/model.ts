/**
 * The whole model: the servers of a scale unit, their drives and switches and the heartbeats
 * between them, with the cluster control plane (cluster/model), tenant networking (net/model) and
 * Storage Spaces Direct (storage/model) wired together. Events and inputs are routed here.
 */
import {
	createHeartbeatState,
	handleHeartbeatEvent,
	scheduleFirstHeartbeat,
	type HeartbeatState
} from './cluster/heartbeat';
import type { InputEvent, Model, SimContext, SimEvent } from './kernel/types';
import { createNetwork, handleNetEvent, handleNetInput, type NetState } from './net/model/index';
import type { Scenario } from './scenario/schema';
import {
	createStorageState,
	handleStorageEvent,
	handleStorageInput,
	backgroundTransfer,
	scheduleWorkloads,
	storageChanged,
	type StorageState,
	type StorageWorld
} from './storage/model/index';
import { buildTopology } from './topology-build';
import {
	CLUSTER_EVENTS,
	createClusterState,
	handleClusterEvent,
	handleClusterInput,
	NC_WRITES,
	ncWriteRefusal,
	syncWorkloadVms,
	workloadHost,
	type ClusterState,
	type ClusterWorld
} from './cluster/model/index';

/** The whole model state: plain, structured-cloneable data (the engine checkpoints it). */
export interface SimState {
	/** Display names of the servers, by node index ("Node01", ...). */
	nodeNames: string[];
	/**
	 * Whether each server serves its drives and runs VMs: up or draining (cluster/model keeps it
	 * from each server's lifecycle machine).
	 */
	nodeUp: boolean[];
	/** Whether each server's operating system runs and sends heartbeats. */
	serverRuns: boolean[];
	/** The cluster control plane: server machines, quorum, update orchestrator (cluster/model). */
	cluster: ClusterState;
	/** For each drive (TopologyInfo order), the index of its server. */
	driveNode: number[];
	/** Number of switches (TopologyInfo order); all healthy in this version. */
	switchCount: number;
	heartbeat: HeartbeatState;
	/** Tenant networking: policy, host agents, firewalls, packets and captures (net/model). */
	net: NetState;
	/** Storage Spaces Direct, for scenarios that create volumes (storage/model). */
	storage: StorageState | null;
}

/**
 * What the storage model reads and changes; a workload's IO comes from wherever the cluster runs
 * its VM at the time of `ctx`. Built once per model state (a restored checkpoint is a new state)
 * and engine context, not for every IO event.
 */
const storageWorlds = new WeakMap<SimState, { ctx: SimContext; world: StorageWorld }>();
function storageWorld(state: SimState, ctx: SimContext): StorageWorld {
	const known = storageWorlds.get(state);
	if (known && known.ctx === ctx && known.world.storage === state.storage) return known.world;
	const world: StorageWorld = {
		storage: state.storage!,
		nodeUp: state.nodeUp,
		vmHost: (w: number) =>
			workloadHost(state.cluster, state.storage!.io!.workloads[w].name, ctx.nowMs)
	};
	storageWorlds.set(state, { ctx, world });
	return world;
}

/** What the cluster control plane reads and changes. */
const clusterWorld = (state: SimState, ctx: SimContext): ClusterWorld => ({
	cluster: state.cluster,
	nodeNames: state.nodeNames,
	nodeUp: state.nodeUp,
	serverRuns: state.serverRuns,
	heartbeat: state.heartbeat,
	storage: state.storage,
	storageChanged: () => {
		if (state.storage) storageChanged(storageWorld(state, ctx), ctx);
	},
	migrationTraffic: (from, to, bytes, periodMs) => {
		const io = state.storage?.io;
		if (io) backgroundTransfer(io, from, to, ctx.nowMs, bytes, periodMs);
	}
});

/** The storage workloads, whose VMs the cluster runs. */
const workloadsOf = (state: SimState) => state.storage?.io?.workloads ?? [];

/** Why an input was not applied; logged as `input.ignored`. */
function ignore(ctx: SimContext, reason: string, node?: string): void {
	ctx.log('input.ignored', node === undefined ? { reason } : { node, reason });
}

/** Index of a valid server in an input, or undefined (and an `input.ignored` entry). */
function targetNode(state: SimState, input: InputEvent, ctx: SimContext): number | undefined {
	const node = input.node;
	if (typeof node !== 'number' || !Number.isInteger(node) || node < 0) {
		ignore(ctx, `${input.type} needs a server index, got ${JSON.stringify(node)}`);
		return undefined;
	}
	if (node >= state.nodeNames.length) {
		ignore(ctx, `no server ${node} in a ${state.nodeNames.length}-server scale unit`);
		return undefined;
	}
	return node;
}

/** The StackScope model, plugged into the kernel's Engine. */
export const stackScopeModel: Model<SimState, Scenario> = {
	// Captured frames never change once recorded: checkpoints keep the count, not copies.
	appendOnly: [
		{
			get: (state) => state.net.captures,
			set: (state, list) => (state.net.captures = list as SimState['net']['captures'])
		}
	],

	init(scenario: Scenario, ctx: SimContext): SimState {
		const topology = buildTopology(scenario);
		const { delayMs, threshold } = scenario.cluster.heartbeat;
		const state: SimState = {
			nodeNames: topology.nodes.map((n) => n.name),
			nodeUp: topology.nodes.map(() => true),
			serverRuns: topology.nodes.map(() => true),
			cluster: createClusterState(
				topology.nodes.length,
				scenario.cluster.witness,
				scenario.cluster.heartbeat,
				{
					memoryGB: topology.nodes[0]?.memoryGiB ?? 0,
					sets: scenario.cluster.availabilitySets,
					log: (type, data) => ctx.log(type, data)
				}
			),
			driveNode: topology.drives.map((d) => d.node),
			switchCount: topology.switches.length,
			heartbeat: createHeartbeatState(topology.nodes.length, delayMs, threshold),
			net: createNetwork(
				scenario,
				topology.nodes.map((n) => n.name),
				ctx
			),
			storage: createStorageState(topology, scenario.storage, ctx.rng)
		};
		syncWorkloadVms(state.cluster, workloadsOf(state));
		scheduleWorkloads(scenario.storage?.workloads ?? [], ctx);
		for (let i = 0; i < topology.nodes.length; i++) scheduleFirstHeartbeat(state.heartbeat, i, ctx);
		return state;
	},

	handle(state: SimState, event: SimEvent, ctx: SimContext): void {
		if (handleHeartbeatEvent(state.heartbeat, state.serverRuns, state.nodeNames, event, ctx)) {
			return;
		}
		if (CLUSTER_EVENTS.has(event.type)) {
			handleClusterEvent(clusterWorld(state, ctx), event.type, event.data, ctx);
			return;
		}
		if (handleNetEvent(state, event.type, event.data, ctx)) return;
		if (
			state.storage &&
			handleStorageEvent(storageWorld(state, ctx), event.type, event.data, ctx)
		) {
			return;
		}
		// Only this model schedules events, so an unknown type is a bug; log it rather than crash.
		ctx.log('model.unknown-event', { event: event.type });
	},

	input(state: SimState, input: InputEvent, ctx: SimContext): void {
		switch (input.type) {
			case 'node.fail':
			case 'node.restore':
			case 'node.drain':
			case 'node.resume':
			case 'node.shutdown':
			case 'node.isolate': {
				if (targetNode(state, input, ctx) === undefined) return;
				handleClusterInput(clusterWorld(state, ctx), input, ctx);
				return;
			}
			case 'update.start':
			case 'witness.set':
			case 'witness.fail':
			case 'witness.restore':
				handleClusterInput(clusterWorld(state, ctx), input, ctx);
				return;
			default: {
				// Northbound changes go through the Network Controller, which needs a majority.
				// A workload defined anew creates a VM, whose network the Network Controller sets up.
				const newVm =
					input.type === 'workload.define' &&
					state.cluster.workloadVms[String(input.name)] === undefined;
				const refusal =
					NC_WRITES.includes(input.type) || newVm ? ncWriteRefusal(state.cluster.vms) : null;
				if (refusal) return ignore(ctx, `${input.type} refused: ${refusal}`);
				if (input.type === 'vm.create') {
					handleClusterInput(clusterWorld(state, ctx), input, ctx);
					return;
				}
				if (handleNetInput(state, input, ctx)) return;
				if (state.storage && handleStorageInput(storageWorld(state, ctx), input, ctx)) {
					if (input.type === 'workload.define') syncWorkloadVms(state.cluster, workloadsOf(state));
					return;
				}
				ignore(ctx, `unknown input type ${JSON.stringify(input.type)}`);
			}
		}
	}
};

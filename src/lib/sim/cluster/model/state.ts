/**
 * The cluster control plane in the model state: each server's lifecycle machine, the cluster
 * quorum (quorum.ts), the patch-and-update orchestrator, and the cluster invariants. Plain data,
 * cloned by checkpoints; the machines are stored as records (machines/runner.ts).
 */
import { newInvariantRecord, type InvariantRecord } from '../../invariants/record';
import { createQuorum, type ClusterQuorum, type WitnessKind } from '../quorum';
import { startMachine, type MachineRecord } from '../machines/runner';
import { serverMachine, type ServerContext } from '../machines/server.machine';
import { clusterMachine, type ClusterContext } from '../machines/cluster.machine';
import { updateMachine, type UpdateContext } from '../machines/update.machine';
import { createNetworkController, type NetworkControllerState } from './nc';
import { createVms, type AvailabilitySetSpec, type VmState } from './vms';

export interface ClusterState {
	servers: MachineRecord<ServerContext>[];
	/** Per server: bumped at every lifecycle change, so a stale timer is ignored. */
	seq: number[];
	/** Per server: when it crashed or was cut off (null while it runs). */
	silentSinceMs: (number | null)[];
	/** Per server: when the cluster declared it down (its ungraceful departures, for quarantine). */
	departuresMs: number[][];
	quorum: ClusterQuorum;
	/** The cluster as a whole: up with every member, up with members missing, or down. */
	machine: MachineRecord<ClusterContext>;
	update: MachineRecord<UpdateContext>;
	/** Infrastructure and tenant VMs (vms.ts), and each server's memory for placing them. */
	vms: VmState[];
	/** The scenario's availability sets, for VMs created into them later (vm-create.ts). */
	sets: AvailabilitySetSpec[];
	/** Index in `vms` of each storage workload's VM, by workload name. */
	workloadVms: Record<string, number>;
	hostMemoryGB: number;
	/** The Network Controller's replicas (nc.ts). */
	nc: NetworkControllerState;
	/** Simulated ms from a crash or isolation to the cluster declaring the server down. */
	detectMs: number;
	invariants: {
		oneInMaintenance: InvariantRecord;
		drainedBeforeReboot: InvariantRecord;
		upWithMajority: InvariantRecord;
	};
}

/**
 * The cluster at time 0: every server up and voting. CHOICE (FACTS §7, §9.17): the cluster
 * declares a silent server down one heartbeat period after delay × threshold, when its peers'
 * checks have all passed the limit.
 */
export function createClusterState(
	nodes: number,
	witness: Exclude<WitnessKind, 'disk'>,
	heartbeat: { delayMs: number; threshold: number },
	compute: {
		memoryGB: number;
		sets: readonly AvailabilitySetSpec[];
		log: (type: string, data: Record<string, string | number>) => void;
	}
): ClusterState {
	return {
		vms: createVms(nodes, compute.memoryGB, compute.sets, compute.log),
		sets: compute.sets.map((s) => ({ ...s })),
		workloadVms: {},
		hostMemoryGB: compute.memoryGB,
		servers: Array.from({ length: nodes }, () => startMachine<ServerContext>(serverMachine).record),
		seq: new Array<number>(nodes).fill(0),
		silentSinceMs: new Array<number | null>(nodes).fill(null),
		departuresMs: Array.from({ length: nodes }, () => []),
		quorum: createQuorum(nodes, witness),
		machine: startMachine<ClusterContext>(clusterMachine).record,
		update: startMachine<UpdateContext>(updateMachine).record,
		nc: createNetworkController(),
		detectMs: heartbeat.delayMs * (heartbeat.threshold + 1),
		invariants: {
			oneInMaintenance: newInvariantRecord(),
			drainedBeforeReboot: newInvariantRecord(),
			upWithMajority: newInvariantRecord()
		}
	};
}

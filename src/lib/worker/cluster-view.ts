/**
 * The Cluster panel's view of a running simulation (protocol.ts ClusterView): each server's
 * lifecycle state and vote, the quorum arithmetic, the update orchestrator's progress, the VMs
 * with their availability sets' fault and update domains, and the states of each machine for the
 * statechart view.
 */
import { machineStates, stateName } from '../sim/cluster/machines/runner';
import { clusterMachine } from '../sim/cluster/machines/cluster.machine';
import { serverMachine } from '../sim/cluster/machines/server.machine';
import { updateMachine } from '../sim/cluster/machines/update.machine';
import { explain } from '../sim/cluster/quorum';
import { ncWriteRefusal, replicaName, replicaVms } from '../sim/cluster/model/nc';
import { setAvailability } from '../sim/cluster/model/vms';
import { INFRASTRUCTURE_ROLES } from '../sim/cluster/vms/roles';
import type { Simulation } from '../sim/index';
import type { ClusterView } from './protocol';

/**
 * FACTS §6.4: Azure Stack Hub shows every VM of an availability set in update domain 0
 * (placeInAvailabilitySet returns it; the cluster model does not store it).
 */
const HUB_UPDATE_DOMAIN = 0;

export function clusterView(sim: Simulation): ClusterView {
	const { cluster, nodeNames } = sim.state;
	const declared = new Map(sim.scenario.cluster.availabilitySets.map((s) => [s.name, s]));
	const { quorum, update } = cluster;
	const name = (i: number | undefined) => (i === undefined ? null : (nodeNames[i] ?? null));
	const updating = stateName(update).startsWith('running') || stateName(update) === 'paused';
	return {
		servers: cluster.servers.map((r, i) => ({
			name: nodeNames[i],
			state: stateName(r),
			reason: r.context.reason,
			vote: quorum.nodeVote[i],
			member: quorum.nodeRunning[i]
		})),
		quorum: {
			up: quorum.up,
			state: stateName(cluster.machine),
			explanation: explain(quorum),
			witness: quorum.witness,
			witnessRunning: quorum.witnessRunning,
			witnessVote: quorum.witnessVote
		},
		update: {
			state: stateName(update),
			order: update.context.order.map((i) => nodeNames[i]),
			current: updating ? name(update.context.order[update.context.index]) : null,
			updated: update.context.updated.map((i) => nodeNames[i]),
			reason: update.context.reason
		},
		vms: cluster.vms.map((vm) => ({
			name: vm.name,
			server: nodeNames[vm.server],
			state: vm.state,
			reason: vm.reason,
			availabilitySet: vm.availabilitySet,
			faultDomain: vm.faultDomain ?? null,
			updateDomain: vm.availabilitySet === null ? null : HUB_UPDATE_DOMAIN,
			infrastructure: vm.infrastructure === true
		})),
		availabilitySets: setAvailability(cluster.vms).map((set) => {
			// A set's VMs are created only from the scenario's sets (cluster/model/vms.ts).
			const { faultDomains, updateDomains } = declared.get(set.name)!;
			return { ...set, faultDomains, updateDomains };
		}),
		roles: INFRASTRUCTURE_ROLES.map((r) => {
			const mine = cluster.vms.filter((vm) => vm.role === r.role);
			const running = mine.filter((vm) => vm.state === 'running' || vm.state === 'migrating');
			return {
				role: r.role,
				title: r.title,
				purpose: r.purpose,
				running: running.length,
				total: mine.length,
				servers: [...new Set(running.map((vm) => nodeNames[vm.server]))]
			};
		}),
		networkController: {
			replicas: replicaVms(cluster.vms).map((vm, i) => ({
				name: replicaName(i),
				server: nodeNames[vm.server],
				up: vm.state === 'running' || vm.state === 'migrating',
				state: vm.state,
				primary: cluster.nc.primary === i
			})),
			writesRefused: ncWriteRefusal(cluster.vms)
		},
		charts: {
			server: machineStates(serverMachine),
			update: machineStates(updateMachine),
			cluster: machineStates(clusterMachine)
		}
	};
}

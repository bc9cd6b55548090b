/**
 * The Network Controller's replicas (FACTS §5.1): three VMs on three different servers, one the
 * primary; when the primary's server goes, a secondary is promoted at once; writes (the
 * northbound API: ACL rules, VM moves) need a majority, 2 of 3, while the data plane keeps
 * forwarding with the tables it has.
 */
import type { SimContext } from '../../kernel/types';
import type { Simplification } from '../../simplifications';
import type { VmState } from './vms';

/** FACTS §5.1: 1 primary + 2 secondaries. */
export const NC_REPLICAS = 3;

export interface NetworkControllerState {
	/** Index of the primary replica (0 = NC01), or −1 when none runs. */
	primary: number;
}

/** Inputs that go through the Network Controller's northbound API. */
export const NC_WRITES: readonly string[] = ['acl.add', 'acl.remove', 'vm.move', 'vm.create'];

/** The replicas start as the NC VMs do (cluster/vms/roles.ts: NC01–NC03 on Node01–Node03). */
export function createNetworkController(): NetworkControllerState {
	return { primary: 0 };
}

export const replicaName = (i: number) => `NC0${i + 1}`;

/** The replicas' VMs, NC01…NC03, as placed now (a VM moves when it migrates or restarts). */
export function replicaVms(vms: readonly VmState[]): VmState[] {
	return Array.from({ length: NC_REPLICAS }, (_, i) =>
		vms.find((v) => v.name === `AzS-NC0${i + 1}`)
	).filter((v): v is VmState => v !== undefined);
}

/** Replicas whose VM runs (live migration keeps it running). */
export function replicasUp(vms: readonly VmState[]): number[] {
	return replicaVms(vms).flatMap((v, i) =>
		v.state === 'running' || v.state === 'migrating' ? [i] : []
	);
}

/** Why a northbound write is refused now, or null when a majority of replicas runs. */
export function ncWriteRefusal(vms: readonly VmState[]): string | null {
	const up = replicasUp(vms).length;
	if (up * 2 > NC_REPLICAS) return null;
	return `the Network Controller has ${up} of ${NC_REPLICAS} replicas running and writes need ${Math.floor(NC_REPLICAS / 2) + 1} (FACTS §5.1); the data plane keeps forwarding with the tables it has`;
}

/** After VMs change: promote a secondary if the primary's VM stopped (logged). */
export function ncChanged(
	nc: NetworkControllerState,
	vms: readonly VmState[],
	names: readonly string[],
	ctx: SimContext
): void {
	const up = replicasUp(vms);
	const primary = nc.primary >= 0 && up.includes(nc.primary) ? nc.primary : (up[0] ?? -1);
	if (primary === nc.primary) return;
	nc.primary = primary;
	if (primary < 0) {
		ctx.log('nc.primary-lost', { reason: 'no Network Controller replica runs' });
		return;
	}
	ctx.log('nc.primary', {
		replica: replicaName(primary),
		node: names[replicaVms(vms)[primary].server],
		replicasUp: up.length
	});
}

export const NC_SIMPLIFICATIONS: readonly Simplification[] = [
	{
		id: 'cluster.network-controller',
		title: 'Network Controller replicas',
		detail:
			"NC01–NC03 run on the first three servers; a replica is down while its server does not run VMs (a drained server's replica is not live-migrated). The primary is the lowest-numbered running replica, promoted at once. ACL changes and VM moves are refused without 2 of 3 replicas; the data plane keeps the last tables. The Service Fabric services and their stores are not modelled.",
		source: 'FACTS.md §5.1, §9.15'
	}
];

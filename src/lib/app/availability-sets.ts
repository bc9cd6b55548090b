/**
 * Pure helpers for the Cluster panel's availability sets (FACTS §6.4): which servers each fault
 * domain's VMs are on, the declared update domains in words, and where Azure would put each VM
 * for the same declared count, next to Azure Stack Hub's update domain 0. No DOM.
 */
import {
	AVAILABILITY_SET_COMPARISON,
	azureUpdateDomain,
	MAX_UPDATE_DOMAINS
} from '$lib/sim/cluster/vms/sets';
import type { ClusterView } from '$lib/worker/protocol';

export { AVAILABILITY_SET_COMPARISON };

export type ClusterSet = ClusterView['availabilitySets'][number];
export type ClusterVm = ClusterView['vms'][number];

/** The VM's number in its set: k in "<set>-vm<k>" (schema-cluster.ts names them so). */
export function vmNumber(setName: string, vmName: string): number | null {
	const prefix = `${setName}-vm`;
	if (!vmName.startsWith(prefix)) return null;
	const k = Number(vmName.slice(prefix.length));
	return Number.isInteger(k) && k >= 1 ? k : null;
}

/** The set's VMs in the order they were created (by their number, then name). */
export function setMembers(set: Pick<ClusterSet, 'name'>, vms: readonly ClusterVm[]): ClusterVm[] {
	const k = (vm: ClusterVm) => vmNumber(set.name, vm.name) ?? Infinity;
	return vms
		.filter((vm) => vm.availabilitySet === set.name)
		.sort((a, b) => k(a) - k(b) || a.name.localeCompare(b.name));
}

/** One fault domain of a set: the servers its VMs are on now, in order of first VM. */
export interface FaultDomainUse {
	faultDomain: number;
	servers: string[];
}

/** Each fault domain the set's VMs are in, lowest first, with the servers they are on now. */
export function faultDomainsUsed(
	set: Pick<ClusterSet, 'name'>,
	vms: readonly ClusterVm[]
): FaultDomainUse[] {
	const byDomain = new Map<number, string[]>();
	for (const vm of setMembers(set, vms)) {
		if (vm.faultDomain === null) continue;
		const servers = byDomain.get(vm.faultDomain) ?? [];
		if (!servers.includes(vm.server)) servers.push(vm.server);
		byDomain.set(vm.faultDomain, servers);
	}
	return [...byDomain]
		.sort(([a], [b]) => a - b)
		.map(([faultDomain, servers]) => ({ faultDomain, servers }));
}

/** "fault domain 0 on Node01; fault domain 1 on Node02 and Node03", or "no fault domain yet …". */
export function faultDomainWords(used: readonly FaultDomainUse[]): string {
	if (used.length === 0) return 'no fault domain yet (none of them is placed)';
	return used.map((u) => `fault domain ${u.faultDomain} on ${listWords(u.servers)}`).join('; ');
}

/** The declared update domains and what Azure Stack Hub does instead (FACTS §6.4). */
export function updateDomainWords(set: Pick<ClusterSet, 'updateDomains'>): string {
	return `declared ${set.updateDomains}, but Azure Stack Hub puts every VM in update domain 0: a host update live-migrates the VMs off instead of rebooting them domain by domain`;
}

/** One VM's update domain here and where Azure would put it for the set's declared count. */
export interface UpdateDomainRow {
	vm: string;
	/** Its update domain on Azure Stack Hub (0 for every set member). */
	stackHub: number | null;
	/** (k − 1) mod count on Azure (FACTS §6.4), or null when k or the count is unusable. */
	azure: number | null;
}

/** For each of the set's VMs in order: its update domain here and on Azure. */
export function updateDomainRows(set: ClusterSet, vms: readonly ClusterVm[]): UpdateDomainRow[] {
	const count = set.updateDomains;
	const usable = Number.isInteger(count) && count >= 1 && count <= MAX_UPDATE_DOMAINS;
	return setMembers(set, vms).map((vm) => {
		const k = vmNumber(set.name, vm.name);
		return {
			vm: vm.name,
			stackHub: vm.updateDomain,
			azure: usable && k !== null ? azureUpdateDomain(k, count) : null
		};
	});
}

/** "a", "a and b", "a, b and c". */
function listWords(items: readonly string[]): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * Availability sets on Azure Stack Hub (FACTS §6.4): 2 or 3 fault domains, one server each; the
 * update domains a template declares are accepted but every VM is in update domain 0. Placement
 * itself is placement.ts; Azure's rules are here only for the comparison shown to learners.
 */
import {
	placeVm,
	refuse,
	type PlacedVm,
	type PlaceOptions,
	type Refusal,
	type Server
} from './placement';

/** FACTS §6.4: an availability set on Azure Stack Hub has 2 or 3 fault domains. */
export const MIN_FAULT_DOMAINS = 2;
export const MAX_FAULT_DOMAINS = 3;
/** FACTS §6.4: up to 20 update domains are accepted (for template compatibility), all shown as 0. */
export const MAX_UPDATE_DOMAINS = 20;
/** FACTS §6.4: Azure's default number of update domains, for the comparison. */
export const AZURE_DEFAULT_UPDATE_DOMAINS = 5;

/** An availability set (FACTS §6.4). */
export interface AvailabilitySet {
	readonly name: string;
	/** 2 or 3 on Azure Stack Hub. */
	readonly faultDomains: number;
	/** Accepted up to 20 for template compatibility; every VM still shows update domain 0. */
	readonly updateDomains?: number;
}

export type SetPlacement =
	| {
			readonly ok: true;
			readonly server: number;
			/** k mod fault domains, k the VM's 0-based index in the set. */
			readonly faultDomain: number;
			/** Always 0 on Azure Stack Hub (FACTS §6.4). */
			readonly updateDomain: 0;
	  }
	| Refusal;

/** Checks `set` against Azure Stack Hub's rules (FACTS §6.4); null when it is fine. */
export function validateAvailabilitySet(set: AvailabilitySet): Refusal | null {
	const fd = set.faultDomains;
	if (!Number.isInteger(fd) || fd < MIN_FAULT_DOMAINS || fd > MAX_FAULT_DOMAINS) {
		return refuse(
			'InvalidAvailabilitySet',
			`availability set ${set.name}: Azure Stack Hub supports ${MIN_FAULT_DOMAINS} or ${MAX_FAULT_DOMAINS} fault domains (at most ${MAX_FAULT_DOMAINS}; FACTS §6.4), not ${fd}`
		);
	}
	const ud = set.updateDomains ?? 1;
	if (!Number.isInteger(ud) || ud < 1 || ud > MAX_UPDATE_DOMAINS) {
		return refuse(
			'InvalidAvailabilitySet',
			`availability set ${set.name}: 1 to ${MAX_UPDATE_DOMAINS} update domains are accepted (every VM shows update domain 0 on Azure Stack Hub; FACTS §6.4), not ${ud}`
		);
	}
	return null;
}

/** FACTS §6.4: on Azure Stack Hub, VM `index` (0-based) of a set is in fault domain index mod FDs. */
export function stackHubFaultDomain(index: number, faultDomains: number): number {
	return index % faultDomains;
}

/**
 * FACTS §6.4, for comparison: on Azure, the k-th VM of a set (k from 1) is in update domain
 * (k−1) mod count, so with the default 5 the 6th VM shares update domain 0 with the 1st.
 */
export function azureUpdateDomain(k: number, count = AZURE_DEFAULT_UPDATE_DOMAINS): number {
	if (!Number.isInteger(k) || k < 1) throw new RangeError(`k counts VMs from 1; got ${k}`);
	if (!Number.isInteger(count) || count < 1 || count > MAX_UPDATE_DOMAINS) {
		throw new RangeError(`Azure allows 1 to ${MAX_UPDATE_DOMAINS} update domains; got ${count}`);
	}
	return (k - 1) % count;
}

/**
 * A new VM of availability set `set` (FACTS §6.4): its fault domain is k mod FDs, k the number of
 * VMs already in the set (those in `existing` whose group is the set's name); its update domain
 * is 0; its server is the one `placeVm` picks, away from the set's other VMs when possible.
 */
export function placeInAvailabilitySet(
	servers: readonly Server[],
	set: AvailabilitySet,
	vm: { readonly name: string; readonly memoryGB: number },
	existing: readonly PlacedVm[],
	options: PlaceOptions = {}
): SetPlacement {
	const invalid = validateAvailabilitySet(set);
	if (invalid) return invalid;
	const k = existing.filter((p) => p.antiAffinityGroup === set.name).length;
	const faultDomain = stackHubFaultDomain(k, set.faultDomains);
	const placed = placeVm(
		servers,
		{ ...vm, antiAffinityGroup: set.name, faultDomain },
		existing,
		options
	);
	if (!placed.ok) return placed;
	return { ok: true, server: placed.server, faultDomain, updateDomain: 0 };
}

/** How availability sets differ between Azure Stack Hub and Azure (FACTS §6.4), for learners. */
export const AVAILABILITY_SET_COMPARISON: readonly {
	readonly aspect: string;
	readonly stackHub: string;
	readonly azure: string;
}[] = [
	{
		aspect: 'Fault domains',
		stackHub: '2 or 3, at most 3; one fault domain is one server (node)',
		azure: 'up to 3 (2 or 3 with managed disks, depending on the region; 2 for Classic)'
	},
	{
		aspect: 'Update domains',
		stackHub:
			'one: every VM shows update domain 0; up to 20 are accepted so Azure templates deploy',
		azure: 'up to 20, default 5, fixed when the set is created'
	},
	{
		aspect: 'Update domain of the k-th VM',
		stackHub: 'always 0',
		azure: '(k − 1) mod count: with 5, the 6th VM shares update domain 0 with the 1st'
	},
	{
		aspect: 'Host update',
		stackHub: 'VMs are live-migrated off the server being updated, without a reboot',
		azure: 'one update domain at a time, each given 30 minutes to recover'
	},
	{
		aspect: 'Hardware fault',
		stackHub:
			"the failed server's VMs restart on other servers, apart from their set's other VMs when possible, and are rebalanced when it returns",
		azure: '—'
	}
];

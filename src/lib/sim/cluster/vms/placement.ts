/**
 * Where VMs run (FACTS §6.3, §6.4, §7): pure, deterministic rules over plain data. Given the
 * servers and the VMs already placed, they say which server a new VM goes to, where the VMs of a
 * failed server restart and where a drained server's VMs live-migrate, or why not, in words
 * that name the numbers. Nothing here keeps state or reads a clock; inputs are never mutated.
 *
 * Server i is shown as Node01 for i = 0. Memory is in GB (decimal, as Microsoft's capacity
 * pages write it); times are in simulated milliseconds.
 */
import type { Simplification } from '../../simplifications';
import { nodeName } from '../quorum';
import {
	HOST_OVERHEAD_GB_PER_NODE,
	INFRASTRUCTURE_ROLE_SIMPLIFICATIONS,
	INFRASTRUCTURE_VM_MEMORY_GB
} from './roles';

/** FACTS §6.3: R, the share of the other servers' memory kept free for resiliency. */
export const RESILIENCY_RESERVE_FRACTION = 0.15;
/** FACTS §6.3 (1901+): at most 60 VMs on one server (`VMsPerScaleUnitNodeLimitExceeded`). */
export const VM_LIMIT_PER_SERVER = 60;
/** FACTS §6.3 (1901+): at most 700 VMs in a scale unit (`VMsPerScaleUnitLimitExceeded`). */
export const VM_LIMIT_PER_SCALE_UNIT = 700;
/** FACTS §6.4: an availability set on Azure Stack Hub has 2 or 3 fault domains. */
export const MIN_FAULT_DOMAINS = 2;
export const MAX_FAULT_DOMAINS = 3;
/** FACTS §6.4: up to 20 update domains are accepted (for template compatibility), all shown as 0. */
export const MAX_UPDATE_DOMAINS = 20;
/** FACTS §6.4: Azure's default number of update domains, for the comparison. */
export const AZURE_DEFAULT_UPDATE_DOMAINS = 5;

/**
 * CHOICE (FACTS §9.19 "detection (~10 s) + a configurable boot time (e.g. 60 s)"; §7 "restart
 * time undocumented"): a VM restarted after its server failed runs again 60 s after the cluster
 * declares the server down. Detection itself belongs to the heartbeat model.
 */
export const VM_RESTART_BOOT_MS = 60_000;

/**
 * CHOICE (FACTS §7: drain live-migrates, "a few minutes"; no speed given): live migration copies
 * a VM's memory at 1 s per GB, about what a 10 Gb/s storage/live-migration network moves with
 * its overheads; a drain migrates one VM at a time.
 */
export const LIVE_MIGRATION_MS_PER_GB = 1000;

/** Memory comparisons allow this much rounding slack (GB). */
const EPSILON_GB = 1e-9;

/** A server as the placement rules see it. */
export interface Server {
	/** Whether it can run VMs now (false: failed, paused, drained, off). */
	readonly up: boolean;
	/** Physical memory (GB). All servers of a scale unit have the same (FACTS §6.1). */
	readonly memoryGB: number;
	/** Memory in use (GB): host overhead, infrastructure VMs and tenant VMs placed here. */
	readonly usedGB: number;
	/**
	 * Tenant VMs placed here, counted against the 60 and 700 limits. CHOICE (FACTS §6.3 does not
	 * say whether the limits include the hub's own VMs): infrastructure VMs are not counted.
	 */
	readonly vmCount: number;
}

/** A VM the rules may place, restart or move. */
export interface VmRequest {
	/** Unique among the VMs passed together. */
	readonly name: string;
	readonly memoryGB: number;
	/** VMs with the same group sit on different servers when possible (an availability set). */
	readonly antiAffinityGroup?: string;
	/** Its fault domain within its availability set (FACTS §6.4), if in one. */
	readonly faultDomain?: number;
	/** An infrastructure VM (roles.ts): not a tenant VM for the reserve's "largest VM". */
	readonly infrastructure?: boolean;
}

/** A VM that has a server. */
export interface PlacedVm extends VmRequest {
	/** Index of its server (0 is Node01). */
	readonly server: number;
}

/** Why a placement was refused. The first two are Azure Stack Hub's own error names. */
export type PlacementCode =
	| 'VMsPerScaleUnitNodeLimitExceeded'
	| 'VMsPerScaleUnitLimitExceeded'
	| 'NotEnoughMemory'
	| 'NoServerRunning'
	| 'ServerNotRunning'
	| 'InvalidAvailabilitySet'
	| 'InvalidRequest';

export interface Refusal {
	readonly ok: false;
	readonly code: PlacementCode;
	/** One sentence for the learner, with the numbers. */
	readonly reason: string;
}

export type Placement = { readonly ok: true; readonly server: number } | Refusal;

export interface PlaceOptions {
	/**
	 * Keep the resiliency reserve free (FACTS §6.3). Default true for new VMs; restarts and
	 * drains never apply it, since the reserve is there to absorb them.
	 */
	readonly honourReserve?: boolean;
}

/** The scale unit's placement memory and how it is made up (FACTS §6.3), all in GB. */
export interface PlacementMemory {
	/** N: servers in the scale unit. */
	readonly nodes: number;
	/** H: memory per server (the largest, should they differ). */
	readonly hostMemoryGB: number;
	/** V: the largest tenant VM, the new one included. */
	readonly largestVmGB: number;
	/** Σ memory of all servers. */
	readonly totalGB: number;
	/** H + R·((N−1)·H) + V·(N−2). */
	readonly reserveGB: number;
	/** Σ used on all servers (host overhead, infrastructure and tenant VMs). */
	readonly usedGB: number;
	/** total − reserve − used: what new VMs may take. Can be negative. */
	readonly freeGB: number;
}

/** A VM that moved: restarted (after a failure) or live-migrated (drain). */
export interface Move {
	readonly vm: string;
	readonly from: number;
	readonly to: number;
	/** Restart: from the server being declared down until the VM runs. Drain: the migration. */
	readonly durationMs: number;
}

/** A VM that found no server: it stays down (restart) or blocks the drain. */
export interface Stranded {
	readonly vm: string;
	readonly server: number;
	readonly code: PlacementCode;
	readonly reason: string;
}

/** Where a failed server's VMs went. `servers` and `vms` are new arrays with the moves applied. */
export interface RestartPlan<V extends PlacedVm = PlacedVm> {
	readonly moves: readonly Move[];
	readonly stranded: readonly Stranded[];
	readonly servers: readonly Server[];
	readonly vms: readonly V[];
}

/** A drain that can go ahead, with the moves applied to new `servers` and `vms` arrays. */
export interface DrainPlan<V extends PlacedVm = PlacedVm> {
	readonly ok: true;
	readonly moves: readonly Move[];
	/** The migrations one after another (CHOICE above). */
	readonly totalMs: number;
	readonly servers: readonly Server[];
	readonly vms: readonly V[];
}

export type DrainResult<V extends PlacedVm = PlacedVm> =
	DrainPlan<V> | (Refusal & { readonly stranded: readonly Stranded[] });

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

const gb = (x: number) => `${Number(x.toFixed(1))} GB`;
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const refuse = (code: PlacementCode, reason: string): Refusal => ({ ok: false, code, reason });

/**
 * The resiliency reserve in GB (FACTS §6.3): H + R·((N−1)·H) + V·(N−2), H = `hostMemoryGB` per
 * server, N = `nodes`, R = 0.15, V = `largestVmGB`. E.g. 384 GB × 4 servers with a 16 GB largest
 * VM: 384 + 0.15 × 3 × 384 + 16 × 2 = 588.8 GB.
 *
 * CHOICE: (N−2) is taken as 0 for a single server (the formula is written for 4–16).
 */
export function placementReserveGB(
	hostMemoryGB: number,
	nodes: number,
	largestVmGB: number
): number {
	if (!Number.isInteger(nodes) || nodes < 1) {
		throw new RangeError(`a scale unit has a whole number of servers, at least 1; got ${nodes}`);
	}
	if (!(hostMemoryGB >= 0) || !(largestVmGB >= 0)) {
		throw new RangeError(`memory sizes are at least 0 GB; got ${hostMemoryGB}, ${largestVmGB}`);
	}
	const h = hostMemoryGB;
	return h + RESILIENCY_RESERVE_FRACTION * ((nodes - 1) * h) + largestVmGB * Math.max(0, nodes - 2);
}

/** FACTS §6.3: the infrastructure's memory, 242 GB + 4 GB per server. */
export function infrastructureOverheadGB(nodes: number): number {
	return INFRASTRUCTURE_VM_MEMORY_GB + HOST_OVERHEAD_GB_PER_NODE * nodes;
}

/** FACTS §6.3: VMs allowed in a scale unit of `nodes` servers, min(60·N, 700). */
export function vmLimitTotal(nodes: number): number {
	return Math.min(VM_LIMIT_PER_SERVER * nodes, VM_LIMIT_PER_SCALE_UNIT);
}

/** The largest tenant VM among `vms` (0 if none). */
export function largestTenantVmGB(vms: readonly VmRequest[]): number {
	return vms.reduce((m, v) => (v.infrastructure ? m : Math.max(m, v.memoryGB)), 0);
}

/**
 * The scale unit's placement memory (FACTS §6.3): host total − reserve − memory in use, where
 * "in use" is every server's `usedGB` (host overhead, infrastructure VMs, running tenant VMs).
 * `newVmGB` counts towards V, the largest VM, since placing a bigger VM grows the reserve.
 */
export function placementMemory(
	servers: readonly Server[],
	existing: readonly VmRequest[],
	newVmGB = 0
): PlacementMemory {
	const nodes = servers.length;
	const hostMemoryGB = Math.max(0, ...servers.map((s) => s.memoryGB));
	const largestVmGB = Math.max(newVmGB, largestTenantVmGB(existing));
	const totalGB = sum(servers.map((s) => s.memoryGB));
	const reserveGB = placementReserveGB(hostMemoryGB, nodes, largestVmGB);
	const usedGB = sum(servers.map((s) => s.usedGB));
	return {
		nodes,
		hostMemoryGB,
		largestVmGB,
		totalGB,
		reserveGB,
		usedGB,
		freeGB: totalGB - reserveGB - usedGB
	};
}

/** Running servers other than `exclude` that are below 60 VMs, or why there are none. */
function runningBelowCap(servers: readonly Server[], exclude: number): number[] | Refusal {
	const running = servers.flatMap((s, i) => (s.up && i !== exclude ? [i] : []));
	if (running.length === 0) {
		const other = exclude >= 0 ? ' other' : '';
		return refuse('NoServerRunning', `no${other} server is running to take a VM`);
	}
	const below = running.filter((i) => servers[i].vmCount < VM_LIMIT_PER_SERVER);
	if (below.length > 0) return below;
	return refuse(
		'VMsPerScaleUnitNodeLimitExceeded',
		`every running${exclude >= 0 ? ' other' : ''} server already runs ${VM_LIMIT_PER_SERVER} VMs, the limit per server (${running.map(nodeName).join(', ')}; FACTS §6.3)`
	);
}

/**
 * Of `candidates`, the server for `vm`, or a memory refusal. CHOICE (FACTS §6.3 names memory and
 * availability sets as the only inputs, not the rule): fewest VMs of its anti-affinity group
 * ("apart from set peers when possible", §6.4), then fewest of them in another fault domain (so
 * a server's VMs of a set share one fault domain when they must share), then the most free
 * memory, then the lowest index. Memory is never over-committed.
 */
function pickServer(
	servers: readonly Server[],
	vm: VmRequest,
	existing: readonly PlacedVm[],
	candidates: readonly number[]
): Placement {
	const free = (i: number) => servers[i].memoryGB - servers[i].usedGB;
	const fits = candidates.filter((i) => free(i) + EPSILON_GB >= vm.memoryGB);
	if (fits.length === 0) {
		const most = candidates.reduce((b, i) => (free(i) > free(b) ? i : b));
		return refuse(
			'NotEnoughMemory',
			`not enough memory: ${vm.name} needs ${gb(vm.memoryGB)} and the most free on a running server with room for another VM is ${gb(free(most))} (${nodeName(most)}: ${gb(servers[most].usedGB)} of ${gb(servers[most].memoryGB)} used); memory is not over-committed (FACTS §6.3)`
		);
	}
	const peers = new Array<number>(servers.length).fill(0);
	const otherDomain = new Array<number>(servers.length).fill(0);
	if (vm.antiAffinityGroup !== undefined) {
		for (const p of existing) {
			if (p.name === vm.name || p.antiAffinityGroup !== vm.antiAffinityGroup) continue;
			if (p.server < 0 || p.server >= servers.length) continue;
			peers[p.server]++;
			if (p.faultDomain !== vm.faultDomain) otherDomain[p.server]++;
		}
	}
	const better = (a: number, b: number) =>
		peers[a] !== peers[b]
			? peers[a] < peers[b]
			: otherDomain[a] !== otherDomain[b]
				? otherDomain[a] < otherDomain[b]
				: free(a) !== free(b)
					? free(a) > free(b)
					: a < b;
	return { ok: true, server: fits.reduce((b, i) => (better(i, b) ? i : b)) };
}

function checkRequest(servers: readonly Server[], vm: VmRequest): Refusal | null {
	if (servers.length === 0) return refuse('InvalidRequest', 'the scale unit has no servers');
	if (!(vm.memoryGB > 0) || !Number.isFinite(vm.memoryGB)) {
		return refuse('InvalidRequest', `${vm.name} needs a memory size above 0 GB`);
	}
	return null;
}

/**
 * The server a new VM goes to (FACTS §6.3), or why it cannot be placed. Checks, in order: the
 * scale unit's limit of min(60·N, 700) VMs (`VMsPerScaleUnitLimitExceeded`), a running server
 * below 60 VMs (`VMsPerScaleUnitNodeLimitExceeded`), the placement memory left after the
 * resiliency reserve (unless `honourReserve` is false), a server with the memory free; then
 * picks as `pickServer` says. `existing` are the VMs placed so far (all servers), for set peers
 * and the largest VM.
 */
export function placeVm(
	servers: readonly Server[],
	vm: VmRequest,
	existing: readonly PlacedVm[],
	options: PlaceOptions = {}
): Placement {
	const invalid = checkRequest(servers, vm);
	if (invalid) return invalid;
	const total = sum(servers.map((s) => s.vmCount));
	const limit = vmLimitTotal(servers.length);
	if (total >= limit) {
		return refuse(
			'VMsPerScaleUnitLimitExceeded',
			`the scale unit already has ${total} VMs and its limit is ${limit} = min(${VM_LIMIT_PER_SERVER} × ${servers.length} servers, ${VM_LIMIT_PER_SCALE_UNIT}) (FACTS §6.3)`
		);
	}
	const candidates = runningBelowCap(servers, -1);
	if (!Array.isArray(candidates)) return candidates;
	if (options.honourReserve ?? true) {
		const m = placementMemory(servers, existing, vm.memoryGB);
		if (m.freeGB + EPSILON_GB < vm.memoryGB) {
			return refuse(
				'NotEnoughMemory',
				`not enough memory: ${vm.name} needs ${gb(vm.memoryGB)} and the scale unit has ${gb(Math.max(0, m.freeGB))} of placement memory: ${gb(m.totalGB)} on ${m.nodes} servers − ${gb(m.reserveGB)} resiliency reserve − ${gb(m.usedGB)} in use; reserve = H + 0.15·(N−1)·H + V·(N−2) with H = ${gb(m.hostMemoryGB)}, N = ${m.nodes}, V = ${gb(m.largestVmGB)} (FACTS §6.3)`
			);
		}
	}
	return pickServer(servers, vm, existing, candidates);
}

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

/** Moves `vms` off server `from` one by one onto the other running servers. */
function relocate<V extends PlacedVm>(
	servers: readonly Server[],
	from: number,
	vms: readonly V[],
	durationMs: (vm: V) => number
): RestartPlan<V> {
	if (!Number.isInteger(from) || from < 0 || from >= servers.length) {
		throw new RangeError(`no server ${from} among ${servers.length}`);
	}
	const work: Server[] = servers.map((s, i) => (i === from ? { ...s, up: false } : { ...s }));
	const placed: V[] = vms.map((v) => ({ ...v }));
	const moves: Move[] = [];
	const stranded: Stranded[] = [];
	// CHOICE: in the order the VMs are given (FACTS §7 does not say which restarts first).
	for (let v = 0; v < placed.length; v++) {
		const vm = placed[v];
		if (vm.server !== from) continue;
		const candidates = runningBelowCap(work, from);
		const chosen = Array.isArray(candidates)
			? pickServer(work, vm, placed, candidates)
			: candidates;
		if (!chosen.ok) {
			stranded.push({ vm: vm.name, server: from, code: chosen.code, reason: chosen.reason });
			continue;
		}
		const to = chosen.server;
		const tenant = vm.infrastructure ? 0 : 1;
		work[to] = {
			...work[to],
			usedGB: work[to].usedGB + vm.memoryGB,
			vmCount: work[to].vmCount + tenant
		};
		work[from] = {
			...work[from],
			usedGB: Math.max(0, work[from].usedGB - vm.memoryGB),
			vmCount: Math.max(0, work[from].vmCount - tenant)
		};
		placed[v] = { ...vm, server: to };
		moves.push({ vm: vm.name, from, to, durationMs: durationMs(vm) });
	}
	return { moves, stranded, servers: work, vms: placed };
}

/**
 * Where the VMs of server `failed` restart after it fails unplanned (FACTS §6.4 "VMs restart in
 * other FDs, apart from set peers when possible"; §7 restart, with downtime): each, in the order
 * given, on another running server with the memory and below 60 VMs, picked as for a new VM but
 * without the reserve (it exists for this). A VM that fits nowhere stays down, with the reason.
 * Each move's `durationMs` is the boot time (CHOICE `VM_RESTART_BOOT_MS`), counted from the
 * cluster declaring the server down. The returned servers show `failed` as not up.
 */
export function restartTargets<V extends PlacedVm>(
	servers: readonly Server[],
	failed: number,
	vms: readonly V[]
): RestartPlan<V> {
	return relocate(servers, failed, vms, () => VM_RESTART_BOOT_MS);
}

/** Time to live-migrate a VM of `memoryGB` (CHOICE `LIVE_MIGRATION_MS_PER_GB`). */
export function liveMigrationMs(memoryGB: number): number {
	return Math.round(memoryGB * LIVE_MIGRATION_MS_PER_GB);
}

/**
 * Where the VMs of server `drained` live-migrate when it is drained (FACTS §6.3 "VMs are moved
 * off where possible", §6.4 host update, §7 `Suspend-ClusterNode -Drain`): the same rules as
 * `restartTargets`. If any VM cannot move, the drain is refused with the first VM's reason and
 * the full list; otherwise the plan lists each migration and their total time, one after another
 * (CHOICE). A server that is not running cannot be drained.
 */
export function drainTargets<V extends PlacedVm>(
	servers: readonly Server[],
	drained: number,
	vms: readonly V[]
): DrainResult<V> {
	if (drained >= 0 && drained < servers.length && !servers[drained].up) {
		return {
			...refuse('ServerNotRunning', `${nodeName(drained)} is not running, so it cannot be drained`),
			stranded: []
		};
	}
	const plan = relocate(servers, drained, vms, (vm) => liveMigrationMs(vm.memoryGB));
	if (plan.stranded.length > 0) {
		const first = plan.stranded[0];
		const count = plan.stranded.length;
		return {
			ok: false,
			code: first.code,
			reason: `${nodeName(drained)} cannot be drained: ${count} of its VMs ${count === 1 ? 'has' : 'have'} nowhere to go; ${first.vm}: ${first.reason}`,
			stranded: plan.stranded
		};
	}
	return {
		ok: true,
		moves: plan.moves,
		totalMs: sum(plan.moves.map((m) => m.durationMs)),
		servers: plan.servers,
		vms: plan.vms
	};
}

/** The modelling choices of the VM rules, for the "what is simplified" list. */
export const VM_PLACEMENT_SIMPLIFICATIONS: readonly Simplification[] = [
	...INFRASTRUCTURE_ROLE_SIMPLIFICATIONS,
	{
		id: 'vms.placement-rule',
		title: 'Which server a VM goes to',
		detail:
			'Microsoft says placement looks at memory and availability sets, not how it chooses. The simulator puts a VM on a running server with the memory free and fewer than 60 VMs: the one with the fewest VMs of its availability set, then the most free memory, then the lowest number. A new VM must also fit in the placement memory left after the resiliency reserve; restarts and drains may use the reserve, which exists for them. Memory is never over-committed.',
		source: 'FACTS.md §6.3 (placement memory, reserve, no over-commit), §6.4'
	},
	{
		id: 'vms.limits',
		title: 'What the VM limits count',
		detail: `The limits of ${VM_LIMIT_PER_SERVER} VMs per server and ${VM_LIMIT_PER_SCALE_UNIT} per scale unit count tenant VMs only; the hub's own infrastructure VMs take memory but are not counted. The reserve's "largest VM" is the largest tenant VM. With a single server, the reserve's V·(N−2) term is taken as 0.`,
		source: 'FACTS.md §6.3'
	},
	{
		id: 'vms.availability-sets',
		title: 'Fault domains in an availability set',
		detail:
			"The k-th VM of a set (from 0) shows fault domain k mod 2 or 3 and update domain 0. Its server is chosen away from the set's other VMs whenever a server without one has room, so a set's VMs usually sit on as many servers as there are VMs; when they must share, a server keeps VMs of one fault domain together. No version gate is applied.",
		source: 'FACTS.md §6.4, §9.21'
	},
	{
		id: 'vms.restart',
		title: 'VM restart after a server failure',
		detail: `A failed server's VMs restart, in the order they were created, on the other running servers by the same rule (away from set peers when possible, within memory and the 60-VM limit), ${VM_RESTART_BOOT_MS / 1000} s after the cluster declares the server down. A VM that fits nowhere stays down and says why. VMs are not moved back when the server returns (the real hub rebalances them).`,
		source: 'FACTS.md §7 (restart time undocumented), §9.19, §6.4'
	},
	{
		id: 'vms.live-migration',
		title: 'Live migration during a drain',
		detail: `A drained server's VMs live-migrate one at a time by the same rule, each taking ${LIVE_MIGRATION_MS_PER_GB / 1000} s per GB of its memory (about a 10 Gb/s network with overheads). If any VM has nowhere to go, the drain is refused and nothing moves.`,
		source: 'FACTS.md §6.3 ("VMs are moved off where possible"), §7 (Drain)'
	}
];

/**
 * Where VMs run (FACTS §6.3, §6.4, §7): pure, deterministic rules over plain data. Given the
 * servers and the VMs already placed, they say which server a new VM goes to, or why not, in
 * words that name the numbers; availability sets are sets.ts, restarts and drains moves.ts.
 * Nothing here keeps state or reads a clock; inputs are never mutated.
 *
 * Server i is shown as Node01 for i = 0. Memory is in GB (decimal, as Microsoft's capacity
 * pages write it); times are in simulated milliseconds.
 */
import { nodeName } from '../quorum';
import { HOST_OVERHEAD_GB_PER_NODE, INFRASTRUCTURE_VM_MEMORY_GB } from './roles';

/** FACTS §6.3: R, the share of the other servers' memory kept free for resiliency. */
export const RESILIENCY_RESERVE_FRACTION = 0.15;
/** FACTS §6.3 (1901+): at most 60 VMs on one server (`VMsPerScaleUnitNodeLimitExceeded`). */
export const VM_LIMIT_PER_SERVER = 60;
/** FACTS §6.3 (1901+): at most 700 VMs in a scale unit (`VMsPerScaleUnitLimitExceeded`). */
export const VM_LIMIT_PER_SCALE_UNIT = 700;

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

const gb = (x: number) => `${Number(x.toFixed(1))} GB`;
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
export const refuse = (code: PlacementCode, reason: string): Refusal => ({
	ok: false,
	code,
	reason
});

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
export function runningBelowCap(servers: readonly Server[], exclude: number): number[] | Refusal {
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
export function pickServer(
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

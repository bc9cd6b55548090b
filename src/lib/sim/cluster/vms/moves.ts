/**
 * Where VMs go when their server stops (FACTS §6.3, §6.4, §7): a failed server's VMs restart on
 * other servers (downtime), a drained server's VMs live-migrate (none). Pure rules over plain
 * data, by the same server choice as a new VM (placement.ts).
 */
import { nodeName } from '../quorum';
import {
	pickServer,
	refuse,
	runningBelowCap,
	type PlacedVm,
	type Refusal,
	type Server,
	type PlacementCode
} from './placement';

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * CHOICE (FACTS §9.19 "detection (~10 s) + a configurable boot time (e.g. 60 s)"; §7 "restart
 * time undocumented"): a VM restarted after its server failed runs again 60 s after the cluster
 * declares the server down. Detection itself belongs to the heartbeat model.
 */
export const VM_RESTART_BOOT_MS = 60_000;

/**
 * CHOICE (FACTS §7: drain live-migrates, "a few minutes"; no speed given): live migration copies
 * a VM's memory at 1 s per GB (8 Gb/s, about a third of a server's east-west link in the IO
 * model); a drain migrates one VM at a time.
 */
export const LIVE_MIGRATION_MS_PER_GB = 1000;

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

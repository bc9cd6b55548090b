/**
 * Virtual machines on the servers (FACTS §6.2–6.4, §7): the infrastructure roles' VMs and the
 * scenario's availability sets, placed by the rules in cluster/vms/. A drain live-migrates a
 * server's VMs off (no downtime); an unplanned failure stops them, and once the cluster declares
 * the server down they restart elsewhere after the boot time (downtime); a VM that fits nowhere
 * stays down until its server returns. Isolation is vm-isolation.ts, moving VMs back when a
 * server returns vm-rebalance.ts, the workloads' VMs workload-vms.ts.
 */
import type { SimContext } from '../../kernel/types';
import { drainTargets, restartTargets, VM_RESTART_BOOT_MS } from '../vms/moves';
import { placeInAvailabilitySet, type SetPlacement } from '../vms/sets';
import type { PlacedVm, Server } from '../vms/placement';
import { infrastructureVms } from '../vms/roles';
import type { ClusterWorld } from './world';

/**
 * `unmonitored`: its server is isolated (cut off from the network) and the cluster no longer
 * watches it; it keeps running there for ResiliencyDefaultPeriod (FACTS §7) but cannot be reached
 * and its disk IO waits, so it counts as not serving.
 */
export type VmRunState = 'running' | 'migrating' | 'restarting' | 'down' | 'unmonitored';

/** A VM on its way to `server`: live-migrating from `from`, or booting after a failure there. */
export interface VmMove {
	from: number;
	/** Simulated ms: the migration (or the boot) starts and ends. */
	startMs: number;
	endMs: number;
}

export interface VmState extends Omit<PlacedVm, 'server'> {
	/** The server it runs on (or last ran on). */
	server: number;
	state: VmRunState;
	reason: string;
	/** Its availability set, or null (infrastructure VMs). */
	availabilitySet: string | null;
	/** Its infrastructure role (cluster/vms/roles.ts), or null for a tenant VM. */
	role: string | null;
	/** The storage workload (DiskSpd / VMFleet) it runs, or null. */
	workload: string | null;
	/** While migrating or restarting: where from and when (for drawing it); else null. */
	move: VmMove | null;
}

export interface AvailabilitySetSpec {
	name: string;
	faultDomains: number;
	vms: number;
	memoryGB: number;
}

/** Queue event: a restarted VM has booted. */
export const VM_STARTED = 'cluster.vm-started';
/** Queue event: a VM's live migration starts copying its memory. */
export const VM_MIGRATION_START = 'cluster.vm-migration-start';

/** Bytes of memory a live migration copies for a VM of `memoryGB` (decimal GB). */
const BYTES_PER_GB = 1e9;

/** Schedules the start of `vm`'s live migration (its `move` is set), to load the network then. */
export function scheduleMigration(vm: VmState, ctx: SimContext): void {
	if (!vm.move) return;
	ctx.schedule(vm.move.startMs - ctx.nowMs, VM_MIGRATION_START, {
		vm: vm.name,
		startMs: vm.move.startMs
	});
}

/**
 * A live migration starts: unless the VM has stopped or moved on since, its memory crosses the
 * east-west network from its old server to its new one for as long as the migration lasts.
 */
export function migrationStarts(world: ClusterWorld, data: Record<string, unknown>): void {
	const vm = world.cluster.vms.find((v) => v.name === data.vm);
	const move = vm?.move;
	if (!vm || !move || vm.state !== 'migrating' || move.startMs !== data.startMs) return;
	const { from, startMs, endMs } = move;
	world.migrationTraffic(from, vm.server, vm.memoryGB * BYTES_PER_GB, endMs - startMs);
}

/** CHOICE (FACTS §6.3 "4 GB × nodes" of overhead): 4 GB of each server is the host's own. */
const HOST_GB = 4;

/** The servers as the placement rules see them, from the VMs on them now. */
export function serversOf(
	vms: readonly VmState[],
	up: readonly boolean[],
	memoryGB: number
): Server[] {
	return up.map((isUp, s) => {
		const here = vms.filter((v) => v.server === s && v.state !== 'down');
		return {
			up: isUp,
			memoryGB,
			usedGB: HOST_GB + here.reduce((n, v) => n + v.memoryGB, 0),
			vmCount: here.filter((v) => !v.infrastructure).length
		};
	});
}

/** The VMs at time 0: the infrastructure roles, then each availability set's VMs in turn. */
export function createVms(
	nodes: number,
	memoryGB: number,
	sets: readonly AvailabilitySetSpec[],
	log: (type: string, data: Record<string, string | number>) => void
): VmState[] {
	const vms: VmState[] = infrastructureVms(nodes).map((v) => ({
		...v,
		state: 'running',
		reason: 'running',
		availabilitySet: null,
		workload: null,
		move: null
	}));
	const up = new Array<boolean>(nodes).fill(true);
	for (const set of sets) {
		for (let k = 0; k < set.vms; k++) {
			const name = `${set.name}-vm${k + 1}`;
			const placed = addSetVm(vms, up, memoryGB, set, name);
			if (!placed.ok) log('vm.refused', { vm: name, code: placed.code, reason: placed.reason });
		}
	}
	return vms;
}

/**
 * Places VM `name` of availability set `set` by the rules (cluster/vms/sets.ts) on the servers
 * `up` says run, each of `memoryGB`, and adds it to `vms` running; or says why not.
 */
export function addSetVm(
	vms: VmState[],
	up: readonly boolean[],
	memoryGB: number,
	set: AvailabilitySetSpec,
	name: string
): SetPlacement {
	const servers = serversOf(vms, up, memoryGB);
	const placed = placeInAvailabilitySet(servers, set, { name, memoryGB: set.memoryGB }, vms);
	if (!placed.ok) return placed;
	vms.push({
		name,
		memoryGB: set.memoryGB,
		antiAffinityGroup: set.name,
		faultDomain: placed.faultDomain,
		server: placed.server,
		state: 'running',
		reason: 'running',
		availabilitySet: set.name,
		role: null,
		workload: null,
		move: null
	});
	return placed;
}

export const memoryOf = (world: ClusterWorld) => world.cluster.hostMemoryGB;

/** Why server `node` cannot be drained now (its VMs have nowhere to go), or null. */
export function drainRefusal(world: ClusterWorld, node: number): string | null {
	const { vms } = world.cluster;
	const plan = drainTargets(serversOf(vms, world.nodeUp, memoryOf(world)), node, vms);
	if (plan.ok) return null;
	return `${plan.reason}${plan.stranded.length ? ` (${plan.stranded.map((s) => s.vm).join(', ')})` : ''}`;
}

/** A drain starts: the server's VMs live-migrate off. Returns how long that takes (ms). */
export function migrateOff(world: ClusterWorld, node: number, ctx: SimContext): number {
	const { cluster } = world;
	const plan = drainTargets(
		serversOf(cluster.vms, world.nodeUp, memoryOf(world)),
		node,
		cluster.vms
	);
	if (!plan.ok) return 0;
	let startMs = ctx.nowMs;
	for (const move of plan.moves) {
		const vm = cluster.vms.find((v) => v.name === move.vm)!;
		vm.server = move.to;
		vm.state = 'migrating';
		vm.move = { from: move.from, startMs, endMs: startMs + move.durationMs };
		scheduleMigration(vm, ctx);
		startMs += move.durationMs;
		vm.reason = `live-migrating from ${world.nodeNames[move.from]} (no downtime)`;
		ctx.log('vm.live-migrating', {
			vm: vm.name,
			from: world.nodeNames[move.from],
			to: world.nodeNames[move.to],
			ms: move.durationMs
		});
	}
	return plan.totalMs;
}

/** The drain of server `node` finished: the VMs migrated off it run on their new servers. */
export function migrationsDone(world: ClusterWorld, node: number): void {
	for (const vm of world.cluster.vms) {
		if (vm.state === 'migrating' && vm.move?.from === node) {
			vm.state = 'running';
			vm.reason = 'running';
			vm.move = null;
		}
	}
}

/** Server `node` stopped (abruptly or not): its VMs stop with it. */
export function vmsStop(world: ClusterWorld, node: number, why: string, ctx: SimContext): void {
	for (const vm of world.cluster.vms) {
		if (vm.server !== node || vm.state === 'down') continue;
		// CHOICE: a VM still migrating towards this server stops with it (no failed migration).
		vm.state = 'down';
		vm.reason = why;
		vm.move = null;
		ctx.log('vm.stopped', { vm: vm.name, node: world.nodeNames[node], reason: why });
	}
}

/**
 * The cluster gave up on server `node`: its stopped VMs restart on other servers after the boot
 * time (FACTS §7, §9.19), apart from their set peers when possible; those that fit nowhere stay
 * down with the reason.
 */
export function restartElsewhere(world: ClusterWorld, node: number, ctx: SimContext): void {
	const { cluster } = world;
	const stopped = cluster.vms.filter((v) => v.server === node && v.state === 'down');
	if (stopped.length === 0) return;
	const others = cluster.vms.filter((v) => !(v.server === node && v.state === 'down'));
	const up = world.nodeUp.map((u, s) => u && s !== node);
	const plan = restartTargets(serversOf(others, up, memoryOf(world)), node, [
		...others,
		...stopped
	]);
	for (const move of plan.moves) {
		const vm = cluster.vms.find((v) => v.name === move.vm)!;
		vm.server = move.to;
		vm.state = 'restarting';
		vm.move = { from: node, startMs: ctx.nowMs, endMs: ctx.nowMs + move.durationMs };
		vm.reason = `restarting on ${world.nodeNames[move.to]} after ${world.nodeNames[node]} failed`;
		ctx.log('vm.restarting', { vm: vm.name, on: world.nodeNames[move.to], ms: move.durationMs });
		ctx.schedule(VM_RESTART_BOOT_MS, VM_STARTED, { vm: vm.name });
	}
	for (const s of plan.stranded) {
		const vm = cluster.vms.find((v) => v.name === s.vm)!;
		vm.reason = `down: ${s.reason}`;
		ctx.log('vm.down', { vm: vm.name, code: s.code, reason: s.reason });
	}
}

/** A restarted VM has booted. */
export function vmStarted(world: ClusterWorld, name: string, ctx: SimContext): void {
	const vm = world.cluster.vms.find((v) => v.name === name);
	if (!vm || vm.state !== 'restarting' || !world.nodeUp[vm.server]) return;
	vm.state = 'running';
	vm.reason = 'running';
	vm.move = null;
	ctx.log('vm.started', { vm: vm.name, node: world.nodeNames[vm.server] });
}

/**
 * Server `node` serves again: VMs left down on it start there (CHOICE: at once), and the VMs that
 * ran on unmonitored through a short isolation are watched again, never having stopped.
 */
export function vmsStartHere(world: ClusterWorld, node: number, ctx: SimContext): void {
	for (const vm of world.cluster.vms) {
		if (vm.server !== node || (vm.state !== 'down' && vm.state !== 'unmonitored')) continue;
		const kept = vm.state === 'unmonitored';
		vm.state = 'running';
		vm.reason = 'running';
		ctx.log(kept ? 'vm.monitored' : 'vm.started', { vm: vm.name, node: world.nodeNames[node] });
	}
}

/** Running (or live-migrating) VMs of each availability set, and its size. */
export function setAvailability(
	vms: readonly VmState[]
): { name: string; running: number; total: number }[] {
	const names = [...new Set(vms.flatMap((v) => (v.availabilitySet ? [v.availabilitySet] : [])))];
	return names.map((name) => {
		const members = vms.filter((v) => v.availabilitySet === name);
		const running = members.filter((v) => v.state === 'running' || v.state === 'migrating').length;
		return { name, running, total: members.length };
	});
}

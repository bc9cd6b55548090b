/**
 * Virtual machines on the servers (FACTS §6.2–6.4, §7): the infrastructure roles' VMs and the
 * scenario's availability sets, placed by cluster/vms/ (placement.ts, sets.ts, moves.ts). A drain live-migrates a
 * server's VMs off (no downtime); an unplanned failure stops them, and once the cluster declares
 * the server down they restart elsewhere after the boot time (downtime); a VM that fits nowhere
 * stays down until its server returns.
 */
import type { SimContext } from '../../kernel/types';
import { drainTargets, liveMigrationMs, restartTargets, VM_RESTART_BOOT_MS } from '../vms/moves';
import { placeInAvailabilitySet } from '../vms/sets';
import { VM_LIMIT_PER_SERVER, type PlacedVm, type Server } from '../vms/placement';
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
/** Queue event: a VM's live migration back to a returned server is over. */
export const VM_MIGRATED = 'cluster.vm-migrated';
/** Queue event: an isolated server's ResiliencyDefaultPeriod is over. */
export const VM_RESILIENCY_OVER = 'cluster.resiliency-over';

/**
 * FACTS §7 (CONFIRMED, `WSD: fc/whats-new-in-failover-clustering.md`): an isolated server's VMs
 * keep running, unmonitored, for ResiliencyDefaultPeriod before the cluster fails them over.
 */
export const RESILIENCY_DEFAULT_PERIOD_MS = 240_000;

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
			const servers = serversOf(vms, up, memoryGB);
			const placed = placeInAvailabilitySet(servers, set, { name, memoryGB: set.memoryGB }, vms);
			if (!placed.ok) {
				log('vm.refused', { vm: name, code: placed.code, reason: placed.reason });
				continue;
			}
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
		}
	}
	return vms;
}

const memoryOf = (world: ClusterWorld) => world.cluster.hostMemoryGB;

/** CHOICE: a storage workload's VM takes 8 GB (the sources give no memory for the VM sizes). */
export const WORKLOAD_VM_MEMORY_GB = 8;

/**
 * Gives every storage workload a VM of the cluster (storage/io runs its IO from that VM's
 * server): a new workload's VM starts running on the workload's server (CHOICE: even where the
 * placement rules would put it elsewhere); a workload redefined with another server while its VM
 * runs moves its VM there at once (it is not running IO).
 */
export function syncWorkloadVms(
	cluster: { vms: VmState[]; workloadVms: Record<string, number> },
	workloads: readonly { name: string; server: number }[]
): void {
	for (const w of workloads) {
		const at = cluster.workloadVms[w.name];
		if (at !== undefined) {
			const vm = cluster.vms[at];
			if (vm.state === 'running' && vm.server !== w.server) vm.server = w.server;
			continue;
		}
		cluster.workloadVms[w.name] = cluster.vms.length;
		cluster.vms.push({
			name: `${w.name}-vm`,
			memoryGB: WORKLOAD_VM_MEMORY_GB,
			server: w.server,
			state: 'running',
			reason: 'running',
			availabilitySet: null,
			role: null,
			workload: w.name,
			move: null
		});
	}
}

/**
 * The server workload `name`'s VM runs on at `nowMs`, or -1 while it does not run (down,
 * booting, unmonitored on an isolated server). A live-migrating VM runs on its old server until
 * its own migration ends.
 */
export function workloadHost(
	cluster: { vms: readonly VmState[]; workloadVms: Record<string, number> },
	name: string,
	nowMs: number
): number {
	const at = cluster.workloadVms[name];
	if (at === undefined) return -1;
	const vm = cluster.vms[at];
	if (vm.state === 'running') return vm.server;
	if (vm.state !== 'migrating') return -1;
	return vm.move && nowMs < vm.move.endMs ? vm.move.from : vm.server;
}

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

/**
 * Server `node` was cut off from the network (FACTS §7 transient isolation): its VMs run on,
 * unmonitored, and the cluster waits ResiliencyDefaultPeriod before failing them over.
 */
export function vmsUnmonitored(world: ClusterWorld, node: number, ctx: SimContext): void {
	const name = world.nodeNames[node];
	for (const vm of world.cluster.vms) {
		if (vm.server !== node || vm.state === 'down') continue;
		vm.state = 'unmonitored';
		vm.move = null;
		vm.reason = `running unmonitored on isolated ${name}: out of reach, its disk IO waits; failed over if ${name} is still cut off after ${RESILIENCY_DEFAULT_PERIOD_MS / 1000} s`;
		ctx.log('vm.unmonitored', { vm: vm.name, node: name });
	}
	ctx.schedule(RESILIENCY_DEFAULT_PERIOD_MS, VM_RESILIENCY_OVER, {
		node,
		seq: world.cluster.seq[node]
	});
}

/**
 * ResiliencyDefaultPeriod is over and server `node` is still isolated: its VMs are failed over.
 * CHOICE: they stop on the isolated server at that instant, so no VM ever runs twice.
 */
export function resiliencyOver(world: ClusterWorld, node: number, ctx: SimContext): void {
	const why = `its server stayed isolated past ResiliencyDefaultPeriod (${RESILIENCY_DEFAULT_PERIOD_MS / 1000} s)`;
	vmsStop(world, node, why, ctx);
	if (!world.cluster.quorum.nodeRunning[node]) restartElsewhere(world, node, ctx);
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

/**
 * Server `node` serves again: VMs that share a server with a peer of their availability set (or
 * infrastructure role) while `node` holds none of that group live-migrate back to it, one after
 * another (FACTS §6.4, CONFIRMED: "rebalanced on return"). CHOICE: one VM per group, the last
 * listed on the most crowded server, and only if it fits in `node`'s memory and VM limit.
 */
export function rebalanceOnto(world: ClusterWorld, node: number, ctx: SimContext): void {
	const { cluster } = world;
	const groups = [...new Set(cluster.vms.flatMap((v) => v.antiAffinityGroup ?? []))];
	let startMs = ctx.nowMs;
	for (const group of groups) {
		const members = cluster.vms.filter((v) => v.antiAffinityGroup === group && v.state !== 'down');
		if (members.some((v) => v.server === node)) continue;
		const count = new Map<number, number>();
		for (const v of members) count.set(v.server, (count.get(v.server) ?? 0) + 1);
		const crowded = members.filter((v) => v.state === 'running' && count.get(v.server)! >= 2);
		if (crowded.length === 0) continue;
		const most = Math.max(...crowded.map((v) => count.get(v.server)!));
		const vm = crowded.filter((v) => count.get(v.server) === most).at(-1)!;
		const target = serversOf(cluster.vms, world.nodeUp, memoryOf(world))[node];
		const full = !vm.infrastructure && target.vmCount >= VM_LIMIT_PER_SERVER;
		if (full || target.usedGB + vm.memoryGB > target.memoryGB) continue;
		const ms = liveMigrationMs(vm.memoryGB);
		vm.move = { from: vm.server, startMs, endMs: startMs + ms };
		vm.server = node;
		vm.state = 'migrating';
		vm.reason = `live-migrating back from ${world.nodeNames[vm.move.from]} to spread ${group} again (no downtime)`;
		ctx.log('vm.rebalancing', {
			vm: vm.name,
			from: world.nodeNames[vm.move.from],
			to: world.nodeNames[node],
			ms
		});
		ctx.schedule(startMs + ms - ctx.nowMs, VM_MIGRATED, { vm: vm.name, endMs: startMs + ms });
		startMs += ms;
	}
}

/** A live migration back (rebalanceOnto) is over, unless the VM has moved on since. */
export function vmMigrated(world: ClusterWorld, name: string, endMs: number, ctx: SimContext) {
	const vm = world.cluster.vms.find((v) => v.name === name);
	if (!vm || vm.state !== 'migrating' || vm.move?.endMs !== endMs) return;
	vm.state = 'running';
	vm.reason = 'running';
	vm.move = null;
	ctx.log('vm.migrated', { vm: vm.name, node: world.nodeNames[vm.server] });
}

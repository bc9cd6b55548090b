/**
 * A full rolling patch and update of a 16-server scale unit while storage IO runs: sixteen 1 TB
 * three-way-mirror volumes, one DiskSpd-style workload per server at 50 IOPS (64 KiB, half
 * reads), and 200 tenant VMs in ten availability sets of 20 (8 GB each) besides the 28
 * infrastructure VMs, all live-migrated by the drains. Reports simulated time per wall-clock
 * second over the whole update.
 */
import { Simulation } from '../../src/lib/sim/index';

const SERVERS = 16;
const IOPS_PER_VM = 50;
/** 10 × 20 = 200 tenant VMs. */
export const SETS = 10;
export const VMS_PER_SET = 20;

export interface RollingUpdateBench {
	simMs: number;
	wallMs: number;
	simPerWall: number;
	ios: number;
	vms: number;
}

function scenario(): string {
	return JSON.stringify({
		format: 'stackscope.scenario',
		version: 1,
		name: 'Rolling update bench',
		seed: 3,
		durationMs: 86_400_000,
		topology: {
			nodes: SERVERS,
			serversPerRack: 16,
			server: {
				memoryGiB: 768,
				cacheDrives: { count: 2, media: 'nvme', sizeGB: 1600 },
				capacityDrives: { count: 4, media: 'ssd', sizeGB: 3840 }
			}
		},
		cluster: {
			witness: 'cloud',
			availabilitySets: Array.from({ length: SETS }, (_, i) => ({
				name: `set${i + 1}`,
				faultDomains: 3,
				vms: VMS_PER_SET,
				memoryGB: 8
			}))
		},
		storage: {
			volumes: Array.from({ length: SERVERS }, (_, i) => ({
				name: `Volume${i + 1}`,
				sizeGB: 1000
			})),
			workloads: Array.from({ length: SERVERS }, (_, s) => ({
				name: `vm${s + 1}`,
				volume: `Volume${s + 1}`,
				server: s,
				blockKB: 64,
				readPercent: 50,
				outstanding: 4,
				targetIops: IOPS_PER_VM,
				startMs: 0
			}))
		},
		inputs: [{ t: 10_000, type: 'update.start' }]
	});
}

export function benchRollingUpdate(): RollingUpdateBench {
	const loaded = Simulation.fromJson(scenario());
	if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
	const sim = loaded.sim;
	const start = performance.now();
	const step = 60_000;
	while (!sim.log.some((e) => e.type === 'update.completed') && sim.nowMs < 86_400_000) {
		sim.runUntil(sim.nowMs + step);
	}
	const wallMs = performance.now() - start;
	return {
		simMs: sim.nowMs,
		wallMs,
		simPerWall: sim.nowMs / wallMs,
		ios: sim.state.storage!.io.completed,
		vms: sim.state.cluster.vms.length
	};
}

/**
 * S2D IO throughput of the simulation: a 16-server pool (2 NVMe cache + 4 SSD capacity drives
 * each, sixteen 1 TB three-way-mirror volumes) where every server runs three VMs aiming at
 * 100,000 simulated IOPS in all: 4 KiB (80 %), 64 KiB (16 %) and 1 MiB (4 %), 70 % reads.
 * Reports simulated IOs completed per wall-clock second and the simulated rate reached.
 */
import { Simulation } from '../../src/lib/sim/index';

const SERVERS = 16;
export const IO_TARGET_IOPS = 100_000;
const SIM_MS = 3000;
/** Per server: [block KiB, share of the target]. */
const MIX: [number, number][] = [
	[4, 0.8],
	[64, 0.16],
	[1024, 0.04]
];

export interface IoBench {
	ios: number;
	iosPerWallSecond: number;
	simulatedIops: number;
	simPerWall: number;
}

export function scenario(): string {
	const perServer = IO_TARGET_IOPS / SERVERS;
	return JSON.stringify({
		format: 'stackscope.scenario',
		version: 1,
		name: 'IO bench',
		seed: 7,
		durationMs: SIM_MS + 1000,
		topology: {
			nodes: SERVERS,
			serversPerRack: 16,
			server: {
				cacheDrives: { count: 2, media: 'nvme', sizeGB: 1600 },
				capacityDrives: { count: 4, media: 'ssd', sizeGB: 3840 }
			}
		},
		storage: {
			volumes: Array.from({ length: SERVERS }, (_, i) => ({
				name: `Volume${i + 1}`,
				sizeGB: 1000
			})),
			workloads: Array.from({ length: SERVERS }, (_, s) =>
				MIX.map(([blockKB, share]) => ({
					name: `vm${s + 1}-${blockKB}k`,
					volume: `Volume${s + 1}`,
					server: s,
					blockKB,
					readPercent: 70,
					outstanding: 16,
					targetIops: perServer * share,
					spanGB: 100,
					startMs: 0
				}))
			).flat()
		}
	});
}

export function benchStorageIo(): IoBench {
	const loaded = Simulation.fromJson(scenario());
	if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
	const sim = loaded.sim;
	sim.runUntil(200); // warm up
	const io = sim.state.storage!.io;
	const before = io.completed;
	const start = performance.now();
	sim.runUntil(SIM_MS);
	const wallMs = performance.now() - start;
	const ios = sim.state.storage!.io.completed - before;
	return {
		ios,
		iosPerWallSecond: (ios / wallMs) * 1000,
		simulatedIops: (ios / (SIM_MS - 200)) * 1000,
		simPerWall: (SIM_MS - 200) / wallMs
	};
}

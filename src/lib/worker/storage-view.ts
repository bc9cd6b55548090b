/**
 * The Storage panel's view of a running simulation (protocol.ts StorageView): the pool with its
 * quorum arithmetic and cache bindings, each volume's health, slabs and repair, each drive's
 * state. Null for scenarios without volumes.
 */
import type { Simulation } from '../sim/index';
import { bindCache, assignCache } from '../sim/storage/cache';
import {
	DRIVE_FAILED,
	DRIVE_OK,
	DRIVE_PULLED,
	DRIVE_RETIRED,
	poolQuorum,
	volumeVerdicts
} from '../sim/storage/model/index';
import { explain } from '../sim/cluster/quorum';
import { poolSummary } from '../sim/storage/model/create';
import { driveIo, ioTotals, volumeIo, workloadViews } from './io-view';
import type { StorageView } from './protocol';

const STATE_NAMES = {
	[DRIVE_OK]: 'healthy',
	[DRIVE_FAILED]: 'failed',
	[DRIVE_PULLED]: 'pulled',
	[DRIVE_RETIRED]: 'retired'
} as const;

export function storageView(sim: Simulation): StorageView | null {
	const storage = sim.state.storage;
	if (!storage) return null;
	const { topology } = sim;
	const nodeUp = sim.state.nodeUp;
	const quorum = poolQuorum(storage, nodeUp);
	const verdicts = volumeVerdicts(storage, nodeUp, quorum);
	const name = (d: number) => topology.drives[d].name;
	const extents = new Uint32Array(topology.drives.length);
	for (const v of storage.volumes) {
		for (const p of v.parts)
			p.driveFill.forEach((n, i) => (extents[storage.pool.topologyDrive[i]] += n));
	}
	const rawBytes = storage.pool.driveBytes.reduce((a, b) => a + b, 0);
	const perServerDrive = storage.pool.driveBytes[0] ?? 0;
	return {
		pool: {
			capacityDrives: storage.pool.topologyDrive.length,
			rawBytes,
			allocatedBytes: storage.volumes.reduce((n, v) => n + v.footprintBytes, 0),
			// Azure Stack Hub keeps one capacity drive per server free for repairs (FACTS §1.10).
			reserveBytes: perServerDrive * topology.nodes.length,
			summary: poolSummary(storage),
			quorum: { hasQuorum: quorum.hasQuorum, explanation: quorum.explanation },
			clusterQuorum: {
				up: sim.state.cluster.quorum.up,
				explanation: explain(sim.state.cluster.quorum)
			},
			cache: topology.nodes.map((node) => {
				const drives = topology.drives.filter((d) => d.node === node.id);
				const assignment = assignCache(drives);
				const working = assignment.cacheDriveIds.filter((d) => storage.driveState[d] === DRIVE_OK);
				const binding = bindCache(working, assignment.capacityDriveIds);
				const capacityMedia = drives.find((d) => d.role === 'capacity')?.media;
				return {
					server: node.name,
					mode: (capacityMedia && assignment.modeByMedia[capacityMedia]) || 'none',
					bindings: binding.entries.map((e) => ({
						cache: name(e.cacheDriveId),
						capacity: e.capacityDriveIds.map(name)
					})),
					uncached: binding.uncached.map(name)
				};
			})
		},
		volumes: storage.volumes.map((v, i) => ({
			name: v.name,
			resiliency: v.resiliency,
			sizeBytes: v.sizeBytes,
			footprintBytes: v.footprintBytes,
			efficiency: v.efficiencyText,
			health: verdicts[i].health,
			operational: verdicts[i].operational,
			slabs: verdicts[i].slabs,
			reducedSlabs: verdicts[i].reduced,
			lostSlabCount: verdicts[i].lost,
			lostSlabs: verdicts[i].lostSlabs,
			offlineReason: verdicts[i].online ? null : verdicts[i].reason,
			repair: { ...v.repair },
			resync: { ...v.resync },
			...volumeIo(storage.io, i)
		})),
		drives: topology.drives.map((d) => ({
			name: d.name,
			server: topology.nodes[d.node].name,
			role: d.role,
			media: d.media,
			state:
				storage.driveState[d.id] === DRIVE_OK && !nodeUp[d.node]
					? 'unreachable'
					: STATE_NAMES[storage.driveState[d.id] as keyof typeof STATE_NAMES],
			extents: extents[d.id],
			...driveIo(storage.io, d.id, sim.nowMs)
		})),
		workloads: workloadViews(sim, storage.io),
		...ioTotals(storage.io)
	};
}

/**
 * Storage Spaces Direct in the model state (plain data and typed arrays, cloned by checkpoints):
 * the pool's capacity drives, each drive's state, and the volumes the scenario creates, each
 * placed slab by slab at load (placement.ts) from the seeded RNG. A mirror-accelerated parity
 * volume is two parts, its mirror and its parity, each placed on its own.
 */
import type { Rng } from '../../kernel/types';
import type { DriveMedia, TopologyInfo } from '../../topology';
import { capacityClassOf, storageEfficiency, type ResiliencyType } from '../resiliency';
import { slabCount, slabLayout } from '../layout';
import { placeVolume, poolFromTopology, type Placement, type PoolDrives } from '../placement';
import type { Platform } from '../volume-request';
import { newInvariantRecord, type InvariantRecord } from '../../invariants/record';
import { geometryOfVolumes } from '../io/volumes';
import { createIoState, type IoState, type WorkloadSpecLike } from '../io/state';

/** What a scenario asks for (schema-storage.ts validates it against the pool first). */
export interface VolumeSpecLike {
	name: string;
	sizeGB: number;
	resiliency: ResiliencyType;
	mirrorGB?: number;
}

/** Per topology drive. */
export const DRIVE_OK = 0;
/** Stopped responding: its data is gone (FACTS §7 "Drive lost/unresponsive"). */
export const DRIVE_FAILED = 1;
/** Pulled out: its data is intact but out of reach until it is put back. */
export const DRIVE_PULLED = 2;
/** Retired by the health service after AutoRetire.DelayMs; its copies are rebuilt elsewhere. */
export const DRIVE_RETIRED = 3;

export interface RepairJob {
	state: 'none' | 'waiting' | 'running' | 'done';
	bytesTotal: number;
	bytesDone: number;
	/** When the waiting repair starts (the retirement), simulated ms, or null. */
	startsAtMs: number | null;
}

export interface VolumeState {
	name: string;
	resiliency: ResiliencyType;
	sizeBytes: number;
	footprintBytes: number;
	efficiencyText: string;
	/** One placement, or two for mirror-accelerated parity (mirror first). */
	parts: Placement[];
	/** Data columns per slab of each part (1 for a mirror). */
	dataExtents: number[];
	repair: RepairJob;
	/** The resync of stale regions after a copy came back (FACTS §7 "Node returns"). */
	resync: RepairJob;
	/** The health and operational status last logged. */
	health: string;
	operational: string;
}

export interface StorageState {
	/** Whose rules apply to new volumes (FACTS §1.10 for Azure Stack Hub). */
	platform: Platform;
	pool: PoolDrives;
	/** Per topology drive, its display name ("Node01 capacity 3") and its server. */
	driveNames: string[];
	driveServer: Uint16Array;
	/** Per topology drive: DRIVE_OK … DRIVE_RETIRED. */
	driveState: Uint8Array;
	/** Per topology drive: its pool index, or -1 (cache drives are not in the pool's capacity). */
	poolIndex: Int32Array;
	volumes: VolumeState[];
	/** Whether the pool had quorum at the last check (logged when it changes). */
	poolQuorum: boolean;
	/** Whether the cluster has quorum (cluster/model): the pool owner's vote counts only then. */
	clusterUp: boolean;
	/** Per topology drive: bumped at every failure and restore, so a stale retirement is ignored. */
	failSeq: Uint32Array;
	invariants: {
		distinctServers: InvariantRecord;
		onlineHasCopies: InvariantRecord;
		ackedWrites: InvariantRecord;
	};
	/** Workload IO, caches, stale regions and background jobs (storage/io). */
	io: IoState;
}

export type { InvariantRecord } from '../../invariants/record';

const GB = 1e9;

/** What a scenario's `storage` section gives the model (schema-storage.ts). */
export interface StorageSpecLike {
	platform: Platform;
	volumes: readonly VolumeSpecLike[];
	workloads?: readonly WorkloadSpecLike[];
}

/** The storage at time 0, or null when the scenario has no `storage` section. */
export function createStorageState(
	topology: TopologyInfo,
	spec: StorageSpecLike | undefined,
	rng: Rng
): StorageState | null {
	if (!spec) return null;
	const { volumes, workloads = [] } = spec;
	const pool = poolFromTopology(topology);
	const poolIndex = new Int32Array(topology.drives.length).fill(-1);
	pool.topologyDrive.forEach((d, i) => (poolIndex[d] = i));
	const media = topology.drives.find((d) => d.role === 'capacity')?.media ?? 'ssd';
	const used = new Uint32Array(pool.driveServer.length);
	const placed = volumes.map((v) => placeSpec(v, pool, media, used, rng));
	const geometry = geometryOfVolumes(placed);
	const names = placed.map((v) => v.name);
	return {
		platform: spec.platform,
		pool,
		driveState: new Uint8Array(topology.drives.length),
		poolIndex,
		volumes: placed,
		driveNames: topology.drives.map((d) => d.name),
		driveServer: Uint16Array.from(topology.drives, (d) => d.node),
		poolQuorum: true,
		clusterUp: true,
		failSeq: new Uint32Array(topology.drives.length),
		invariants: {
			distinctServers: newInvariantRecord(),
			onlineHasCopies: newInvariantRecord(),
			ackedWrites: newInvariantRecord()
		},
		io: createIoState(topology, geometry, workloads, names)
	};
}

/**
 * Places one volume on the pool, after the extents in `used` (per pool drive), which it adds
 * its own to. Throws where the pool has no room (volume-request.ts refuses that first).
 */
export function placeSpec(
	spec: VolumeSpecLike,
	pool: PoolDrives,
	media: DriveMedia,
	used: Uint32Array,
	rng: Rng
): VolumeState {
	const servers = pool.serverCount;
	const perServer = pool.driveServer.filter((s) => s === 0).length;
	const klass = capacityClassOf(media);
	const sizeBytes = spec.sizeGB * GB;
	const mirrorBytes =
		spec.resiliency === 'mirror-accelerated-parity' ? (spec.mirrorGB ?? 0) * GB : 0;
	// CHOICE (FACTS §1.1): mirror-accelerated parity is a three-way mirror part and a dual-parity
	// part, placed separately; io/background.ts moves written data from the first to the second.
	const pieces: [ResiliencyType, number][] =
		spec.resiliency === 'mirror-accelerated-parity'
			? [
					['three-way-mirror', mirrorBytes],
					['dual-parity', sizeBytes - mirrorBytes]
				]
			: [[spec.resiliency, sizeBytes]];
	let footprintBytes = 0;
	const dataExtents: number[] = [];
	const parts = pieces.map(([type, bytes]) => {
		const layout = slabLayout(type, { servers, capacityDrivesPerServer: perServer, media: klass });
		const slabs = slabCount(layout, bytes);
		dataExtents.push(layout.dataExtents);
		const placement = placeVolume(pool, layout, slabs, rng, { usedExtents: used });
		placement.driveFill.forEach((n, d) => (used[d] += n));
		footprintBytes += slabs * placement.extentsPerSlab * placement.slabBytes;
		return placement;
	});
	const efficiency = storageEfficiency(
		spec.resiliency === 'mirror-accelerated-parity' ? 'three-way-mirror' : spec.resiliency,
		servers,
		klass
	);
	const share = efficiency
		? efficiency.dataSymbols / efficiency.totalSymbols
		: sizeBytes / footprintBytes;
	const efficiencyText =
		spec.resiliency === 'mirror-accelerated-parity'
			? `${((100 * sizeBytes) / footprintBytes).toFixed(1)} % (mirror and parity parts)`
			: `${(100 * share).toFixed(1)} % (${efficiency?.layout ?? spec.resiliency}, ${klass})`;
	return {
		name: spec.name,
		resiliency: spec.resiliency,
		sizeBytes,
		footprintBytes,
		efficiencyText,
		parts,
		dataExtents,
		repair: { state: 'none', bytesTotal: 0, bytesDone: 0, startsAtMs: null },
		resync: { state: 'none', bytesTotal: 0, bytesDone: 0, startsAtMs: null },
		health: 'Healthy',
		operational: 'OK'
	};
}

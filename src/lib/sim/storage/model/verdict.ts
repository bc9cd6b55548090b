/**
 * What the storage looks like right now: each volume's health from its slabs' copies (storage
 * availability), the pool's quorum (FACTS §2.2), and the worst of the two per volume (FACTS §9.8;
 * cluster quorum joins with the cluster issue). Pure over the state and the servers' up flags.
 */
import { assessAvailability, type AvailabilityReport } from '../availability';
import { evaluatePoolQuorum, type PoolQuorumResult } from '../pool-quorum';
import { DRIVE_FAILED, DRIVE_OK, DRIVE_PULLED, DRIVE_RETIRED, type StorageState } from './state';

export interface VolumeVerdict {
	health: 'Healthy' | 'Warning' | 'Unhealthy' | 'Unknown';
	operational: string;
	online: boolean;
	slabs: number;
	reduced: number;
	lost: number;
	/** Indices (over the volume's parts, mirror part first) of slabs that lost every copy. */
	lostSlabs: number[];
	/** Why it is offline, when it is. */
	reason: string | null;
}

const RANK = { Healthy: 0, Warning: 1, Unhealthy: 2, Unknown: 3 } as const;

/** Per pool drive: the failure masks availability.ts reads. */
export function failureSet(storage: StorageState, nodeUp: readonly boolean[]) {
	const n = storage.pool.topologyDrive.length;
	const failedDrives = new Uint8Array(n);
	const unreachableDrives = new Uint8Array(n);
	storage.pool.topologyDrive.forEach((d, i) => {
		const state = storage.driveState[d];
		failedDrives[i] = state === DRIVE_FAILED || state === DRIVE_RETIRED ? 1 : 0;
		unreachableDrives[i] = state === DRIVE_PULLED ? 1 : 0;
	});
	const downServers = Uint8Array.from(nodeUp, (up) => (up ? 0 : 1));
	return { failedDrives, unreachableDrives, downServers };
}

/**
 * Pool quorum: every pool drive votes (pool-quorum.ts CHOICE); CHOICE: the pool resource is
 * owned by the lowest-numbered server that is up; its tie-breaking vote counts only while the
 * cluster has quorum (FACTS §2.2, cluster/quorum.ts).
 */
export function poolQuorum(storage: StorageState, nodeUp: readonly boolean[]): PoolQuorumResult {
	const owner = nodeUp.findIndex((up) => up);
	const voters = Array.from(storage.pool.topologyDrive, (d, i) => ({
		driveId: d,
		node: storage.pool.driveServer[i],
		online: storage.driveState[d] === DRIVE_OK && nodeUp[storage.pool.driveServer[i]]
	}));
	return evaluatePoolQuorum({
		voters,
		ownerNode: owner >= 0 ? owner : undefined,
		ownerUp: owner >= 0,
		clusterQuorate: storage.clusterUp
	});
}

/** Each volume's verdict, in scenario order. */
export function volumeVerdicts(
	storage: StorageState,
	nodeUp: readonly boolean[],
	quorum: PoolQuorumResult = poolQuorum(storage, nodeUp)
): VolumeVerdict[] {
	const failures = failureSet(storage, nodeUp);
	const { io } = storage;
	return storage.volumes.map((volume, v) => {
		const reports: AvailabilityReport[] = volume.parts.map((p, i) => {
			const base = io.geometry[v][i].extentBase;
			const stale = io.stale.subarray(base, base + p.slabCount * p.extentsPerSlab);
			return assessAvailability(p, failures, undefined, stale);
		});
		const worst = reports.reduce((a, b) => (RANK[b.health] > RANK[a.health] ? b : a));
		const lostSlabs: number[] = [];
		let offset = 0;
		volume.parts.forEach((p, i) => {
			for (const s of reports[i].lostSlabs) if (lostSlabs.length < 20) lostSlabs.push(offset + s);
			offset += p.slabCount;
		});
		const sum = (f: (r: AvailabilityReport) => number) => reports.reduce((n, r) => n + f(r), 0);
		const copiesOffline = worst.verdict === 'offline';
		const verdict: VolumeVerdict = {
			health: worst.health,
			operational: worst.operational,
			online: !copiesOffline && quorum.hasQuorum,
			slabs: offset,
			reduced: sum((r) => r.reduced),
			lost: sum((r) => r.lost),
			lostSlabs,
			reason: null
		};
		// FACTS §1.9: Warning / In service while a repair or resync runs.
		const working = volume.resync.state === 'running' || volume.repair.state === 'running';
		if (verdict.health === 'Warning' && working) verdict.operational = 'In service';
		if (!storage.clusterUp) {
			verdict.health = 'Unknown';
			verdict.operational = 'Detached';
			verdict.online = false;
			verdict.reason = 'the cluster lost quorum, so no server may bring the volumes online';
		} else if (!quorum.hasQuorum) {
			verdict.health = 'Unknown';
			verdict.operational = 'Detached';
			verdict.reason = `the pool lost quorum: ${quorum.explanation}`;
		} else if (copiesOffline) {
			const lost = verdict.lost;
			verdict.reason =
				lost > 0
					? `${lost} slab${lost === 1 ? '' : 's'} lost every copy`
					: `${sum((r) => r.unreadable)} slabs have no reachable copy until their servers return`;
		}
		return verdict;
	});
}

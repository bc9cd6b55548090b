/**
 * Storage invariants as the simulation runs (FACTS §1.1, §1.3, §2.2), each checked by a plain
 * loop over the placement, independent of availability.ts:
 * - distinct-servers: the extents of every slab sit on distinct servers (fault domains);
 * - online-needs-copies: a volume reported online has, for every slab, enough extents on working
 *   drives of up servers to read it (a stale extent is not current), and the pool has quorum;
 * - no-acknowledged-write-lost: see storage-writes.ts.
 */
import type { SimContext } from '../kernel/types';
import { recordCheck } from './record';
import { NO_DRIVE } from '../storage/placement';
import { DRIVE_OK, type InvariantRecord, type StorageState } from '../storage/model/state';
import type { VolumeVerdict } from '../storage/model/verdict';
import { ACKED_WRITES_INVARIANT, checkAckedWrites } from './storage-writes';

export const STORAGE_INVARIANTS = {
	distinctServers: {
		name: 'slab-copies-on-distinct-servers',
		description: 'The copies (or parity columns) of every slab are on distinct servers.'
	},
	onlineHasCopies: {
		name: 'online-volume-has-copies',
		description:
			'A volume is online only if every slab has a current copy on a working drive of a running server and the pool has quorum.'
	},
	ackedWrites: ACKED_WRITES_INVARIANT
} as const;

export type StorageInvariant = keyof typeof STORAGE_INVARIANTS;

const record = (
	rec: InvariantRecord,
	which: StorageInvariant,
	violation: string | undefined,
	ctx: SimContext
) => recordCheck(rec, STORAGE_INVARIANTS[which].name, violation, ctx);

/** Checks both invariants for every volume against the verdicts just computed. */
export function checkStorageInvariants(
	storage: StorageState,
	nodeUp: readonly boolean[],
	verdicts: readonly VolumeVerdict[],
	ctx: SimContext
): void {
	const { pool, io } = storage;
	storage.volumes.forEach((volume, v) => {
		let split: string | undefined;
		let unreadable: string | undefined;
		for (const [k, p] of volume.parts.entries()) {
			const { extentBase } = io.geometry[v][k];
			for (let s = 0; s < p.slabCount; s++) {
				const servers = new Set<number>();
				let readable = 0;
				let placed = 0;
				for (let j = 0; j < p.extentsPerSlab; j++) {
					const d = p.extentDrive[s * p.extentsPerSlab + j];
					if (d === NO_DRIVE) continue;
					placed++;
					const server = pool.driveServer[d];
					servers.add(server);
					const current = io.stale[extentBase + s * p.extentsPerSlab + j] === 0;
					const working = storage.driveState[pool.topologyDrive[d]] === DRIVE_OK;
					if (working && nodeUp[server] && current) readable++;
				}
				if (servers.size < placed)
					split ??= `${volume.name}: slab ${s} has two extents on one server`;
				if (readable < p.extentsPerSlab - p.faultTolerance) {
					unreadable ??= `${volume.name} is reported online but slab ${s} cannot be read`;
				}
			}
		}
		record(storage.invariants.distinctServers, 'distinctServers', split, ctx);
		const online = verdicts[v].online;
		const bad =
			online &&
			(unreadable ??
				(storage.poolQuorum ? undefined : `${volume.name} is online without pool quorum`));
		record(storage.invariants.onlineHasCopies, 'onlineHasCopies', bad || undefined, ctx);
	});
	checkAckedWrites(storage, nodeUp, ctx);
}

/**
 * `volume.create`: a volume created while the simulation runs, as New-Volume would (FACTS §1.8):
 * storage/volume-request.ts decides whether the pool can take it (resiliency, names, free
 * capacity, the repair reserve) and a refusal is logged with its reasons; an accepted volume is
 * placed after the existing ones and starts healthy.
 */
import type { InputEvent, SimContext } from '../../kernel/types';
import { addVolumeIo } from '../io/volumes';
import { RESILIENCY_TYPES, type ResiliencyType } from '../resiliency';
import { validateVolumeRequest, type PoolSummary } from '../volume-request';
import { MEDIA_OF_CODE } from '../io/state';
import { placeSpec, type StorageState } from './state';

const GB = 1e9;

/** The pool as volume-request.ts reads it, with what the volumes so far take. */
export function poolSummary(storage: StorageState): PoolSummary {
	const { pool } = storage;
	const perServer = pool.driveServer.filter((s) => s === 0).length;
	return {
		platform: storage.platform,
		servers: pool.serverCount,
		tiers: [
			{
				media: MEDIA_OF_CODE[storage.io.driveMedia[pool.topologyDrive[0]]],
				drivesPerServer: perServer,
				driveSizeBytes: pool.driveBytes[0],
				allocatedBytes: storage.volumes.reduce((n, v) => n + v.footprintBytes, 0)
			}
		],
		volumeNames: storage.volumes.map((v) => v.name)
	};
}

/** Creates the volume `input` asks for, or logs why not. Returns whether one was created. */
export function createVolume(storage: StorageState, input: InputEvent, ctx: SimContext): boolean {
	const name = String(input.name ?? '');
	const resiliency = RESILIENCY_TYPES.find((r) => r === input.resiliency) as
		ResiliencyType | undefined;
	const sizeGB = Number(input.sizeGB);
	const mirrorGB = typeof input.mirrorGB === 'number' ? input.mirrorGB : undefined;
	const decision = validateVolumeRequest(poolSummary(storage), {
		name,
		sizeBytes: sizeGB * GB,
		resiliency,
		mirrorBytes: mirrorGB === undefined ? undefined : mirrorGB * GB
	});
	if (!decision.ok) {
		ctx.log('volume.refused', {
			volume: name,
			reason: decision.refusals.map((r) => `${r.reason} (${r.facts})`).join('; ')
		});
		return false;
	}
	const used = new Uint32Array(storage.pool.topologyDrive.length);
	for (const v of storage.volumes) {
		for (const p of v.parts) p.driveFill.forEach((n, d) => (used[d] += n));
	}
	const media = MEDIA_OF_CODE[storage.io.driveMedia[storage.pool.topologyDrive[0]]];
	const spec = { name: decision.name, sizeGB, resiliency: decision.resiliency, mirrorGB };
	const volume = placeSpec(spec, storage.pool, media, used, ctx.rng);
	storage.volumes.push(volume);
	addVolumeIo(storage.io, volume);
	ctx.log('volume.created', {
		volume: volume.name,
		resiliency: volume.resiliency,
		sizeBytes: volume.sizeBytes,
		footprintBytes: volume.footprintBytes
	});
	return true;
}

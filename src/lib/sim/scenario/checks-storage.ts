/**
 * Cross-field rules of the storage section (FACTS §1): each volume against the pool the topology
 * describes, and the drive inputs against the scale unit's drives. Like checks-slb.ts they read
 * the plain document defensively, and a rule fires only when the fields it needs are individually
 * valid (the schema reports the others).
 *
 * The Storage Spaces Direct rules are not restated here: storage/volume-request.ts decides whether
 * a volume can be created (names, platform, resiliency, free capacity, repair reserve) and this
 * module only puts its refusals at the right path, in the GB a scenario is written in. Volumes are
 * created in list order, so each accepted volume's footprint leaves less for the next.
 *
 * CHOICE: the pool holds only the scenario's volumes. Azure Stack Hub's own virtual disks (boot,
 * Infrastructure, VmTemp, ACS: FACTS 1.10) are not subtracted, so lessons can use the capacity.
 */
import {
	capacityClassOf,
	footprintBytes,
	mapFootprintBytes,
	RESILIENCY_RULES,
	RESILIENCY_TYPES,
	storageEfficiency,
	type ResiliencyType
} from '../storage/resiliency';
import {
	reserveBytes,
	validateVolumeRequest,
	type AcceptedVolume,
	type CapacityTier,
	type Platform,
	type PoolSummary,
	type Refusal
} from '../storage/volume-request';
import type { DriveMedia } from '../topology';
import type { CheckResult } from './checks';
import { isInt, list, valid } from './check-helpers';
import {
	completeCacheDrives,
	DEFAULT_CAPACITY_DRIVES,
	MAX_DRIVE_BAYS,
	MAX_DRIVE_SIZE_GB,
	MAX_NODES,
	MIN_CACHE_DRIVES,
	MIN_CAPACITY_DRIVES,
	MIN_DRIVE_SIZE_GB
} from './defaults';
import { show } from './messages';
import { field, isRecord } from './plain';
import {
	BYTES_PER_GB,
	DEFAULT_RESILIENCY,
	DEFAULT_STORAGE_PLATFORM,
	MAX_VOLUME_SIZE_GB,
	MIN_VOLUME_SIZE_GB,
	STORAGE_PLATFORMS
} from './schema-storage';
import { isResourceName } from './schema-tenants';

const isMedia = (x: unknown): x is DriveMedia => x === 'nvme' || x === 'ssd' || x === 'hdd';
const isPlatform = (x: unknown): x is Platform =>
	(STORAGE_PLATFORMS as readonly unknown[]).includes(x);
const isResiliency = (x: unknown): x is ResiliencyType =>
	(RESILIENCY_TYPES as readonly unknown[]).includes(x);
const isVolumeSize = (x: unknown): x is number => isInt(x, MIN_VOLUME_SIZE_GB, MAX_VOLUME_SIZE_GB);
const isMirrorSize = (x: unknown): x is number => isInt(x, 0, MAX_VOLUME_SIZE_GB);

/** Every server's capacity drives (FACTS 6.1: the servers are identical). */
export interface CapacityDrives {
	readonly count: number;
	readonly media: DriveMedia;
	readonly sizeGB: number;
}

/**
 * The pool of a scale unit as storage/volume-request.ts reads it: servers = fault domains
 * (FACTS 1.1), one capacity tier (cache adds no capacity, FACTS 1.7), sizes in bytes.
 */
export function storagePool(
	platform: Platform,
	servers: number,
	capacity: CapacityDrives,
	allocatedBytes = 0,
	volumeNames: readonly string[] = []
): PoolSummary {
	const tier: CapacityTier = {
		media: capacity.media,
		drivesPerServer: capacity.count,
		driveSizeBytes: capacity.sizeGB * BYTES_PER_GB,
		allocatedBytes
	};
	return { platform, servers, tiers: [tier], volumeNames };
}

/** The capacity drives as written (with defaults), or undefined where they cannot be read. */
function capacityDrivesOf(doc: unknown): CapacityDrives | undefined {
	const server = field(field(doc, 'topology'), 'server') ?? {};
	const capacity = field(server, 'capacityDrives') ?? {};
	if (!isRecord(server) || !isRecord(capacity)) return undefined;
	const media = valid(field(capacity, 'media'), isMedia, DEFAULT_CAPACITY_DRIVES.media);
	const count = valid(
		field(capacity, 'count'),
		(x): x is number => isInt(x, MIN_CAPACITY_DRIVES, MAX_DRIVE_BAYS),
		DEFAULT_CAPACITY_DRIVES.count
	);
	const sizeGB = valid(
		field(capacity, 'sizeGB'),
		(x): x is number => isInt(x, MIN_DRIVE_SIZE_GB, MAX_DRIVE_SIZE_GB),
		DEFAULT_CAPACITY_DRIVES.sizeGB
	);
	if (media === undefined || count === undefined || sizeGB === undefined) return undefined;
	return { count, media, sizeGB };
}

/**
 * Drives in the scale unit, `nodes` × (cache + capacity drives per server), the length of
 * TopologyInfo.drives (topology-build.ts); undefined where the topology cannot be read.
 */
export function driveCountOf(doc: unknown, nodes: number | undefined): number | undefined {
	const capacity = capacityDrivesOf(doc);
	if (nodes === undefined || capacity === undefined) return undefined;
	const cache = field(field(field(doc, 'topology'), 'server'), 'cacheDrives');
	if (cache !== undefined && !isRecord(cache)) return undefined;
	const count = field(cache, 'count');
	const isCacheCount = (x: unknown): x is number =>
		x === 0 || isInt(x, MIN_CACHE_DRIVES, MAX_DRIVE_BAYS / 2);
	if (count !== undefined && !isCacheCount(count)) return undefined;
	const given = cache === undefined ? undefined : { count };
	const cacheCount = completeCacheDrives(given, capacity.media).count;
	return nodes * (cacheCount + capacity.count);
}

/** Why drive `drive` does not exist, or undefined (compare serverProblem in checks-tenants.ts). */
export function driveProblem(drive: number, driveCount: number | undefined): string | undefined {
	if (driveCount !== undefined && drive >= driveCount) {
		return `no drive ${drive} in a scale unit of ${driveCount} drives (drives are 0 to ${driveCount - 1}: each server's cache drives, then its capacity drives)`;
	}
	const most = MAX_NODES * MAX_DRIVE_BAYS;
	if (driveCount === undefined && drive >= most) {
		return `no drive ${drive} in any scale unit (at most ${MAX_NODES} servers × ${MAX_DRIVE_BAYS} drives = ${most}, 0 to ${most - 1})`;
	}
	return undefined;
}

/**
 * Checks the `storage` section's volumes against the pool and returns the scale unit's drive
 * count for checkStorageInput. `nodes` is the valid server count or undefined.
 */
export function checkStorage(
	doc: Record<string, unknown>,
	nodes: number | undefined,
	result: CheckResult
): number | undefined {
	const storage = field(doc, 'storage');
	if (isRecord(storage)) checkVolumes(doc, storage, nodes, result);
	return driveCountOf(doc, nodes);
}

/** Checks a drive input's index against the scale unit's drives. */
export function checkStorageInput(
	input: unknown,
	at: string,
	driveCount: number | undefined,
	{ errors }: CheckResult
): void {
	const type = field(input, 'type');
	if (type !== 'drive.fail' && type !== 'drive.pull' && type !== 'drive.restore') return;
	const drive = field(input, 'drive');
	if (typeof drive !== 'number' || !Number.isInteger(drive) || drive < 0) return;
	const problem = driveProblem(drive, driveCount);
	if (problem !== undefined) errors.push(`${at}.drive: ${problem}`);
}

// --- Volumes ----------------------------------------------------------------------------------

/** The pool being filled, volume by volume. */
interface Filling {
	pool: PoolSummary | undefined;
	capacity: CapacityDrives | undefined;
	/** Footprints of the volumes accepted so far. */
	allocatedBytes: number;
	/** Readable names so far, with the path of each. */
	names: { name: string; at: string }[];
}

/** The volume-count advice of volume-request.ts, which concerns the final count only. */
const OWNER_ADVICE = /balance the volume owners/;

function checkVolumes(
	doc: Record<string, unknown>,
	storage: Record<string, unknown>,
	nodes: number | undefined,
	result: CheckResult
): void {
	const platform = valid(field(storage, 'platform'), isPlatform, DEFAULT_STORAGE_PLATFORM);
	const capacity = capacityDrivesOf(doc);
	const known = platform !== undefined && nodes !== undefined && capacity !== undefined;
	const filling: Filling = {
		pool: known ? storagePool(platform, nodes, capacity) : undefined,
		capacity,
		allocatedBytes: 0,
		names: []
	};
	const volumes = list(field(storage, 'volumes'));
	volumes.forEach((volume, i) => {
		const accepted = checkVolume(volume, `storage.volumes[${i}]`, filling, result);
		if (accepted === undefined) return;
		for (const warning of accepted.warnings) {
			if (!OWNER_ADVICE.test(warning)) {
				result.warnings.push(`storage.volumes[${i}]: ${sentence(warning)}`);
			} else if (i === volumes.length - 1) {
				// Each request is advised on the count it makes; only the last one's is final.
				const count = `${volumes.length} volume${volumes.length === 1 ? '' : 's'}`;
				result.warnings.push(`storage.volumes: ${sentence(warning)}, got ${count}`);
			}
		}
	});
}

/** One volume: its mirror part, then volume-request's decision. Returns it when accepted. */
function checkVolume(
	volume: unknown,
	at: string,
	filling: Filling,
	result: CheckResult
): AcceptedVolume | undefined {
	const name = field(volume, 'name');
	const sizeGB = field(volume, 'sizeGB');
	const writtenResiliency = field(volume, 'resiliency');
	const resiliency = valid(writtenResiliency, isResiliency, DEFAULT_RESILIENCY);
	const mirror = checkMirror(volume, at, resiliency, result);
	if (!isResourceName(name)) return undefined;
	const { pool, capacity } = filling;
	if (pool === undefined || capacity === undefined) return undefined;

	const complete = isVolumeSize(sizeGB) && resiliency !== undefined;
	const decision = validateVolumeRequest(
		{
			...pool,
			tiers: [{ ...pool.tiers[0], allocatedBytes: filling.allocatedBytes }],
			volumeNames: filling.names.map((n) => n.name)
		},
		{
			name,
			sizeBytes: isVolumeSize(sizeGB) ? sizeGB * BYTES_PER_GB : 0,
			resiliency: resiliency ?? DEFAULT_RESILIENCY,
			mirrorBytes: mirror === undefined ? undefined : mirror * BYTES_PER_GB
		}
	);
	const firstAt = filling.names.find((n) => n.name.toLowerCase() === name.toLowerCase())?.at;
	filling.names.push({ name, at });
	if (decision.ok) {
		if (!complete) return undefined;
		filling.allocatedBytes += decision.footprintBytes;
		return decision;
	}
	for (const refusal of decision.refusals) {
		// With a field the schema refused, only the name rules are about what is written.
		if (!complete && !refusal.rule.startsWith('name.')) continue;
		// The schema bounds the list at the same MAX_VOLUMES and reports a longer one.
		if (refusal.rule === 'volumes.max') continue;
		// A missing or oversized mirror part was reported by checkMirror.
		if (refusal.rule.startsWith('map.') && mirror === undefined) continue;
		const request: Written = {
			at,
			name,
			sizeGB: sizeGB as number,
			resiliency: resiliency ?? DEFAULT_RESILIENCY,
			writtenResiliency,
			mirrorGB: mirror,
			firstAt
		};
		result.errors.push(refusalMessage(refusal, request, filling));
	}
	return undefined;
}

/**
 * `mirrorGB` belongs to mirror-accelerated parity only, where it is required and at most the
 * volume's size (FACTS 1.1). Returns it when valid for a mirror-accelerated parity volume.
 */
function checkMirror(
	volume: unknown,
	at: string,
	resiliency: ResiliencyType | undefined,
	{ errors }: CheckResult
): number | undefined {
	if (!isRecord(volume) || resiliency === undefined) return undefined;
	const mirrorGB = field(volume, 'mirrorGB');
	if (resiliency !== 'mirror-accelerated-parity') {
		if (mirrorGB !== undefined) {
			const label = RESILIENCY_RULES[resiliency].label.toLowerCase();
			errors.push(
				`${at}.mirrorGB: only a mirror-accelerated parity volume has a mirror part (this one is ${label}), got ${show(mirrorGB)}`
			);
		}
		return undefined;
	}
	if (mirrorGB === undefined) {
		errors.push(
			`${at}.mirrorGB: missing; mirror-accelerated parity keeps part of the volume in three-way mirror and the rest in dual parity (FACTS 1.1): give the mirror part in GB, 0 to the volume's size`
		);
		return undefined;
	}
	if (!isMirrorSize(mirrorGB)) return undefined;
	const sizeGB = field(volume, 'sizeGB');
	if (isVolumeSize(sizeGB) && mirrorGB > sizeGB) {
		errors.push(
			`${at}.mirrorGB: the mirror part is at most the volume's size (${sizeGB} GB), got ${mirrorGB}`
		);
		return undefined;
	}
	return mirrorGB;
}

/** What a refused volume says, for its message. */
interface Written {
	at: string;
	name: string;
	sizeGB: number;
	resiliency: ResiliencyType;
	writtenResiliency: unknown;
	mirrorGB: number | undefined;
	/** Path of the earlier volume with the same name, if any. */
	firstAt: string | undefined;
}

/** The field a refusal's rule is about (volume-request.ts rule ids). */
function fieldOf(rule: string): 'name' | 'sizeGB' | 'resiliency' | 'mirrorGB' | undefined {
	if (rule.startsWith('name.')) return 'name';
	if (rule.startsWith('size.') || rule.startsWith('capacity.')) return 'sizeGB';
	if (rule.startsWith('map.')) return 'mirrorGB';
	if (rule.startsWith('platform.') || rule.startsWith('fault-domains.') || rule === 'layout') {
		return 'resiliency';
	}
	return undefined;
}

/** A refusal of volume-request.ts as `<path>: <rule with the numbers>, got <value>`. */
function refusalMessage(refusal: Refusal, w: Written, filling: Filling): string {
	const key = fieldOf(refusal.rule);
	const path = key === undefined ? w.at : `${w.at}.${key}`;
	if (refusal.rule === 'name.duplicate') {
		const also = w.firstAt === undefined ? '' : ` (also ${w.firstAt})`;
		return `${path}: volume names are unique, whatever their case (${refusal.facts}), got ${show(w.name)} again${also}`;
	}
	if (refusal.rule === 'capacity.free' || refusal.rule === 'capacity.reserve') {
		const text = capacityMessage(refusal, w, filling);
		if (text !== undefined) return `${path}: ${text}, got ${w.sizeGB}`;
	}
	const value: Record<string, unknown> = {
		name: w.name,
		sizeGB: w.sizeGB,
		resiliency: w.writtenResiliency ?? w.resiliency,
		mirrorGB: w.mirrorGB
	};
	const hint =
		refusal.rule === 'platform.three-way-only'
			? '; "storage": {"platform": "s2d"} models generic Storage Spaces Direct'
			: '';
	const got = key === undefined ? '' : `, got ${show(value[key])}`;
	return `${path}: ${refusal.reason} (${refusal.facts}${hint})${got}`;
}

/** A capacity refusal in GB: the footprint, the free capacity and the reserve. */
function capacityMessage(refusal: Refusal, w: Written, filling: Filling): string | undefined {
	const { pool, capacity, allocatedBytes } = filling;
	if (pool === undefined || capacity === undefined) return undefined;
	const sizeBytes = w.sizeGB * BYTES_PER_GB;
	const mirrorBytes = w.mirrorGB === undefined ? undefined : w.mirrorGB * BYTES_PER_GB;
	const footprint = footprintOf(w.resiliency, sizeBytes, mirrorBytes, pool.servers, capacity.media);
	if (footprint === undefined) return undefined;
	const tier = pool.tiers[0];
	const raw = pool.servers * capacity.count * tier.driveSizeBytes;
	const free = Math.max(0, raw - allocatedBytes);
	const label = RESILIENCY_RULES[w.resiliency].label.toLowerCase();
	const mirror = w.mirrorGB === undefined ? '' : ` (${w.mirrorGB} GB of it mirror)`;
	const needs = `${w.sizeGB} GB of ${label}${mirror} takes ${gb(footprint)} GB of the pool`;
	const before = allocatedBytes > 0 ? ' after the volumes before it' : '';
	if (refusal.rule === 'capacity.free') {
		return `${needs}, which has only ${gb(free)} GB free${before} (${gb(raw)} GB in all, ${refusal.facts})`;
	}
	const reserve = reserveBytes(pool.platform, pool.servers, { ...tier, allocatedBytes });
	const drives = reserve / tier.driveSizeBytes;
	const and = allocatedBytes > 0 ? `${before} and` : ' after';
	return `${needs}, which has only ${gb(Math.max(0, free - reserve))} GB free${and} the repair reserve (one capacity drive per server, ${drives} × ${capacity.sizeGB} GB, ${refusal.facts})`;
}

/** Raw bytes a volume takes (FACTS 1.1 "Footprint"), by the arithmetic of resiliency.ts. */
function footprintOf(
	resiliency: ResiliencyType,
	sizeBytes: number,
	mirrorBytes: number | undefined,
	servers: number,
	media: DriveMedia
): number | undefined {
	const media2 = capacityClassOf(media);
	if (resiliency === 'mirror-accelerated-parity') {
		return mirrorBytes === undefined
			? undefined
			: mapFootprintBytes(sizeBytes, mirrorBytes, servers, media2);
	}
	const efficiency = storageEfficiency(resiliency, servers, media2);
	return efficiency === undefined ? undefined : footprintBytes(sizeBytes, efficiency);
}

/** Bytes as GB with at most 3 decimals ("60000", "1333.334"). */
const gb = (bytes: number): string => String(Math.round(bytes / (BYTES_PER_GB / 1000)) / 1000);

/** A sentence of volume-request.ts as a message clause: lower-case start, no final period. */
const sentence = (text: string): string =>
	text.charAt(0).toLowerCase() + text.slice(1).replace(/\.$/, '');

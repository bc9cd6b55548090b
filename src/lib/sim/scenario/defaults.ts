/**
 * Limits and default values of scenario format v1. Every number here is either a documented fact
 * (the FACTS.md section is cited) or a modelling choice, and then the comment says so.
 */
import type { DriveMedia } from '../topology';

/** The `format` every scenario file starts with. */
export const SCENARIO_FORMAT = 'stackscope.scenario';

/** The scenario format version this build writes and reads natively. */
export const SCENARIO_VERSION = 1;

/** Servers in a scale unit: 4 to 16 (FACTS 6.1 "Size"). */
export const MIN_NODES = 4;
export const MAX_NODES = 16;

/** Seed when the scenario names none. Choice, not a domain fact (no FACTS section): any value works. */
export const DEFAULT_SEED = 1;
/** Largest seed: unsigned 32-bit. Choice (no FACTS section): fits every RNG and share URL. */
export const MAX_SEED = 0xffff_ffff;

/**
 * Suggested timeline length in simulated ms. Choice: 2 min holds a failure, its detection
 * (~10 s, FACTS §7) and a restore.
 */
export const DEFAULT_DURATION_MS = 120_000;
/** Timeline bounds in simulated ms (1 s to 24 h). Choice (no FACTS section): bounds log memory. */
export const MIN_DURATION_MS = 1_000;
export const MAX_DURATION_MS = 86_400_000;

/**
 * Servers drawn per rack; the scale unit then spans ceil(nodes / serversPerRack) racks. This is a
 * drawing and layout choice only: FACTS.md does not describe rack layout, and nothing in the
 * simulated behaviour depends on which rack a server is drawn in (no rack fault domains yet).
 */
export const DEFAULT_SERVERS_PER_RACK = 8;
export const MIN_SERVERS_PER_RACK = 4;
export const MAX_SERVERS_PER_RACK = 16;

/**
 * Physical cores per server. Choice: FACTS.md gives no hardware catalogue; 48 (two 24-core
 * sockets) is a typical integrated-system server. The range only rejects absurd values.
 */
export const DEFAULT_CORES = 48;
export const MIN_CORES = 8;
export const MAX_CORES = 512;

/**
 * Memory per server in GiB. Choice: 768 GiB leaves room for the infrastructure footprint of
 * 242 GB + 4 GB per node (FACTS 6.2) and the resiliency reserve (FACTS 6.3). Range: sanity only.
 */
export const DEFAULT_MEMORY_GIB = 768;
export const MIN_MEMORY_GIB = 128;
export const MAX_MEMORY_GIB = 8_192;

/** Relative speed of drive types: NVMe > SSD > HDD (FACTS 1.7 "Assignment"). */
export const MEDIA_SPEED: Readonly<Record<DriveMedia, number>> = { nvme: 3, ssd: 2, hdd: 1 };

/**
 * With a cache, at least 2 cache drives per server: a failed cache drive leaves the capacity
 * drives bound to it unhealthy until rebinding and repair finish, "hence ≥2 cache drives per
 * server" (FACTS 1.7 "Cache-drive failure").
 */
export const MIN_CACHE_DRIVES = 2;

/**
 * At least 2 capacity drives per server. Choice derived from FACTS 1.10 "Reserve": one capacity
 * drive per server is left unallocated, so a single drive would leave no usable capacity.
 */
export const MIN_CAPACITY_DRIVES = 2;

/** Drive bays per server (cache + capacity). Choice: 24 bays of a 2U chassis; FACTS 6.1 gives none. */
export const MAX_DRIVE_BAYS = 24;

/** Drive size bounds in GB (decimal, as sold). Choice: sanity bounds; FACTS 1.8 shows GB vs GiB. */
export const MIN_DRIVE_SIZE_GB = 100;
export const MAX_DRIVE_SIZE_GB = 100_000;

/**
 * Default capacity drives: 8 x 4 TB HDD. Together with DEFAULT_CACHE_DRIVES this is the hybrid
 * tier "NVMe cache + HDD" of FACTS 1.10 "Tiers". Choice of counts and sizes: FACTS.md has no
 * hardware catalogue.
 */
export const DEFAULT_CAPACITY_DRIVES = { count: 8, media: 'hdd', sizeGB: 4_000 } as const;

/**
 * Default cache when the capacity drives are HDD: 2 x 1.6 TB NVMe, bound 1:4 (a whole-number
 * ratio, which FACTS 1.7 "Binding" says spreads more evenly). Counts and sizes are a choice.
 * When the capacity drives are flash and no cache is given, the default is no cache (count 0):
 * the single-tier all-flash option of FACTS 1.10 "Tiers". With count 0, `media` and `sizeGB` are
 * kept only so every scenario has the same shape; they describe no drive.
 */
export const DEFAULT_CACHE_DRIVES = { count: 2, media: 'nvme', sizeGB: 1_600 } as const;

/** The two heartbeat profiles (FACTS §7 and 9.17). */
export type HeartbeatProfile = 'ws2016' | 'ws2012';

/**
 * Same-subnet heartbeat settings per profile. WS2016+ is 1 s x 10 (SECONDARY source), WS2012 is
 * 1000 ms x 5 (CONFIRMED): FACTS §7. Every server of a scale unit is on the one infrastructure
 * subnet, so the same-subnet values apply. The default profile is WS2016+ because the hub runs
 * WS2019 (FACTS §7, 9.17).
 */
export const HEARTBEAT_PROFILES: Readonly<
	Record<HeartbeatProfile, { readonly delayMs: number; readonly threshold: number }>
> = {
	ws2016: { delayMs: 1_000, threshold: 10 },
	ws2012: { delayMs: 1_000, threshold: 5 }
};
export const DEFAULT_HEARTBEAT_PROFILE: HeartbeatProfile = 'ws2016';

/**
 * Ranges of SameSubnetDelay (250–2000 ms) and SameSubnetThreshold (3–120) documented for WS2012
 * (FACTS §7, Learn API). Choice: we assume the same ranges on WS2016+, for which FACTS.md gives
 * only the defaults.
 */
export const MIN_HEARTBEAT_DELAY_MS = 250;
export const MAX_HEARTBEAT_DELAY_MS = 2_000;
export const MIN_HEARTBEAT_THRESHOLD = 3;
export const MAX_HEARTBEAT_THRESHOLD = 120;

/** Scripted inputs per scenario. Choice (no FACTS section): ample for lessons, bounds hostile files. */
export const MAX_INPUTS = 10_000;

/** Text limits in characters. Choice (no FACTS section): a name fits a header. */
export const MAX_NAME_CHARS = 120;
export const MAX_DESCRIPTION_CHARS = 2_000;

/** Cache drives of a server after defaults are applied. */
export interface CacheDrives {
	count: number;
	media: 'nvme' | 'ssd';
	sizeGB: number;
}

/**
 * Fills in the cache drives of a server. `given` is what the scenario wrote (each field may be
 * missing); the default depends on the capacity media (see DEFAULT_CACHE_DRIVES).
 */
export function completeCacheDrives(
	given: { count?: number; media?: 'nvme' | 'ssd'; sizeGB?: number } | undefined,
	capacityMedia: DriveMedia
): CacheDrives {
	const media = given?.media ?? DEFAULT_CACHE_DRIVES.media;
	const sizeGB = given?.sizeGB ?? DEFAULT_CACHE_DRIVES.sizeGB;
	if (given?.count !== undefined) return { count: given.count, media, sizeGB };
	// A written cache object without a count asks for a cache; an omitted one follows the tier.
	const count = given !== undefined || capacityMedia === 'hdd' ? DEFAULT_CACHE_DRIVES.count : 0;
	return { count, media, sizeGB };
}

/** Fills in a heartbeat section: explicit values win over the profile's. */
export function completeHeartbeat(given: {
	profile?: HeartbeatProfile;
	delayMs?: number;
	threshold?: number;
}): { profile: HeartbeatProfile; delayMs: number; threshold: number } {
	const profile = given.profile ?? DEFAULT_HEARTBEAT_PROFILE;
	const base = HEARTBEAT_PROFILES[profile];
	return {
		profile,
		delayMs: given.delayMs ?? base.delayMs,
		threshold: given.threshold ?? base.threshold
	};
}

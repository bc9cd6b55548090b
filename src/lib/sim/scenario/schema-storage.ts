/**
 * Scenario format v1, Storage Spaces Direct (FACTS §1): the `storage` section (the platform and
 * the volumes created at the start) and the drive inputs `drive.fail`, `drive.pull` and
 * `drive.restore`.
 *
 * Like the SLB sections (schema-slb.ts) `storage` is optional and absent by default, so every
 * scenario written before it is still valid and means the same: growth of version 1, no upgrader.
 * `"storage": {}` is Azure Stack Hub's pool with no volumes. Whether a volume fits the pool the
 * topology describes (resiliency, names, free capacity and the repair reserve) is decided by
 * storage/volume-request.ts and reported by checks-storage.ts.
 *
 * Sizes are decimal GB, as drive sizes are (topology.server.*.sizeGB): 1 GB = 10⁹ bytes.
 * Inputs stay flat (every field a string or number) because the kernel's InputEvent is flat.
 */
import * as v from 'valibot';
import { RESILIENCY_TYPES, type ResiliencyType } from '../storage/resiliency';
import {
	defaultResiliency,
	MAX_VOLUME_BYTES,
	MAX_VOLUMES,
	type Platform
} from '../storage/volume-request';
import { MIN_NODES } from './defaults';
import { closest, show } from './messages';
import {
	got,
	inputHints,
	inputTime,
	intIn,
	listOf,
	oneOf,
	strict,
	type Issue
} from './schema-parts';
import { isResourceName, NAME_RULE } from './schema-tenants';
import { WORKLOAD_INPUT_VARIANTS, workloadsSchema } from './schema-storage-io';

// --- Limits and defaults (each a documented fact with its FACTS section, or a labelled choice) --

/** Bytes in a GB: sizes are decimal, as drives are sold (FACTS 1.8 "Units"; as storage/placement.ts). */
export const BYTES_PER_GB = 1e9;

/**
 * A volume is at least 1 GB (choice: the unit of the format) and at most 64 TiB, written in whole
 * GB: 70368 GB (FACTS 1.8 "≤64 TB each", binary as Windows counts; MAX_VOLUME_BYTES).
 */
export const MIN_VOLUME_SIZE_GB = 1;
export const MAX_VOLUME_SIZE_GB = Math.floor(MAX_VOLUME_BYTES / BYTES_PER_GB);

/** At most 64 volumes per cluster (FACTS 1.8, 9.24; MAX_VOLUMES of storage/volume-request.ts). */
export { MAX_VOLUMES };

/** The platforms whose rules apply: Azure Stack Hub, or generic Storage Spaces Direct. */
export const STORAGE_PLATFORMS = ['azure-stack-hub', 's2d'] as const satisfies readonly Platform[];

/**
 * The platform when `storage` names none: Azure Stack Hub, which this project simulates (FACTS
 * 1.10: every volume three-way mirror, one capacity drive per server left unallocated). "s2d"
 * opens the other resiliency types of FACTS 1.1 for lessons on generic Storage Spaces Direct.
 */
export const DEFAULT_STORAGE_PLATFORM: Platform = 'azure-stack-hub';

/**
 * A volume's resiliency when it names none: three-way mirror, Azure Stack Hub's (FACTS 1.10) and
 * also generic S2D's on 3 or more servers (FACTS 1.8); a scale unit has at least MIN_NODES.
 */
export const DEFAULT_RESILIENCY: ResiliencyType = defaultResiliency(
	DEFAULT_STORAGE_PLATFORM,
	MIN_NODES
);

// --- Field rules ------------------------------------------------------------------------------

const PLATFORM_RULE =
	'the platform is "azure-stack-hub" (every volume three-way mirror, FACTS 1.10) or "s2d" (generic Storage Spaces Direct)';

export const RESILIENCY_RULE = `the resiliency is ${RESILIENCY_TYPES.map((r) => `"${r}"`).join(', ')}`;

/**
 * Names people write for a resiliency type, for "did you mean". PowerShell's bare "Mirror" is
 * two-way and bare "Parity" single parity (FACTS 1.6); "MAP" is the docs' short name (FACTS 1.1).
 */
const RESILIENCY_ALIASES: Readonly<Record<string, ResiliencyType>> = {
	mirror: 'two-way-mirror',
	'2-way-mirror': 'two-way-mirror',
	'3-way-mirror': 'three-way-mirror',
	parity: 'single-parity',
	map: 'mirror-accelerated-parity',
	'mirror-accelerated': 'mirror-accelerated-parity',
	mixed: 'mirror-accelerated-parity'
};

/** The resiliency type `text` probably means (a typo, other spacing or case, an alias), if any. */
export function resiliencyGuess(text: string): ResiliencyType | undefined {
	const normal = text
		.trim()
		.toLowerCase()
		.replace(/[\s_]+/g, '-');
	const exact = RESILIENCY_TYPES.find((r) => r === normal) ?? RESILIENCY_ALIASES[normal];
	return exact ?? (closest(normal, RESILIENCY_TYPES) as ResiliencyType | undefined);
}

const resiliencyMessage = (issue: Issue): string => {
	const guess = typeof issue.input === 'string' ? resiliencyGuess(issue.input) : undefined;
	const tail = guess === undefined ? '' : `, did you mean "${guess}"?`;
	return `${RESILIENCY_RULE}, got ${show(issue.input)}${tail}`;
};

const resiliency = v.picklist(
	RESILIENCY_TYPES as readonly [ResiliencyType, ...ResiliencyType[]],
	resiliencyMessage
);

const volumeName = v.pipe(
	v.string(got(NAME_RULE)),
	v.check((s: string) => isResourceName(s), got(NAME_RULE))
);

const volumeSize = (what: string, min: number) =>
	intIn(
		min,
		MAX_VOLUME_SIZE_GB,
		`${what} is a whole number of GB from ${min} to ${MAX_VOLUME_SIZE_GB} (64 TiB, FACTS 1.8)`
	);

// --- Sections -------------------------------------------------------------------------------

/**
 * A volume created when the scenario starts (FACTS 1.8), in list order. `mirrorGB` belongs to
 * mirror-accelerated parity only, where it is required: the part kept in three-way mirror
 * (FACTS 1.1); checks-storage.ts enforces both.
 */
const volumeSchema = strict(
	{
		name: volumeName,
		sizeGB: volumeSize('a volume size', MIN_VOLUME_SIZE_GB),
		resiliency: v.optional(resiliency, DEFAULT_RESILIENCY),
		mirrorGB: v.optional(volumeSize('the mirror part', 0))
	},
	'a volume such as {"name": "Volume01", "sizeGB": 2000}',
	{
		name: 'name the volume, e.g. "Volume01"',
		sizeGB: 'its size in GB, e.g. 2000'
	}
);

/** `storage`: the platform whose rules apply and the volumes of the scale unit's pool. */
export const storageSchema = strict(
	{
		platform: v.optional(oneOf(STORAGE_PLATFORMS, PLATFORM_RULE), DEFAULT_STORAGE_PLATFORM),
		volumes: v.optional(
			listOf(
				volumeSchema,
				'volumes are a list',
				MAX_VOLUMES,
				`a cluster holds at most ${MAX_VOLUMES} volumes (FACTS 1.8)`
			),
			[]
		),
		workloads: v.optional(workloadsSchema, [])
	},
	'an object such as {"volumes": [{"name": "Volume01", "sizeGB": 2000}]}'
);

/**
 * The storage section, to spread into the scenario object schema (schema.ts) after the SLB
 * sections: `storage` is absent unless written.
 */
export const STORAGE_SCENARIO_ENTRIES = {
	storage: v.optional(storageSchema)
};

// --- Inputs ---------------------------------------------------------------------------------

export const DRIVE_INDEX_RULE =
	'a drive index is a whole number from 0 (Node01 cache 1; each server its cache drives, then its capacity drives)';

/** A drive index into TopologyInfo.drives; whether it exists depends on the topology (checks). */
const driveIndex = v.pipe(
	v.number(got(DRIVE_INDEX_RULE)),
	v.check((n: number) => Number.isInteger(n) && n >= 0, got(DRIVE_INDEX_RULE))
);

const driveHints = {
	...inputHints,
	drive: 'the index of the drive (0 is the first drive of Node01)'
};

/**
 * `drive.fail`: the drive stops responding and its data is gone (FACTS 1.3, 1.9): the volumes
 * lose the copies on it until repair rebuilds them elsewhere.
 */
export const driveFailInputSchema = strict(
	{ t: inputTime, type: v.literal('drive.fail'), drive: driveIndex },
	'an input object',
	driveHints
);

/**
 * `drive.pull`: the drive is removed; its data is intact but unreachable ("Lost communication",
 * FACTS 1.9) until `drive.restore`.
 */
export const drivePullInputSchema = strict(
	{ t: inputTime, type: v.literal('drive.pull'), drive: driveIndex },
	'an input object',
	driveHints
);

/**
 * `drive.restore`: a pulled drive is put back, with its data as it was when pulled (what a restore
 * does to a failed drive is the storage model's to decide).
 */
export const driveRestoreInputSchema = strict(
	{ t: inputTime, type: v.literal('drive.restore'), drive: driveIndex },
	'an input object',
	driveHints
);

/**
 * `volume.create`: a volume created while the simulation runs (New-Volume, FACTS 1.8). Whether
 * the pool can take it is decided then, against the volumes it holds by that time: a refusal is
 * logged as `volume.refused` with the reasons.
 */
export const volumeCreateInputSchema = strict(
	{
		t: inputTime,
		type: v.literal('volume.create'),
		name: volumeName,
		sizeGB: volumeSize('a volume size', MIN_VOLUME_SIZE_GB),
		resiliency: v.optional(resiliency),
		mirrorGB: v.optional(volumeSize('the mirror part', 0))
	},
	'an input object',
	{ ...inputHints, name: 'name the volume, e.g. "Volume05"', sizeGB: 'its size in GB, e.g. 2000' }
);

/** The drive input variants, to spread into INPUT_VARIANTS (schema.ts). */
export const STORAGE_INPUT_VARIANTS = [
	driveFailInputSchema,
	drivePullInputSchema,
	driveRestoreInputSchema,
	volumeCreateInputSchema,
	...WORKLOAD_INPUT_VARIANTS
] as const;

// --- Types ----------------------------------------------------------------------------------

/** The parsed `storage` section: the platform and the volumes filled in. */
export type StorageSpec = v.InferOutput<typeof storageSchema>;
/** A parsed volume (`resiliency` filled in; `mirrorGB` only for mirror-accelerated parity). */
export type VolumeSpec = StorageSpec['volumes'][number];
/** The storage section of a parsed scenario (undefined when the scenario has none). */
export type StorageSections = { storage?: StorageSpec };
/** The parsed drive inputs. */
export type DriveInput = v.InferOutput<(typeof STORAGE_INPUT_VARIANTS)[number]>;

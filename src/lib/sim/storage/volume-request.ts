/**
 * Validates a request for a new volume against a pool: the resiliency rules (resiliency.ts), free
 * capacity, the repair reserve and the platform's defaults. Returns either what the volume would
 * take (footprint, efficiency) or every refusal, each naming its rule and FACTS section.
 */
import type { DriveMedia } from '../topology';
import {
	RESILIENCY_RULES,
	canCreate,
	capacityClassOf,
	footprintBytes,
	mapFootprintBytes,
	storageEfficiency,
	type ResiliencyType
} from './resiliency';

/** Azure Stack Hub (three-way mirror only) or generic Storage Spaces Direct. */
export type Platform = 'azure-stack-hub' | 's2d';

/**
 * One capacity media of a pool. CHOICE (FACTS §1.5 "the same drive types and the same counts in
 * every server"; §6.1): pools are symmetric, so per-server figures describe every server.
 */
export interface CapacityTier {
	readonly media: DriveMedia;
	readonly drivesPerServer: number;
	readonly driveSizeBytes: number;
	/** Footprints of the volumes already on this tier. */
	readonly allocatedBytes: number;
}

export interface PoolSummary {
	readonly platform: Platform;
	/** Servers = fault domains (FACTS §1.1). */
	readonly servers: number;
	readonly tiers: readonly CapacityTier[];
	readonly volumeNames: readonly string[];
}

export interface VolumeRequest {
	readonly name: string;
	readonly sizeBytes: number;
	/** Default: the platform's (see `defaultResiliency`). */
	readonly resiliency?: ResiliencyType;
	/** Capacity media to place on; may be left out when the pool has one tier. */
	readonly mediaTier?: DriveMedia;
	/** Mirror-accelerated parity only: bytes kept in the three-way-mirror part. */
	readonly mirrorBytes?: number;
}

export interface Refusal {
	readonly rule: string;
	readonly reason: string;
	readonly facts: string;
}

export interface AcceptedVolume {
	readonly ok: true;
	readonly name: string;
	readonly resiliency: ResiliencyType;
	readonly mediaTier: DriveMedia;
	readonly sizeBytes: number;
	readonly footprintBytes: number;
	readonly layout: string;
	/** size / footprint as a fraction: the layout's symbols, or size/footprint for MAP. */
	readonly efficiency: { readonly num: number; readonly den: number };
	/** Σ capacity drives of the tier (cache adds none, FACTS §1.7). */
	readonly rawCapacityBytes: number;
	/** Raw capacity not yet allocated. */
	readonly freeBytes: number;
	readonly reserveBytes: number;
	readonly freeAfterBytes: number;
	/** Largest size this resiliency could still take while keeping the reserve; undefined for MAP. */
	readonly usableBytes: number | undefined;
	readonly warnings: readonly string[];
}

export type VolumeDecision =
	AcceptedVolume | { readonly ok: false; readonly refusals: readonly Refusal[] };

/** CHOICE (FACTS §1.8 "≤64 TB each"; §1.8 Units: Windows counts in binary): 64 TiB. */
export const MAX_VOLUME_BYTES = 64 * 2 ** 40;
/** CHOICE (FACTS §9 item 24): 64 volumes per cluster. */
export const MAX_VOLUMES = 64;

/**
 * Azure Stack Hub: three-way mirror (FACTS §1.10, CONFIRMED). Generic S2D: three-way mirror from 3
 * servers (FACTS §1.8, new volumes after a third server), two-way below (CHOICE: the only mirror
 * that fits).
 */
export function defaultResiliency(platform: Platform, servers: number): ResiliencyType {
	return platform === 'azure-stack-hub' || servers >= 3 ? 'three-way-mirror' : 'two-way-mirror';
}

/**
 * Raw capacity kept free for repair: one capacity drive per server, at most 4 drives, on generic
 * S2D (FACTS §1.8); one per server with no cap on Azure Stack Hub (FACTS §1.10). Both CONFIRMED.
 */
export function reserveBytes(platform: Platform, servers: number, tier: CapacityTier): number {
	const drives = platform === 'azure-stack-hub' ? servers : Math.min(servers, 4);
	return drives * tier.driveSizeBytes;
}

type Refuse = (rule: string, reason: string, facts: string) => void;

/** Check a request; every broken rule is reported, not only the first. */
export function validateVolumeRequest(pool: PoolSummary, req: VolumeRequest): VolumeDecision {
	const refusals: Refusal[] = [];
	const no: Refuse = (rule, reason, facts) => refusals.push({ rule, reason, facts });
	const name = req.name.trim();
	const resiliency = req.resiliency ?? defaultResiliency(pool.platform, pool.servers);
	checkRequest(pool, req, name, resiliency, no);
	const tier = pickTier(pool, req.mediaTier, no);
	if (!tier || refusals.length > 0) return { ok: false, refusals };

	const size = req.sizeBytes;
	const shape = shapeOf(resiliency, size, req.mirrorBytes, pool.servers, tier.media);
	if ('rule' in shape) return { ok: false, refusals: [shape] };
	const rawCapacityBytes = pool.servers * tier.drivesPerServer * tier.driveSizeBytes;
	const freeBytes = Math.max(0, rawCapacityBytes - tier.allocatedBytes);
	const reserve = reserveBytes(pool.platform, pool.servers, tier);
	const spendable = Math.max(0, freeBytes - reserve);
	const warnings: string[] = [];
	const gib = (b: number) => `${(b / 2 ** 30).toFixed(1)} GiB`;
	if (shape.footprint > freeBytes) {
		const label = RESILIENCY_RULES[resiliency].label;
		const why = `${label} of ${gib(size)} takes ${gib(shape.footprint)} of raw capacity, only ${gib(freeBytes)} is free`;
		return { ok: false, refusals: [{ rule: 'capacity.free', reason: why, facts: 'FACTS §1.1' }] };
	}
	if (shape.footprint > spendable) {
		const cap = pool.platform === 's2d' ? ', max 4' : '';
		const why = `${gib(shape.footprint)} would eat into the repair reserve of ${gib(reserve)} (one capacity drive per server${cap})`;
		// CHOICE: Azure Stack Hub leaves the reserve unallocated (FACTS §1.10), so it refuses;
		// generic S2D only recommends it (FACTS §1.8), so it warns.
		if (pool.platform === 'azure-stack-hub') {
			return {
				ok: false,
				refusals: [{ rule: 'capacity.reserve', reason: why, facts: 'FACTS §1.10' }]
			};
		}
		warnings.push(`${why}: repair after a failure could not run in place (FACTS §1.8).`);
	}
	warnings.push(...advice(pool, resiliency));
	return {
		ok: true,
		name,
		resiliency,
		mediaTier: tier.media,
		sizeBytes: size,
		footprintBytes: shape.footprint,
		layout: shape.layout,
		efficiency: shape.efficiency,
		rawCapacityBytes,
		freeBytes,
		reserveBytes: reserve,
		freeAfterBytes: freeBytes - shape.footprint,
		usableBytes: shape.perByte
			? Math.min(MAX_VOLUME_BYTES, Math.floor((spendable * shape.perByte.num) / shape.perByte.den))
			: undefined,
		warnings
	};
}

function checkRequest(
	pool: PoolSummary,
	req: VolumeRequest,
	name: string,
	resiliency: ResiliencyType,
	no: Refuse
): void {
	if (name === '') no('name.empty', 'a volume needs a name', 'FACTS §1.8');
	// CHOICE: names compare without case, as Windows does for friendly names (FACTS is silent).
	else if (pool.volumeNames.some((n) => n.toLowerCase() === name.toLowerCase()))
		no('name.duplicate', `a volume named "${name}" already exists`, 'FACTS §1.8');
	if (pool.volumeNames.length >= MAX_VOLUMES)
		no('volumes.max', `a cluster holds at most ${MAX_VOLUMES} volumes`, 'FACTS §1.8, §9.24');
	if (!Number.isSafeInteger(req.sizeBytes) || req.sizeBytes <= 0)
		no('size.invalid', 'the size must be a whole number of bytes above zero', 'FACTS §1.8');
	else if (req.sizeBytes > MAX_VOLUME_BYTES)
		no('size.max', 'a volume can be at most 64 TiB', 'FACTS §1.8');
	if (pool.platform === 'azure-stack-hub' && resiliency !== 'three-way-mirror') {
		const label = RESILIENCY_RULES[resiliency].label.toLowerCase();
		const why = `Azure Stack Hub makes every volume three-way mirror, not ${label}`;
		no('platform.three-way-only', why, 'FACTS §1.10, §9.6');
	}
	const allowed = canCreate(resiliency, pool.servers);
	if (!allowed.ok) no(allowed.rule, allowed.reason, allowed.facts);
}

interface Shape {
	readonly footprint: number;
	readonly efficiency: { readonly num: number; readonly den: number };
	readonly layout: string;
	/** The layout's data/raw ratio where it does not depend on the size (not for MAP). */
	readonly perByte?: { readonly num: number; readonly den: number };
}

/** Footprint and efficiency of `size` bytes in `resiliency` on this tier, or why there is none. */
function shapeOf(
	resiliency: ResiliencyType,
	size: number,
	mirrorBytes: number | undefined,
	servers: number,
	tierMedia: DriveMedia
): Shape | Refusal {
	const media = capacityClassOf(tierMedia);
	if (resiliency !== 'mirror-accelerated-parity') {
		const e = storageEfficiency(resiliency, servers, media);
		if (!e) return { rule: 'layout', reason: `no ${resiliency} layout here`, facts: 'FACTS §1.1' };
		const perByte = { num: e.dataSymbols, den: e.totalSymbols };
		return { footprint: footprintBytes(size, e), efficiency: perByte, layout: e.layout, perByte };
	}
	const fp =
		mirrorBytes !== undefined && Number.isSafeInteger(mirrorBytes)
			? mapFootprintBytes(size, mirrorBytes, servers, media)
			: undefined;
	if (mirrorBytes === undefined || fp === undefined) {
		const why = 'mirror-accelerated parity needs a mirror part between 0 and the volume size';
		return { rule: 'map.split', reason: why, facts: 'FACTS §1.1' };
	}
	const parity = storageEfficiency('dual-parity', servers, media)?.layout ?? '';
	const share = ((100 * mirrorBytes) / size).toFixed(1);
	const layout = `${share} % three-way mirror + dual parity ${parity}`;
	return { footprint: fp, efficiency: { num: size, den: fp }, layout };
}

/** Advice that does not block the request. */
function advice(pool: PoolSummary, resiliency: ResiliencyType): string[] {
	const out: string[] = [];
	if (resiliency === 'two-way-mirror' && pool.servers > 2)
		out.push('On more than 2 servers three-way mirror is preferred (FACTS §1.1).');
	if (resiliency === 'single-parity')
		out.push(
			'Single parity survives one failure; a second (e.g. during a reboot) means downtime (FACTS §1.1).'
		);
	if ((pool.volumeNames.length + 1) % pool.servers !== 0)
		out.push(
			`Volume counts that are a multiple of the ${pool.servers} servers balance the volume owners (FACTS §1.8).`
		);
	return out;
}

function pickTier(
	pool: PoolSummary,
	media: DriveMedia | undefined,
	no: Refuse
): CapacityTier | undefined {
	if (media !== undefined) {
		const tier = pool.tiers.find((t) => t.media === media);
		if (!tier)
			no('tier.missing', `this pool has no ${media.toUpperCase()} capacity drives`, 'FACTS §1.7');
		return tier;
	}
	if (pool.tiers.length === 1) return pool.tiers[0];
	const names = pool.tiers.map((t) => t.media.toUpperCase()).join(' or ');
	if (pool.tiers.length === 0) no('tier.none', 'this pool has no capacity drives', 'FACTS §1.7');
	else no('tier.ambiguous', `choose a media tier: ${names}`, 'FACTS §1.7');
	return undefined;
}

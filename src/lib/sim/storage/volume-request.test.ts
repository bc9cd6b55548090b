import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RESILIENCY_TYPES } from './resiliency';
import {
	MAX_VOLUME_BYTES,
	defaultResiliency,
	reserveBytes,
	validateVolumeRequest,
	type PoolSummary,
	type VolumeRequest
} from './volume-request';

const TB = 10 ** 12;
const GiB = 2 ** 30;

/** A symmetric pool: `servers` × `drives` capacity drives of `sizeTB` each, nothing allocated. */
function pool(
	servers: number,
	platform: PoolSummary['platform'] = 's2d',
	media: 'hdd' | 'ssd' = 'hdd',
	drives = 4,
	sizeTB = 4
): PoolSummary {
	const tier = { media, drivesPerServer: drives, driveSizeBytes: sizeTB * TB, allocatedBytes: 0 };
	return { platform, servers, tiers: [tier], volumeNames: [] };
}
const req = (r: Partial<VolumeRequest>): VolumeRequest => ({ name: 'Vol1', sizeBytes: TB, ...r });

function refusalRules(p: PoolSummary, r: VolumeRequest): string[] {
	const d = validateVolumeRequest(p, r);
	return d.ok ? [] : d.refusals.map((x) => x.rule);
}

describe('defaults', () => {
	it('Azure Stack Hub: three-way mirror (FACTS §1.10)', () => {
		const d = validateVolumeRequest(pool(4, 'azure-stack-hub'), req({}));
		expect(d.ok && d.resiliency).toBe('three-way-mirror');
		expect(d.ok && d.footprintBytes).toBe(3 * TB);
		expect(d.ok && d.efficiency).toEqual({ num: 1, den: 3 });
	});

	it('generic S2D: two-way on 2 servers, three-way from 3 (FACTS §1.8)', () => {
		expect(defaultResiliency('s2d', 2)).toBe('two-way-mirror');
		expect(defaultResiliency('s2d', 3)).toBe('three-way-mirror');
	});

	it('reserve: one capacity drive per server, max 4 on S2D, no cap on Azure Stack Hub', () => {
		const tier = pool(8).tiers[0];
		expect(reserveBytes('s2d', 8, tier)).toBe(4 * 4 * TB);
		expect(reserveBytes('s2d', 3, tier)).toBe(3 * 4 * TB);
		expect(reserveBytes('azure-stack-hub', 8, tier)).toBe(8 * 4 * TB);
	});
});

describe('accepted requests', () => {
	it('reports raw, free, reserve and usable capacity', () => {
		const d = validateVolumeRequest(pool(4), req({ resiliency: 'dual-parity', sizeBytes: 2 * TB }));
		expect(d).toMatchObject({
			ok: true,
			layout: 'RS 2+2',
			footprintBytes: 4 * TB,
			rawCapacityBytes: 64 * TB,
			freeBytes: 64 * TB,
			reserveBytes: 16 * TB,
			freeAfterBytes: 60 * TB,
			usableBytes: 24 * TB
		});
	});

	it('uses the all-flash dual-parity layout on SSD capacity (FACTS §1.2)', () => {
		const d = validateVolumeRequest(pool(16, 's2d', 'ssd'), req({ resiliency: 'dual-parity' }));
		expect(d.ok && d.layout).toBe('LRC (12,2,1)');
	});

	it('computes mirror-accelerated parity from its split', () => {
		const d = validateVolumeRequest(
			pool(4),
			req({ resiliency: 'mirror-accelerated-parity', sizeBytes: 4 * TB, mirrorBytes: TB })
		);
		expect(d).toMatchObject({
			ok: true,
			footprintBytes: 9 * TB,
			efficiency: { num: 4 * TB, den: 9 * TB }
		});
		expect(d.ok && d.layout).toBe('25.0 % three-way mirror + dual parity RS 2+2');
	});

	it('warns about two-way mirror on more than 2 servers and about single parity', () => {
		const two = validateVolumeRequest(pool(3), req({ resiliency: 'two-way-mirror' }));
		expect(two.ok && two.warnings.join(' ')).toMatch(/three-way mirror is preferred/);
		const single = validateVolumeRequest(pool(3), req({ resiliency: 'single-parity' }));
		expect(single.ok && single.warnings.join(' ')).toMatch(/means downtime/);
	});

	it('warns (generic S2D) when the volume eats into the reserve', () => {
		const d = validateVolumeRequest(
			pool(4),
			req({ resiliency: 'two-way-mirror', sizeBytes: 30 * TB })
		);
		expect(d.ok && d.warnings[0]).toMatch(/repair reserve/);
	});
});

describe('refusals', () => {
	it('dual parity on three servers', () => {
		const d = validateVolumeRequest(pool(3), req({ resiliency: 'dual-parity' }));
		expect(d).toEqual({
			ok: false,
			refusals: [
				{
					rule: 'fault-domains.min',
					reason: 'dual parity needs at least 4 servers, this pool has 3',
					facts: 'FACTS §1.1'
				}
			]
		});
	});

	it('anything but three-way mirror on Azure Stack Hub', () => {
		expect(refusalRules(pool(4, 'azure-stack-hub'), req({ resiliency: 'dual-parity' }))).toEqual([
			'platform.three-way-only'
		]);
	});

	it('a size beyond free capacity', () => {
		const d = validateVolumeRequest(pool(4), req({ sizeBytes: 30 * TB }));
		expect(d.ok).toBe(false);
		if (!d.ok) {
			expect(d.refusals[0].rule).toBe('capacity.free');
			expect(d.refusals[0].reason).toMatch(
				/takes 83819\.0 GiB of raw capacity, only 59604\.6 GiB is free/
			);
		}
	});

	it('the reserve on Azure Stack Hub', () => {
		expect(refusalRules(pool(4, 'azure-stack-hub'), req({ sizeBytes: 17 * TB }))).toEqual([
			'capacity.reserve'
		]);
	});

	it('names, sizes, counts and tiers, all reported at once', () => {
		const p = { ...pool(4), volumeNames: Array.from({ length: 64 }, (_, i) => `V${i}`) };
		expect(refusalRules(p, req({ name: 'v3', sizeBytes: 0 }))).toEqual([
			'name.duplicate',
			'volumes.max',
			'size.invalid'
		]);
		expect(refusalRules(pool(4), req({ name: '  ' }))).toEqual(['name.empty']);
		expect(refusalRules(pool(4), req({ sizeBytes: MAX_VOLUME_BYTES + 1 }))).toEqual(['size.max']);
		expect(refusalRules(pool(4), req({ mediaTier: 'ssd' }))).toEqual(['tier.missing']);
		const twoTiers = { ...pool(4), tiers: [...pool(4).tiers, ...pool(4, 's2d', 'ssd').tiers] };
		expect(refusalRules(twoTiers, req({}))).toEqual(['tier.ambiguous']);
		expect(validateVolumeRequest(twoTiers, req({ mediaTier: 'ssd' })).ok).toBe(true);
	});

	it('mirror-accelerated parity without a valid split', () => {
		const map = req({ resiliency: 'mirror-accelerated-parity' });
		expect(refusalRules(pool(4), map)).toEqual(['map.split']);
		expect(refusalRules(pool(4), { ...map, mirrorBytes: 2 * TB })).toEqual(['map.split']);
	});
});

describe('properties', () => {
	const request = fc.record({
		servers: fc.integer({ min: 2, max: 16 }),
		media: fc.constantFrom('hdd' as const, 'ssd' as const),
		platform: fc.constantFrom('s2d' as const, 'azure-stack-hub' as const),
		drives: fc.integer({ min: 1, max: 12 }),
		driveGiB: fc.integer({ min: 1, max: 20_000 }),
		allocatedShare: fc.double({ min: 0, max: 1, noNaN: true }),
		resiliency: fc.constantFrom(...RESILIENCY_TYPES),
		sizeBytes: fc.integer({ min: 1, max: MAX_VOLUME_BYTES }),
		mirrorShare: fc.double({ min: 0, max: 1, noNaN: true })
	});

	it('an accepted request fits in free capacity, and efficiency × footprint = size', () => {
		let accepted = 0;
		fc.assert(
			fc.property(request, (r) => {
				const raw = r.servers * r.drives * r.driveGiB * GiB;
				const p: PoolSummary = {
					platform: r.platform,
					servers: r.servers,
					tiers: [
						{
							media: r.media,
							drivesPerServer: r.drives,
							driveSizeBytes: r.driveGiB * GiB,
							allocatedBytes: Math.floor(raw * r.allocatedShare)
						}
					],
					volumeNames: []
				};
				const mirrorBytes = Math.floor(r.sizeBytes * r.mirrorShare);
				const d = validateVolumeRequest(p, {
					name: 'V',
					sizeBytes: r.sizeBytes,
					resiliency: r.resiliency,
					mirrorBytes
				});
				if (!d.ok) return;
				accepted++;
				expect(d.footprintBytes).toBeLessThanOrEqual(d.freeBytes);
				expect(d.freeAfterBytes).toBeGreaterThanOrEqual(0);
				// Exact in integers: footprint × num − size × den lies in [0, num) (whole-byte round-up).
				const excess = d.footprintBytes * d.efficiency.num - d.sizeBytes * d.efficiency.den;
				expect(excess).toBeGreaterThanOrEqual(0);
				expect(excess).toBeLessThan(d.efficiency.num);
			}),
			{ numRuns: 500, seed: 2024 }
		);
		expect(accepted).toBeGreaterThan(50);
	});
});

import { describe, expect, it } from 'vitest';
import { makePoolSummary } from './test-fixtures';
import {
	checkVolume,
	isResiliency,
	nextVolumeName,
	percent,
	platformDefault,
	previewVolume,
	resiliencyOption,
	type VolumeDraft
} from './volume-form';

/** Azure Stack Hub, 4 hybrid servers × 4 × 4 TB HDD (64 TB raw), two volumes taking 13.5 TB. */
const HYBRID = makePoolSummary({
	allocatedBytes: 13.5e12,
	volumeNames: ['Infrastructure', 'VmTemp']
});
/** The same drives on generic Storage Spaces Direct, one volume taking 13.5 TB. */
const S2D = makePoolSummary({
	platform: 's2d',
	allocatedBytes: 13.5e12,
	volumeNames: ['Volume01']
});

const draft = (over: Partial<VolumeDraft> = {}): VolumeDraft => ({
	name: 'Volume03',
	sizeGB: '1000',
	resiliency: 'three-way-mirror',
	mirrorGB: '',
	...over
});

describe('nextVolumeName', () => {
	it('takes the first free VolumeNN, comparing without case', () => {
		expect(nextVolumeName([])).toBe('Volume01');
		expect(nextVolumeName(['Volume01', 'volume02', 'Volume04'])).toBe('Volume03');
		expect(nextVolumeName(['Infrastructure'])).toBe('Volume01');
	});
});

describe('resiliency choices', () => {
	it('words each type and marks the platform default', () => {
		expect(platformDefault(HYBRID)).toBe('three-way-mirror');
		expect(platformDefault(makePoolSummary({ platform: 's2d', servers: 2 }))).toBe(
			'two-way-mirror'
		);
		expect(resiliencyOption('three-way-mirror', HYBRID)).toBe(
			'Three-way mirror: survives 2 failures, needs 3 servers or more (default)'
		);
		expect(resiliencyOption('single-parity', HYBRID)).toBe(
			'Single parity: survives 1 failure, needs 3 servers or more'
		);
		expect(isResiliency('dual-parity')).toBe(true);
		expect(isResiliency('raid5')).toBe(false);
		expect(percent(1, 3)).toBe('33.3 %');
	});
});

describe('checkVolume', () => {
	it('turns the typed fields into a form, trimming the name', () => {
		expect(checkVolume(draft({ name: '  Data ', sizeGB: ' 250 ' }))).toEqual({
			form: { name: 'Data', sizeGB: 250, resiliency: 'three-way-mirror' },
			errors: {}
		});
	});

	it('refuses an empty name and a size that is not a whole number of GB from 1', () => {
		for (const sizeGB of ['', '0', '1.5', '-3', '1e3', 'ten']) {
			const check = checkVolume(draft({ name: ' ', sizeGB }));
			expect(check.form).toBeNull();
			expect(check.errors).toEqual({
				name: 'Name: a volume needs a name.',
				sizeGB: 'Size: a whole number of GB, at least 1.'
			});
		}
	});

	it('needs a mirror part only for mirror-accelerated parity, and ignores it otherwise', () => {
		const map = draft({ resiliency: 'mirror-accelerated-parity' });
		expect(checkVolume(map).errors.mirrorGB).toMatch(
			/^Mirror part: mirror-accelerated parity needs/
		);
		expect(checkVolume({ ...map, mirrorGB: '1200' }).errors.mirrorGB).toBe(
			'Mirror part: at most the volume size (1000 GB).'
		);
		expect(checkVolume({ ...map, mirrorGB: '200' }).form).toEqual({
			name: 'Volume03',
			sizeGB: 1000,
			resiliency: 'mirror-accelerated-parity',
			mirrorGB: 200
		});
		expect(checkVolume(draft({ mirrorGB: '200' })).form).not.toHaveProperty('mirrorGB');
		expect(checkVolume(draft({ mirrorGB: 'junk' })).errors).toEqual({});
	});
});

describe('previewVolume', () => {
	it('accepts three-way mirror on the 4-server hybrid pool with a 3× footprint', () => {
		const preview = previewVolume(HYBRID, {
			name: 'Volume03',
			sizeGB: 1000,
			resiliency: 'three-way-mirror'
		});
		expect(preview).toEqual({
			ok: true,
			headline: 'Volume03 can be created: three-way mirror, 3 copies.',
			facts: [
				{ term: 'Size', detail: '1 TB (931 GiB as Windows shows it)' },
				{ term: 'Footprint', detail: '3 TB of raw capacity, 3× the size' },
				{ term: 'Efficiency', detail: '33.3 %' },
				{ term: 'Raw capacity', detail: '64 TB (16 HDD capacity drives)' },
				{ term: 'Free', detail: '50.5 TB before, 47.5 TB after' },
				{
					term: 'Repair reserve',
					detail: '16 TB: one capacity drive per server, kept free on Azure Stack Hub (FACTS §1.10)'
				},
				{
					term: 'Usable maximum',
					detail: '11.5 TB in three-way mirror, keeping the reserve free'
				}
			],
			warnings: [
				'Volume counts that are a multiple of the 4 servers balance the volume owners (FACTS §1.8).'
			]
		});
	});

	it('uses the platform default when no resiliency is given', () => {
		const preview = previewVolume(HYBRID, { name: 'Volume03', sizeGB: 1000 });
		expect(preview.headline).toBe('Volume03 can be created: three-way mirror, 3 copies.');
	});

	it('refuses dual parity on Azure Stack Hub, naming the rule and its FACTS section', () => {
		const preview = previewVolume(HYBRID, {
			name: 'Volume03',
			sizeGB: 1000,
			resiliency: 'dual-parity'
		});
		expect(preview).toEqual({
			ok: false,
			headline: 'Volume03 cannot be created:',
			refusals: [
				{
					rule: 'platform.three-way-only',
					text: 'Azure Stack Hub makes every volume three-way mirror, not dual parity (FACTS §1.10, §9.6).'
				}
			]
		});
	});

	it('allows dual parity on generic S2D, with its own efficiency and reserve wording', () => {
		const preview = previewVolume(S2D, { name: 'P', sizeGB: 1000, resiliency: 'dual-parity' });
		if (!preview.ok) throw new Error('refused');
		expect(preview.headline).toBe('P can be created: dual parity, RS 2+2.');
		const detail = Object.fromEntries(preview.facts.map((f) => [f.term, f.detail]));
		expect(detail.Footprint).toBe('2 TB of raw capacity, 2× the size');
		expect(detail.Efficiency).toBe('50.0 %');
		expect(detail['Repair reserve']).toBe(
			'16 TB: one capacity drive per server, at most 4, recommended (FACTS §1.8)'
		);
	});

	it('refuses a size beyond the free capacity', () => {
		const preview = previewVolume(HYBRID, { name: 'Big', sizeGB: 20_000 });
		expect(preview.ok).toBe(false);
		if (preview.ok) return;
		expect(preview.refusals).toEqual([
			{
				rule: 'capacity.free',
				text: 'Three-way mirror of 18626.5 GiB takes 55879.4 GiB of raw capacity, only 47031.8 GiB is free (FACTS §1.1).'
			}
		]);
	});

	it('refuses on Azure Stack Hub a size that would eat into the repair reserve', () => {
		const preview = previewVolume(HYBRID, { name: 'Big', sizeGB: 12_000 });
		expect(preview.ok || preview.refusals.map((r) => r.rule)).toEqual(['capacity.reserve']);
	});

	it('refuses a name already taken, whatever its case', () => {
		const preview = previewVolume(HYBRID, { name: 'vmtemp', sizeGB: 100 });
		expect(preview).toEqual({
			ok: false,
			headline: 'vmtemp cannot be created:',
			refusals: [
				{
					rule: 'name.duplicate',
					text: 'A volume named "vmtemp" already exists (FACTS §1.8).'
				}
			]
		});
	});

	it('needs a mirror part for mirror-accelerated parity, and words the split when given', () => {
		const without = previewVolume(S2D, {
			name: 'Map',
			sizeGB: 1000,
			resiliency: 'mirror-accelerated-parity'
		});
		expect(without.ok || without.refusals.map((r) => r.rule)).toEqual(['map.split']);
		const withMirror = previewVolume(S2D, {
			name: 'Map',
			sizeGB: 1000,
			resiliency: 'mirror-accelerated-parity',
			mirrorGB: 200
		});
		if (!withMirror.ok) throw new Error('refused');
		expect(withMirror.headline).toBe(
			'Map can be created: mirror-accelerated parity, 20.0 % three-way mirror + dual parity RS 2+2.'
		);
		const detail = Object.fromEntries(withMirror.facts.map((f) => [f.term, f.detail]));
		expect(detail.Footprint).toBe('2.2 TB of raw capacity, 2.2× the size');
		expect(detail.Efficiency).toBe('45.5 %');
		expect(detail['Usable maximum']).toBe('depends on the mirror and parity split');
	});

	it('names an unnamed volume plainly when refusing it', () => {
		const preview = previewVolume(HYBRID, { name: '  ', sizeGB: 100 });
		expect(preview.headline).toBe('This volume cannot be created:');
	});
});

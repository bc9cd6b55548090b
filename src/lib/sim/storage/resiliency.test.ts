import { describe, expect, it } from 'vitest';
import {
	RESILIENCY_RULES,
	RESILIENCY_TYPES,
	canCreate,
	capacityClassOf,
	dualParityLayout,
	footprintBytes,
	mapFootprintBytes,
	storageEfficiency,
	type CapacityClass,
	type ResiliencyType
} from './resiliency';

/** Percent with one decimal, as the FACTS tables print it. */
function pct(type: ResiliencyType, servers: number, media: CapacityClass): string | null {
	const e = storageEfficiency(type, servers, media);
	return e ? ((100 * e.dataSymbols) / e.totalSymbols).toFixed(1) : null;
}

const SERVERS = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];

// FACTS §1.2, written out row by row (not computed): [servers, hybrid, all-flash].
const DUAL_PARITY: readonly [number, string | null, string | null][] = [
	[2, null, null],
	[3, null, null],
	[4, 'RS 2+2', 'RS 2+2'],
	[5, 'RS 2+2', 'RS 2+2'],
	[6, 'RS 2+2', 'RS 2+2'],
	[7, 'RS 4+2', 'RS 4+2'],
	[8, 'RS 4+2', 'RS 4+2'],
	[9, 'RS 4+2', 'RS 6+2'],
	[10, 'RS 4+2', 'RS 6+2'],
	[11, 'RS 4+2', 'RS 6+2'],
	[12, 'LRC (8,2,1)', 'RS 6+2'],
	[13, 'LRC (8,2,1)', 'RS 6+2'],
	[14, 'LRC (8,2,1)', 'RS 6+2'],
	[15, 'LRC (8,2,1)', 'RS 6+2'],
	[16, 'LRC (8,2,1)', 'LRC (12,2,1)']
];
const PERCENT: Record<string, string> = {
	'RS 2+2': '50.0',
	'RS 4+2': '66.7',
	'RS 6+2': '75.0',
	'LRC (8,2,1)': '72.7',
	'LRC (12,2,1)': '80.0'
};

describe('FACTS §1.1 resiliency table', () => {
	it.each([
		['two-way-mirror', 1, 2],
		['three-way-mirror', 2, 3],
		['dual-parity', 2, 4],
		['mirror-accelerated-parity', 2, 4],
		['single-parity', 1, 3]
	] as const)('%s survives %i failures and needs %i fault domains', (type, tolerance, min) => {
		expect(RESILIENCY_RULES[type].faultTolerance).toBe(tolerance);
		expect(RESILIENCY_RULES[type].minFaultDomains).toBe(min);
	});

	it('lists every type once', () => {
		expect(new Set(RESILIENCY_TYPES).size).toBe(5);
	});
});

describe('efficiency by server count (2..16)', () => {
	it.each(SERVERS)('mirrors on %i servers', (n) => {
		for (const media of ['hybrid', 'all-flash'] as const) {
			expect(pct('two-way-mirror', n, media)).toBe('50.0');
			expect(pct('three-way-mirror', n, media)).toBe(n >= 3 ? '33.3' : null);
		}
	});

	it.each(DUAL_PARITY)('dual parity on %i servers: hybrid %s, all-flash %s', (n, hybrid, flash) => {
		expect(storageEfficiency('dual-parity', n, 'hybrid')?.layout ?? null).toBe(hybrid);
		expect(storageEfficiency('dual-parity', n, 'all-flash')?.layout ?? null).toBe(flash);
		expect(pct('dual-parity', n, 'hybrid')).toBe(hybrid ? PERCENT[hybrid] : null);
		expect(pct('dual-parity', n, 'all-flash')).toBe(flash ? PERCENT[flash] : null);
		expect(dualParityLayout(n, 'hybrid')?.layout ?? null).toBe(hybrid);
	});

	it.each(SERVERS)('single parity on %i servers is the labelled (n−1)/n choice', (n) => {
		const e = storageEfficiency('single-parity', n, 'hybrid');
		if (n < 3) expect(e).toBeUndefined();
		else {
			expect(e).toMatchObject({ dataSymbols: n - 1, totalSymbols: n, certainty: 'CHOICE' });
			expect(e?.facts).toBe('FACTS §9.6');
		}
	});

	it('gives mirror-accelerated parity no single figure (it depends on the split)', () => {
		expect(storageEfficiency('mirror-accelerated-parity', 8, 'hybrid')).toBeUndefined();
	});

	it('stays within the documented ranges: dual parity 50–80 %', () => {
		for (const n of SERVERS.filter((s) => s >= 4)) {
			for (const media of ['hybrid', 'all-flash'] as const) {
				const e = storageEfficiency('dual-parity', n, media);
				expect(e).toBeDefined();
				const v = (e?.dataSymbols ?? 0) / (e?.totalSymbols ?? 1);
				expect(v).toBeGreaterThanOrEqual(0.5);
				expect(v).toBeLessThanOrEqual(0.8);
			}
		}
	});

	it('maps capacity media to the FACTS §1.2 columns', () => {
		expect(capacityClassOf('hdd')).toBe('hybrid');
		expect(capacityClassOf('ssd')).toBe('all-flash');
		expect(capacityClassOf('nvme')).toBe('all-flash');
	});
});

describe('canCreate', () => {
	it('refuses three-way mirror on 2 servers, naming the rule', () => {
		expect(canCreate('three-way-mirror', 2)).toEqual({
			ok: false,
			rule: 'fault-domains.min',
			reason: 'three-way mirror needs at least 3 servers, this pool has 2',
			facts: 'FACTS §1.1'
		});
	});

	it.each([
		['dual-parity', 3, 'dual parity needs at least 4 servers, this pool has 3'],
		[
			'mirror-accelerated-parity',
			3,
			'mirror-accelerated parity needs at least 4 servers, this pool has 3'
		],
		['single-parity', 2, 'single parity needs at least 3 servers, this pool has 2'],
		['two-way-mirror', 1, 'two-way mirror needs at least 2 servers, this pool has 1']
	] as const)('refuses %s on %i servers', (type, n, reason) => {
		const v = canCreate(type, n);
		expect(v.ok).toBe(false);
		if (!v.ok) expect(v.reason).toBe(reason);
	});

	it('refuses beyond the 16 servers the tables cover, and non-counts', () => {
		const v = canCreate('three-way-mirror', 17);
		expect(v.ok === false && v.rule).toBe('fault-domains.max');
		expect(canCreate('two-way-mirror', 2.5).ok).toBe(false);
		expect(canCreate('two-way-mirror', 0).ok).toBe(false);
	});

	it('allows every type from its minimum to 16', () => {
		for (const type of RESILIENCY_TYPES) {
			for (let n = RESILIENCY_RULES[type].minFaultDomains; n <= 16; n++) {
				expect(canCreate(type, n)).toEqual({ ok: true });
			}
		}
	});
});

describe('footprint (FACTS §1.1)', () => {
	const TB = 10 ** 12;
	it('is 2× for two-way, 3× for three-way, size ÷ efficiency for parity', () => {
		expect(footprintBytes(TB, storageEfficiency('two-way-mirror', 2, 'hybrid')!)).toBe(2 * TB);
		expect(footprintBytes(TB, storageEfficiency('three-way-mirror', 4, 'hybrid')!)).toBe(3 * TB);
		expect(footprintBytes(TB, storageEfficiency('dual-parity', 4, 'hybrid')!)).toBe(2 * TB);
		expect(footprintBytes(4 * TB, storageEfficiency('dual-parity', 8, 'hybrid')!)).toBe(6 * TB);
		expect(footprintBytes(12 * TB, storageEfficiency('dual-parity', 16, 'all-flash')!)).toBe(
			15 * TB
		);
	});

	it('rounds up to a whole byte', () => {
		expect(footprintBytes(1, storageEfficiency('dual-parity', 12, 'hybrid')!)).toBe(2);
	});

	it('adds the mirror and parity parts of mirror-accelerated parity', () => {
		// 1 TB in three-way mirror + 3 TB in RS 2+2 on 4 servers = 3 + 6 TB.
		expect(mapFootprintBytes(4 * TB, TB, 4, 'all-flash')).toBe(9 * TB);
		expect(mapFootprintBytes(4 * TB, TB, 3, 'all-flash')).toBeUndefined();
		expect(mapFootprintBytes(4 * TB, 5 * TB, 4, 'all-flash')).toBeUndefined();
	});
});

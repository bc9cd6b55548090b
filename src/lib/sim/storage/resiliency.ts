/**
 * Resiliency rules of Storage Spaces Direct: which types exist, how many failures each survives,
 * how many fault domains (servers) each needs and how much of the raw capacity it turns into data.
 * Pure functions over plain numbers; the placement of copies lives elsewhere.
 *
 * Sizes are whole bytes. Efficiencies are exact fractions (data symbols / total symbols) so the
 * UI can print "RS 4+2 = 4/6" and tests can compare without rounding.
 */
import type { DriveMedia } from '../topology';

/** How sure the project is of a rule (the labels of FACTS.md; DERIVED = our arithmetic on one). */
export type Certainty = 'CONFIRMED' | 'UNCONFIRMED' | 'SECONDARY' | 'DERIVED' | 'CHOICE';

export type ResiliencyType =
	| 'two-way-mirror'
	| 'three-way-mirror'
	| 'single-parity'
	| 'dual-parity'
	| 'mirror-accelerated-parity';

export const RESILIENCY_TYPES: readonly ResiliencyType[] = [
	'two-way-mirror',
	'three-way-mirror',
	'single-parity',
	'dual-parity',
	'mirror-accelerated-parity'
];

/**
 * What the capacity drives are made of, which changes the dual-parity layout (FACTS §1.2):
 * 'hybrid' = HDD capacity (behind a flash cache), 'all-flash' = NVMe or SSD capacity.
 */
export type CapacityClass = 'hybrid' | 'all-flash';

export interface ResiliencyRule {
	readonly type: ResiliencyType;
	/** Name as the documentation writes it. */
	readonly label: string;
	/** Failures (drives or servers) survived at once. */
	readonly faultTolerance: number;
	/** Fewest fault domains (servers) the type can be created on. */
	readonly minFaultDomains: number;
	readonly certainty: Certainty;
	/** FACTS.md section the row comes from. */
	readonly facts: string;
}

/**
 * The FACTS §1.1 table (CONFIRMED, `WSD: ss/fault-tolerance.md`). Single parity is missing from
 * the summary tables, so its efficiency is a labelled choice (see `storageEfficiency`).
 */
export const RESILIENCY_RULES: Readonly<Record<ResiliencyType, ResiliencyRule>> = {
	'two-way-mirror': rule('two-way-mirror', 'Two-way mirror', 1, 2),
	'three-way-mirror': rule('three-way-mirror', 'Three-way mirror', 2, 3),
	'single-parity': rule('single-parity', 'Single parity', 1, 3),
	'dual-parity': rule('dual-parity', 'Dual parity', 2, 4),
	'mirror-accelerated-parity': rule('mirror-accelerated-parity', 'Mirror-accelerated parity', 2, 4)
};

function rule(type: ResiliencyType, label: string, tolerance: number, min: number): ResiliencyRule {
	return {
		type,
		label,
		faultTolerance: tolerance,
		minFaultDomains: min,
		certainty: 'CONFIRMED',
		facts: 'FACTS §1.1'
	};
}

/**
 * CHOICE (FACTS §1.2): the documented tables stop at 16 fault domains, which is also the Azure Stack
 * Hub scale-unit maximum; nothing is computed beyond it.
 */
export const MAX_FAULT_DOMAINS = 16;

/** How a layout turns raw capacity into data: `dataSymbols / totalSymbols` of every byte. */
export interface Efficiency {
	/** e.g. '3 copies', 'RS 4+2', 'LRC (8,2,1)'. */
	readonly layout: string;
	readonly dataSymbols: number;
	readonly totalSymbols: number;
	readonly certainty: Certainty;
	readonly facts: string;
}

/** The capacity class of a capacity-drive media (FACTS §1.2 "Hybrid (HDD capacity)"). */
export function capacityClassOf(media: DriveMedia): CapacityClass {
	return media === 'hdd' ? 'hybrid' : 'all-flash';
}

/**
 * Dual-parity layout for a fault-domain count, exactly the FACTS §1.2 table (CONFIRMED); undefined
 * where the table says "not allowed" (2–3) or where it stops (beyond 16).
 */
export function dualParityLayout(
	faultDomains: number,
	media: CapacityClass
): Efficiency | undefined {
	if (!Number.isInteger(faultDomains) || faultDomains < 4 || faultDomains > MAX_FAULT_DOMAINS) {
		return undefined;
	}
	if (faultDomains <= 6) return rs(2);
	if (faultDomains <= 8) return rs(4);
	if (media === 'hybrid') return faultDomains <= 11 ? rs(4) : lrc(8, 2, 1);
	return faultDomains <= 15 ? rs(6) : lrc(12, 2, 1);
}

function rs(k: number): Efficiency {
	return layout(`RS ${k}+2`, k, k + 2, 'CONFIRMED', 'FACTS §1.2');
}

/**
 * LRC (k, l, g): k data symbols in l local groups, l local and g global parity symbols; efficiency
 * k/(k+l+g) (FACTS §1.2, derived). Local groups of 4 on HDD and 6 on SSD (FACTS §1.1, CONFIRMED).
 */
function lrc(k: number, l: number, g: number): Efficiency {
	return layout(`LRC (${k},${l},${g})`, k, k + l + g, 'CONFIRMED', 'FACTS §1.2');
}

function layout(
	name: string,
	dataSymbols: number,
	totalSymbols: number,
	certainty: Certainty,
	facts: string
): Efficiency {
	return { layout: name, dataSymbols, totalSymbols, certainty, facts };
}

/**
 * Storage efficiency of a type on `faultDomains` servers, or undefined where the type cannot be
 * created there. Mirror-accelerated parity has no single figure (it depends on the mirror/parity
 * split, FACTS §1.1): use `mapFootprintBytes`; here it returns undefined.
 */
export function storageEfficiency(
	type: ResiliencyType,
	faultDomains: number,
	media: CapacityClass
): Efficiency | undefined {
	if (!canCreate(type, faultDomains).ok) return undefined;
	switch (type) {
		case 'two-way-mirror':
			return layout('2 copies', 1, 2, 'CONFIRMED', 'FACTS §1.1');
		case 'three-way-mirror':
			return layout('3 copies', 1, 3, 'CONFIRMED', 'FACTS §1.1');
		case 'single-parity':
			// CHOICE (FACTS §9 item 6): the docs give no single-parity efficiency; generic S2D uses
			// (n−1)/n over the n fault domains, labelled UNCONFIRMED.
			return layout(
				`${faultDomains - 1}+1 parity`,
				faultDomains - 1,
				faultDomains,
				'CHOICE',
				'FACTS §9.6'
			);
		case 'dual-parity':
			return dualParityLayout(faultDomains, media);
		case 'mirror-accelerated-parity':
			return undefined;
	}
}

/** Either allowed, or refused with the rule's id, a sentence naming it, and its FACTS section. */
export type Verdict =
	| { readonly ok: true }
	| { readonly ok: false; readonly rule: string; readonly reason: string; readonly facts: string };

/**
 * Whether a type can be created on `faultDomains` servers (the fault domain is the server, FACTS
 * §1.1; drives per server do not change the answer).
 */
export function canCreate(type: ResiliencyType, faultDomains: number): Verdict {
	const r = RESILIENCY_RULES[type];
	const name = r.label.toLowerCase();
	if (!Number.isInteger(faultDomains) || faultDomains < 1) {
		return refuse('fault-domains.invalid', `${faultDomains} is not a server count`, 'FACTS §1.1');
	}
	if (faultDomains > MAX_FAULT_DOMAINS) {
		return refuse(
			'fault-domains.max',
			`${name} is only modelled up to ${MAX_FAULT_DOMAINS} servers (where the documented tables stop), this pool has ${faultDomains}`,
			'FACTS §1.2'
		);
	}
	if (faultDomains < r.minFaultDomains) {
		return refuse(
			'fault-domains.min',
			`${name} needs at least ${r.minFaultDomains} servers, this pool has ${faultDomains}`,
			r.facts
		);
	}
	return { ok: true };
}

function refuse(ruleId: string, reason: string, facts: string): Verdict {
	return { ok: false, rule: ruleId, reason, facts };
}

/**
 * Bytes of raw pool capacity a volume of `sizeBytes` takes: size ÷ efficiency (FACTS §1.1
 * "Footprint"), rounded up to a whole byte. CHOICE: real pools allocate whole slabs (FACTS §1.6,
 * size UNCONFIRMED); here the footprint is exact to the byte.
 */
export function footprintBytes(sizeBytes: number, efficiency: Efficiency): number {
	return Math.ceil((sizeBytes * efficiency.totalSymbols) / efficiency.dataSymbols);
}

/**
 * Mirror-accelerated parity: `mirrorBytes` of the volume sit in three-way mirror, the rest in dual
 * parity (FACTS §1.1: "three-way mirror + dual parity needs ≥4 servers"). Undefined where dual
 * parity is not allowed or the split is impossible.
 */
export function mapFootprintBytes(
	sizeBytes: number,
	mirrorBytes: number,
	faultDomains: number,
	media: CapacityClass
): number | undefined {
	const parity = dualParityLayout(faultDomains, media);
	if (!parity || mirrorBytes < 0 || mirrorBytes > sizeBytes) return undefined;
	return mirrorBytes * 3 + footprintBytes(sizeBytes - mirrorBytes, parity);
}

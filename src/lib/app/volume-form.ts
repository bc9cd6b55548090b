/**
 * The Storage panel's "Create volume" form without the DOM: the next free volume name, the
 * resiliency choices in words, the check that turns the typed fields into a `VolumeForm` or says,
 * per field, what is wrong, and the preview of what the pool would make of the request. The
 * preview runs the model's own rules (sim/storage/volume-request.ts), so what it refuses is what
 * the simulation would refuse; the worker checks the input again when it arrives.
 */
import {
	RESILIENCY_RULES,
	RESILIENCY_TYPES,
	type ResiliencyType
} from '$lib/sim/storage/resiliency';
import {
	defaultResiliency,
	validateVolumeRequest,
	type PoolSummary
} from '$lib/sim/storage/volume-request';
import type { VolumeForm } from './storage-state.svelte';
import { formatBytes, formatBytesBinary, mediaName } from './storage-view';

export type { PoolSummary, ResiliencyType, VolumeForm };
export { RESILIENCY_TYPES };

/** Bytes in a GB: the form counts sizes in decimal GB, as the `volume.create` input does. */
export const GB = 1e9;
/** The size the form starts with, GB (1 TB). */
export const DEFAULT_SIZE_GB = 1000;

/**
 * "Volume01", or the first of "Volume02", "Volume03", … that no volume has taken. Names compare
 * without case, as the volume rules compare them.
 */
export function nextVolumeName(taken: readonly string[]): string {
	const used = new Set(taken.map((n) => n.toLowerCase()));
	for (let n = 1; ; n++) {
		const name = `Volume${String(n).padStart(2, '0')}`;
		if (!used.has(name.toLowerCase())) return name;
	}
}

/** True when `value` is a resiliency type id (e.g. from a select). */
export function isResiliency(value: string): value is ResiliencyType {
	return (RESILIENCY_TYPES as readonly string[]).includes(value);
}

/** The resiliency a new volume gets when the learner does not choose (FACTS §1.8, §1.10). */
export function platformDefault(summary: PoolSummary): ResiliencyType {
	return defaultResiliency(summary.platform, summary.servers);
}

/**
 * A resiliency choice in words, e.g. "Three-way mirror: survives 2 failures, needs 3 servers or
 * more (default)". Every type is offered, even where the platform refuses it, so the preview can
 * say why.
 */
export function resiliencyOption(type: ResiliencyType, summary: PoolSummary): string {
	const rule = RESILIENCY_RULES[type];
	const failures = rule.faultTolerance === 1 ? '1 failure' : `${rule.faultTolerance} failures`;
	const own = `${rule.label}: survives ${failures}, needs ${rule.minFaultDomains} servers or more`;
	return type === platformDefault(summary) ? `${own} (default)` : own;
}

/** The form's fields as the learner left them (numbers still as typed). */
export interface VolumeDraft {
	name: string;
	sizeGB: string;
	resiliency: ResiliencyType;
	/** Read only for mirror-accelerated parity. */
	mirrorGB: string;
}

export type VolumeField = 'name' | 'sizeGB' | 'mirrorGB';

export interface VolumeCheck {
	/** The form to send, or null when any field is refused. */
	form: VolumeForm | null;
	/** What is wrong, per field, in words. */
	errors: Partial<Record<VolumeField, string>>;
}

function whole(text: string, min: number): number | null {
	const t = text.trim();
	if (!/^\d+$/.test(t)) return null;
	const n = Number(t);
	return Number.isSafeInteger(n) && n >= min ? n : null;
}

/**
 * Checks the fields on their own: a name, a whole size of at least 1 GB, and, for
 * mirror-accelerated parity only, a whole mirror part of at most the size. What the pool can
 * take is the preview's business (`previewVolume`).
 */
export function checkVolume(draft: VolumeDraft): VolumeCheck {
	const errors: VolumeCheck['errors'] = {};
	const name = draft.name.trim();
	if (name === '') errors.name = 'Name: a volume needs a name.';
	const sizeGB = whole(draft.sizeGB, 1);
	if (sizeGB === null) errors.sizeGB = 'Size: a whole number of GB, at least 1.';
	const map = draft.resiliency === 'mirror-accelerated-parity';
	const mirrorGB = map ? whole(draft.mirrorGB, 0) : null;
	if (map && mirrorGB === null) {
		errors.mirrorGB =
			'Mirror part: mirror-accelerated parity needs the GB kept in three-way mirror, a whole number.';
	} else if (mirrorGB !== null && sizeGB !== null && mirrorGB > sizeGB) {
		errors.mirrorGB = `Mirror part: at most the volume size (${sizeGB} GB).`;
	}
	if (Object.keys(errors).length > 0 || sizeGB === null) return { form: null, errors };
	const form: VolumeForm = { name, sizeGB, resiliency: draft.resiliency };
	if (map && mirrorGB !== null) form.mirrorGB = mirrorGB;
	return { form, errors };
}

/** One line of an accepted preview: what it is, and the figure in words. */
export interface PreviewFact {
	term: string;
	detail: string;
}

/** What the pool would make of a request, in words for learners. */
export type VolumePreview =
	| {
			ok: true;
			headline: string;
			facts: PreviewFact[];
			warnings: string[];
	  }
	| {
			ok: false;
			headline: string;
			/** Every broken rule: its id and its reason with the FACTS section. */
			refusals: { rule: string; text: string }[];
	  };

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "33.3 %": a fraction as a percentage with one decimal. */
export function percent(num: number, den: number): string {
	return `${((100 * num) / den).toFixed(1)} %`;
}

/** "3×", "2.2×": how many bytes of the pool each byte of the volume takes. */
function times(footprintBytes: number, sizeBytes: number): string {
	return `${Number((footprintBytes / sizeBytes).toPrecision(3))}×`;
}

/**
 * Runs the model's volume rules on `form` against `summary` (sizes × 10⁹ bytes) and words the
 * answer: what an accepted volume takes (footprint, efficiency, raw and free capacity before and
 * after, the repair reserve, the largest size still possible, warnings), or why it is refused,
 * each reason with its FACTS section.
 */
export function previewVolume(summary: PoolSummary, form: VolumeForm): VolumePreview {
	const decision = validateVolumeRequest(summary, {
		name: form.name,
		sizeBytes: form.sizeGB * GB,
		resiliency: form.resiliency,
		mirrorBytes: form.mirrorGB === undefined ? undefined : form.mirrorGB * GB
	});
	const name = form.name.trim();
	if (!decision.ok) {
		return {
			ok: false,
			headline: `${name === '' ? 'This volume' : name} cannot be created:`,
			refusals: decision.refusals.map((r) => ({
				rule: r.rule,
				text: `${capitalise(r.reason)} (${r.facts}).`
			}))
		};
	}
	const d = decision;
	const label = RESILIENCY_RULES[d.resiliency].label;
	const tier = summary.tiers.find((t) => t.media === d.mediaTier);
	const drives = tier
		? ` (${summary.servers * tier.drivesPerServer} ${mediaName(d.mediaTier)} capacity drives)`
		: '';
	const ash = summary.platform === 'azure-stack-hub';
	const reserveWhy = ash
		? 'one capacity drive per server, kept free on Azure Stack Hub (FACTS §1.10)'
		: 'one capacity drive per server, at most 4, recommended (FACTS §1.8)';
	return {
		ok: true,
		headline: `${d.name} can be created: ${label.toLowerCase()}, ${d.layout}.`,
		facts: [
			{
				term: 'Size',
				detail: `${formatBytes(d.sizeBytes)} (${formatBytesBinary(d.sizeBytes)} as Windows shows it)`
			},
			{
				term: 'Footprint',
				detail: `${formatBytes(d.footprintBytes)} of raw capacity, ${times(d.footprintBytes, d.sizeBytes)} the size`
			},
			{ term: 'Efficiency', detail: percent(d.efficiency.num, d.efficiency.den) },
			{ term: 'Raw capacity', detail: `${formatBytes(d.rawCapacityBytes)}${drives}` },
			{
				term: 'Free',
				detail: `${formatBytes(d.freeBytes)} before, ${formatBytes(d.freeAfterBytes)} after`
			},
			{ term: 'Repair reserve', detail: `${formatBytes(d.reserveBytes)}: ${reserveWhy}` },
			{
				term: 'Usable maximum',
				detail:
					d.usableBytes === undefined
						? 'depends on the mirror and parity split'
						: `${formatBytes(d.usableBytes)} in ${label.toLowerCase()}, keeping the reserve free`
			}
		],
		warnings: [...d.warnings]
	};
}

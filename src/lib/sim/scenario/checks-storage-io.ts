/**
 * Cross-field rules of storage workloads (schema-storage-io.ts): a workload names a volume of
 * the storage section and a server of the scale unit, its test file fits in the volume, its data
 * disks fit its VM size (FACTS §6.5), names are unique and it stops after it starts. The same
 * rules apply to a `workload.define` input. Reads the plain document defensively.
 */
import { VM_SIZES } from '../storage/io/params';
import type { CheckResult } from './checks';
import { firstOf, list, noSuch } from './check-helpers';
import { serverProblem } from './checks-tenants';
import { field } from './plain';

/** Names and sizes of the scenario's volumes, as written. */
function volumesOf(doc: unknown): Map<string, number | undefined> {
	const out = new Map<string, number | undefined>();
	for (const v of list(field(field(doc, 'storage'), 'volumes'))) {
		const name = field(v, 'name');
		const size = field(v, 'sizeGB');
		if (typeof name === 'string') out.set(name, typeof size === 'number' ? size : undefined);
	}
	return out;
}

/** The rules one workload (or `workload.define` input) breaks, with their paths. */
function workloadProblems(
	w: unknown,
	at: string,
	volumes: Map<string, number | undefined>,
	nodes: number | undefined
): string[] {
	const errors: string[] = [];
	const volume = field(w, 'volume');
	if (typeof volume === 'string' && !volumes.has(volume)) {
		errors.push(`${at}.volume: ${noSuch('volume', volume, 'in storage.volumes', volumes.keys())}`);
	}
	const server = field(w, 'server');
	const serverWrong = typeof server === 'number' ? serverProblem(server, nodes) : undefined;
	if (serverWrong !== undefined) errors.push(`${at}.server: ${serverWrong}`);
	const span = field(w, 'spanGB');
	const size = typeof volume === 'string' ? volumes.get(volume) : undefined;
	if (typeof span === 'number' && size !== undefined && span > size) {
		errors.push(`${at}.spanGB: the test file must fit in ${volume} (${size} GB), got ${span}`);
	}
	const disks = field(w, 'dataDisks');
	const vmSize = field(w, 'vmSize');
	if (typeof disks === 'number') {
		const spec = typeof vmSize === 'string' ? VM_SIZES[vmSize as keyof typeof VM_SIZES] : undefined;
		if (vmSize === undefined) {
			errors.push(
				`${at}.dataDisks: data disks need a vmSize, whose per-disk cap applies (FACTS 6.5)`
			);
		} else if (spec && disks > spec.dataDisks) {
			errors.push(
				`${at}.dataDisks: ${vmSize} takes at most ${spec.dataDisks} data disks (FACTS 6.5), got ${disks}`
			);
		}
	}
	const start = field(w, 'startMs');
	const stop = field(w, 'stopMs');
	if (typeof start === 'number' && typeof stop === 'number' && stop <= start) {
		errors.push(`${at}.stopMs: a workload stops after it starts (startMs ${start}), got ${stop}`);
	}
	return errors;
}

/** Checks `storage.workloads`. */
export function checkWorkloads(
	doc: unknown,
	nodes: number | undefined,
	{ errors }: CheckResult
): void {
	const volumes = volumesOf(doc);
	const seen = new Map<string, string>();
	list(field(field(doc, 'storage'), 'workloads')).forEach((w, i) => {
		const at = `storage.workloads[${i}]`;
		const name = field(w, 'name');
		if (typeof name === 'string')
			firstOf(seen, name, at, '.name', 'workload names are unique', errors);
		errors.push(...workloadProblems(w, at, volumes, nodes));
	});
}

/**
 * Checks a `workload.define` or `volume.create` input against the scenario: both need a storage
 * section, and a workload's server must exist. Its volume may be one created while running, so
 * the model checks that when the input applies (logged as `input.ignored`).
 */
export function checkWorkloadInput(
	input: unknown,
	at: string,
	doc: unknown,
	nodes: number | undefined,
	{ errors }: CheckResult
): void {
	const type = field(input, 'type');
	if (type !== 'volume.create' && type !== 'workload.define') return;
	if (field(doc, 'storage') === undefined) {
		errors.push(`${at}.type: ${type} needs a storage section in the scenario (add "storage": {})`);
		return;
	}
	if (type !== 'workload.define') return;
	const server = field(input, 'server');
	const wrong = typeof server === 'number' ? serverProblem(server, nodes) : undefined;
	if (wrong !== undefined) errors.push(`${at}.server: ${wrong}`);
}

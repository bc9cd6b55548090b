/**
 * The Storage panel's "Run IO" form without the DOM: its choices and defaults, the next free
 * workload name, and the check that turns the typed fields into a `WorkloadForm` or says, per
 * field, what is wrong. The worker checks the input again; these checks only make the refusal
 * readable before anything is sent.
 */
import { VM_SIZE_NAMES, VM_SIZES, type VmSizeName } from '$lib/sim/storage/io/params';
import type { WorkloadForm } from './storage-state.svelte';

export type { WorkloadForm };

/** The block sizes the form offers, KiB (DiskSpd's -b): small random, mid, large sequential. */
export const BLOCK_SIZES_KB = [4, 8, 64, 256, 1024] as const;
export const DEFAULT_BLOCK_KB = 4;
export const DEFAULT_READ_PERCENT = 70;
export const DEFAULT_OUTSTANDING = 8;
/** The scenario schema's limits (schema-storage-io.ts; a test keeps the two equal). */
export const MAX_OUTSTANDING = 256;
export const MAX_TARGET_IOPS = 1_000_000;

export { VM_SIZE_NAMES, VM_SIZES, type VmSizeName };

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** "vm01", or the first of "vm02", "vm03", … that no workload has taken. */
export function nextWorkloadName(taken: readonly string[]): string {
	const used = new Set(taken);
	for (let n = 1; ; n++) {
		const name = `vm${String(n).padStart(2, '0')}`;
		if (!used.has(name)) return name;
	}
}

/** True when `size` names a VM size of the table (FACTS §6.5). */
export function isVmSize(size: string): size is VmSizeName {
	return Object.hasOwn(VM_SIZES, size);
}

/** A size's choice in the form, e.g. "Standard_A2: 500 IOPS per disk, up to 4 disks". */
export function vmSizeOption(size: VmSizeName): string {
	const { iopsPerDisk, dataDisks } = VM_SIZES[size];
	return `${size}: ${iopsPerDisk} IOPS per disk, up to ${dataDisks} disks`;
}

/** The form's fields as the learner left them (numbers still as typed). */
export interface WorkloadDraft {
	name: string;
	volume: string;
	server: number;
	blockKB: number;
	readPercent: string;
	pattern: 'random' | 'sequential';
	outstanding: string;
	/** Empty: no target rate. */
	targetIops: string;
	/** Empty: no VM size (uncapped). */
	vmSize: string;
	dataDisks: number;
}

export type WorkloadField =
	'name' | 'volume' | 'server' | 'readPercent' | 'outstanding' | 'targetIops';

export interface WorkloadCheck {
	/** The form to send, or null when any field is refused. */
	form: WorkloadForm | null;
	/** What is wrong, per field, in words. */
	errors: Partial<Record<WorkloadField, string>>;
}

function wholeIn(text: string, min: number, max: number): number | null {
	const t = text.trim();
	if (!/^\d+$/.test(t)) return null;
	const n = Number(t);
	return n >= min && n <= max ? n : null;
}

/**
 * Checks a draft against the volumes and servers there are and the workloads running now (a
 * running workload cannot be redefined; a stopped one can).
 */
export function checkWorkload(
	draft: WorkloadDraft,
	context: { volumes: readonly string[]; servers: number; running: readonly string[] }
): WorkloadCheck {
	const errors: WorkloadCheck['errors'] = {};
	const name = draft.name.trim();
	if (!NAME.test(name)) {
		errors.name =
			'Name: 1 to 64 letters, digits, ".", "-" or "_", starting with a letter or digit.';
	} else if (context.running.includes(name)) {
		errors.name = `Name: ${name} is running; stop it first or choose another name.`;
	}
	if (!context.volumes.includes(draft.volume)) errors.volume = 'Volume: choose a volume.';
	if (!(draft.server >= 0 && draft.server < context.servers)) errors.server = 'Server: choose one.';
	const readPercent = wholeIn(draft.readPercent, 0, 100);
	if (readPercent === null) errors.readPercent = 'Read share: a whole percentage from 0 to 100.';
	const outstanding = wholeIn(draft.outstanding, 1, MAX_OUTSTANDING);
	if (outstanding === null) {
		errors.outstanding = `Outstanding IOs: a whole number from 1 to ${MAX_OUTSTANDING}.`;
	}
	let targetIops: number | undefined;
	if (draft.targetIops.trim() !== '') {
		const n = wholeIn(draft.targetIops, 1, MAX_TARGET_IOPS);
		if (n === null) {
			errors.targetIops = `Target IOPS: a whole number from 1 to ${MAX_TARGET_IOPS.toLocaleString('en-US')}, or empty for as fast as it goes.`;
		} else targetIops = n;
	}
	if (Object.keys(errors).length > 0 || readPercent === null || outstanding === null) {
		return { form: null, errors };
	}
	const form: WorkloadForm = {
		name,
		volume: draft.volume,
		server: draft.server,
		blockKB: draft.blockKB,
		readPercent,
		pattern: draft.pattern,
		outstanding
	};
	if (targetIops !== undefined) form.targetIops = targetIops;
	if (isVmSize(draft.vmSize)) {
		form.vmSize = draft.vmSize;
		form.dataDisks = Math.min(Math.max(1, draft.dataDisks), VM_SIZES[draft.vmSize].dataDisks);
	}
	return { form, errors };
}

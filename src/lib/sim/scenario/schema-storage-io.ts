/**
 * Scenario format v1, storage workloads: `storage.workloads` (DiskSpd- or VMFleet-style IO from a
 * VM on one server to one volume) and the inputs `workload.define`, `workload.start` and
 * `workload.stop`. Optional, so older scenarios keep their meaning. Which volume and server a
 * workload names, and whether its disk count fits its VM size, is checked in checks-storage-io.ts.
 */
import * as v from 'valibot';
import { VM_SIZE_NAMES, VM_SIZES, type VmSizeName } from '../storage/io/params';
import { MAX_DURATION_MS } from './defaults';
import {
	got,
	inputHints,
	inputTime,
	intIn,
	listOf,
	nodeIndex,
	numberIn,
	oneOf,
	strict
} from './schema-parts';
import { isResourceName, NAME_RULE } from './schema-tenants';

/** CHOICE: at most 64 workloads in a scenario (VMFleet runs a few VMs on each of up to 16 servers). */
export const MAX_WORKLOADS = 64;
/** DiskSpd block sizes from 1 KiB to 8 MiB (CHOICE: the range lessons need). */
export const MAX_BLOCK_KB = 8192;
/** Outstanding IOs per workload, DiskSpd's -o (CHOICE: up to 256). */
export const MAX_OUTSTANDING = 256;
/** A target rate up to one million IOs per second. */
export const MAX_TARGET_IOPS = 1_000_000;
/** The most data disks any size in the table has (FACTS §6.5: Standard_F64s_v2, 32). */
export const MAX_DATA_DISKS = Math.max(...Object.values(VM_SIZES).map((s) => s.dataDisks));

const name = v.pipe(
	v.string(got(NAME_RULE)),
	v.check((s: string) => isResourceName(s), got(NAME_RULE))
);
const volumeName = v.string(got('the name of a volume of the storage section'));
const VM_SIZE_RULE = `a VM size from FACTS 6.5: ${VM_SIZE_NAMES.map((s) => `"${s}"`).join(', ')}`;

/** Fields shared by a scenario workload and the `workload.define` input. */
const workloadFields = {
	name,
	volume: volumeName,
	server: nodeIndex,
	blockKB: intIn(
		1,
		MAX_BLOCK_KB,
		`the block size is a whole number of KiB from 1 to ${MAX_BLOCK_KB}`
	),
	readPercent: intIn(0, 100, 'the read share is a whole percentage from 0 to 100'),
	pattern: v.optional(
		oneOf(['random', 'sequential'], 'the pattern is "random" or "sequential"'),
		'random'
	),
	outstanding: v.optional(
		intIn(1, MAX_OUTSTANDING, `outstanding IOs are a whole number from 1 to ${MAX_OUTSTANDING}`),
		8
	),
	targetIops: v.optional(
		numberIn(1, MAX_TARGET_IOPS, `a target rate is from 1 to ${MAX_TARGET_IOPS} IOs per second`)
	),
	vmSize: v.optional(oneOf(VM_SIZE_NAMES as [VmSizeName, ...VmSizeName[]], VM_SIZE_RULE)),
	dataDisks: v.optional(
		intIn(1, MAX_DATA_DISKS, `data disks are a whole number from 1 to ${MAX_DATA_DISKS}`)
	),
	spanGB: v.optional(intIn(1, 70368, 'the test file is a whole number of GB from 1'))
};

const hints = {
	name: 'name the workload, e.g. "vm01-diskspd"',
	volume: 'the volume it reads and writes, e.g. "Volume01"',
	server: 'the server its VM runs on (0 is Node01)',
	blockKB: 'the block size in KiB, e.g. 4',
	readPercent: 'the share of reads in percent, e.g. 70'
};

/** A workload of the scenario, started at `startMs` (if given) and stopped at `stopMs`. */
export const workloadSchema = strict(
	{
		...workloadFields,
		startMs: v.optional(numberIn(0, MAX_DURATION_MS, 'a start time in simulated ms')),
		stopMs: v.optional(numberIn(0, MAX_DURATION_MS, 'a stop time in simulated ms'))
	},
	'a workload such as {"name": "vm01", "volume": "Volume01", "server": 0, "blockKB": 4, "readPercent": 70}',
	hints
);

export const workloadsSchema = listOf(
	workloadSchema,
	'workloads are a list',
	MAX_WORKLOADS,
	`a scenario runs at most ${MAX_WORKLOADS} workloads`
);

/** `workload.define`: defines (or redefines a stopped) workload and starts it. */
export const workloadDefineInputSchema = strict(
	{ t: inputTime, type: v.literal('workload.define'), ...workloadFields },
	'an input object',
	{ ...inputHints, ...hints }
);

const byName = (type: 'workload.start' | 'workload.stop') =>
	strict({ t: inputTime, type: v.literal(type), name }, 'an input object', {
		...inputHints,
		name: 'the name of the workload'
	});

export const workloadStartInputSchema = byName('workload.start');
export const workloadStopInputSchema = byName('workload.stop');

export const WORKLOAD_INPUT_VARIANTS = [
	workloadDefineInputSchema,
	workloadStartInputSchema,
	workloadStopInputSchema
] as const;

export type WorkloadSpec = v.InferOutput<typeof workloadSchema>;

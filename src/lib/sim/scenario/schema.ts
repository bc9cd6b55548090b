/**
 * Scenario format v1: the valibot schema and the types inferred from it.
 *
 * A scenario is JSON: `{ "format": "stackscope.scenario", "version": 1, "name": ...,
 * "topology": { "nodes": 4 }, ... }`. Every object is strict, so an unknown field (usually a typo)
 * is an error that names it. Parsing fills in every default, so a parsed `Scenario` is complete.
 * Checks that involve more than one field (a cache faster than the capacity drives, an input's
 * server inside the scale unit) live in checks.ts.
 *
 * The format is designed to grow. Later versions add top-level sections, each optional so that
 * older scenarios stay valid: `volumes` (FACTS 1.8, 1.10), `loadBalancers` (FACTS §4), `faults`
 * (drive, switch and link failures), availability sets (FACTS 6.4) and more. The input union grows
 * by adding variants to INPUT_VARIANTS (e.g. `drive.fail`), each a strict object with `t` and
 * `type`. Tenant networking grew this way within version 1: `network`, `tenants`, `vms`, `acls` and
 * the inputs `flow.start`, `acl.add`, `acl.remove`, `network.set-mtu`, `vm.move` (schema-tenants.ts) are
 * optional with defaults, so earlier v1 scenarios stay valid unchanged and no version bump is needed.
 */
import * as v from 'valibot';
import {
	completeCacheDrives,
	completeHeartbeat,
	DEFAULT_CAPACITY_DRIVES,
	DEFAULT_CORES,
	DEFAULT_DURATION_MS,
	DEFAULT_MEMORY_GIB,
	DEFAULT_SEED,
	DEFAULT_SERVERS_PER_RACK,
	MAX_CORES,
	MAX_DESCRIPTION_CHARS,
	MAX_DRIVE_BAYS,
	MAX_DRIVE_SIZE_GB,
	MAX_DURATION_MS,
	MAX_HEARTBEAT_DELAY_MS,
	MAX_HEARTBEAT_THRESHOLD,
	MAX_INPUTS,
	MAX_MEMORY_GIB,
	MAX_NAME_CHARS,
	MAX_NODES,
	MAX_SEED,
	MAX_SERVERS_PER_RACK,
	MIN_CACHE_DRIVES,
	MIN_CAPACITY_DRIVES,
	MIN_CORES,
	MIN_DRIVE_SIZE_GB,
	MIN_DURATION_MS,
	MIN_HEARTBEAT_DELAY_MS,
	MIN_HEARTBEAT_THRESHOLD,
	MIN_MEMORY_GIB,
	MIN_NODES,
	MIN_SERVERS_PER_RACK,
	SCENARIO_FORMAT,
	SCENARIO_VERSION
} from './defaults';
import { show } from './messages';
import {
	got,
	inputHints as sharedInputHints,
	inputTime,
	intIn,
	nodeIndex,
	oneOf,
	strict,
	type Issue
} from './schema-parts';
import {
	aclAddInputSchema,
	aclRemoveInputSchema,
	aclsSchema,
	completeFlow,
	flowStartInputSchema,
	networkSchema,
	networkSetMtuInputSchema,
	tenantsSchema,
	vmMoveInputSchema,
	vmsSchema,
	type FlowStartInput
} from './schema-tenants';
import { SLB_SCENARIO_ENTRIES } from './schema-slb';
import { SLB_INPUT_VARIANTS } from './schema-slb-inputs';
import { STORAGE_INPUT_VARIANTS, STORAGE_SCENARIO_ENTRIES } from './schema-storage';
import {
	availabilitySetSchema,
	CLUSTER_INPUT_VARIANTS,
	DEFAULT_WITNESS,
	witnessSchema
} from './schema-cluster';

const NODES_RULE = `a scale unit has ${MIN_NODES} to ${MAX_NODES} servers`;

const inputHints = { ...sharedInputHints, node: 'the index of the server (0 is Node01)' };

/** `node.fail`: the server stops (sends and receives nothing) until restored. */
export const nodeFailInputSchema = strict(
	{ t: inputTime, type: v.literal('node.fail'), node: nodeIndex },
	'an input object',
	inputHints
);

/** `node.restore`: a failed server comes back. */
export const nodeRestoreInputSchema = strict(
	{ t: inputTime, type: v.literal('node.restore'), node: nodeIndex },
	'an input object',
	inputHints
);

/** Every input variant this version knows; later issues add variants here. */
const INPUT_VARIANTS = [
	nodeFailInputSchema,
	nodeRestoreInputSchema,
	flowStartInputSchema,
	aclAddInputSchema,
	aclRemoveInputSchema,
	networkSetMtuInputSchema,
	vmMoveInputSchema,
	...SLB_INPUT_VARIANTS,
	...STORAGE_INPUT_VARIANTS,
	...CLUSTER_INPUT_VARIANTS
] as const;

/** Names of the input types this build knows. */
export const INPUT_TYPES: readonly string[] = INPUT_VARIANTS.map((s) => s.entries.type.literal);

type RawInput = v.InferOutput<(typeof INPUT_VARIANTS)[number]>;

/** One validated input with its defaults filled in (see the variants for each type's fields). */
export type ScenarioInput = Exclude<RawInput, { type: 'flow.start' }> | FlowStartInput;

/** Fills the defaults that depend on more than one field of an input (a flow's protocol). */
function completeInput(input: RawInput): ScenarioInput {
	return input.type === 'flow.start' ? completeFlow(input) : input;
}

/** One user input (a scripted one in a scenario, or one the learner adds while it runs). */
export const inputSchema = v.pipe(
	v.variant('type', INPUT_VARIANTS, (issue) => {
		if (!issue.path?.length) {
			return `expected an input such as {"t": 5000, "type": "node.fail", "node": 1}, got ${show(issue.input)}`;
		}
		if (issue.input === undefined) return `missing; one of ${INPUT_TYPES.join(', ')}`;
		return `unknown input type ${show(issue.input)} (this version knows ${INPUT_TYPES.join(', ')})`;
	}),
	v.transform(completeInput)
);

const driveSize = intIn(
	MIN_DRIVE_SIZE_GB,
	MAX_DRIVE_SIZE_GB,
	`a drive size is ${MIN_DRIVE_SIZE_GB} to ${MAX_DRIVE_SIZE_GB} GB`
);

const MAX_CACHE_DRIVES = MAX_DRIVE_BAYS / 2;

const cacheCountMessage = (issue: Issue): string =>
	issue.input === 1
		? `with a cache, a server needs at least ${MIN_CACHE_DRIVES} cache drives (a failed cache drive leaves its capacity drives unhealthy until they are rebound), got 1`
		: `a server has no cache (0) or ${MIN_CACHE_DRIVES} to ${MAX_CACHE_DRIVES} cache drives, got ${show(issue.input)}`;

/** 0 (no cache: a single drive type, FACTS 1.7) or MIN_CACHE_DRIVES and more. */
const cacheCount = v.pipe(
	v.number(cacheCountMessage),
	v.check(
		(n: number) =>
			Number.isInteger(n) && (n === 0 || (n >= MIN_CACHE_DRIVES && n <= MAX_CACHE_DRIVES)),
		cacheCountMessage
	)
);

/** Cache drives as written: every field optional; completeCacheDrives fills them in. */
const cacheDrivesSchema = strict(
	{
		count: v.optional(cacheCount),
		media: v.optional(oneOf(['nvme', 'ssd'], 'cache drives are "nvme" or "ssd"')),
		sizeGB: v.optional(driveSize)
	},
	'an object such as {"count": 2, "media": "nvme", "sizeGB": 1600}'
);

const capacityDrivesSchema = strict(
	{
		count: v.optional(
			intIn(
				MIN_CAPACITY_DRIVES,
				MAX_DRIVE_BAYS,
				`a server has ${MIN_CAPACITY_DRIVES} to ${MAX_DRIVE_BAYS} capacity drives`
			),
			DEFAULT_CAPACITY_DRIVES.count
		),
		media: v.optional(
			oneOf(['nvme', 'ssd', 'hdd'], 'capacity drives are "nvme", "ssd" or "hdd"'),
			DEFAULT_CAPACITY_DRIVES.media
		),
		sizeGB: v.optional(driveSize, DEFAULT_CAPACITY_DRIVES.sizeGB)
	},
	'an object such as {"count": 8, "media": "hdd", "sizeGB": 4000}'
);

const serverSchema = v.pipe(
	strict(
		{
			cores: v.optional(
				intIn(MIN_CORES, MAX_CORES, `a server has ${MIN_CORES} to ${MAX_CORES} cores`),
				DEFAULT_CORES
			),
			memoryGiB: v.optional(
				intIn(
					MIN_MEMORY_GIB,
					MAX_MEMORY_GIB,
					`a server has ${MIN_MEMORY_GIB} to ${MAX_MEMORY_GIB} GiB of memory`
				),
				DEFAULT_MEMORY_GIB
			),
			cacheDrives: v.optional(cacheDrivesSchema),
			capacityDrives: v.optional(capacityDrivesSchema, {})
		},
		'an object describing every server (they are identical, FACTS 6.1)'
	),
	v.transform((s) => ({
		cores: s.cores,
		memoryGiB: s.memoryGiB,
		cacheDrives: completeCacheDrives(s.cacheDrives, s.capacityDrives.media),
		capacityDrives: s.capacityDrives
	}))
);

const topologySchema = strict(
	{
		nodes: intIn(MIN_NODES, MAX_NODES, NODES_RULE),
		serversPerRack: v.optional(
			intIn(
				MIN_SERVERS_PER_RACK,
				MAX_SERVERS_PER_RACK,
				`servers per rack is ${MIN_SERVERS_PER_RACK} to ${MAX_SERVERS_PER_RACK}`
			),
			DEFAULT_SERVERS_PER_RACK
		),
		server: v.optional(serverSchema, {})
	},
	'an object such as {"nodes": 4}',
	{ nodes: NODES_RULE }
);

const heartbeatSchema = v.pipe(
	strict(
		{
			profile: v.optional(oneOf(['ws2016', 'ws2012'], 'the profile is "ws2016" or "ws2012"')),
			delayMs: v.optional(
				intIn(
					MIN_HEARTBEAT_DELAY_MS,
					MAX_HEARTBEAT_DELAY_MS,
					`the heartbeat delay is ${MIN_HEARTBEAT_DELAY_MS} to ${MAX_HEARTBEAT_DELAY_MS} ms (SameSubnetDelay)`
				)
			),
			threshold: v.optional(
				intIn(
					MIN_HEARTBEAT_THRESHOLD,
					MAX_HEARTBEAT_THRESHOLD,
					`the heartbeat threshold is ${MIN_HEARTBEAT_THRESHOLD} to ${MAX_HEARTBEAT_THRESHOLD} missed heartbeats (SameSubnetThreshold)`
				)
			)
		},
		'an object such as {"profile": "ws2016"}'
	),
	v.transform(completeHeartbeat)
);

const clusterSchema = strict(
	{
		heartbeat: v.optional(heartbeatSchema, {}),
		witness: v.optional(witnessSchema, DEFAULT_WITNESS),
		availabilitySets: v.optional(v.array(availabilitySetSchema, 'availability sets are a list'), [])
	},
	'an object such as {"heartbeat": {"profile": "ws2016"}, "witness": "cloud"}'
);

/** Scenario format v1. Parse with parseScenario (which also runs checks.ts), not directly. */
export const scenarioSchema = strict(
	{
		format: v.literal(SCENARIO_FORMAT, got(`the format is "${SCENARIO_FORMAT}"`)),
		version: v.literal(SCENARIO_VERSION, got(`this is version ${SCENARIO_VERSION}`)),
		name: v.pipe(
			v.string(got('a name is text')),
			v.check(
				(s: string) => s.trim() !== '' && s.length <= MAX_NAME_CHARS,
				got(`a name is 1 to ${MAX_NAME_CHARS} characters`)
			)
		),
		description: v.optional(
			v.pipe(
				v.string(got('a description is text')),
				v.maxLength(
					MAX_DESCRIPTION_CHARS,
					got(`a description has at most ${MAX_DESCRIPTION_CHARS} characters`)
				)
			),
			''
		),
		seed: v.optional(
			intIn(0, MAX_SEED, `a seed is a whole number from 0 to ${MAX_SEED}`),
			DEFAULT_SEED
		),
		durationMs: v.optional(
			intIn(
				MIN_DURATION_MS,
				MAX_DURATION_MS,
				`the duration is ${MIN_DURATION_MS} to ${MAX_DURATION_MS} ms (1 s to 24 h)`
			),
			DEFAULT_DURATION_MS
		),
		topology: topologySchema,
		cluster: v.optional(clusterSchema, {}),
		network: v.optional(networkSchema, {}),
		tenants: v.optional(tenantsSchema, []),
		vms: v.optional(vmsSchema, []),
		acls: v.optional(aclsSchema, []),
		...SLB_SCENARIO_ENTRIES,
		...STORAGE_SCENARIO_ENTRIES,
		inputs: v.optional(
			v.pipe(
				v.array(inputSchema, got('inputs are a list')),
				v.maxLength(MAX_INPUTS, got(`a scenario has at most ${MAX_INPUTS} inputs`))
			),
			[]
		)
	},
	'a JSON object',
	{
		format: `a StackScope scenario starts with "format": "${SCENARIO_FORMAT}"`,
		version: `this build reads "version": ${SCENARIO_VERSION}`,
		name: 'give the scenario a name',
		topology: 'describe the servers, e.g. "topology": {"nodes": 4}'
	}
);

/** A complete, validated scenario (every default filled in, inputs sorted by time). */
export type Scenario = v.InferOutput<typeof scenarioSchema>;

/** A scenario as written in JSON (optional fields may be missing). */
export type ScenarioJson = v.InferInput<typeof scenarioSchema>;

/** The types of the known inputs. */
export type ScenarioInputType = ScenarioInput['type'];

/** The underlay settings (`network`) of a parsed scenario. */
export type NetworkSpec = Scenario['network'];

/** A tenant with its virtual networks (FACTS 3.3). */
export type TenantSpec = Scenario['tenants'][number];

/** A tenant virtual network (an RDID in HNV): address spaces and subnets. */
export type VirtualNetworkSpec = TenantSpec['virtualNetworks'][number];

/** A virtual subnet with its VSID. */
export type SubnetSpec = VirtualNetworkSpec['subnets'][number];

/** A tenant VM with one vNIC (its MAC always filled in after parsing). */
export type VmSpec = Scenario['vms'][number];

/** A firewall rule attached to a VM (`vm`) or a subnet (`subnet`, "<tenant>/<vnet>/<subnet>"). */
export type AclRuleSpec = Scenario['acls'][number];

/** The inputs of one type, e.g. `InputOf<'flow.start'>`. */
export type InputOf<T extends ScenarioInputType> = Extract<ScenarioInput, { type: T }>;

/**
 * Scenario format v1, cluster control plane: the witness (`cluster.witness`) and the server and
 * update inputs: `node.drain`, `node.resume`, `node.shutdown`, `node.isolate` (node.restore brings
 * a failed, isolated or shut-down server back) and `update.start`. A disk witness is refused for
 * Storage Spaces Direct (FACTS §2.1) with the reason.
 */
import * as v from 'valibot';
import { validateWitness, type WitnessKind } from '../cluster/quorum';
import {
	got,
	inputHints as sharedInputHints,
	inputTime,
	intIn,
	nodeIndex,
	strict
} from './schema-parts';

export const WITNESS_KINDS = ['none', 'cloud', 'file-share', 'disk'] as const;
const WITNESS_RULE = 'the witness is "none", "cloud" or "file-share" (FACTS 2.1)';

/** CHOICE (FACTS §2.1: a witness is strongly recommended for 3–4 servers): none unless written. */
export const DEFAULT_WITNESS = 'none';

const witnessMessage = (issue: v.BaseIssue<unknown>): string => {
	if (issue.input === 'disk') {
		const refusal = validateWitness('disk' as WitnessKind);
		if (!refusal.ok) return `${refusal.reason} (${refusal.facts})`;
	}
	return got(WITNESS_RULE)(issue);
};

/** The witness: cloud or file share; a disk witness is refused with the reason. */
export const witnessSchema = v.picklist(['none', 'cloud', 'file-share'] as const, witnessMessage);

/**
 * An availability set (FACTS §6.4): on Azure Stack Hub 2 or 3 fault domains, one per server; its
 * VMs are named "<set>-vm1" … and placed apart. CHOICE: up to 60 VMs of up to 1024 GB each.
 */
export const availabilitySetSchema = strict(
	{
		name: v.pipe(
			v.string(got('a set name of letters, digits and hyphens')),
			v.regex(/^[a-z][a-z0-9-]{0,31}$/i, got('a set name of letters, digits and hyphens'))
		),
		faultDomains: v.optional(
			v.picklist([2, 3] as const, got('fault domains are 2 or 3 on Azure Stack Hub (FACTS 6.4)')),
			2
		),
		vms: intIn(1, 60, 'an availability set holds 1 to 60 VMs'),
		memoryGB: intIn(1, 1024, "a VM's memory is a whole number of GB from 1 to 1024")
	},
	'an availability set such as {"name": "web-set", "faultDomains": 3, "vms": 3, "memoryGB": 8}'
);

const hints = { ...sharedInputHints, node: 'the index of the server (0 is Node01)' };

const serverInput = <T extends string>(type: T) =>
	strict({ t: inputTime, type: v.literal(type), node: nodeIndex }, 'an input object', hints);

/** `node.drain`: live-migrate the server's VMs off and pause it (Suspend-ClusterNode -Drain). */
export const nodeDrainInputSchema = serverInput('node.drain');
/** `node.resume`: bring a paused server back into service (Resume-ClusterNode). */
export const nodeResumeInputSchema = serverInput('node.resume');
/** `node.shutdown`: shut the server down gracefully (it gives up its vote first). */
export const nodeShutdownInputSchema = serverInput('node.shutdown');
/** `node.isolate`: cut the server's network; it runs on but misses heartbeats. */
export const nodeIsolateInputSchema = serverInput('node.isolate');

/** `update.start`: patch and update every server, one at a time. */
export const updateStartInputSchema = strict(
	{ t: inputTime, type: v.literal('update.start') },
	'an input object',
	sharedInputHints
);

/** `witness.set`: add, change or remove the witness (a disk witness is refused, FACTS 2.1). */
export const witnessSetInputSchema = strict(
	{ t: inputTime, type: v.literal('witness.set'), witness: witnessSchema },
	'an input object',
	{ ...sharedInputHints, witness: 'the witness: "cloud", "file-share" or "none"' }
);
const witnessInput = <T extends string>(type: T) =>
	strict({ t: inputTime, type: v.literal(type) }, 'an input object', sharedInputHints);
/** `witness.fail` / `witness.restore`: the witness becomes unreachable, or comes back. */
export const witnessFailInputSchema = witnessInput('witness.fail');
export const witnessRestoreInputSchema = witnessInput('witness.restore');

export const CLUSTER_INPUT_VARIANTS = [
	witnessSetInputSchema,
	witnessFailInputSchema,
	witnessRestoreInputSchema,
	nodeDrainInputSchema,
	nodeResumeInputSchema,
	nodeShutdownInputSchema,
	nodeIsolateInputSchema,
	updateStartInputSchema
] as const;

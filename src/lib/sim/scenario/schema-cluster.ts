/**
 * Scenario format v1, cluster control plane: the witness (`cluster.witness`) and the server and
 * update inputs: `node.drain`, `node.resume`, `node.shutdown`, `node.isolate` (node.restore brings
 * a failed, isolated or shut-down server back) and `update.start`. A disk witness is refused for
 * Storage Spaces Direct (FACTS §2.1) with the reason.
 */
import * as v from 'valibot';
import type { Simplification } from '../simplifications';
import { validateWitness, type WitnessKind } from '../cluster/quorum';
import { AZURE_DEFAULT_UPDATE_DOMAINS, MAX_UPDATE_DOMAINS } from '../cluster/vms/sets';
import { show } from './messages';
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

const UPDATE_DOMAINS_RULE = `Azure Stack Hub accepts 1 to ${MAX_UPDATE_DOMAINS} update domains (so Azure templates deploy; every VM is still in update domain 0, FACTS 6.4)`;

/** Names the set, when it has a readable name, in the update-domain message. */
const updateDomainsMessage = (issue: v.BaseIssue<unknown>): string => {
	const set = issue.input as { name?: unknown; updateDomains?: unknown };
	const which = typeof set.name === 'string' ? ` ${show(set.name)}` : '';
	return `availability set${which}: ${UPDATE_DOMAINS_RULE}, got ${show(set.updateDomains)}`;
};

/**
 * An availability set (FACTS §6.4): on Azure Stack Hub 2 or 3 fault domains, one per server; its
 * VMs are named "<set>-vm1" … and placed apart. CHOICE: up to 60 VMs of up to 1024 GB each.
 *
 * `updateDomains` is what an Azure template declares: 1 to 20, default 5 as on Azure. It is kept
 * so a template's set reads the same here and can be compared with Azure, but it never changes
 * placement: Azure Stack Hub puts every VM in update domain 0 and live-migrates VMs off a server
 * being updated instead of rebooting them domain by domain (FACTS §6.4).
 */
export const availabilitySetSchema = v.pipe(
	strict(
		{
			name: v.pipe(
				v.string(got('a set name of letters, digits and hyphens')),
				v.regex(/^[a-z][a-z0-9-]{0,31}$/i, got('a set name of letters, digits and hyphens'))
			),
			faultDomains: v.optional(
				v.picklist([2, 3] as const, got('fault domains are 2 or 3 on Azure Stack Hub (FACTS 6.4)')),
				2
			),
			updateDomains: v.optional(v.number(got(UPDATE_DOMAINS_RULE)), AZURE_DEFAULT_UPDATE_DOMAINS),
			vms: intIn(1, 60, 'an availability set holds 1 to 60 VMs'),
			memoryGB: intIn(1, 1024, "a VM's memory is a whole number of GB from 1 to 1024")
		},
		'an availability set such as {"name": "web-set", "faultDomains": 3, "vms": 3, "memoryGB": 8}'
	),
	// At the set's level, so the message can name the set; reported on the field's path.
	v.forward(
		v.partialCheck(
			[['updateDomains']],
			(set) =>
				Number.isInteger(set.updateDomains) &&
				set.updateDomains >= 1 &&
				set.updateDomains <= MAX_UPDATE_DOMAINS,
			updateDomainsMessage
		),
		['updateDomains']
	)
);

/** The modelling choices behind an availability set's update domains, for "what is simplified". */
export const CLUSTER_SCENARIO_SIMPLIFICATIONS: readonly Simplification[] = [
	{
		id: 'vms.update-domains',
		title: "An availability set's update domains",
		detail: `A set may declare 1 to ${MAX_UPDATE_DOMAINS} update domains (${AZURE_DEFAULT_UPDATE_DOMAINS} when it says nothing, as in Azure templates). As on Azure Stack Hub, the number changes nothing: every VM is in update domain 0, and patch and update live-migrates the VMs off each server in turn. The simulator keeps the number only to show where Azure would put each VM, worked out from Azure's rule ((k − 1) mod the count, k being the number in the VM's name) rather than simulated.`,
		source: 'FACTS.md §6.4'
	}
];

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

/** `vm.create`: deploy one more VM into an availability set of the scenario (FACTS §6.3, §6.4). */
export const vmCreateInputSchema = strict(
	{
		t: inputTime,
		type: v.literal('vm.create'),
		set: v.pipe(
			v.string(got('the name of an availability set')),
			v.regex(/^[a-z][a-z0-9-]{0,31}$/i, got('the name of an availability set'))
		)
	},
	'an input object',
	{ ...sharedInputHints, set: 'the availability set to add the VM to' }
);

export const CLUSTER_INPUT_VARIANTS = [
	witnessSetInputSchema,
	witnessFailInputSchema,
	witnessRestoreInputSchema,
	nodeDrainInputSchema,
	nodeResumeInputSchema,
	nodeShutdownInputSchema,
	nodeIsolateInputSchema,
	updateStartInputSchema,
	vmCreateInputSchema
] as const;

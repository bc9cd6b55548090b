/**
 * Every place where the model departs from the real system, in one list the UI shows to learners
 * ("What is simplified"). Each entry names the FACTS.md section it relates to; a module that
 * makes a modelling choice exports its entries and they are listed here.
 */
export interface Simplification {
	/** Stable id, e.g. 'heartbeat.latency'. */
	readonly id: string;
	readonly title: string;
	readonly detail: string;
	/** Where the real behaviour is documented (FACTS.md section and its source). */
	readonly source: string;
}

import { HEARTBEAT_SIMPLIFICATIONS } from './cluster/heartbeat';
import { CLUSTER_MODEL_SIMPLIFICATIONS } from './cluster/model/world';
import { NC_SIMPLIFICATIONS } from './cluster/model/nc';
import { VM_PLACEMENT_SIMPLIFICATIONS } from './cluster/vms/simplifications';
import { CLUSTER_QUORUM_SIMPLIFICATIONS } from './cluster/quorum';
import { ACL_SIMPLIFICATIONS } from './net/acl';
import { HNV_SIMPLIFICATIONS } from './net/hnv/index';
import { NET_MODEL_SIMPLIFICATIONS } from './net/model/index';
import { SLB_MODEL_SIMPLIFICATIONS } from './net/model/slb-state';
import { SLB_SIMPLIFICATIONS } from './net/slb/index';
import { SLB_SCENARIO_SIMPLIFICATIONS } from './scenario/slb-config';
import { PLACEMENT_SIMPLIFICATIONS } from './storage/layout';
import { STORAGE_MODEL_SIMPLIFICATIONS } from './storage/model/index';
import { STORAGE_RULE_SIMPLIFICATIONS } from './storage/simplifications';
import { TENANT_SCENARIO_SIMPLIFICATIONS } from './scenario/defaults';
import { CLUSTER_SCENARIO_SIMPLIFICATIONS } from './scenario/schema-cluster';
import { TOPOLOGY_SIMPLIFICATIONS } from './topology-build';

/** All of them, in the order the UI lists them. Each module owns the entries for its choices. */
export const SIMPLIFICATIONS: readonly Simplification[] = [
	...TOPOLOGY_SIMPLIFICATIONS,
	...HEARTBEAT_SIMPLIFICATIONS,
	...CLUSTER_QUORUM_SIMPLIFICATIONS,
	...CLUSTER_MODEL_SIMPLIFICATIONS,
	...NC_SIMPLIFICATIONS,
	...VM_PLACEMENT_SIMPLIFICATIONS,
	...CLUSTER_SCENARIO_SIMPLIFICATIONS,
	...TENANT_SCENARIO_SIMPLIFICATIONS,
	...HNV_SIMPLIFICATIONS,
	...ACL_SIMPLIFICATIONS,
	...NET_MODEL_SIMPLIFICATIONS,
	...SLB_SCENARIO_SIMPLIFICATIONS,
	...SLB_SIMPLIFICATIONS,
	...SLB_MODEL_SIMPLIFICATIONS,
	...STORAGE_RULE_SIMPLIFICATIONS,
	...PLACEMENT_SIMPLIFICATIONS,
	...STORAGE_MODEL_SIMPLIFICATIONS
];

/**
 * Azure Stack Hub's infrastructure roles as VMs (FACTS §6.2): who they are, how many, how much
 * memory each takes, and on which server each starts. They share the servers with tenant VMs
 * (FACTS §6.1 "hyperconverged"), so they count against the memory the placement rules
 * (placement.ts) hand out. Pure data and one deterministic function; no state of their own.
 */
import type { Simplification } from '../../simplifications';

/** FACTS §6.2 footprint (1904): the infrastructure VMs take 242 GB of memory in all. */
export const INFRASTRUCTURE_VM_MEMORY_GB = 242;

/**
 * FACTS §6.2/§6.3: the overhead grows by 4 GB per server. CHOICE: taken as 4 GB on each server
 * outside any VM (the sources do not say what it is), so a server's used memory starts at 4 GB.
 */
export const HOST_OVERHEAD_GB_PER_NODE = 4;

/** One infrastructure role of the §6.2 table. */
export interface InfrastructureRole {
	/** Short name, as in the VM names: AzS-<role>01, AzS-<role>02, … */
	readonly role: string;
	/** Its name in words, e.g. "Emergency Recovery Console". */
	readonly title: string;
	/** What it does, for learners (FACTS §6.2 "Function", CONFIRMED). */
	readonly purpose: string;
	/** VMs of this role (FACTS §6.2 / §9.22). */
	readonly instances: number;
	/** Of those, how many carry traffic; the rest stand by (only the gateways have a standby). */
	readonly activeInstances: number;
	/** CHOICE: memory of each VM in GB; the sources give only the total (see the comment below). */
	readonly memoryGBPerVm: number;
	/** How sure the count is, with its source. */
	readonly countCertainty: string;
}

const SECONDARY = 'SECONDARY (2018 blog), FACTS §6.2';
const CONFIRMED = 'CONFIRMED, FACTS §6.2';

/**
 * The roles of FACTS §6.2 with the counts of §9.22 (gateways 3, not the blog's 2): 28 VMs.
 *
 * CHOICE (FACTS §6.2 footprint "about 31 VMs, 242 GB + 4 GB × nodes"): the 28 VMs of these 12
 * roles carry the whole 242 GB; the footprint's other few VMs are not named with counts for a
 * multi-node hub (PXE and SRNG are deployment/ASDK roles) and are not modelled. The split is
 * ours, in whole GB, heavier for the data store (SQL 16 GB), the storage services and the
 * resource providers (ACS, XRP 12 GB), lighter for identity and certificates (ADFS, DC 4 GB,
 * CA 2 GB), 8 GB for the rest: 36 + 8 + 2 + 8 + 24 + 24 + 24 + 16 + 32 + 16 + 16 + 36 = 242.
 */
export const INFRASTRUCTURE_ROLES: readonly InfrastructureRole[] = [
	{
		role: 'ACS',
		title: 'Azure Consistent Storage',
		purpose: 'the storage services: blobs, tables and queues, and the disks of tenant VMs',
		instances: 3,
		activeInstances: 3,
		memoryGBPerVm: 12,
		countCertainty: SECONDARY
	},
	{
		role: 'ADFS',
		title: 'Active Directory Federation Services',
		purpose: 'identity federation: signs operators and users in',
		instances: 2,
		activeInstances: 2,
		memoryGBPerVm: 4,
		countCertainty: SECONDARY
	},
	{
		role: 'CA',
		title: 'Certificate Authority',
		purpose: 'issues the certificates the infrastructure roles use',
		instances: 1,
		activeInstances: 1,
		memoryGBPerVm: 2,
		countCertainty: SECONDARY
	},
	{
		role: 'DC',
		title: 'Domain Controller',
		purpose: 'Active Directory, DNS and DHCP for the infrastructure',
		instances: 2,
		activeInstances: 2,
		memoryGBPerVm: 4,
		countCertainty: SECONDARY
	},
	{
		role: 'ERCS',
		title: 'Emergency Recovery Console',
		purpose: 'emergency recovery; hosts the privileged endpoint (PEP) operators use',
		instances: 3,
		activeInstances: 3,
		memoryGBPerVm: 8,
		countCertainty: CONFIRMED
	},
	{
		role: 'GWY',
		title: 'Gateway',
		purpose: 'the edge gateway for site-to-site VPN: two active, one standby',
		instances: 3,
		activeInstances: 2,
		memoryGBPerVm: 8,
		countCertainty: 'CONFIRMED (VPN doc; the 2018 blog says 2), FACTS §6.2, §9.22'
	},
	{
		role: 'NC',
		title: 'Network Controller',
		purpose: 'the SDN control plane: virtual networks, ACLs and load-balancer policy',
		instances: 3,
		activeInstances: 3,
		memoryGBPerVm: 8,
		countCertainty: 'CONFIRMED (at least 3 required), FACTS §6.2, §5.1'
	},
	{
		role: 'SLB',
		title: 'Software Load Balancer MUX',
		purpose: 'the MUXes that take traffic for tenant and infrastructure VIPs',
		instances: 2,
		activeInstances: 2,
		memoryGBPerVm: 8,
		countCertainty: 'CONFIRMED (AzS-SLB01/02), FACTS §6.2'
	},
	{
		role: 'SQL',
		title: 'SQL Server',
		purpose: 'the data store of the infrastructure roles',
		instances: 2,
		activeInstances: 2,
		memoryGBPerVm: 16,
		countCertainty: SECONDARY
	},
	{
		role: 'WAS',
		title: 'Administrator portal and ARM',
		purpose: 'the administrator portal and its Azure Resource Manager',
		instances: 2,
		activeInstances: 2,
		memoryGBPerVm: 8,
		countCertainty: SECONDARY
	},
	{
		role: 'WASP',
		title: 'User portal and ARM',
		purpose: 'the user portal and its Azure Resource Manager',
		instances: 2,
		activeInstances: 2,
		memoryGBPerVm: 8,
		countCertainty: SECONDARY
	},
	{
		role: 'XRP',
		title: 'Resource providers',
		purpose: 'the Compute, Network and Storage resource providers',
		instances: 3,
		activeInstances: 3,
		memoryGBPerVm: 12,
		countCertainty: SECONDARY
	}
];

/** One infrastructure VM and the server it starts on. */
export interface InfrastructureVm {
	/** E.g. "AzS-ERCS01". */
	readonly name: string;
	/** Its role's short name, e.g. "ERCS". */
	readonly role: string;
	readonly memoryGB: number;
	/** VMs of one group sit on different servers when possible: one group per role. */
	readonly antiAffinityGroup: string;
	/** Index of the server it starts on (0 is Node01). */
	readonly server: number;
	/** Always true: tells the placement rules not to count it as a tenant VM. */
	readonly infrastructure: true;
	/** True for the gateway that stands by (AzS-GWY03). */
	readonly standby: boolean;
}

/** Name of instance `index` (0-based) of `role`: vmName('ERCS', 0) is "AzS-ERCS01". */
export function vmName(role: string, index: number): string {
	return `AzS-${role}${String(index + 1).padStart(2, '0')}`;
}

/** The anti-affinity group of a role's VMs, e.g. "infra:ERCS". */
export const roleGroup = (role: string) => `infra:${role}`;

/**
 * The infrastructure VMs of a scale unit of `nodes` servers (28 VMs, 242 GB), in the order of
 * the §6.2 table, each with the server it starts on.
 *
 * CHOICE (FACTS §6.2 gives no placement): AzS-NC01–NC03 start on Node01–Node03 (the Network
 * Controller model, cluster/model/nc.ts, assumes so). Every other VM, role by role in table
 * order, goes to the server with the fewest VMs of its role, then the least infrastructure
 * memory so far, then the lowest index; so a role's instances sit on different servers whenever
 * there are at least as many servers as instances (always on a 4–16 node scale unit), and as
 * evenly as possible otherwise.
 */
export function infrastructureVms(nodes: number): InfrastructureVm[] {
	if (!Number.isInteger(nodes) || nodes < 1) {
		throw new RangeError(`a scale unit has a whole number of servers, at least 1; got ${nodes}`);
	}
	const memoryGB = new Array<number>(nodes).fill(0);
	const placed = new Map<string, number[]>();
	const place = (r: InfrastructureRole): number[] => {
		const perServer = new Array<number>(nodes).fill(0);
		const servers: number[] = [];
		for (let i = 0; i < r.instances; i++) {
			let best = -1;
			if (r.role === 'NC' && i < nodes) best = i;
			else {
				for (let s = 0; s < nodes; s++) {
					if (
						best < 0 ||
						perServer[s] < perServer[best] ||
						(perServer[s] === perServer[best] && memoryGB[s] < memoryGB[best])
					) {
						best = s;
					}
				}
			}
			perServer[best]++;
			memoryGB[best] += r.memoryGBPerVm;
			servers.push(best);
		}
		return servers;
	};
	// The Network Controller first, so its pinned replicas weigh in on where the others go.
	for (const r of INFRASTRUCTURE_ROLES) if (r.role === 'NC') placed.set(r.role, place(r));
	for (const r of INFRASTRUCTURE_ROLES) if (r.role !== 'NC') placed.set(r.role, place(r));
	return INFRASTRUCTURE_ROLES.flatMap((r) =>
		placed.get(r.role)!.map((server, i) => ({
			name: vmName(r.role, i),
			role: r.role,
			memoryGB: r.memoryGBPerVm,
			antiAffinityGroup: roleGroup(r.role),
			server,
			infrastructure: true as const,
			standby: i >= r.activeInstances
		}))
	);
}

/**
 * Memory in use on each server before any tenant VM: the host's 4 GB (CHOICE above) plus the
 * infrastructure VMs that start there. The sum is infrastructureOverheadGB(nodes) = 242 + 4·N.
 */
export function infrastructureUsedGB(nodes: number): number[] {
	const used = new Array<number>(nodes).fill(HOST_OVERHEAD_GB_PER_NODE);
	for (const vm of infrastructureVms(nodes)) used[vm.server] += vm.memoryGB;
	return used;
}

/** The modelling choices of this module, for the "what is simplified" list. */
export const INFRASTRUCTURE_ROLE_SIMPLIFICATIONS: readonly Simplification[] = [
	{
		id: 'vms.infrastructure-roles',
		title: 'Infrastructure VMs and their memory',
		detail: `The hub's infrastructure is modelled as the 28 VMs of 12 roles (ACS 3, ADFS 2, CA 1, DC 2, ERCS 3, GWY 3 of which 1 stands by, NC 3, SLB 2, SQL 2, WAS 2, WASP 2, XRP 3). Microsoft gives only the total: about 31 VMs using ${INFRASTRUCTURE_VM_MEMORY_GB} GB + ${HOST_OVERHEAD_GB_PER_NODE} GB per server. The simulator spreads the ${INFRASTRUCTURE_VM_MEMORY_GB} GB over the 28 VMs itself (SQL 16 GB; ACS and XRP 12 GB; ADFS and DC 4 GB; CA 2 GB; the rest 8 GB) and keeps ${HOST_OVERHEAD_GB_PER_NODE} GB on every server outside any VM. The other few VMs of the real footprint are not modelled.`,
		source: 'FACTS.md §6.2 (roles, footprint), §9.22 (3 gateways)'
	},
	{
		id: 'vms.infrastructure-start',
		title: 'Where the infrastructure VMs start',
		detail:
			"AzS-NC01 to AzS-NC03 start on Node01 to Node03. Every other infrastructure VM starts on a server holding no other VM of its role when there is one (the one with the least infrastructure memory, then the lowest number), so a role's VMs sit on different servers. Microsoft does not document where they run.",
		source: 'FACTS.md §6.2, §5.1'
	}
];

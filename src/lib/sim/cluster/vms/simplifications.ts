/** The modelling choices of the VM rules (placement.ts, sets.ts, moves.ts), for learners. */
import type { Simplification } from '../../simplifications';
import { LIVE_MIGRATION_MS_PER_GB, VM_RESTART_BOOT_MS } from './moves';
import { VM_LIMIT_PER_SCALE_UNIT, VM_LIMIT_PER_SERVER } from './placement';
import { INFRASTRUCTURE_ROLE_SIMPLIFICATIONS } from './roles';

export const VM_PLACEMENT_SIMPLIFICATIONS: readonly Simplification[] = [
	...INFRASTRUCTURE_ROLE_SIMPLIFICATIONS,
	{
		id: 'vms.placement-rule',
		title: 'Which server a VM goes to',
		detail:
			'Microsoft says placement looks at memory and availability sets, not how it chooses. The simulator puts a VM on a running server with the memory free and fewer than 60 VMs: the one with the fewest VMs of its availability set, then the most free memory, then the lowest number. A new VM must also fit in the placement memory left after the resiliency reserve; restarts and drains may use the reserve, which exists for them. Memory is never over-committed.',
		source: 'FACTS.md §6.3 (placement memory, reserve, no over-commit), §6.4'
	},
	{
		id: 'vms.limits',
		title: 'What the VM limits count',
		detail: `The limits of ${VM_LIMIT_PER_SERVER} VMs per server and ${VM_LIMIT_PER_SCALE_UNIT} per scale unit count tenant VMs only; the hub's own infrastructure VMs take memory but are not counted. The reserve's "largest VM" is the largest tenant VM. With a single server, the reserve's V·(N−2) term is taken as 0.`,
		source: 'FACTS.md §6.3'
	},
	{
		id: 'vms.availability-sets',
		title: 'Fault domains in an availability set',
		detail:
			"The k-th VM of a set (from 0) shows fault domain k mod 2 or 3 and update domain 0. Its server is chosen away from the set's other VMs whenever a server without one has room, so a set's VMs usually sit on as many servers as there are VMs; when they must share, a server keeps VMs of one fault domain together. No version gate is applied.",
		source: 'FACTS.md §6.4, §9.21'
	},
	{
		id: 'vms.restart',
		title: 'VM restart after a server failure',
		detail: `A failed server's VMs restart, in the order they were created, on the other running servers by the same rule (away from set peers when possible, within memory and the 60-VM limit), ${VM_RESTART_BOOT_MS / 1000} s after the cluster declares the server down. A VM that fits nowhere stays down and says why.`,
		source: 'FACTS.md §7 (restart time undocumented), §9.19, §6.4'
	},
	{
		id: 'vms.live-migration',
		title: 'Live migration during a drain',
		detail: `A drained server's VMs live-migrate one at a time by the same rule, each taking ${LIVE_MIGRATION_MS_PER_GB / 1000} s per GB of its memory (8 Gb/s, which takes about a third of each server's east-west link from storage IO while it runs). If any VM has nowhere to go, the drain is refused and nothing moves.`,
		source: 'FACTS.md §6.3 ("VMs are moved off where possible"), §7 (Drain)'
	}
];

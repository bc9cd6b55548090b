/**
 * The modelling choices of the storage rule modules (resiliency, cache, pool quorum, volume
 * requests), for the "what is simplified" list. Each names the FACTS.md section it departs from or
 * fills in; the CHOICE comments in the modules say the same next to the code.
 */
import type { Simplification } from '../simplifications';
import { MAX_FAULT_DOMAINS } from './resiliency';
import { MAX_VOLUMES } from './volume-request';

export const STORAGE_RULE_SIMPLIFICATIONS: readonly Simplification[] = [
	{
		id: 'storage.fault-domain-server',
		title: 'One fault domain per server',
		detail: `Every server is its own fault domain (no chassis or rack awareness), and resiliency tables are used up to ${MAX_FAULT_DOMAINS} servers, where the documentation stops.`,
		source: 'FACTS.md §1.1 "Fault domain", §1.2'
	},
	{
		id: 'storage.single-parity-efficiency',
		title: 'Single-parity efficiency',
		detail:
			'Microsoft documents no efficiency for single parity on Storage Spaces Direct; the simulator uses (n−1)/n over n servers (at least 3). Azure Stack Hub does not offer it at all.',
		source: 'FACTS.md §1.1, §9 item 6 (UNCONFIRMED)'
	},
	{
		id: 'storage.footprint-bytes',
		title: 'Footprint counted to the byte',
		detail:
			'A volume takes size ÷ efficiency of raw capacity, rounded up to a whole byte. Real pools allocate whole slabs (their size is not documented), so real footprints are slightly larger.',
		source: 'FACTS.md §1.1 "Footprint", §1.6 (slab size UNCONFIRMED)'
	},
	{
		id: 'storage.map-split',
		title: 'Mirror-accelerated parity on one tier',
		detail:
			'A mirror-accelerated parity volume is given its mirror part in bytes; that part is three-way mirror and the rest dual parity, both on the chosen capacity media. Moving data from mirror to parity over time is not modelled.',
		source: 'FACTS.md §1.1 "MAP"'
	},
	{
		id: 'storage.cache-manual',
		title: 'No hand-configured cache',
		detail:
			'Servers with a single media type (all NVMe or all SSD) run without cache; the optional write-only cache an administrator can configure for them is not modelled.',
		source: 'FACTS.md §1.7 (table, "if configured")'
	},
	{
		id: 'storage.cache-binding',
		title: 'Cache binding order',
		detail:
			'Capacity drives are bound to cache drives round-robin in drive order; when a cache drive fails, each of its capacity drives moves to the surviving cache drive serving the fewest, in one step. Microsoft documents the even outcome, not the algorithm or how long the rebind takes. With no cache drive left, capacity drives run uncached.',
		source: 'FACTS.md §1.7 "Binding", "Cache-drive failure"'
	},
	{
		id: 'storage.cache-minimum',
		title: 'Two cache drives per server',
		detail:
			'The rule of at least 2 cache drives per server is checked only on servers that have a cache (mixed media).',
		source: 'FACTS.md §1.5 "Hardware", §1.7'
	},
	{
		id: 'storage.pool-quorum',
		title: 'Pool quorum arithmetic',
		detail:
			"The pool stays online while its reachable drive votes plus the pool-resource owner's vote (only while the owner is up and the cluster has quorum) are more than half of all drive votes. This reproduces Microsoft's worked examples; its summary table disagrees (it seems to assume the owner failed) and is shown beside the result. Every pool drive votes unless marked as holding no pool metadata.",
		source: 'FACTS.md §2.2, §9 item 1'
	},
	{
		id: 'storage.volume-limits',
		title: 'Volume limits and defaults',
		detail: `At most ${MAX_VOLUMES} volumes per cluster and 64 TiB (binary) per volume. Names are compared without case. Generic Storage Spaces Direct defaults to two-way mirror on 2 servers and three-way mirror from 3; Azure Stack Hub always uses three-way mirror.`,
		source: 'FACTS.md §1.8, §1.10, §9 item 24'
	},
	{
		id: 'storage.reserve',
		title: 'Repair reserve',
		detail:
			'Azure Stack Hub keeps one capacity drive per server unallocated, so a volume that would use it is refused; on generic Storage Spaces Direct the reserve (one drive per server, at most 4) is a recommendation, so the simulator only warns.',
		source: 'FACTS.md §1.8 "Reserve", §1.10 "Reserve"'
	},
	{
		id: 'storage.symmetric-pool',
		title: 'Symmetric pools',
		detail:
			'Volume requests are checked against a pool whose servers all have the same capacity drives, as the hardware rules require; stranded capacity on unequal servers is not part of this check.',
		source: 'FACTS.md §1.5'
	}
];

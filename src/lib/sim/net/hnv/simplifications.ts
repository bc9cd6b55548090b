/**
 * The HNV data plane's modelling choices as learners see them in "What is simplified". Not yet
 * listed by sim/simplifications.ts: the step that wires HNV into the model adds them there.
 */
import type { Simplification } from '../../simplifications';
import { DISTRIBUTED_ROUTER_MAC, GATEWAY_HOST_OFFSET } from './constants';

/** One entry per choice; each names the FACTS section it departs from or fills in. */
export const HNV_SIMPLIFICATIONS: readonly Simplification[] = [
	{
		id: 'hnv.one-pa',
		title: 'One provider address and one TOR',
		detail:
			'Each host has one provider address (PA) on one uplink to one top-of-rack switch, which routes between the PAs. Real hosts have one PA per SET team member (two by default) and two TORs with ECMP.',
		source: 'FACTS.md §3.3 "PAs per host", §6.1'
	},
	{
		id: 'hnv.gateway',
		title: 'Default gateway address and MAC',
		detail: `The default gateway is the subnet's network address + ${GATEWAY_HOST_OFFSET} (e.g. 10.0.1.1), answered by the distributed router with the MAC ${DISTRIBUTED_ROUTER_MAC} (the value Azure guests see). The docs say "lowest IP of the subnet" and name no MAC. The gateway does not answer pings.`,
		source: 'FACTS.md §3.3 "Default gateway"'
	},
	{
		id: 'hnv.policy-scope',
		title: 'Which policy a host receives',
		detail:
			'The Network Controller pushes a host the complete tables of every virtual network that has a VM on it, and nothing else.',
		source: 'FACTS.md §3.3 "Control path", "PAs per host"'
	},
	{
		id: 'hnv.arp-scope',
		title: 'ARP stays in the subnet',
		detail:
			'The host agent answers ARP only for the gateway and for addresses mapped in the asking VM\u2019s own virtual subnet (VSID); there is no reply otherwise.',
		source: 'FACTS.md §3.3 "ARP", "IDs"'
	},
	{
		id: 'hnv.no-broadcast',
		title: 'No broadcast or multicast',
		detail:
			'Frames to broadcast or multicast MACs are dropped; HNV would replicate them by unicast to every VM of the VSID.',
		source: 'FACTS.md §3.3 "Broadcast and subnet multicast"'
	},
	{
		id: 'hnv.no-gateway',
		title: 'No gateways',
		detail:
			'Traffic to another virtual network, another tenant or the outside is dropped: HNV sends it only through a gateway, which is not modelled here.',
		source: 'FACTS.md §3.3 "Forwarding"'
	}
];

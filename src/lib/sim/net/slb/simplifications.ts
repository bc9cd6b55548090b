/**
 * The Software Load Balancer's modelling choices as learners see them in "What is simplified".
 * Each entry names the FACTS.md section it fills in or departs from, and quotes the constants
 * the code uses, so the note cannot drift from the behaviour. Not yet listed by
 * sim/simplifications.ts: the step that wires the SLB into the model adds them there.
 */
import type { Simplification } from '../../simplifications';
import { BGP_HOLD_MS, BGP_KEEPALIVE_MS } from './bgp';
import { NAT_IDLE_TIMEOUT_MS } from './nat';
import { SNAT_FIRST_PORT, SNAT_PORTS_PER_DIP } from './snat';

const seconds = (ms: number) => `${ms / 1000} s`;

export const SLB_SIMPLIFICATIONS: readonly Simplification[] = [
	{
		id: 'slb.hash',
		title: 'Our own load-balancing hash',
		detail:
			'A MUX picks a DIP by rendezvous (highest random weight) hashing over the healthy DIPs: each DIP scores fmix32(FNV-1a-32 of the rule\u2019s 5-, 3- or 2-tuple and the DIP\u2019s address) and the highest score wins. One connection always gets the same DIP while the healthy set is unchanged; when a DIP leaves or joins, only the connections it loses or wins move. The real hash is undocumented.',
		source: 'FACTS.md §4.3 "The hash function is undocumented", §9 item 11'
	},
	{
		id: 'slb.ecmp',
		title: 'Router ECMP over the MUXes',
		detail:
			'The router spreads connections over the MUXes whose BGP sessions are up by the same kind of rendezvous hash over the 5-tuple, so when a MUX drops out only its connections move (like "resilient" ECMP). Many real routers hash modulo the number of next hops, which moves more connections; with every MUX making the same DIP choice, either way keeps connections on their DIP.',
		source: 'FACTS.md §4.1 "Routers", §4.2 step 1, §9 item 13'
	},
	{
		id: 'slb.stateless-mux',
		title: 'MUXes keep no connection table',
		detail:
			'Every inbound packet, not only the first, goes router → MUX → host, and the MUX decides from the hash alone. A connection therefore keeps its DIP across MUX failures, but moves if its DIP becomes unhealthy (and back when it recovers). Replies always skip the MUX (Direct Server Return). Internal load balancers and the east-west shortcut after the first packet are not modelled.',
		source: 'FACTS.md §4.2, §9 items 12 and 13'
	},
	{
		id: 'slb.mux-encap',
		title: 'What the MUX puts on the wire',
		detail:
			'The MUX wraps the client\u2019s IPv4 packet, byte for byte, in a new inner Ethernet header (to the DIP\u2019s vNIC MAC, from the MUX\u2019s MAC) and VXLAN with the DIP\u2019s own virtual subnet ID as VNI, to the DIP host\u2019s provider address. The outer UDP source port is the VXLAN flow hash of the inner packet. The docs name no VNI or inner header for MUX traffic.',
		source: 'FACTS.md §3.3 "Encapsulation", §4.2 step 2, §9 item 11'
	},
	{
		id: 'slb.bgp-timers',
		title: 'Fast BGP timers',
		detail: `Each MUX sends a BGP keepalive every ${seconds(BGP_KEEPALIVE_MS)}, and the router drops a MUX after ${seconds(BGP_HOLD_MS)} without one, so a MUX failure is visible within seconds. Routers commonly use 60 s and 180 s; the SLB's own values are undocumented.`,
		source: 'FACTS.md §7 row "MUX fails", §9 item 14'
	},
	{
		id: 'slb.bgp-states',
		title: 'BGP sessions are up or down',
		detail:
			'A session is either established (its MUX\u2019s VIP routes are in the table) or idle (withdrawn). A MUX fails silently and is noticed only by the hold timer; its first keepalive after recovery re-establishes the session at once, skipping the TCP connect and OPEN exchange of real BGP.',
		source: 'FACTS.md §4.1 "Routers", "BGP"'
	},
	{
		id: 'slb.probe-threshold',
		title: 'Health probe thresholds',
		detail:
			'A DIP starts unhealthy and becomes healthy after NumberOfProbes consecutive successful probes; it becomes unhealthy after the same number of consecutive failures (the docs give only the first rule). A TCP probe succeeds when the VM runs and the port listens, an HTTP probe when the path also answers 200.',
		source: 'FACTS.md §4.4 "Threshold"'
	},
	{
		id: 'slb.probe-packet',
		title: 'Probe packets',
		detail:
			'Each probe is shown as a TCP SYN from the subnet\u2019s first address to DIP:port, with source ports 49152, 49153, … in turn; the HTTP request that follows is not drawn.',
		source: 'FACTS.md §4.4 "Types and origin", "Azure Stack Hub"'
	},
	{
		id: 'slb.nat-timeout',
		title: 'NAT entries expire when idle',
		detail: `A host forgets a translated connection after ${NAT_IDLE_TIMEOUT_MS / 60_000} minutes without a packet (the docs\u2019 example IdleTimeoutInMinutes); TCP FIN and RST do not end it earlier.`,
		source: 'FACTS.md §4.5 "Modes"'
	},
	{
		id: 'slb.snat-ports',
		title: 'Outbound NAT port blocks',
		detail: `For outbound NAT each pool member owns ${SNAT_PORTS_PER_DIP} VIP ports, the first member from ${SNAT_FIRST_PORT}, the next from ${SNAT_FIRST_PORT + SNAT_PORTS_PER_DIP}, and so on, so a MUX can send a reply for VIP:port to the right host. Ports are handed out in turn; one port serves several connections if their destinations differ. The real allocation is undocumented.`,
		source: 'FACTS.md §4.5 "Modes" (outbound NAT)'
	},
	{
		id: 'slb.protocols',
		title: 'TCP and UDP only',
		detail:
			'Load balancing, NAT and probes handle TCP and UDP. Outbound NAT with protocol ALL covers TCP and UDP; ICMP and fragments are not translated, inbound NAT rules ignore health probes, and Floating IP is not modelled.',
		source: 'FACTS.md §4.2 "Rule fields", §4.5'
	}
];

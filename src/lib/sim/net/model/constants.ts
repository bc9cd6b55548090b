/**
 * Modelling constants of the tenant data plane as the simulation runs it: timings of the control
 * path (Network Controller → host agents) and of each hop a packet takes. FACTS.md gives none of
 * these; each is a labelled choice, shown to learners through NET_MODEL_SIMPLIFICATIONS.
 */
import type { Simplification } from '../../simplifications';
import type { AclProfile } from '../acl-types';

/**
 * CHOICE: the Network Controller pushes each host's policy one host after another, and each push
 * takes this long to land in the host agent (ms). FACTS §3.3 describes the path (NC → OVSDB → host
 * agent → VFP) but not its speed; tens of ms per host keeps the push visible in the log.
 */
export const NC_PUSH_DELAY_MS = 50;

/** CHOICE: a frame from a VM's vNIC reaches the vSwitch (VFP) after this long (ms). */
export const VNIC_TO_VSWITCH_MS = 0.005;
/** CHOICE: the vSwitch hands a frame to a VM's vNIC after this long (ms). */
export const VSWITCH_TO_VNIC_MS = 0.005;
/** CHOICE: one-way latency host uplink → TOR (ms): tens of µs, typical of a 25 GbE hop. */
export const HOST_TO_TOR_MS = 0.02;
/** CHOICE: TOR → host uplink, including the TOR's forwarding (ms). */
export const TOR_TO_HOST_MS = 0.02;
/** CHOICE: the host agent answers a VM's ARP request after this long (ms). */
export const HOST_AGENT_ARP_MS = 0.01;
/**
 * CHOICE (display only): a dropped packet leaves a still marker where it was dropped for this long
 * (ms), so the drop can be seen in 3D; it changes nothing else in the simulation.
 */
export const DROP_MARK_MS = 0.03;
/** CHOICE: a VM's network stack answers an echo request (or a TCP segment) after this long (ms). */
export const VM_REPLY_MS = 0.05;

/**
 * CHOICE: every tenant port uses the Datacenter Firewall's defaults (FACTS §9 item 16): with no
 * rules anywhere a port allows everything; once an ACL is attached, its stage ends in an implicit
 * deny (acl-profiles.ts). Scenarios cannot pick the NSG profile yet.
 */
export const ACL_PORT_PROFILE: AclProfile = 'sdn-allow-all';

/**
 * CHOICE: the provider address and uplink MAC of host i (one PA per host, see HostInfo). The
 * range is illustrative; FACTS §3.3 gives PAs no fixed range.
 */
export function hostPa(index: number): string {
	return `10.10.56.${11 + index}`;
}
export function hostMac(index: number): string {
	return `00:15:5d:0a:38:${(0x0b + index).toString(16).padStart(2, '0')}`;
}
/** CHOICE: the TOR's MAC (arbitrary locally plausible address). */
export const TOR_MAC = '00:25:b5:00:00:01';
/** The TOR the model routes through (one TOR, see hnv/underlay.ts). */
export const TOR_NAME = 'TOR1';

/** Where the running data plane departs from the real system (shown to learners). */
export const NET_MODEL_SIMPLIFICATIONS: readonly Simplification[] = [
	{
		id: 'net.timing',
		title: 'Packet and policy timings',
		detail: `The Network Controller pushes policy to one host every ${NC_PUSH_DELAY_MS} ms; a frame takes ${VNIC_TO_VSWITCH_MS * 1000} µs between vNIC and vSwitch, ${HOST_TO_TOR_MS * 1000} µs between host and TOR each way; a VM answers after ${VM_REPLY_MS * 1000} µs. Real timings depend on load and hardware; these only order events.`,
		source: 'FACTS.md §3.3 (control and data path; timings undocumented)'
	},
	{
		id: 'net.display',
		title: 'Packets shown in slow motion',
		detail: `A packet crosses a hop in microseconds, too fast to see, so playback slows down while packets are in flight (the Slow motion button, key m, turns it off). A dropped packet leaves a marker where it was dropped for ${DROP_MARK_MS * 1000} µs of simulated time. Both only change what is drawn, not the simulation.`,
		source: 'FACTS.md §3.3 gives no hop timings; slowing down is a display choice'
	},
	{
		id: 'net.reply-mac',
		title: "Replies go to the sender's MAC",
		detail:
			'A VM that answers (ping reply, TCP segment) sends to the source MAC of the frame it received instead of asking ARP first; the sending VM does ARP, answered by its host agent. A real guest would ARP too, and the host agent would give the same answer.',
		source: 'FACTS.md §3.3 "ARP"'
	},
	{
		id: 'net.ping-identifier',
		title: 'One ICMP identifier per ping',
		detail:
			'Each flow.start of ICMP uses its own echo identifier (the flow number), so the firewall tracks each ping run as one flow: a rule added during a run affects the next run, not the rest of the current one (rule changes affect new connections only).',
		source: 'FACTS.md §5.3 (stateful firewall)'
	},
	{
		id: 'net.vm-availability',
		title: 'VMs on a failed server',
		detail:
			'When a server fails its VMs stop sending and receiving: packets to, from or through it are dropped with the reason. VMs are not restarted elsewhere (VM placement and failover come later), and a restored server resumes at once.',
		source: 'FACTS.md §2 (failover not modelled yet)'
	},
	{
		id: 'net.vm-move',
		title: 'A moved VM jumps at once',
		detail:
			'vm.move puts a VM on its new server instantly: no live migration, no memory copy, no downtime. Its old host drops whatever still arrives for it, and hosts keep using the old CA→PA mapping until the Network Controller’s push lands (one host after another), so a packet sent in that window is lost. The VM’s firewall rules and connection state move with it.',
		source: 'FACTS.md §3.3 (mapping updates on moves), §5.2 (rules follow the VM)'
	},
	{
		id: 'net.tcp',
		title: 'Simplified TCP',
		detail:
			'A TCP flow is a handshake, data segments one interval apart each acknowledged at once, and a FIN/ACK close. No congestion control, window, retransmission or loss recovery.',
		source: 'not in FACTS.md (RFC 9293 for the segments)'
	}
];

/**
 * The named modelling choices of the HNV data plane (FACTS §3.3 unless noted). Each constant says
 * whether it is documented or a choice; simplifications.ts shows the choices to learners.
 */

/**
 * Lowest and highest VSID (FACTS §3.3 "IDs": 4096 … 2^24 − 2, CONFIRMED). On VXLAN the VSID is
 * the VNI on the wire (FACTS §3.3 "Encapsulation"), so a frame's VNI names its virtual subnet.
 */
export const HNV_MIN_VSID = 4_096;
export const HNV_MAX_VSID = 16_777_214;

/**
 * CHOICE (FACTS §3.3 "Default gateway": "the lowest IP of the subnet"): we read "lowest IP" as
 * the lowest usable host address, network + 1 (10.0.1.1 in 10.0.1.0/24), because the network
 * address names the subnet. Must agree with scenario/defaults.ts GATEWAY_HOST_OFFSET, which makes
 * the same reading; VM CAs therefore start at network + 2.
 */
export const GATEWAY_HOST_OFFSET = 1;

/**
 * CHOICE: the MAC the distributed router answers ARP for the default gateway with, and writes as
 * the source of every routed frame. FACTS §3.3 places the gateway on the distributed router in
 * every host but does not name a MAC, so we borrow the value Azure guests see for their gateway
 * (general knowledge, not in FACTS). It is locally administered (0x12 has the U/L bit set) and
 * unicast, so it cannot collide with VM MACs (00:1d:d8, SDN MAC pool) or host NICs (00:15:5d).
 * Every host uses the same MAC: the router is distributed, one copy per host.
 */
export const DISTRIBUTED_ROUTER_MAC = '12:34:56:78:9a:bc';

/**
 * CHOICE: the TOR port a host's uplink plugs into is TOR_FIRST_HOST_PORT + host index. FACTS §6.1
 * gives each scale unit two TORs and §3.3 gives each host one PA per SET team member; we model one
 * TOR and ONE PA per host (one uplink), which is enough to show CA/PA and VXLAN.
 */
export const TOR_FIRST_HOST_PORT = 1;

/** The Ethernet broadcast address (IEEE 802): the destination of an ARP request. */
export const BROADCAST_MAC = 'ff:ff:ff:ff:ff:ff';

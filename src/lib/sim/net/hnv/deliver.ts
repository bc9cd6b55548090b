/**
 * The receiving vSwitch (FACTS §3.3): decapsulate, then hand the inner frame only to a local port
 * of the VSID the VNI names, with the inner destination MAC and CA of that port. A frame never
 * enters a port of another VSID, virtual network or tenant (checkIsolation is the last check).
 */
import { decapsulateVxlan } from '../encap';
import { ETHERTYPE_IPV4, parseEthernetFrame } from '../ethernet';
import { parseIpv4Packet } from '../ipv4';
import { checkIsolation } from './isolation';
import { findVsid } from './policy';
import type { Delivery, Drop, HostAgentView } from './types';

/**
 * Delivers a VXLAN frame from the host's uplink (after the TOR: outer dst MAC = this host's NIC),
 * or says why it is dropped: not valid VXLAN (see decapsulateVxlan), not for this NIC or PA, a
 * VNI this host holds no policy for, no local port with that MAC in that VSID, or an inner IPv4
 * destination that is not the port's CA. The delivered frame is a copy.
 */
export function deliverFromUplink(view: HostAgentView, outerFrame: Uint8Array): Delivery {
	const drop = (reason: string): Drop => ({ kind: 'drop', reason });
	const d = decapsulateVxlan(outerFrame);
	if (!d.ok) return drop(`not a valid VXLAN frame: ${d.reason}`);
	const { vni, outer, inner } = d.value;
	if (outer.dstMac !== view.host.mac) {
		return drop(`outer frame is for ${outer.dstMac}, not ${view.host.name}'s NIC ${view.host.mac}`);
	}
	if (outer.dstPa !== view.host.pa) {
		return drop(`outer destination ${outer.dstPa} is not ${view.host.name}'s PA ${view.host.pa}`);
	}
	if (!findVsid(view, vni)) return drop(`${view.host.name} holds no policy for VSID ${vni}`);
	const eth = parseEthernetFrame(inner);
	if (!eth.ok) return drop(`malformed inner frame: ${eth.reason}`);
	if (eth.value.etherType !== ETHERTYPE_IPV4) return drop('only IPv4 crosses the overlay');
	const port = view.ports.find((p) => p.vsid === vni && p.mac === eth.value.dstMac);
	if (!port) {
		return drop(`no port with MAC ${eth.value.dstMac} in VSID ${vni} on ${view.host.name}`);
	}
	const ip = parseIpv4Packet(eth.value.payload);
	if (!ip.ok) return drop(`malformed inner frame: ${ip.reason}`);
	if (ip.value.dstIp !== port.ca) {
		return drop(`inner destination ${ip.value.dstIp} is not ${port.vm}'s CA ${port.ca}`);
	}
	const violation = checkIsolation(port, vni, view);
	if (violation) return drop(violation.message);
	return { kind: 'deliver', toPort: port.vm, vni, innerFrame: inner.slice() };
}

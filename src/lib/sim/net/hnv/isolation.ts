/**
 * The isolation invariant of HNV (FACTS §3.3 "IDs", "CA and PA"; ARCHITECTURE "no frame crosses
 * tenants"): a frame carried in VNI v may only enter a port whose VSID is v. VNI = VSID on the
 * wire, and the distributed router has already rewritten it for cross-subnet traffic, so any
 * other port, even in the same virtual network, would mean an L2 leak between subnets.
 */
import { findVsid } from './policy';
import type { IsolationViolation, VmPort, VsidTable } from './types';

/**
 * The violation if a frame in `vni` were delivered into `port`, or null when it is allowed.
 * `tables` is the controller's policy or a host agent's view. The most serious kind wins:
 * unknown VNI, then another tenant, another virtual network, another subnet.
 */
export function checkIsolation(
	port: VmPort,
	vni: number,
	tables: { vsids: readonly VsidTable[] }
): IsolationViolation | null {
	const found = findVsid(tables, vni);
	const base = { vm: port.vm, vni };
	const into = `into port "${port.vm}" (tenant "${port.tenant}", virtual network "${port.vnet}", VSID ${port.vsid})`;
	if (!found) {
		return {
			...base,
			kind: 'unknown-vni',
			message: `frame in unknown VNI ${vni} delivered ${into}`
		};
	}
	const from = `frame in VNI ${vni} (tenant "${found.tenant}", virtual network "${found.vnet}")`;
	if (found.tenant !== port.tenant) {
		return { ...base, kind: 'other-tenant', message: `${from} crossed tenants ${into}` };
	}
	if (found.vnet !== port.vnet) {
		return {
			...base,
			kind: 'other-virtual-network',
			message: `${from} crossed virtual networks ${into}`
		};
	}
	if (found.vsid !== port.vsid) {
		return {
			...base,
			kind: 'other-vsid',
			message: `${from} skipped the distributed router ${into}`
		};
	}
	return null;
}

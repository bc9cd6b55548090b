/**
 * The Network Controller's tables and the per-host copies it pushes southbound (FACTS §3.3
 * "Control path": NC → OVSDB → SDN Host Agent → VFP; §5.1). The NC owns the mappings; a host
 * agent forwards and answers ARP only from its own copy, so a stale copy means stale forwarding.
 */
import { formatMac, parseMac } from '../bytes';
import { compareIpv4, compareText, gatewayOf, parsePrefix } from './prefix';
import type {
	CaMapping,
	HostAgentView,
	HostInfo,
	PolicyTables,
	VmPort,
	VnetTable,
	VsidTable
} from './types';
import { policyProblems } from './validate';

/**
 * Builds the controller's tables from VM ports and hosts. Throws an Error listing every problem
 * (see policyProblems) when the input is inconsistent; the scenario checks catch these first.
 */
export function buildPolicy(ports: readonly VmPort[], hosts: readonly HostInfo[]): PolicyTables {
	const problems = policyProblems(ports, hosts);
	if (problems.length > 0) throw new Error(`HNV policy refused: ${problems.join('; ')}`);
	const hostList = hosts
		.map((h) => ({ ...h, mac: canonicalMac(h.mac) }))
		.sort((a, b) => a.index - b.index);
	const portList = ports
		.map((p) => ({ ...p, mac: canonicalMac(p.mac) }))
		.sort((a, b) => compareText(a.vm, b.vm));
	const byVsid: Record<number, VsidTable> = {};
	for (const p of portList) {
		const pa = hostList.find((h) => h.index === p.host)!.pa;
		const table = (byVsid[p.vsid] ??= {
			vsid: p.vsid,
			tenant: p.tenant,
			vnet: p.vnet,
			subnet: p.subnet,
			prefix: p.subnetPrefix,
			gateway: gatewayOf(parsePrefix(p.subnetPrefix)!),
			mappings: []
		});
		table.mappings.push({ ca: p.ca, mac: p.mac, pa, host: p.host, vm: p.vm });
	}
	const vsids = Object.values(byVsid).sort((a, b) => a.vsid - b.vsid);
	for (const t of vsids) t.mappings.sort(compareMappings);
	return { vsids, vnets: vnetTables(vsids), ports: portList, hosts: hostList };
}

/**
 * The copy the NC pushes to one host's agent. CHOICE: a host receives the full tables of every
 * virtual network that has a VM on it (the distributed router needs every subnet of the virtual
 * network, FACTS §3.3) and nothing else; a host without tenant VMs gets empty tables (FACTS §3.3:
 * a host gets policy only once it runs a tenant VM). Throws if the host is unknown.
 */
export function hostAgentView(policy: PolicyTables, host: number): HostAgentView {
	const info = policy.hosts.find((h) => h.index === host);
	if (!info) throw new RangeError(`Host ${host} is not in the policy`);
	const ports = policy.ports.filter((p) => p.host === host);
	const vnetIds = ports.map((p) => p.vnet);
	const vsids = policy.vsids.filter((t) => vnetIds.includes(t.vnet));
	return { host: info, ports, vsids, vnets: vnetTables(vsids) };
}

/** The distributed router's view: each virtual network's subnets, derived from VSID tables. */
export function vnetTables(vsids: readonly VsidTable[]): VnetTable[] {
	const byVnet: Record<string, VnetTable> = {};
	for (const t of vsids) {
		const table = (byVnet[t.vnet] ??= { vnet: t.vnet, tenant: t.tenant, subnets: [] });
		table.subnets.push({ subnet: t.subnet, prefix: t.prefix, vsid: t.vsid });
	}
	const tables = Object.values(byVnet).sort((a, b) => compareText(a.vnet, b.vnet));
	for (const t of tables) t.subnets.sort((a, b) => a.vsid - b.vsid);
	return tables;
}

/** The VSID table for `vsid` in a policy or host view, if held. */
export function findVsid(
	tables: { vsids: readonly VsidTable[] },
	vsid: number
): VsidTable | undefined {
	return tables.vsids.find((t) => t.vsid === vsid);
}

/** The mapping of `ca` in a VSID table (CAs are unique within a VSID). */
export function findMapping(table: VsidTable, ca: string): CaMapping | undefined {
	return table.mappings.find((m) => m.ca === ca);
}

/** Mapping order: by CA numerically, then VM name. */
export function compareMappings(a: CaMapping, b: CaMapping): number {
	return compareIpv4(a.ca, b.ca) || compareText(a.vm, b.vm);
}

/** MAC text in the canonical form of net/ (lowercase, colons), as parsed frames report it. */
export function canonicalMac(text: string): string {
	return formatMac(parseMac(text));
}

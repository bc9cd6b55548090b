/**
 * What the Network Controller refuses before it builds policy (FACTS §3.3 "IDs"): VSIDs outside
 * 4096 … 2^24 − 2, a VSID or RDID reused, overlapping subnets in one virtual network, CAs that are
 * not usable host addresses of their subnet, duplicate CAs or MACs in a VSID, unknown hosts.
 */
import { parseMac } from '../bytes';
import { GATEWAY_HOST_OFFSET, HNV_MAX_VSID, HNV_MIN_VSID } from './constants';
import {
	type Ipv4Prefix,
	ipv4ToNumber,
	parsePrefix,
	prefixContains,
	prefixLast,
	prefixesOverlap
} from './prefix';
import type { HostInfo, VmPort } from './types';

/** Every problem with the input, in input order (empty when buildPolicy may proceed). */
export function policyProblems(ports: readonly VmPort[], hosts: readonly HostInfo[]): string[] {
	const problems: string[] = [];
	const add = (p: string) => problems.push(p);
	checkHosts(hosts, add);
	const hostIndices = hosts.map((h) => h.index);
	const vms: Record<string, true> = {};
	const vsidOwner: Record<number, string> = {};
	const subnetVsid: Record<string, number> = {};
	const vnetTenant: Record<string, string> = {};
	const vnetPrefixes: Record<string, { subnet: string; prefix: Ipv4Prefix }[]> = {};
	const used: Record<string, string> = {};
	for (const p of ports) {
		const who = `VM "${p.vm}"`;
		if (vms[p.vm]) add(`${who} appears twice`);
		vms[p.vm] = true;
		if (!hostIndices.includes(p.host)) add(`${who} is on host ${p.host}, which does not exist`);
		if (!Number.isInteger(p.vsid) || p.vsid < HNV_MIN_VSID || p.vsid > HNV_MAX_VSID) {
			add(
				`${who}: VSID ${p.vsid} is outside ${HNV_MIN_VSID}..${HNV_MAX_VSID} (FACTS 3.3: a VSID is 4096 to 2^24 - 2)`
			);
		}
		const subnetKey = `${p.vnet}/${p.subnet}`;
		const owner = `${p.tenant}:${subnetKey}:${p.subnetPrefix}`;
		if (vsidOwner[p.vsid] !== undefined && vsidOwner[p.vsid] !== owner) {
			add(
				`${who}: VSID ${p.vsid} is already used by another subnet (VSIDs are unique per datacenter)`
			);
		}
		vsidOwner[p.vsid] ??= owner;
		if (subnetVsid[subnetKey] !== undefined && subnetVsid[subnetKey] !== p.vsid) {
			add(`${who}: subnet "${subnetKey}" has VSID ${subnetVsid[subnetKey]}, not ${p.vsid}`);
		}
		subnetVsid[subnetKey] ??= p.vsid;
		if (vnetTenant[p.vnet] !== undefined && vnetTenant[p.vnet] !== p.tenant) {
			add(
				`${who}: virtual network "${p.vnet}" belongs to tenant "${vnetTenant[p.vnet]}" (RDIDs are unique)`
			);
		}
		vnetTenant[p.vnet] ??= p.tenant;
		const prefix = parsePrefix(p.subnetPrefix);
		if (!prefix) {
			add(`${who}: subnet prefix "${p.subnetPrefix}" is not an IPv4 network such as 10.0.1.0/24`);
			continue;
		}
		checkSubnetOverlap(who, p, prefix, (vnetPrefixes[p.vnet] ??= []), add);
		const caProblem = caProblemIn(p.ca, prefix);
		if (caProblem) add(`${who}: CA "${p.ca}" ${caProblem}`);
		if (!isMac(p.mac)) add(`${who}: MAC "${p.mac}" is not six hex pairs`);
		for (const [kind, value] of [
			['CA', p.ca],
			['MAC', p.mac]
		] as const) {
			const key = `${p.vsid}|${kind}|${value}`;
			if (used[key])
				add(`${who}: ${kind} ${value} is already used by VM "${used[key]}" in VSID ${p.vsid}`);
			used[key] ??= p.vm;
		}
	}
	return problems;
}

function checkHosts(hosts: readonly HostInfo[], add: (p: string) => void): void {
	const seen: Record<string, string> = {};
	for (const h of hosts) {
		for (const key of [`index ${h.index}`, `PA ${h.pa}`, `MAC ${h.mac}`]) {
			if (seen[key]) add(`Hosts "${seen[key]}" and "${h.name}" share ${key}`);
			seen[key] ??= h.name;
		}
		if (ipv4ToNumber(h.pa) === undefined) add(`Host "${h.name}": PA "${h.pa}" is not IPv4`);
		if (!isMac(h.mac)) add(`Host "${h.name}": MAC "${h.mac}" is not six hex pairs`);
	}
}

function checkSubnetOverlap(
	who: string,
	p: VmPort,
	prefix: Ipv4Prefix,
	known: { subnet: string; prefix: Ipv4Prefix }[],
	add: (p: string) => void
): void {
	const clash = known.find((k) => k.subnet !== p.subnet && prefixesOverlap(k.prefix, prefix));
	if (clash) {
		add(
			`${who}: subnet "${p.subnet}" overlaps subnet "${clash.subnet}" of virtual network "${p.vnet}"`
		);
	}
	if (!known.some((k) => k.subnet === p.subnet)) known.push({ subnet: p.subnet, prefix });
}

/** Why `ca` is not a usable VM address of `prefix` (network, gateway, broadcast excluded). */
function caProblemIn(ca: string, prefix: Ipv4Prefix): string | undefined {
	const n = ipv4ToNumber(ca);
	if (n === undefined) return 'is not an IPv4 address';
	if (!prefixContains(prefix, n)) return 'is outside its subnet';
	if (n === prefix.network) return 'is the network address';
	if (n === prefix.network + GATEWAY_HOST_OFFSET) return 'is the default gateway (FACTS 3.3)';
	if (n === prefixLast(prefix)) return 'is the broadcast address';
	return undefined;
}

function isMac(text: string): boolean {
	try {
		parseMac(text);
		return true;
	} catch {
		return false;
	}
}

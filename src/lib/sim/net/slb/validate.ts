/**
 * Checks an SLB configuration before the model runs it, returning one readable sentence per
 * problem (empty when it is sound), so a scenario editor can show them all at once.
 */
import { HNV_MAX_VSID, HNV_MIN_VSID } from '../hnv/constants';
import { ipv4ToNumber, parsePrefix, prefixContains } from '../hnv/prefix';
import { SNAT_MAX_MEMBERS, snatCovers, snatOwner } from './snat';
import type { LoadBalancer, MuxIdentity, RouterIdentity } from './types';

/** FACTS §4.1: one active SLB Manager supports 8 MUXes. */
export const MAX_MUXES = 8;

const isPort = (p: number) => Number.isInteger(p) && p >= 0 && p <= 0xffff;

function duplicates(values: readonly string[]): string[] {
	return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}

/** Problems of one load balancer. */
export function lbProblems(lb: LoadBalancer): string[] {
	const p: string[] = [];
	const at = `load balancer ${lb.name}`;
	if (ipv4ToNumber(lb.vip) === undefined) p.push(`${at}: VIP "${lb.vip}" is not an IPv4 address`);
	for (const name of duplicates(lb.backend.map((m) => m.vm)))
		p.push(`${at}: ${name} is in the pool twice`);
	for (const dip of duplicates(lb.backend.map((m) => m.dip)))
		p.push(`${at}: DIP ${dip} is in the pool twice`);
	for (const m of lb.backend) {
		const prefix = parsePrefix(m.subnetPrefix);
		const address = ipv4ToNumber(m.dip);
		if (!prefix || address === undefined || !prefixContains(prefix, address)) {
			p.push(`${at}: ${m.vm}'s DIP ${m.dip} is not inside its subnet ${m.subnetPrefix}`);
		}
		if (!Number.isInteger(m.vsid) || m.vsid < HNV_MIN_VSID || m.vsid > HNV_MAX_VSID) {
			p.push(`${at}: ${m.vm}'s VSID ${m.vsid} is outside ${HNV_MIN_VSID}–${HNV_MAX_VSID}`);
		}
	}
	const names = [...lb.rules, ...lb.inboundNatRules].map((r) => r.name);
	for (const name of duplicates(names)) p.push(`${at}: two rules are named ${name}`);
	const fronts = [...lb.rules, ...lb.inboundNatRules].map((r) => `${r.protocol} ${r.frontendPort}`);
	for (const f of duplicates(fronts)) p.push(`${at}: front-end ${f} is used by two rules`);
	for (const r of [...lb.rules, ...lb.inboundNatRules]) {
		if (!isPort(r.frontendPort) || !isPort(r.backendPort))
			p.push(`${at}: rule ${r.name} has a bad port`);
		const owner = snatCovers(lb, r.protocol) ? snatOwner(lb, r.frontendPort) : undefined;
		if (owner) {
			p.push(
				`${at}: front-end port ${r.frontendPort} of ${r.name} is in ${owner.vm}'s outbound NAT ports`
			);
		}
	}
	for (const r of lb.rules) {
		if (!lb.probes.some((pr) => pr.name === r.probe))
			p.push(`${at}: rule ${r.name} names no probe ${r.probe}`);
	}
	for (const r of lb.inboundNatRules) {
		if (!lb.backend.some((m) => m.vm === r.vm))
			p.push(`${at}: NAT rule ${r.name} names ${r.vm}, not in the pool`);
	}
	for (const pr of lb.probes) {
		if (!isPort(pr.port)) p.push(`${at}: probe ${pr.name} has a bad port`);
		if (!(pr.intervalMs > 0)) p.push(`${at}: probe ${pr.name} needs an interval above 0 ms`);
		if (!Number.isInteger(pr.numberOfProbes) || pr.numberOfProbes < 1) {
			p.push(`${at}: probe ${pr.name} needs numberOfProbes ≥ 1`);
		}
		if ((pr.protocol === 'http') !== (pr.path?.startsWith('/') ?? false)) {
			p.push(`${at}: probe ${pr.name}: HTTP probes need a path starting with "/", TCP probes none`);
		}
	}
	if (lb.outboundNat && lb.backend.length > SNAT_MAX_MEMBERS) {
		p.push(`${at}: outbound NAT has port blocks for ${SNAT_MAX_MEMBERS} pool members only`);
	}
	return p;
}

/** Problems of the whole SLB: every load balancer, distinct VIPs, and the MUXes' BGP peering. */
export function slbProblems(
	lbs: readonly LoadBalancer[],
	muxes: readonly MuxIdentity[],
	router: RouterIdentity
): string[] {
	const p = lbs.flatMap(lbProblems);
	for (const name of duplicates(lbs.map((l) => l.name)))
		p.push(`two load balancers are named ${name}`);
	for (const vip of duplicates(lbs.map((l) => l.vip)))
		p.push(`VIP ${vip} belongs to two load balancers`);
	if (muxes.length === 0) p.push('the MUX pool needs at least one MUX (FACTS §4.1)');
	if (muxes.length > MAX_MUXES) p.push(`one SLB Manager supports ${MAX_MUXES} MUXes (FACTS §4.1)`);
	for (const name of duplicates(muxes.map((m) => m.name))) p.push(`two MUXes are named ${name}`);
	for (const pa of duplicates(muxes.map((m) => m.pa))) p.push(`two MUXes share the address ${pa}`);
	for (const m of [...muxes, router]) {
		if (!Number.isInteger(m.asn) || m.asn < 1 || m.asn > 0xffff) {
			p.push(`${m.name}: ASN ${m.asn} is not a 2-byte ASN (FACTS §4.1)`);
		}
	}
	for (const m of muxes) {
		if (m.asn !== router.asn)
			p.push(`${m.name} must share AS ${router.asn} with ${router.name} (internal BGP)`);
	}
	return p;
}

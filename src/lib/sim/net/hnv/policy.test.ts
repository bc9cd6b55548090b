import { describe, expect, it } from 'vitest';
import { HNV_MAX_VSID, HNV_MIN_VSID } from './constants';
import { checkIsolation } from './isolation';
import { buildPolicy, hostAgentView } from './policy';
import { HOSTS, PORTS, port } from './two-tenants.fixture';
import { policyProblems } from './validate';

const policy = buildPolicy(PORTS, HOSTS);

describe('buildPolicy: the Network Controller tables', () => {
	it('maps every CA to its host PA, per VSID, in sorted, cloneable tables', () => {
		expect(policy.vsids.map((t) => t.vsid)).toEqual([5001, 5002, 5101, 6001, 6003]);
		const web = policy.vsids[0];
		expect(web).toMatchObject({ tenant: 'Contoso', vnet: 'contoso-vnet1', gateway: '10.0.1.1' });
		expect(web.mappings.map((m) => [m.ca, m.pa, m.vm])).toEqual([
			['10.0.1.4', '10.10.56.11', 'c-web1'],
			['10.0.1.5', '10.10.56.12', 'c-web2'],
			['10.0.1.6', '10.10.56.11', 'c-web3']
		]);
		const fabrikam = policy.vsids[3].mappings.map((m) => [m.ca, m.pa, m.vm]);
		expect(fabrikam).toEqual([
			['10.0.1.4', '10.10.56.11', 'f-web1'],
			['10.0.1.5', '10.10.56.12', 'f-web2']
		]);
		expect(policy.vnets.map((v) => [v.vnet, v.subnets.map((s) => s.vsid)])).toEqual([
			['contoso-vnet1', [5001, 5002]],
			['contoso-vnet2', [5101]],
			['fabrikam-vnet1', [6001, 6003]]
		]);
		expect(structuredClone(policy)).toEqual(policy);
	});

	it('does not depend on the input order', () => {
		expect(buildPolicy([...PORTS].reverse(), [...HOSTS].reverse())).toEqual(policy);
	});

	it('gives each host agent only the virtual networks it runs VMs of', () => {
		const node01 = hostAgentView(policy, 0);
		expect(node01.ports.map((p) => p.vm)).toEqual(['c-app2', 'c-web1', 'c-web3', 'f-web1']);
		expect(node01.vsids.map((t) => t.vsid)).toEqual([5001, 5002, 6001, 6003]);
		expect(hostAgentView(policy, 1).vsids.map((t) => t.vsid)).toEqual([
			5001, 5002, 5101, 6001, 6003
		]);
		const empty = hostAgentView(policy, 2);
		expect(empty).toMatchObject({ ports: [], vsids: [], vnets: [] });
		expect(() => hostAgentView(policy, 9)).toThrow(/Host 9/);
	});
});

describe('policyProblems: what the controller refuses', () => {
	const withPort = (change: Partial<(typeof PORTS)[0]>) => [
		...PORTS,
		{ ...port('c-web3'), vm: 'x', ...change }
	];
	it('accepts the fixture', () => {
		expect(policyProblems(PORTS, HOSTS)).toEqual([]);
	});
	it('accepts VSIDs at both ends of 4096..16,777,214 and refuses one step outside', () => {
		for (const vsid of [HNV_MIN_VSID, HNV_MAX_VSID]) {
			expect(
				policyProblems(
					withPort({ vsid, subnet: 's', subnetPrefix: '10.9.0.0/24', ca: '10.9.0.4' }),
					HOSTS
				)
			).toEqual([]);
		}
		for (const vsid of [HNV_MIN_VSID - 1, HNV_MAX_VSID + 1]) {
			const problems = policyProblems(
				withPort({ vsid, subnet: 's', subnetPrefix: '10.9.0.0/24', ca: '10.9.0.4' }),
				HOSTS
			);
			expect(problems).toEqual([
				`VM "x": VSID ${vsid} is outside 4096..16777214 (FACTS 3.3: a VSID is 4096 to 2^24 - 2)`
			]);
		}
	});
	it.each([
		[
			'a CA used twice in one VSID',
			{ ca: '10.0.1.5' },
			'CA 10.0.1.5 is already used by VM "c-web2"'
		],
		[
			'a MAC used twice in one VSID',
			{ ca: '10.0.1.7', mac: port('c-web1').mac },
			'is already used by VM "c-web1"'
		],
		['the gateway as a CA', { ca: '10.0.1.1' }, 'is the default gateway'],
		['a CA outside its subnet', { ca: '10.0.2.7' }, 'is outside its subnet'],
		[
			'a VSID reused by another subnet',
			{ subnet: 'other', subnetPrefix: '10.0.9.0/24', ca: '10.0.9.4' },
			'VSID 5001 is already used'
		],
		[
			'overlapping subnets in one vnet',
			{ subnet: 'big', vsid: 5009, subnetPrefix: '10.0.0.0/16', ca: '10.0.7.4' },
			'overlaps subnet'
		],
		[
			'an unknown host',
			{ host: 7, ca: '10.0.1.7', mac: '00:1d:d8:b7:1c:70' },
			'host 7, which does not exist'
		],
		[
			'a virtual network claimed by two tenants',
			{ tenant: 'Fabrikam', ca: '10.0.1.7', mac: '00:1d:d8:b7:1c:70' },
			'belongs to tenant "Contoso"'
		]
	] as const)('refuses %s', (_, change, message) => {
		const problems = policyProblems(withPort(change), HOSTS);
		expect(problems.join('\n')).toContain(message);
		expect(() => buildPolicy(withPort(change), HOSTS)).toThrow(message);
	});
});

describe('checkIsolation', () => {
	it('allows only the port’s own VSID and names the kind of crossing otherwise', () => {
		const web1 = port('c-web1');
		expect(checkIsolation(web1, 5001, policy)).toBeNull();
		expect(checkIsolation(web1, 5002, policy)?.kind).toBe('other-vsid');
		expect(checkIsolation(web1, 5101, policy)?.kind).toBe('other-virtual-network');
		expect(checkIsolation(web1, 6001, policy)?.kind).toBe('other-tenant');
		expect(checkIsolation(web1, 7777, policy)?.kind).toBe('unknown-vni');
		expect(checkIsolation(web1, 6001, policy)?.message).toContain('crossed tenants');
	});
});

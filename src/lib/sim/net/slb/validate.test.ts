import { describe, expect, it } from 'vitest';
import type { LoadBalancer } from './types';
import { lbProblems, slbProblems } from './validate';
import { MUXES, ROUTER, WEB_LB } from './web-lb.fixture';

describe('SLB configuration checks', () => {
	it('finds nothing wrong with the fixture', () => {
		expect(slbProblems([WEB_LB], MUXES, ROUTER)).toEqual([]);
	});

	it('names each problem of a broken load balancer', () => {
		const [web1] = WEB_LB.backend;
		const broken: LoadBalancer = {
			...WEB_LB,
			vip: '203.0.113',
			backend: [...WEB_LB.backend, { ...web1, vm: 'web9', dip: '10.0.2.9', vsid: 12 }],
			rules: [...WEB_LB.rules, { ...WEB_LB.rules[0], name: 'http2', probe: 'nope' }],
			inboundNatRules: [
				{ name: 'ssh', protocol: 'tcp', frontendPort: 1030, vm: 'db1', backendPort: 22 }
			],
			probes: [{ ...WEB_LB.probes[0], path: undefined, numberOfProbes: 0 }, WEB_LB.probes[1]]
		};
		expect(lbProblems(broken)).toEqual([
			'load balancer web-lb: VIP "203.0.113" is not an IPv4 address',
			"load balancer web-lb: web9's DIP 10.0.2.9 is not inside its subnet 10.0.1.0/24",
			"load balancer web-lb: web9's VSID 12 is outside 4096–16777214",
			'load balancer web-lb: front-end tcp 80 is used by two rules',
			"load balancer web-lb: front-end port 1030 of ssh is in web1's outbound NAT ports",
			'load balancer web-lb: rule http2 names no probe nope',
			'load balancer web-lb: NAT rule ssh names db1, not in the pool',
			'load balancer web-lb: probe http-probe needs numberOfProbes ≥ 1',
			'load balancer web-lb: probe http-probe: HTTP probes need a path starting with "/", TCP probes none'
		]);
	});

	it('checks the MUX pool and its BGP peering (FACTS §4.1)', () => {
		const many = Array.from({ length: 9 }, (_, i) => ({
			...MUXES[0],
			name: `MUX${i}`,
			pa: `10.10.56.${50 + i}`
		}));
		expect(slbProblems([WEB_LB, WEB_LB], [], ROUTER)).toEqual([
			'two load balancers are named web-lb',
			'VIP 203.0.113.10 belongs to two load balancers',
			'the MUX pool needs at least one MUX (FACTS §4.1)'
		]);
		expect(slbProblems([], many, ROUTER)).toEqual([
			'one SLB Manager supports 8 MUXes (FACTS §4.1)'
		]);
		expect(slbProblems([], [{ ...MUXES[0], asn: 70000 }, MUXES[0]], ROUTER)).toEqual([
			'two MUXes are named MUX1',
			'two MUXes share the address 10.10.56.41',
			'MUX1: ASN 70000 is not a 2-byte ASN (FACTS §4.1)',
			'MUX1 must share AS 64512 with TOR1 (internal BGP)'
		]);
	});
});

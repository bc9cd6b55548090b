import { describe, expect, it } from 'vitest';
import {
	checkConnectionCount,
	checkPort,
	connectionShares,
	defaultServicePort,
	DISTRIBUTION_WORDS,
	loadBalancerOfVip,
	SLB_MAX_CONNECTIONS,
	type SlbView
} from './slb-view';

function makeSlb(): SlbView {
	const dip = (vm: string) => ({ vm, dip: '', hostName: 'Node01', healthy: true, connections: 0 });
	return {
		muxes: [],
		routes: [],
		loadBalancers: [
			{ name: 'empty-lb', tenant: 'T', vip: '192.0.2.9', rules: [], dips: [dip('x')] },
			{
				name: 'web-lb',
				tenant: 'T',
				vip: '192.0.2.10',
				rules: [
					{
						name: 'http',
						protocol: 'tcp',
						frontendPort: 80,
						backendPort: 8080,
						distribution: 'Default'
					}
				],
				dips: [dip('web-vm1')]
			}
		],
		clients: [],
		counters: { inbound: 0, directReturn: 0 }
	};
}

describe('connectionShares', () => {
	it('gives whole percentages that add up to 100', () => {
		expect(connectionShares([15, 5])).toEqual([75, 25]);
		expect(connectionShares([1, 1, 1])).toEqual([34, 33, 33]);
		expect(connectionShares([2, 1, 0])).toEqual([67, 33, 0]);
	});

	it('is all zero before any connection', () => {
		expect(connectionShares([0, 0])).toEqual([0, 0]);
		expect(connectionShares([])).toEqual([]);
	});
});

describe('checkConnectionCount', () => {
	it('accepts a whole number in range as typed', () => {
		expect(checkConnectionCount(' 20 ')).toEqual({ value: 20, message: null });
		expect(checkConnectionCount('1')).toEqual({ value: 1, message: null });
		expect(checkConnectionCount('200')).toEqual({ value: 200, message: null });
	});

	it('clamps out-of-range numbers and says so', () => {
		const high = checkConnectionCount('500');
		expect(high.value).toBe(SLB_MAX_CONNECTIONS);
		expect(high.message).toMatch(/at most 200 .*500.*sending 200/);
		const low = checkConnectionCount('0');
		expect(low.value).toBe(1);
		expect(low.message).toMatch(/at least 1 .*0.*sending 1/);
		expect(checkConnectionCount('-3').value).toBe(1);
	});

	it('refuses text that is not a whole number', () => {
		for (const text of ['', 'abc', '2.5', '1e3', '12x']) {
			expect(checkConnectionCount(text)).toEqual({
				value: null,
				message: 'Connections: enter a whole number from 1–200.'
			});
		}
	});
});

describe('checkPort', () => {
	it('accepts 1 to 65535 and refuses the rest', () => {
		expect(checkPort('443').value).toBe(443);
		expect(checkPort('65535').value).toBe(65_535);
		expect(checkPort('0')).toEqual({
			value: null,
			message: 'Port: enter a whole number from 1–65535.'
		});
		expect(checkPort('65536', 'Service port').message).toMatch(/^Service port:/);
		expect(checkPort('http').value).toBeNull();
	});
});

describe('lookups', () => {
	it('finds the load balancer of a VIP', () => {
		expect(loadBalancerOfVip(makeSlb(), '192.0.2.10')?.name).toBe('web-lb');
		expect(loadBalancerOfVip(makeSlb(), '192.0.2.99')).toBeUndefined();
	});

	it("defaults the service port to the VM's rule back-end port, else any rule's, else 80", () => {
		const slb = makeSlb();
		expect(defaultServicePort(slb, 'web-vm1')).toBe(8080);
		expect(defaultServicePort(slb, 'x')).toBe(8080);
		expect(defaultServicePort(null, 'web-vm1')).toBe(80);
	});

	it('words every distribution mode by its hash inputs', () => {
		expect(DISTRIBUTION_WORDS.Default).toMatch(/^5-tuple/);
		expect(DISTRIBUTION_WORDS.SourceIPProtocol).toMatch(/^3-tuple/);
		expect(DISTRIBUTION_WORDS.SourceIP).toMatch(/^2-tuple/);
	});
});

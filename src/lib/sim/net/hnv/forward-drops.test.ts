import { describe, expect, it } from 'vitest';
import { DISTRIBUTED_ROUTER_MAC } from './constants';
import { forwardFromVm } from './forward';
import { buildPolicy, hostAgentView } from './policy';
import { HOSTS, PORTS, UNDERLAY, arpRequest, ping, port } from './two-tenants.fixture';

const node01 = hostAgentView(buildPolicy(PORTS, HOSTS), 0);

describe('no path without a gateway', () => {
	for (const [what, dstIp] of [
		['another virtual network of the same tenant', '10.1.1.4'],
		['another tenant', '10.0.3.4']
	] as const) {
		it(`drops traffic to ${what}`, () => {
			const request = ping(port('c-web1'), dstIp, DISTRIBUTED_ROUTER_MAC);
			const decision = forwardFromVm(node01, 'c-web1', request, UNDERLAY);
			expect(decision.kind).toBe('drop');
			if (decision.kind !== 'drop') return;
			expect(decision.reason).toContain(`${dstIp} is not in virtual network "contoso-vnet1"`);
			expect(decision.reason).toContain('only through a gateway (FACTS 3.3)');
		});
	}

	it('drops an unmapped CA of the own subnet', () => {
		const request = ping(port('c-web1'), '10.0.1.9', '00:1d:d8:b7:1c:99');
		expect(forwardFromVm(node01, 'c-web1', request, UNDERLAY)).toEqual({
			kind: 'drop',
			reason: 'no mapping for CA 10.0.1.9 in VSID 5001 (FACTS 3.3)'
		});
	});
});

describe('malformed and refused frames', () => {
	const good = ping(port('c-web1'), '10.0.1.5', port('c-web2').mac);
	it('forwards the good frame (the control for the cases below)', () => {
		expect(forwardFromVm(node01, 'c-web1', good, UNDERLAY).kind).toBe('encap');
	});
	it('drops a truncated frame', () => {
		const d = forwardFromVm(node01, 'c-web1', good.subarray(0, 10), UNDERLAY);
		expect(d).toMatchObject({ kind: 'drop', reason: expect.stringContaining('malformed frame') });
	});
	it('drops a frame whose inner IPv4 checksum is wrong', () => {
		const bad = good.slice();
		bad[14 + 10] ^= 0xff;
		const d = forwardFromVm(node01, 'c-web1', bad, UNDERLAY);
		expect(d).toMatchObject({ kind: 'drop', reason: expect.stringContaining('checksum') });
	});
	it('drops a frame with a spoofed source MAC', () => {
		const spoofed = ping(port('c-web1'), '10.0.1.5', port('c-web2').mac, {
			srcMac: port('f-web1').mac
		});
		const d = forwardFromVm(node01, 'c-web1', spoofed, UNDERLAY);
		expect(d).toMatchObject({ kind: 'drop', reason: expect.stringContaining('source MAC') });
	});
	it('drops a frame from a VM that is not on this host', () => {
		expect(forwardFromVm(node01, 'c-web2', good, UNDERLAY)).toMatchObject({ kind: 'drop' });
	});
});

describe('frames the vSwitch does not forward', () => {
	it('ARP goes to the host agent, not the overlay', () => {
		const d = forwardFromVm(node01, 'c-web1', arpRequest(port('c-web1'), '10.0.1.5'), UNDERLAY);
		expect(d).toMatchObject({ kind: 'drop', reason: expect.stringContaining('host agent') });
	});
	it('broadcast is not replicated (not modelled)', () => {
		const d = forwardFromVm(
			node01,
			'c-web1',
			ping(port('c-web1'), '10.0.1.255', 'ff:ff:ff:ff:ff:ff'),
			UNDERLAY
		);
		expect(d).toMatchObject({ kind: 'drop', reason: expect.stringContaining('group address') });
	});
	it('an off-subnet CA sent to a VM MAC instead of the gateway is dropped', () => {
		const d = forwardFromVm(
			node01,
			'c-web1',
			ping(port('c-web1'), '10.0.2.4', port('c-app1').mac),
			UNDERLAY
		);
		expect(d).toMatchObject({
			kind: 'drop',
			reason: expect.stringContaining('not addressed to the default gateway 10.0.1.1')
		});
	});
});

import { describe, expect, it } from 'vitest';
import { parseIpv4Packet } from '../ipv4';
import { decapsulateVxlan } from '../encap';
import { parseEthernetFrame } from '../ethernet';
import { toHex } from '../bytes';
import { DISTRIBUTED_ROUTER_MAC } from './constants';
import { deliverFromUplink } from './deliver';
import { forwardFromVm } from './forward';
import { buildPolicy, hostAgentView } from './policy';
import { HOSTS, PORTS, UNDERLAY, carry, ping, port } from './two-tenants.fixture';
import { torForward } from './underlay';

const policy = buildPolicy(PORTS, HOSTS);
const views = HOSTS.map((h) => hostAgentView(policy, h.index));
const [node01, node02] = views;

function innerIps(frame: Uint8Array) {
	const eth = parseEthernetFrame(frame);
	if (!eth.ok) throw new Error(eth.reason);
	const ip = parseIpv4Packet(eth.value.payload);
	if (!ip.ok) throw new Error(ip.reason);
	return { ...eth.value, ...ip.value };
}

describe('two tenants with overlapping CAs on different hosts', () => {
	for (const [tenant, from, to, vni, other] of [
		['Contoso', 'c-web1', 'c-web2', 5001, 'f-web2'],
		['Fabrikam', 'f-web1', 'f-web2', 6001, 'c-web2']
	] as const) {
		it(`${tenant}: 10.0.1.4 pings 10.0.1.5 in VXLAN VNI ${vni} and reaches only its own VM`, () => {
			const src = port(from);
			const dst = port(to);
			const request = ping(src, '10.0.1.5', dst.mac);
			const decision = forwardFromVm(node01, from, request, UNDERLAY);
			if (decision.kind !== 'encap') throw new Error(`expected encap, got ${decision.kind}`);
			expect(decision).toMatchObject({ vni, dstHost: 1, dstPa: '10.10.56.12', routed: false });
			const wire = decapsulateVxlan(decision.outerFrame);
			if (!wire.ok) throw new Error(wire.reason);
			expect(wire.value.vni).toBe(vni);
			expect(wire.value.outer).toMatchObject({
				srcPa: '10.10.56.11',
				dstPa: '10.10.56.12',
				srcMac: HOSTS[0].mac,
				dstMac: UNDERLAY.torMac,
				dstPort: 4789
			});
			expect(innerIps(wire.value.inner)).toMatchObject({ srcIp: '10.0.1.4', dstIp: '10.0.1.5' });
			expect(toHex(wire.value.inner)).toBe(toHex(request));
			const tor = torForward(UNDERLAY, HOSTS, decision.outerFrame);
			if (tor.kind !== 'forward') throw new Error(tor.reason);
			const delivered = deliverFromUplink(node02, tor.frame);
			expect(delivered).toMatchObject({ kind: 'deliver', toPort: to, vni });
			expect(delivered.kind === 'deliver' && toHex(delivered.innerFrame)).toBe(toHex(request));
			expect(delivered).not.toMatchObject({ toPort: other });
			const reply = ping(dst, '10.0.1.4', src.mac, { reply: true });
			const back = carry(views, UNDERLAY, to, reply);
			expect(back).toMatchObject({ kind: 'delivered', toPort: from });
		});
	}

	it('a Contoso frame relabelled with VNI 6001 finds no port on the receiving host', () => {
		const request = ping(port('c-web1'), '10.0.1.5', port('c-web2').mac);
		const decision = forwardFromVm(node01, 'c-web1', request, UNDERLAY);
		if (decision.kind !== 'encap') throw new Error(decision.kind);
		const tor = torForward(UNDERLAY, HOSTS, decision.outerFrame);
		if (tor.kind !== 'forward') throw new Error(tor.reason);
		const forged = tor.frame.slice();
		forged.set([0x00, 0x17, 0x71], 14 + 20 + 8 + 4); // VNI bytes: 6001 = 0x001771
		expect(deliverFromUplink(node02, forged)).toEqual({
			kind: 'drop',
			reason: `no port with MAC ${port('c-web2').mac} in VSID 6001 on Node02`
		});
	});

	it("a Contoso VM addressing Fabrikam's MAC for an overlapping CA is dropped", () => {
		const request = ping(port('c-web1'), '10.0.1.5', port('f-web2').mac);
		const result = carry(views, UNDERLAY, 'c-web1', request);
		expect(result).toMatchObject({ kind: 'dropped', at: 'sender' });
		expect(result.kind === 'dropped' && result.reason).toContain(
			'is not the MAC mapped to 10.0.1.5'
		);
	});
});

describe('same host', () => {
	it('stays in the vSwitch: local, never encapsulated, bytes unchanged', () => {
		const request = ping(port('c-web1'), '10.0.1.6', port('c-web3').mac);
		const decision = forwardFromVm(node01, 'c-web1', request, UNDERLAY);
		expect(decision).toMatchObject({ kind: 'local', toPort: 'c-web3', vsid: 5001, routed: false });
		expect(decision).not.toHaveProperty('outerFrame');
		expect(decision.kind === 'local' && toHex(decision.innerFrame)).toBe(toHex(request));
	});
});

describe('distributed router (cross-subnet, same virtual network)', () => {
	it('rewrites the VSID to the destination subnet, the MACs and the TTL', () => {
		const request = ping(port('c-web1'), '10.0.2.4', DISTRIBUTED_ROUTER_MAC);
		const result = carry(views, UNDERLAY, 'c-web1', request);
		if (result.kind !== 'delivered') throw new Error(result.reason);
		expect(result.toPort).toBe('c-app1');
		expect(result.decision).toMatchObject({ kind: 'encap', vni: 5002, routed: true });
		const inner = innerIps(result.innerFrame);
		expect(inner).toMatchObject({ dstMac: port('c-app1').mac, srcMac: DISTRIBUTED_ROUTER_MAC });
		expect(inner).toMatchObject({
			srcIp: '10.0.1.4',
			dstIp: '10.0.2.4',
			ttl: 127,
			checksumOk: true
		});
		expect(innerIps(request).ttl).toBe(128);
	});

	it('routes locally without encapsulation when the target is on the same host', () => {
		const request = ping(port('c-web1'), '10.0.2.5', DISTRIBUTED_ROUTER_MAC);
		const decision = forwardFromVm(node01, 'c-web1', request, UNDERLAY);
		expect(decision).toMatchObject({ kind: 'local', toPort: 'c-app2', vsid: 5002, routed: true });
		if (decision.kind !== 'local') return;
		expect(innerIps(decision.innerFrame)).toMatchObject({
			ttl: 127,
			srcMac: DISTRIBUTED_ROUTER_MAC
		});
	});

	it('drops a routed frame whose TTL would expire', () => {
		const request = ping(port('c-web1'), '10.0.2.4', DISTRIBUTED_ROUTER_MAC, { ttl: 1 });
		expect(forwardFromVm(node01, 'c-web1', request, UNDERLAY)).toMatchObject({ kind: 'drop' });
	});
});

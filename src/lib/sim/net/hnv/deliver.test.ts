import { describe, expect, it } from 'vitest';
import { encapsulateVxlan } from '../encap';
import { deliverFromUplink } from './deliver';
import { buildPolicy, hostAgentView } from './policy';
import { HOSTS, PORTS, ping, port } from './two-tenants.fixture';

const policy = buildPolicy(PORTS, HOSTS);
const [, node02, node03] = HOSTS.map((h) => hostAgentView(policy, h.index));

/** A VXLAN frame as the TOR hands it to Node02 (outer dst = Node02's NIC and PA). */
function toNode02(inner: Uint8Array, vni: number, over: { dstPa?: string; dstMac?: string } = {}) {
	return encapsulateVxlan(inner, {
		srcMac: '00:25:b5:00:00:01',
		dstMac: over.dstMac ?? HOSTS[1].mac,
		srcPa: HOSTS[0].pa,
		dstPa: over.dstPa ?? HOSTS[1].pa,
		vni
	});
}

const request = ping(port('c-web1'), '10.0.1.5', port('c-web2').mac);

describe('receiving host: deliverFromUplink', () => {
	it('delivers a valid frame into the port of that VSID (the control for the cases below)', () => {
		expect(deliverFromUplink(node02, toNode02(request, 5001))).toMatchObject({
			kind: 'deliver',
			toPort: 'c-web2',
			vni: 5001
		});
	});

	it.each([
		['a frame that is not VXLAN', () => request, 'not a valid VXLAN frame'],
		[
			'a frame for another NIC',
			() => toNode02(request, 5001, { dstMac: HOSTS[2].mac }),
			'not Node02'
		],
		[
			'a frame for another PA',
			() => toNode02(request, 5001, { dstPa: HOSTS[2].pa }),
			'is not Node02'
		],
		[
			'a VNI the host holds no policy for',
			() => toNode02(request, 7777),
			'holds no policy for VSID 7777'
		],
		[
			'an inner destination CA that is not the port’s',
			() => toNode02(ping(port('c-web1'), '10.0.1.6', port('c-web2').mac), 5001),
			"inner destination 10.0.1.6 is not c-web2's CA 10.0.1.5"
		]
	] as const)('drops %s', (_, frame, reason) => {
		const result = deliverFromUplink(node02, frame());
		expect(result).toMatchObject({ kind: 'drop', reason: expect.stringContaining(reason) });
	});

	it('a host without tenant VMs holds no policy and delivers nothing', () => {
		const frame = encapsulateVxlan(request, {
			srcMac: '00:25:b5:00:00:01',
			dstMac: HOSTS[2].mac,
			srcPa: HOSTS[0].pa,
			dstPa: HOSTS[2].pa,
			vni: 5001
		});
		expect(deliverFromUplink(node03, frame)).toEqual({
			kind: 'drop',
			reason: 'Node03 holds no policy for VSID 5001'
		});
	});
});

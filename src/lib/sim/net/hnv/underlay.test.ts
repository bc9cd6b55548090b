import { describe, expect, it } from 'vitest';
import { decapsulateVxlan } from '../encap';
import { internetChecksum, toHex } from '../bytes';
import { forwardFromVm } from './forward';
import { buildPolicy, hostAgentView } from './policy';
import { HOSTS, PORTS, UNDERLAY, ping, port } from './two-tenants.fixture';
import { torForward, torPortOf } from './underlay';

const node01 = hostAgentView(buildPolicy(PORTS, HOSTS), 0);
const sent = forwardFromVm(
	node01,
	'c-web1',
	ping(port('c-web1'), '10.0.1.5', port('c-web2').mac),
	UNDERLAY
);
if (sent.kind !== 'encap') throw new Error('fixture ping must be encapsulated');
const outer = sent.outerFrame;

describe('TOR: routes outer frames by destination PA', () => {
	it('sends to the destination host’s port, rewriting the outer MACs and TTL only', () => {
		const tor = torForward(UNDERLAY, HOSTS, outer);
		if (tor.kind !== 'forward') throw new Error(tor.reason);
		expect(tor).toMatchObject({ port: torPortOf(1), host: 1 });
		expect(torPortOf(1)).toBe(2);
		const before = decapsulateVxlan(outer);
		const after = decapsulateVxlan(tor.frame);
		if (!before.ok || !after.ok) throw new Error('not VXLAN');
		expect(after.value.outer).toEqual({
			...before.value.outer,
			srcMac: UNDERLAY.torMac,
			dstMac: HOSTS[1].mac,
			ttl: before.value.outer.ttl - 1
		});
		expect(toHex(after.value.inner)).toBe(toHex(before.value.inner));
		expect(toHex(outer)).toBe(toHex(sent.outerFrame)); // the input is not changed
	});

	it('drops a frame for an unknown PA, not addressed to the TOR, or with TTL 1', () => {
		expect(torForward(UNDERLAY, HOSTS.slice(0, 1), outer)).toMatchObject({
			kind: 'drop',
			reason: 'TOR: no route to PA 10.10.56.12'
		});
		expect(torForward({ ...UNDERLAY, torMac: '00:25:b5:00:00:02' }, HOSTS, outer).kind).toBe(
			'drop'
		);
		const ttl1 = outer.slice();
		ttl1[14 + 8] = 1;
		ttl1.set([0, 0], 14 + 10);
		const checksum = internetChecksum(ttl1.subarray(14, 34));
		ttl1.set([checksum >>> 8, checksum & 0xff], 14 + 10);
		expect(decapsulateVxlan(ttl1)).toMatchObject({ ok: true }); // still a valid frame
		expect(torForward(UNDERLAY, HOSTS, ttl1)).toMatchObject({
			kind: 'drop',
			reason: expect.stringContaining('TTL expired')
		});
	});
});

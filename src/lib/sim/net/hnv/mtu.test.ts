import { describe, expect, it } from 'vitest';
import { VXLAN_OVERHEAD_BYTES } from '../encap';
import { examplePingOverVxlan } from '../example';
import { forwardFromVm } from './forward';
import { buildPolicy, hostAgentView } from './policy';
import { HOSTS, PORTS, UNDERLAY, ping, port } from './two-tenants.fixture';
import { encapsulatedSize, torForward } from './underlay';

const node01 = hostAgentView(buildPolicy(PORTS, HOSTS), 0);
const at = (mtuBytes: number) => ({ ...UNDERLAY, mtuBytes });

/** A ping whose inner Ethernet frame is exactly `frameBytes` long (14 + 20 + 8 + payload). */
function pingOfSize(frameBytes: number, to = 'c-web2', dstIp = '10.0.1.5') {
	const frame = ping(port('c-web1'), dstIp, port(to).mac, { payloadBytes: frameBytes - 42 });
	expect(frame.length).toBe(frameBytes);
	return frame;
}

describe('underlay MTU: VTEPs do not fragment (FACTS 3.1, 3.2, 9.10)', () => {
	it('encapsulatedSize adds the 50-byte overhead, as the real encapsulation does', () => {
		expect(VXLAN_OVERHEAD_BYTES).toBe(50);
		expect(encapsulatedSize(74)).toBe(124);
		expect(examplePingOverVxlan().length).toBe(encapsulatedSize(74));
	});

	it('a full 1514-byte frame fits at 1674 but is dropped at 1514, the reason naming both sizes', () => {
		const frame = pingOfSize(1514);
		const ok = forwardFromVm(node01, 'c-web1', frame, at(1674));
		expect(ok.kind).toBe('encap');
		expect(ok.kind === 'encap' && ok.outerFrame.length).toBe(1564);
		expect(forwardFromVm(node01, 'c-web1', frame, at(1514))).toEqual({
			kind: 'drop',
			reason:
				'encapsulated frame is 1564 bytes, underlay MTU is 1514: VTEPs do not fragment (RFC 7348 §4.3)'
		});
	});

	it('the boundary is exact: encapsulated size == MTU passes, one byte more is dropped', () => {
		const frame = pingOfSize(1000);
		const size = encapsulatedSize(1000);
		const fits = forwardFromVm(node01, 'c-web1', frame, at(size));
		expect(fits.kind === 'encap' && fits.outerFrame.length).toBe(size);
		const over = forwardFromVm(node01, 'c-web1', pingOfSize(1001), at(size));
		expect(over).toMatchObject({
			kind: 'drop',
			reason: expect.stringContaining(
				`encapsulated frame is ${size + 1} bytes, underlay MTU is ${size}`
			)
		});
	});

	it('same-host traffic is not encapsulated, so the underlay MTU does not apply', () => {
		const frame = pingOfSize(1514, 'c-web3', '10.0.1.6');
		expect(forwardFromVm(node01, 'c-web1', frame, at(1514)).kind).toBe('local');
	});

	it('the TOR drops an outer frame above its MTU too', () => {
		const sent = forwardFromVm(node01, 'c-web1', pingOfSize(1514), at(1674));
		if (sent.kind !== 'encap') throw new Error(sent.kind);
		expect(torForward(at(1564), HOSTS, sent.outerFrame).kind).toBe('forward');
		expect(torForward(at(1563), HOSTS, sent.outerFrame)).toMatchObject({
			kind: 'drop',
			reason: expect.stringContaining('encapsulated frame is 1564 bytes, underlay MTU is 1563')
		});
	});
});

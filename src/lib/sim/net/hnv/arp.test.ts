import { describe, expect, it } from 'vitest';
import { parseArpPacket } from '../arp';
import { ETHERTYPE_ARP, parseEthernetFrame } from '../ethernet';
import { hostAgentArp } from './arp';
import { DISTRIBUTED_ROUTER_MAC } from './constants';
import { buildPolicy, hostAgentView } from './policy';
import { HOSTS, PORTS, arpRequest, ping, port } from './two-tenants.fixture';

const policy = buildPolicy(PORTS, HOSTS);
const node01 = hostAgentView(policy, 0);

/** The ARP fields of a reply frame, with its Ethernet addresses. */
function decodeReply(frame: Uint8Array) {
	const eth = parseEthernetFrame(frame);
	if (!eth.ok) throw new Error(eth.reason);
	const arp = parseArpPacket(eth.value.payload);
	if (!arp.ok) throw new Error(arp.reason);
	return {
		ethDst: eth.value.dstMac,
		ethSrc: eth.value.srcMac,
		type: eth.value.etherType,
		...arp.value
	};
}

describe('host agent ARP (FACTS 3.3)', () => {
	it('answers a CA mapped in the VSID with that VM’s MAC, in real reply bytes', () => {
		const answer = hostAgentArp(node01, 'c-web1', arpRequest(port('c-web1'), '10.0.1.5'));
		if (answer.kind !== 'reply') throw new Error(answer.reason);
		expect(answer.frame.length).toBe(42);
		expect(decodeReply(answer.frame)).toEqual({
			ethDst: port('c-web1').mac,
			ethSrc: port('c-web2').mac,
			type: ETHERTYPE_ARP,
			op: 'reply',
			senderMac: port('c-web2').mac,
			senderIp: '10.0.1.5',
			targetMac: port('c-web1').mac,
			targetIp: '10.0.1.4'
		});
	});

	it('answers the same overlapping CA per tenant: Fabrikam gets its own VM’s MAC', () => {
		const answer = hostAgentArp(node01, 'f-web1', arpRequest(port('f-web1'), '10.0.1.5'));
		expect(answer).toMatchObject({ kind: 'reply', answeredMac: port('f-web2').mac });
	});

	it('answers the default gateway (network + 1) with the distributed router’s MAC', () => {
		const answer = hostAgentArp(node01, 'c-web1', arpRequest(port('c-web1'), '10.0.1.1'));
		if (answer.kind !== 'reply') throw new Error(answer.reason);
		expect(decodeReply(answer.frame)).toMatchObject({
			senderMac: DISTRIBUTED_ROUTER_MAC,
			senderIp: '10.0.1.1'
		});
	});

	for (const [what, vm, target] of [
		['an unmapped CA', 'c-web1', '10.0.1.9'],
		['a CA of another subnet of the same virtual network', 'c-web1', '10.0.2.4'],
		['a CA that only another tenant maps', 'c-web1', '10.0.3.4'],
		['the network address', 'c-web1', '10.0.1.0'],
		['the VM’s own CA', 'c-web1', '10.0.1.4']
	] as const) {
		it(`does not answer ${what}`, () => {
			const answer = hostAgentArp(node01, vm, arpRequest(port(vm), target));
			expect(answer.kind).toBe('drop');
			expect(answer.kind === 'drop' && answer.reason).toMatch(/^no ARP reply: /);
		});
	}

	it('does not answer when this host’s copy lacks the mapping (the VM was removed)', () => {
		const without = buildPolicy(
			PORTS.filter((p) => p.vm !== 'c-web2'),
			HOSTS
		);
		const request = arpRequest(port('c-web1'), '10.0.1.5');
		expect(hostAgentArp(node01, 'c-web1', request).kind).toBe('reply');
		const stale = hostAgentArp(hostAgentView(without, 0), 'c-web1', request);
		expect(stale).toEqual({
			kind: 'drop',
			reason: 'no ARP reply: 10.0.1.5 has no mapping in VSID 5001 (FACTS 3.3)'
		});
	});

	it('refuses frames that are not ARP requests from the port’s own MAC', () => {
		const notArp = ping(port('c-web1'), '10.0.1.5', port('c-web2').mac);
		expect(hostAgentArp(node01, 'c-web1', notArp).kind).toBe('drop');
		const spoofed = arpRequest({ ...port('c-web1'), mac: '00:1d:d8:b7:1c:77' }, '10.0.1.5');
		expect(hostAgentArp(node01, 'c-web1', spoofed).kind).toBe('drop');
		expect(hostAgentArp(node01, 'c-web2', arpRequest(port('c-web2'), '10.0.1.4')).kind).toBe(
			'drop'
		);
	});
});

import { describe, expect, it } from 'vitest';
import { type AclRule, createPortFirewall, effectiveRules, evaluatePacket } from './acl';
import { back, f, nsg, out, seg, vm, web } from './acl-test-flows';
import type { TcpFlags } from './tcp-flags';

describe('stateful return traffic (FACTS §5.2 stateful, §5.3 replies need no rule)', () => {
	it('allows the reply to an outbound connection despite DenyAllInbound', () => {
		const state = createPortFirewall();
		const syn = evaluatePacket(state, nsg, out(f('syn')), 'outbound', 0);
		expect(syn).toMatchObject({ action: 'allow', rule: { name: 'AllowInternetOutBound' } });
		expect(syn.connection).toEqual({
			key: 'tcp 10.0.0.4:50000>93.184.216.34:443',
			state: 'syn-sent'
		});
		const synAck = evaluatePacket(state, nsg, back(f('syn', 'ack')), 'inbound', 1);
		expect(synAck).toMatchObject({ action: 'allow', decidedBy: 'connection', rule: null });
		expect(synAck.connection?.state).toBe('established');
		expect(synAck.reason).toContain('opened under rule "AllowInternetOutBound"');
	});

	it('denies the same packet unsolicited, and a packet to another port', () => {
		expect(
			evaluatePacket(createPortFirewall(), nsg, back(f('syn', 'ack')), 'inbound', 1)
		).toMatchObject({
			action: 'deny',
			rule: { name: 'DenyAllInbound' }
		});
		const state = createPortFirewall();
		evaluatePacket(state, nsg, out(f('syn')), 'outbound', 0);
		const other = seg(web, 443, vm, 50001, f('syn', 'ack'));
		expect(evaluatePacket(state, nsg, other, 'inbound', 1).rule?.name).toBe('DenyAllInbound');
		// A packet in the opening direction, but arriving inbound, is not a reply.
		expect(evaluatePacket(state, nsg, out(f('ack')), 'inbound', 2).action).toBe('deny');
	});
});

describe('rule changes affect new connections only (FACTS §5.3, assumed for SDN)', () => {
	const allowHttp: AclRule = {
		id: 'http',
		name: 'AllowHttp',
		priority: 200,
		direction: 'inbound',
		protocol: 'tcp',
		sourcePrefix: '*',
		sourcePorts: '*',
		destinationPrefix: '*',
		destinationPorts: '80',
		action: 'allow'
	};
	const denyHttp: AclRule = {
		...allowHttp,
		id: 'nohttp',
		name: 'DenyHttp',
		priority: 150,
		action: 'deny'
	};

	it('keeps an established flow through a later deny, but denies a new connection', () => {
		const before = effectiveRules([allowHttp], [], 'sdn-allow-all', []);
		const after = effectiveRules([allowHttp, denyHttp], [], 'sdn-allow-all', []);
		const state = createPortFirewall();
		const client = (port: number, flags: TcpFlags) => seg('10.0.1.5', port, vm, 80, flags);
		expect(evaluatePacket(state, before, client(40000, f('syn')), 'inbound', 0).rule?.name).toBe(
			'AllowHttp'
		);
		// The VM's reply passes although the port ACL has no outbound rules (implicit deny).
		const synAck = seg(vm, 80, '10.0.1.5', 40000, f('syn', 'ack'));
		expect(evaluatePacket(state, before, synAck, 'outbound', 1).decidedBy).toBe('connection');
		expect(
			evaluatePacket(state, after, client(40000, f('ack', 'psh')), 'inbound', 2)
		).toMatchObject({
			action: 'allow',
			decidedBy: 'connection'
		});
		expect(evaluatePacket(state, after, client(40001, f('syn')), 'inbound', 3)).toMatchObject({
			action: 'deny',
			rule: { name: 'DenyHttp' }
		});
		// A fresh SYN reusing the established flow's ports is a new connection too.
		expect(evaluatePacket(state, after, client(40000, f('syn')), 'inbound', 4).rule?.name).toBe(
			'DenyHttp'
		);
	});
});

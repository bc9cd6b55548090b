import { describe, expect, it } from 'vitest';
import {
	type FlowPacket,
	ICMP_IDLE_TIMEOUT_MS,
	UDP_IDLE_TIMEOUT_MS,
	createPortFirewall,
	evaluatePacket,
	sweepExpiredConnections
} from './acl';
import { back, f, nsg, out, seg, vm, web } from './acl-test-flows';

describe('TCP close', () => {
	function established() {
		const state = createPortFirewall();
		evaluatePacket(state, nsg, out(f('syn')), 'outbound', 0);
		evaluatePacket(state, nsg, back(f('syn', 'ack')), 'inbound', 1);
		evaluatePacket(state, nsg, out(f('ack')), 'outbound', 2);
		return state;
	}

	it('removes the entry after FIN both ways and the last ACK', () => {
		const state = established();
		expect(evaluatePacket(state, nsg, back(f('fin', 'ack')), 'inbound', 3).connection?.state).toBe(
			'closing'
		);
		expect(evaluatePacket(state, nsg, out(f('fin', 'ack')), 'outbound', 4).connection?.state).toBe(
			'closing'
		);
		expect(Object.keys(state.connections)).toHaveLength(1);
		expect(evaluatePacket(state, nsg, back(f('ack')), 'inbound', 5)).toMatchObject({
			action: 'allow',
			connection: { state: 'closed' }
		});
		expect(state.connections).toEqual({});
		expect(evaluatePacket(state, nsg, back(f('ack')), 'inbound', 6).rule?.name).toBe(
			'DenyAllInbound'
		);
	});

	it('removes the entry at once on RST, letting the RST through', () => {
		const state = established();
		expect(evaluatePacket(state, nsg, back(f('rst')), 'inbound', 3)).toMatchObject({
			action: 'allow',
			connection: { state: 'closed' }
		});
		expect(state.connections).toEqual({});
	});

	it('does not track a mid-stream segment that a rule allowed', () => {
		const state = createPortFirewall();
		expect(evaluatePacket(state, nsg, out(f('ack')), 'outbound', 0).action).toBe('allow');
		expect(state.connections).toEqual({});
		expect(evaluatePacket(state, nsg, back(f('ack')), 'inbound', 1).action).toBe('deny');
	});
});

describe('idle expiry, judged from the packet time', () => {
	const dnsQuery: FlowPacket = {
		protocol: 'udp',
		srcIp: vm,
		dstIp: '8.8.8.8',
		srcPort: 53000,
		dstPort: 53
	};
	const dnsReply: FlowPacket = {
		protocol: 'udp',
		srcIp: '8.8.8.8',
		dstIp: vm,
		srcPort: 53,
		dstPort: 53000
	};

	it('keeps a UDP flow while replies come within the timeout, then forgets it', () => {
		const state = createPortFirewall();
		expect(evaluatePacket(state, nsg, dnsQuery, 'outbound', 1000).action).toBe('allow');
		const t1 = 1000 + UDP_IDLE_TIMEOUT_MS - 1;
		expect(evaluatePacket(state, nsg, dnsReply, 'inbound', t1).decidedBy).toBe('connection');
		expect(
			evaluatePacket(state, nsg, dnsReply, 'inbound', t1 + UDP_IDLE_TIMEOUT_MS - 1).action
		).toBe('allow');
		const expired = evaluatePacket(
			state,
			nsg,
			dnsReply,
			'inbound',
			t1 + 2 * UDP_IDLE_TIMEOUT_MS - 1
		);
		expect(expired).toMatchObject({ action: 'deny', rule: { name: 'DenyAllInbound' } });
		expect(state.connections).toEqual({});
	});

	it('matches an echo reply by identifier and expires it after the ICMP timeout', () => {
		const state = createPortFirewall();
		const request: FlowPacket = { protocol: 'icmp', srcIp: vm, dstIp: web, icmpType: 8, icmpId: 7 };
		const reply = (icmpId: number): FlowPacket => ({
			protocol: 'icmp',
			srcIp: web,
			dstIp: vm,
			icmpType: 0,
			icmpId
		});
		evaluatePacket(state, nsg, request, 'outbound', 0);
		expect(evaluatePacket(state, nsg, reply(7), 'inbound', 10).decidedBy).toBe('connection');
		expect(evaluatePacket(state, nsg, reply(8), 'inbound', 20).action).toBe('deny');
		const echoIn: FlowPacket = { protocol: 'icmp', srcIp: web, dstIp: vm, icmpType: 8, icmpId: 7 };
		expect(evaluatePacket(state, nsg, echoIn, 'inbound', 30).action).toBe('deny');
		expect(evaluatePacket(state, nsg, reply(7), 'inbound', 10 + ICMP_IDLE_TIMEOUT_MS).action).toBe(
			'deny'
		);
	});

	it('sweeps only expired entries, keeping insertion order', () => {
		const state = createPortFirewall();
		const ping: FlowPacket = { protocol: 'icmp', srcIp: vm, dstIp: web, icmpType: 8, icmpId: 1 };
		evaluatePacket(state, nsg, dnsQuery, 'outbound', 0);
		evaluatePacket(state, nsg, ping, 'outbound', 0);
		evaluatePacket(state, nsg, out(f('syn')), 'outbound', 0);
		expect(Object.keys(state.connections)).toEqual([
			'udp 10.0.0.4:53000>8.8.8.8:53',
			'icmp 10.0.0.4>93.184.216.34 id 1',
			'tcp 10.0.0.4:50000>93.184.216.34:443'
		]);
		expect(sweepExpiredConnections(state, ICMP_IDLE_TIMEOUT_MS)).toBe(1);
		expect(Object.keys(state.connections)).toEqual([
			'udp 10.0.0.4:53000>8.8.8.8:53',
			'tcp 10.0.0.4:50000>93.184.216.34:443'
		]);
	});
});

describe('checkpointing', () => {
	it('state is plain data: a structuredClone carries on exactly like the original', () => {
		const state = createPortFirewall();
		evaluatePacket(state, nsg, out(f('syn')), 'outbound', 0);
		const opened = evaluatePacket(state, nsg, seg(vm, 50002, web, 443, f('syn')), 'outbound', 0);
		if (opened.rule) opened.rule.name = 'edited by a caller';
		expect(Object.values(state.connections)[1].admittedBy?.name).toBe('AllowInternetOutBound');
		const copy = structuredClone(state);
		expect(copy).toEqual(state);
		expect(Object.getPrototypeOf(copy.connections)).toBe(Object.prototype);
		const a = evaluatePacket(state, nsg, back(f('syn', 'ack')), 'inbound', 1);
		const b = evaluatePacket(copy, nsg, back(f('syn', 'ack')), 'inbound', 1);
		expect(b).toEqual(a);
		expect(copy).toEqual(state);
		expect(JSON.parse(JSON.stringify(a))).toEqual(a);
	});
});

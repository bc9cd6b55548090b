import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIpv4Packet } from '../ipv4';
import { parseTcpSegment } from '../tcp';
import {
	type ProbeState,
	buildProbePacket,
	healthView,
	healthyMembers,
	newProbeState,
	nextProbeMs,
	probeSource,
	probeSucceeds,
	recordProbe
} from './probe';
import { WEB_LB } from './web-lb.fixture';

const [httpProbe, tcpProbe] = WEB_LB.probes; // both numberOfProbes = 2, every 5 s
const web2 = WEB_LB.backend[1];
const up = { running: true, listeningPorts: [8080, 53] };

/** Feeds results one interval apart from `state`; returns every state after each result. */
function run(state: ProbeState, results: boolean[]): ProbeState[] {
	const out: ProbeState[] = [];
	for (const ok of results) {
		state = recordProbe(state, httpProbe, ok, nextProbeMs(state, httpProbe, 0));
		out.push(state);
	}
	return out;
}

describe('health probe results (FACTS §4.4)', () => {
	it('a new DIP becomes healthy after numberOfProbes consecutive successes', () => {
		const states = run(newProbeState('web-lb', httpProbe, web2, 0), [true, true, true]);
		expect(states.map((s) => s.healthy)).toEqual([false, true, true]);
		expect(states[1]).toMatchObject({
			sinceMs: 5_000,
			lastProbeMs: 5_000,
			consecutiveOk: 2,
			sent: 2
		});
	});

	it('a healthy DIP becomes unhealthy after numberOfProbes consecutive failures (symmetric)', () => {
		const start = newProbeState('web-lb', httpProbe, web2, 0, true);
		const states = run(start, [false, true, false, false, true, true]);
		expect(states.map((s) => s.healthy)).toEqual([true, true, true, false, false, true]);
		expect(states[3].sinceMs).toBe(15_000);
	});

	it('health changes only after numberOfProbes equal results in a row', () => {
		fc.assert(
			fc.property(
				fc.boolean(),
				fc.array(fc.boolean(), { maxLength: 40 }),
				fc.integer({ min: 1, max: 5 }),
				(healthy, results, n) => {
					const probe = { ...httpProbe, numberOfProbes: n };
					let s = newProbeState('web-lb', probe, web2, 0, healthy);
					results.forEach((ok, i) => {
						const next = recordProbe(s, probe, ok, i);
						if (next.healthy !== s.healthy) {
							expect(next.healthy).toBe(ok);
							expect(ok ? next.consecutiveOk : next.consecutiveFail).toBe(n);
						}
						s = next;
					});
				}
			)
		);
	});

	it('TCP probes need a listening port; HTTP probes also need a 200', () => {
		expect(probeSucceeds(tcpProbe, up)).toBe(true);
		expect(probeSucceeds(tcpProbe, { ...up, running: false })).toBe(false);
		expect(probeSucceeds(tcpProbe, { running: true, listeningPorts: [8080] })).toBe(false);
		expect(probeSucceeds(httpProbe, up)).toBe(true);
		expect(probeSucceeds(httpProbe, { ...up, httpStatus: 503 })).toBe(false);
	});
});

describe('probe origin (FACTS §4.4)', () => {
	it("comes from the subnet's first address, on the DIP's own host, to DIP:probe port", () => {
		expect(probeSource('10.0.1.0/24')).toBe('10.0.1.1');
		expect(() => probeSource('10.0.1.4/32')).toThrow(RangeError);
		const state = newProbeState('web-lb', httpProbe, web2, 0);
		const ip = parseIpv4Packet(buildProbePacket(state, httpProbe));
		if (!ip.ok) throw new Error(ip.reason);
		expect(ip.value).toMatchObject({
			srcIp: '10.0.1.1',
			dstIp: '10.0.1.5',
			protocol: 6,
			checksumOk: true
		});
		const tcp = parseTcpSegment(ip.value.payload, ip.value);
		expect(tcp.ok && tcp.value).toMatchObject({
			srcPort: 49152,
			dstPort: 8080,
			checksumOk: true,
			flags: { syn: true }
		});
		const later = buildProbePacket(recordProbe(state, httpProbe, true, 0), httpProbe);
		expect(parseTcpSegment(later.subarray(20), ip.value)).toMatchObject({
			value: { srcPort: 49153 }
		});
	});
});

describe('health view for the MUXes', () => {
	it("lists a rule's healthy members by its own probe only", () => {
		const states = WEB_LB.backend.flatMap((m) =>
			WEB_LB.probes.map((p) =>
				newProbeState('web-lb', p, m, 0, !(m.vm === 'web2' && p === httpProbe))
			)
		);
		const view = healthView(states);
		const [http, dns] = WEB_LB.rules;
		expect(healthyMembers(WEB_LB, http, view).map((m) => m.vm)).toEqual(['web1', 'web3']);
		expect(healthyMembers(WEB_LB, dns, view).map((m) => m.vm)).toEqual(['web1', 'web2', 'web3']);
		expect(healthyMembers(WEB_LB, http, {})).toEqual([]);
	});
});

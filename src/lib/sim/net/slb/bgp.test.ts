import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	BGP_HOLD_MS,
	BGP_KEEPALIVE_MS,
	diffRoutes,
	expire,
	holdExpiry,
	liveNextHops,
	nextKeepaliveMs,
	onKeepalive,
	openSession,
	routeTable
} from './bgp';
import { MUXES, ROUTER } from './web-lb.fixture';

const VIPS = ['203.0.113.20', '203.0.113.10'];
const open = (i: number, nowMs = 0) => openSession(MUXES[i], ROUTER, VIPS, nowMs);

describe('BGP session timers (FACTS §4.1, §9 item 14)', () => {
	it('keeps the hold time three keepalives long', () => {
		expect(BGP_HOLD_MS).toBe(3 * BGP_KEEPALIVE_MS);
		expect(nextKeepaliveMs(5_000)).toBe(6_000);
	});

	it('stays established while keepalives arrive within the hold time', () => {
		let s = open(0);
		for (let t = 1_000; t <= 10_000; t += 1_000) {
			s = expire(s, t); // the hold-timer event may run at the same time as a keepalive
			s = onKeepalive(s, t);
		}
		expect(s).toMatchObject({ state: 'established', lastHeardMs: 10_000, sinceMs: 0 });
		expect(holdExpiry(s)).toBe(13_000);
	});

	it('goes idle exactly when the hold time passes without a keepalive', () => {
		const s = onKeepalive(open(0), 1_000);
		expect(expire(s, 3_999)).toBe(s);
		expect(expire(s, 4_000)).toMatchObject({ state: 'idle', sinceMs: 4_000 });
		expect(holdExpiry(expire(s, 4_000))).toBeUndefined();
	});

	it('recovers on the first keepalive after going idle', () => {
		const down = expire(open(0), 3_000);
		const up = onKeepalive(down, 7_500);
		expect(up).toMatchObject({ state: 'established', sinceMs: 7_500, lastHeardMs: 7_500 });
		expect(holdExpiry(up)).toBe(10_500);
	});

	it('never expires a session whose keepalives keep coming, for any keepalive gaps within hold', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 1, max: BGP_HOLD_MS - 1 }), { maxLength: 50 }),
				(gaps) => {
					let s = open(0);
					let t = 0;
					for (const gap of gaps) {
						t += gap;
						s = onKeepalive(expire(s, t), t);
					}
					expect(s.state).toBe('established');
				}
			)
		);
	});

	it('refuses a peering between different ASes (internal BGP only)', () => {
		expect(() => openSession({ ...MUXES[0], asn: 65001 }, ROUTER, VIPS, 0)).toThrow(/internal BGP/);
	});
});

describe('route table', () => {
	it('lists every VIP as a /32 via every MUX that is up', () => {
		const table = routeTable([open(0), open(1), open(2)]);
		expect(table).toEqual([
			{ prefix: '203.0.113.10/32', vip: '203.0.113.10', nextHops: MUXES.map((m) => m.pa) },
			{ prefix: '203.0.113.20/32', vip: '203.0.113.20', nextHops: MUXES.map((m) => m.pa) }
		]);
		expect(liveNextHops(table, '203.0.113.20')).toHaveLength(3);
		expect(liveNextHops(table, '198.51.100.1')).toEqual([]);
	});

	it('withdraws a MUX whose session drops and re-advertises it when it comes back', () => {
		const sessions = [open(0), open(1), open(2)].map((s) => onKeepalive(s, 1_000));
		const before = routeTable(sessions);
		// MUX2 crashes: no keepalive after t = 1000, the hold timer fires at 4000.
		const at4s = [
			onKeepalive(sessions[0], 4_000),
			expire(sessions[1], 4_000),
			onKeepalive(sessions[2], 4_000)
		];
		const during = routeTable(at4s);
		expect(liveNextHops(during, '203.0.113.10')).toEqual([MUXES[0].pa, MUXES[2].pa]);
		expect(diffRoutes(before, during)).toEqual([
			{ change: 'withdrawn', prefix: '203.0.113.10/32', nextHop: MUXES[1].pa },
			{ change: 'withdrawn', prefix: '203.0.113.20/32', nextHop: MUXES[1].pa }
		]);
		const back = routeTable([at4s[0], onKeepalive(at4s[1], 9_000), at4s[2]]);
		expect(back).toEqual(before);
		expect(diffRoutes(during, back).map((c) => c.change)).toEqual(['advertised', 'advertised']);
	});

	it('has no route to a VIP when every MUX is down', () => {
		const table = routeTable([expire(open(0), 3_000), expire(open(1), 3_000)]);
		expect(table).toEqual([]);
		expect(liveNextHops(table, '203.0.113.10')).toEqual([]);
	});
});

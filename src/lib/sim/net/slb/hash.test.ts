import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIpv4, toHex } from '../bytes';
import { distributionKey, ecmpPick, fmix32, hrwPick, pickDip } from './hash';
import type { Distribution, FiveTuple } from './types';

const VIP = '203.0.113.10';
const DIPS = ['10.0.1.4', '10.0.1.5', '10.0.1.6', '10.0.1.7', '10.0.1.8'];
const MUXES = ['10.10.56.21', '10.10.56.22', '10.10.56.23', '10.10.56.24'];
const MODES: Distribution[] = ['Default', 'SourceIPProtocol', 'SourceIP'];

const ipArb = fc.uint8Array({ minLength: 4, maxLength: 4 }).map((b) => formatIpv4(b));
const portArb = fc.integer({ min: 0, max: 0xffff });
/** Client connections to the VIP on port 80 or 443 (what a MUX hashes). */
const tupleArb: fc.Arbitrary<FiveTuple> = fc.record({
	protocol: fc.constantFrom('tcp' as const, 'udp' as const),
	srcIp: ipArb,
	srcPort: portArb,
	dstIp: fc.constant(VIP),
	dstPort: fc.constantFrom(80, 443)
});
const modeArb = fc.constantFrom(...MODES);
const poolArb = fc.uniqueArray(ipArb, { minLength: 1, maxLength: 8 });

/** Pearson's chi-square statistic of counts against an even spread. */
function chiSquare(counts: number[]): number {
	const total = counts.reduce((a, b) => a + b, 0);
	const expected = total / counts.length;
	return counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
}

function countsOf(picks: (string | undefined)[], candidates: string[]): number[] {
	return candidates.map((c) => picks.filter((p) => p === c).length);
}

describe('distribution keys (FACTS §4.3)', () => {
	const t: FiveTuple = {
		protocol: 'tcp',
		srcIp: '198.51.100.7',
		srcPort: 50123,
		dstIp: VIP,
		dstPort: 80
	};
	it('hashes the 5-, 3- and 2-tuple in the documented byte order', () => {
		expect(toHex(distributionKey(t, 'Default'))).toBe('c6336407c3cbcb00710a005006');
		expect(toHex(distributionKey(t, 'SourceIPProtocol'))).toBe('c6336407cb00710a06');
		expect(toHex(distributionKey(t, 'SourceIP'))).toBe('c6336407cb00710a');
	});

	it('fmix32 maps 0 to 0 and spreads neighbouring inputs far apart', () => {
		expect(fmix32(0)).toBe(0);
		expect(fmix32(1)).not.toBe(fmix32(2));
		expect(fmix32(1) ^ fmix32(2)).toBeGreaterThan(0xffff);
	});
});

describe('pickDip', () => {
	it('gives every packet of a connection the same DIP, whatever the order of the pool', () => {
		fc.assert(
			fc.property(poolArb, tupleArb, modeArb, (pool, t, mode) => {
				const first = pickDip(pool, t, mode);
				expect(first).toBeDefined();
				expect(pool).toContain(first);
				expect(pickDip([...pool].reverse(), t, mode)).toBe(first);
				expect(pickDip(pool, { ...t }, mode)).toBe(first);
			})
		);
	});

	it('returns undefined when no DIP is healthy', () => {
		fc.assert(
			fc.property(tupleArb, modeArb, (t, mode) => {
				expect(pickDip([], t, mode)).toBeUndefined();
			})
		);
	});

	it('spreads 20 000 connections near-evenly over 5 DIPs (chi-square, fixed seed)', () => {
		const tuples = fc.sample(tupleArb, { seed: 4242, numRuns: 20_000 });
		const counts = countsOf(
			tuples.map((t) => pickDip(DIPS, t, 'Default')),
			DIPS
		);
		// Critical value of chi-square with 4 degrees of freedom at p = 0.001 is 18.47.
		expect(chiSquare(counts)).toBeLessThan(18.47);
		for (const c of counts) expect(Math.abs(c - 4000)).toBeLessThan(4000 * 0.05);
	});

	it('SourceIP sends every source port and protocol of one client to one DIP', () => {
		fc.assert(
			fc.property(
				tupleArb,
				fc.array(fc.tuple(portArb, fc.boolean()), { minLength: 1 }),
				(t, variants) => {
					const dip = pickDip(DIPS, t, 'SourceIP');
					for (const [srcPort, udp] of variants) {
						const other: FiveTuple = { ...t, srcPort, protocol: udp ? 'udp' : 'tcp' };
						expect(pickDip(DIPS, other, 'SourceIP')).toBe(dip);
					}
				}
			)
		);
	});

	it('SourceIPProtocol keeps one client and protocol on one DIP across source ports', () => {
		fc.assert(
			fc.property(tupleArb, fc.array(portArb, { minLength: 1 }), (t, ports) => {
				const dip = pickDip(DIPS, t, 'SourceIPProtocol');
				for (const srcPort of ports) {
					expect(pickDip(DIPS, { ...t, srcPort }, 'SourceIPProtocol')).toBe(dip);
				}
			})
		);
	});

	it('Default spreads the source ports of one client over several DIPs', () => {
		const base: FiveTuple = {
			protocol: 'tcp',
			srcIp: '198.51.100.7',
			srcPort: 0,
			dstIp: VIP,
			dstPort: 80
		};
		const picked = new Set<string | undefined>();
		for (let port = 49152; port < 49152 + 200; port++) {
			picked.add(pickDip(DIPS, { ...base, srcPort: port }, 'Default'));
		}
		expect(picked.size).toBe(DIPS.length);
	});

	it('removing a DIP moves only the connections that were on it', () => {
		fc.assert(
			fc.property(
				poolArb.filter((p) => p.length >= 2),
				fc.nat(),
				tupleArb,
				modeArb,
				(pool, i, t, mode) => {
					const removed = pool[i % pool.length];
					const before = pickDip(pool, t, mode);
					const after = pickDip(
						pool.filter((d) => d !== removed),
						t,
						mode
					);
					if (before === removed) expect(after).not.toBe(removed);
					else expect(after).toBe(before);
				}
			)
		);
	});

	it('adding a DIP takes over connections only for itself', () => {
		fc.assert(
			fc.property(poolArb, ipArb, tupleArb, modeArb, (pool, added, t, mode) => {
				fc.pre(!pool.includes(added));
				const after = pickDip([...pool, added], t, mode);
				expect([pickDip(pool, t, mode), added]).toContain(after);
			})
		);
	});

	it('pins the algorithm: a known connection lands on a known DIP', () => {
		const t: FiveTuple = {
			protocol: 'tcp',
			srcIp: '198.51.100.7',
			srcPort: 50123,
			dstIp: VIP,
			dstPort: 80
		};
		expect(MODES.map((mode) => pickDip(DIPS, t, mode))).toMatchInlineSnapshot(`
			[
			  "10.0.1.7",
			  "10.0.1.6",
			  "10.0.1.4",
			]
		`);
	});
});

describe('ecmpPick (router ECMP over live MUXes)', () => {
	it('keeps a connection on one MUX and spreads connections evenly over 4 MUXes', () => {
		const tuples = fc.sample(tupleArb, { seed: 7, numRuns: 20_000 });
		const picks = tuples.map((t) => ecmpPick(MUXES, t));
		tuples
			.slice(0, 100)
			.forEach((t, i) => expect(ecmpPick([...MUXES].reverse(), t)).toBe(picks[i]));
		// Critical value of chi-square with 3 degrees of freedom at p = 0.001 is 16.27.
		expect(chiSquare(countsOf(picks, MUXES))).toBeLessThan(16.27);
	});

	it('when a MUX drops out, only the connections that were on it move (FACTS §9 item 13)', () => {
		fc.assert(
			fc.property(tupleArb, fc.integer({ min: 0, max: MUXES.length - 1 }), (t, i) => {
				const down = MUXES[i];
				const before = ecmpPick(MUXES, t);
				const after = ecmpPick(
					MUXES.filter((m) => m !== down),
					t
				);
				if (before === down) expect(after).not.toBe(down);
				else expect(after).toBe(before);
			})
		);
	});

	it('is independent of the DIP choice: the same salt-free key would correlate them', () => {
		// With identical candidate lists, the two choices must still disagree for some connections.
		const tuples = fc.sample(tupleArb, { seed: 11, numRuns: 500 });
		const same = tuples.filter((t) => ecmpPick(DIPS, t) === pickDip(DIPS, t, 'Default')).length;
		expect(same).toBeLessThan(200);
		expect(hrwPick(0x45, [], distributionKey(tuples[0], 'Default'))).toBeUndefined();
	});

	it('with no live MUX there is no route', () => {
		fc.assert(
			fc.property(tupleArb, (t) => {
				expect(ecmpPick([], t)).toBeUndefined();
			})
		);
	});
});

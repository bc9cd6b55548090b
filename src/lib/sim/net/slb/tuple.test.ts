import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIpv4 } from '../bytes';
import { fiveTupleOf, reverseTuple, tupleKey } from './tuple';
import type { FiveTuple } from './types';
import { packetOf, toVip } from './web-lb.fixture';

const tupleArb: fc.Arbitrary<FiveTuple> = fc.record({
	protocol: fc.constantFrom('tcp' as const, 'udp' as const),
	srcIp: fc.uint8Array({ minLength: 4, maxLength: 4 }).map((b) => formatIpv4(b)),
	srcPort: fc.integer({ min: 0, max: 0xffff }),
	dstIp: fc.uint8Array({ minLength: 4, maxLength: 4 }).map((b) => formatIpv4(b)),
	dstPort: fc.integer({ min: 0, max: 0xffff })
});

describe('connection tuples', () => {
	it('reads back the tuple a packet was built for; reversing twice is the identity', () => {
		fc.assert(
			fc.property(tupleArb, (t) => {
				expect(fiveTupleOf(packetOf(t))).toEqual({ ok: true, value: t });
				expect(reverseTuple(reverseTuple(t))).toEqual(t);
			})
		);
	});

	it('names a connection in one line', () => {
		expect(tupleKey(toVip(50123))).toBe('tcp 198.51.100.7:50123 > 203.0.113.10:80');
		expect(tupleKey(reverseTuple(toVip(5, 53, 'udp')))).toBe(
			'udp 203.0.113.10:53 > 198.51.100.7:5'
		);
	});

	it('refuses fragments without ports', () => {
		const fragment = packetOf(toVip(1));
		fragment[7] = 1; // fragment offset 8 bytes: no transport header in this piece
		expect(fiveTupleOf(fragment).ok).toBe(false);
	});
});

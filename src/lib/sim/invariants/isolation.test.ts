import { describe, expect, it } from 'vitest';
import type { EventData, SimContext } from '../kernel/types';
import { PORTS } from '../net/hnv/two-tenants.fixture';
import { HOSTS } from '../net/hnv/two-tenants.fixture';
import { buildPolicy } from '../net/hnv/index';
import type { NetState } from '../net/model/state';
import { TENANT_ISOLATION, checkDeliveryIsolation } from './isolation';

function setup() {
	const net = {
		policy: buildPolicy(PORTS, HOSTS),
		isolation: { checks: 0, violations: 0, firstViolationMs: null, firstMessage: null }
	} as unknown as NetState;
	const logged: { type: string; data?: EventData }[] = [];
	let nowMs = 0;
	const ctx = {
		get nowMs() {
			return nowMs;
		},
		rng: { float: () => 0, int: (min: number) => min },
		schedule: () => undefined,
		log: (type: string, data?: EventData) => logged.push({ type, data })
	} as SimContext;
	return { net, logged, ctx, at: (t: number) => (nowMs = t) };
}

describe('tenant-isolation invariant', () => {
	it('holds for a delivery in the port’s own VSID', () => {
		const { net, logged, ctx } = setup();
		checkDeliveryIsolation(net, 'c-web2', 5001, 1, ctx);
		expect(logged).toEqual([]);
		expect(net.isolation).toMatchObject({ checks: 1, violations: 0, firstViolationMs: null });
	});

	it('logs and records a frame of another tenant, keeping the first violation', () => {
		const { net, logged, ctx, at } = setup();
		at(7);
		checkDeliveryIsolation(net, 'c-web2', 6001, 3, ctx);
		at(9);
		checkDeliveryIsolation(net, 'f-web2', 5002, 4, ctx);
		expect(logged.map((l) => l.type)).toEqual(['invariant.violated', 'invariant.violated']);
		expect(logged[0].data).toMatchObject({
			name: TENANT_ISOLATION,
			packet: 3,
			vm: 'c-web2',
			vni: 6001,
			kind: 'other-tenant'
		});
		expect(net.isolation).toMatchObject({ checks: 2, violations: 2, firstViolationMs: 7 });
		expect(net.isolation.firstMessage).toMatch(/crossed tenants/);
	});
});

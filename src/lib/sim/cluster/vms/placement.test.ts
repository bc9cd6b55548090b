import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	LIVE_MIGRATION_MS_PER_GB,
	VM_RESTART_BOOT_MS,
	drainTargets,
	liveMigrationMs,
	restartTargets
} from './moves';
import {
	VM_LIMIT_PER_SERVER,
	infrastructureOverheadGB,
	placeVm,
	placementMemory,
	placementReserveGB,
	vmLimitTotal,
	type PlacedVm,
	type Server
} from './placement';
import {
	AVAILABILITY_SET_COMPARISON,
	azureUpdateDomain,
	placeInAvailabilitySet,
	stackHubFaultDomain,
	validateAvailabilitySet,
	type AvailabilitySet
} from './sets';
import { VM_PLACEMENT_SIMPLIFICATIONS } from './simplifications';
import { infrastructureUsedGB } from './roles';

/** `n` running servers of `memoryGB` with `usedGB` in use each and no tenant VMs. */
const uniform = (n: number, memoryGB: number, usedGB = 0): Server[] =>
	Array.from({ length: n }, () => ({ up: true, memoryGB, usedGB, vmCount: 0 }));

/** The 4 × 384 GB scale unit of the worked example, with its infrastructure in place. */
const stamp4 = (): Server[] =>
	infrastructureUsedGB(4).map((usedGB) => ({ up: true, memoryGB: 384, usedGB, vmCount: 0 }));

const tenant = (name: string, server: number, memoryGB: number, set?: string, fd?: number) =>
	({ name, server, memoryGB, antiAffinityGroup: set, faultDomain: fd }) satisfies PlacedVm;

/** Places VMs of set `set` one after another, applying each placement. */
function fillSet(servers: Server[], set: AvailabilitySet, count: number, memoryGB = 8) {
	const vms: PlacedVm[] = [];
	const work = servers.map((s) => ({ ...s }));
	const results = [];
	for (let k = 0; k < count; k++) {
		const name = `${set.name}-${k}`;
		const r = placeInAvailabilitySet(work, set, { name, memoryGB }, vms, { honourReserve: false });
		if (!r.ok) throw new Error(r.reason);
		results.push(r);
		vms.push(tenant(name, r.server, memoryGB, set.name, r.faultDomain));
		work[r.server] = {
			...work[r.server],
			usedGB: work[r.server].usedGB + memoryGB,
			vmCount: work[r.server].vmCount + 1
		};
	}
	return { results, vms, servers: work };
}

function deepFreeze<T>(x: T): T {
	if (x && typeof x === 'object') {
		for (const v of Object.values(x)) deepFreeze(v);
		Object.freeze(x);
	}
	return x;
}

describe('resiliency reserve and overhead (FACTS §6.3)', () => {
	it('matches the worked examples computed by hand', () => {
		// H = 384 GB, N = 4, V = 16 GB: 384 + 0.15 × (3 × 384) + 16 × (4 − 2)
		//   = 384 + 172.8 + 32 = 588.8 GB.
		expect(placementReserveGB(384, 4, 16)).toBeCloseTo(588.8, 9);
		// H = 256 GB, N = 16, V = 112 GB: 256 + 0.15 × (15 × 256) + 112 × 14
		//   = 256 + 576 + 1568 = 2400 GB.
		expect(placementReserveGB(256, 16, 112)).toBeCloseTo(2400, 9);
		// One server: the whole host is the reserve; (N − 2) is taken as 0 (CHOICE).
		expect(placementReserveGB(128, 1, 64)).toBe(128);
		expect(() => placementReserveGB(384, 0, 16)).toThrow(RangeError);
		expect(() => placementReserveGB(-1, 4, 16)).toThrow(RangeError);
	});

	it('counts the infrastructure as 242 GB + 4 GB per server', () => {
		expect(infrastructureOverheadGB(4)).toBe(258);
		expect(infrastructureOverheadGB(16)).toBe(306);
	});

	it('leaves 689.2 GB of placement memory on an empty 4 × 384 GB scale unit (by hand)', () => {
		// 1536 GB total − 588.8 GB reserve (V = 16) − 258 GB infrastructure = 689.2 GB.
		const m = placementMemory(stamp4(), [], 16);
		expect(m.totalGB).toBe(1536);
		expect(m.usedGB).toBe(258);
		expect(m.reserveGB).toBeCloseTo(588.8, 9);
		expect(m.freeGB).toBeCloseTo(689.2, 9);
	});

	it('grows the reserve by V·(N−2) when the largest VM grows', () => {
		const existing = [tenant('a', 0, 16)];
		const before = placementMemory(stamp4(), existing, 8);
		const after = placementMemory(stamp4(), existing, 64);
		expect(before.largestVmGB).toBe(16);
		expect(after.reserveGB - before.reserveGB).toBeCloseTo((64 - 16) * 2, 9);
	});
});

describe('VM limits (FACTS §6.3)', () => {
	it('allows min(60·N, 700) VMs', () => {
		expect([4, 11, 12, 16].map(vmLimitTotal)).toEqual([240, 660, 700, 700]);
	});

	it('refuses with VMsPerScaleUnitNodeLimitExceeded when every running server has 60 VMs', () => {
		const servers = uniform(4, 384, 10).map((s, i) => ({ ...s, vmCount: 60, up: i !== 3 }));
		servers[3] = { ...servers[3], vmCount: 0 };
		const r = placeVm(servers, { name: 'web', memoryGB: 4 }, [], { honourReserve: false });
		expect(r).toMatchObject({ ok: false, code: 'VMsPerScaleUnitNodeLimitExceeded' });
		expect(!r.ok && r.reason).toMatch(/already runs 60 VMs.*Node01, Node02, Node03/);
	});

	it('skips a server at 60 VMs even when it has the most memory free', () => {
		const servers = uniform(4, 384, 100);
		servers[0] = { ...servers[0], usedGB: 0, vmCount: 60 };
		expect(placeVm(servers, { name: 'web', memoryGB: 4 }, [])).toEqual({ ok: true, server: 1 });
	});

	it('refuses with VMsPerScaleUnitLimitExceeded at 700 VMs on 12 servers', () => {
		// 10 servers with 58 VMs and 2 with 60: 700 in all, though 10 servers have room.
		const servers = uniform(12, 768, 100).map((s, i) => ({ ...s, vmCount: i < 10 ? 58 : 60 }));
		const r = placeVm(servers, { name: 'web', memoryGB: 4 }, []);
		expect(r).toMatchObject({ ok: false, code: 'VMsPerScaleUnitLimitExceeded' });
		expect(!r.ok && r.reason).toMatch(/700 VMs and its limit is 700 = min\(60 × 12 servers, 700\)/);
	});

	it('refuses with VMsPerScaleUnitLimitExceeded at 60·N on 4 servers', () => {
		const servers = uniform(4, 384, 10).map((s) => ({ ...s, vmCount: 60 }));
		const r = placeVm(servers, { name: 'web', memoryGB: 4 }, []);
		expect(r).toMatchObject({ ok: false, code: 'VMsPerScaleUnitLimitExceeded' });
		expect(!r.ok && r.reason).toMatch(/240 VMs and its limit is 240/);
	});
});

describe('memory (FACTS §6.3: no over-commit)', () => {
	it('refuses when no running server has the memory free, naming the numbers', () => {
		const servers = uniform(4, 128, 118);
		servers[2] = { ...servers[2], usedGB: 116 };
		servers[3] = { ...servers[3], up: false, usedGB: 0 };
		const r = placeVm(servers, { name: 'db', memoryGB: 16 }, [], { honourReserve: false });
		expect(r).toMatchObject({ ok: false, code: 'NotEnoughMemory' });
		expect(!r.ok && r.reason).toBe(
			'not enough memory: db needs 16 GB and the most free on a running server with room for another VM is 12 GB (Node03: 116 GB of 128 GB used); memory is not over-committed (FACTS §6.3)'
		);
	});

	it('keeps the resiliency reserve free for new VMs, though a server has room', () => {
		// 4 × 384 GB, 258 GB infrastructure + 680 GB tenants = 938 GB used; with V = 16 GB:
		// 1536 − 588.8 − 938 = 9.2 GB of placement memory, while every server has ≥ 146 GB free.
		const servers = stamp4().map((s) => ({ ...s, usedGB: s.usedGB + 170, vmCount: 10 }));
		const existing = [tenant('big', 0, 16)];
		const r = placeVm(servers, { name: 'web', memoryGB: 16 }, existing);
		expect(r).toMatchObject({ ok: false, code: 'NotEnoughMemory' });
		expect(!r.ok && r.reason).toMatch(
			/needs 16 GB and the scale unit has 9\.2 GB of placement memory: 1536 GB on 4 servers − 588\.8 GB resiliency reserve − 938 GB in use/
		);
		expect(placeVm(servers, { name: 'web', memoryGB: 8 }, existing).ok).toBe(true);
		expect(
			placeVm(servers, { name: 'web', memoryGB: 16 }, existing, { honourReserve: false }).ok
		).toBe(true);
	});

	it('picks the running server with the most free memory, the lowest index on ties', () => {
		const servers = uniform(4, 384, 100);
		expect(placeVm(servers, { name: 'a', memoryGB: 4 }, [])).toEqual({ ok: true, server: 0 });
		servers[2] = { ...servers[2], usedGB: 50 };
		expect(placeVm(servers, { name: 'a', memoryGB: 4 }, [])).toEqual({ ok: true, server: 2 });
		servers[2] = { ...servers[2], up: false };
		servers[3] = { ...servers[3], usedGB: 60 };
		expect(placeVm(servers, { name: 'a', memoryGB: 4 }, [])).toEqual({ ok: true, server: 3 });
	});

	it('refuses nonsense: no servers, no running server, a VM without memory', () => {
		expect(placeVm([], { name: 'a', memoryGB: 4 }, [])).toMatchObject({ code: 'InvalidRequest' });
		expect(placeVm(uniform(2, 64), { name: 'a', memoryGB: 0 }, [])).toMatchObject({
			code: 'InvalidRequest'
		});
		const down = uniform(4, 384).map((s) => ({ ...s, up: false }));
		expect(placeVm(down, { name: 'a', memoryGB: 4 }, [])).toMatchObject({
			code: 'NoServerRunning'
		});
	});
});

describe('availability sets on Azure Stack Hub (FACTS §6.4, §9.21)', () => {
	it('spreads a set over 2 fault domains: FD k mod 2, UD 0, distinct servers', () => {
		const { results } = fillSet(uniform(6, 384), { name: 'web', faultDomains: 2 }, 4);
		expect(results.map((r) => r.faultDomain)).toEqual([0, 1, 0, 1]);
		expect(results.map((r) => r.updateDomain)).toEqual([0, 0, 0, 0]);
		expect(new Set(results.map((r) => r.server)).size).toBe(4);
	});

	it('spreads a set over 3 fault domains on distinct servers while there are servers', () => {
		const { results } = fillSet(uniform(8, 384), { name: 'app', faultDomains: 3 }, 5);
		expect(results.map((r) => r.faultDomain)).toEqual([0, 1, 2, 0, 1]);
		expect(new Set(results.map((r) => r.server)).size).toBe(5);
	});

	it('keeps one fault domain per server when the set must share (3 FDs, 3 servers, 5 VMs)', () => {
		const { results } = fillSet(uniform(3, 384), { name: 'app', faultDomains: 3 }, 5);
		expect(results.map((r) => r.server)).toEqual([0, 1, 2, 0, 1]);
		const serverOfFd = new Map<number, number>();
		for (const r of results) {
			expect(serverOfFd.get(r.faultDomain) ?? r.server).toBe(r.server);
			serverOfFd.set(r.faultDomain, r.server);
		}
	});

	it('prefers a server without a set peer over one with more memory free', () => {
		const servers = uniform(4, 384, 200);
		servers[1] = { ...servers[1], usedGB: 0 };
		const existing = [tenant('web-0', 1, 8, 'web', 0)];
		const r = placeInAvailabilitySet(
			servers,
			{ name: 'web', faultDomains: 2 },
			{ name: 'web-1', memoryGB: 8 },
			existing
		);
		expect(r).toEqual({ ok: true, server: 0, faultDomain: 1, updateDomain: 0 });
	});

	it('accepts 2 or 3 fault domains and up to 20 update domains, all shown as 0', () => {
		const check = (faultDomains: number, updateDomains?: number) =>
			validateAvailabilitySet({ name: 's', faultDomains, updateDomains });
		expect(check(2)).toBeNull();
		expect(check(3, 20)).toBeNull();
		expect(check(1)).toMatchObject({ code: 'InvalidAvailabilitySet' });
		expect(check(4)?.reason).toMatch(/2 or 3 fault domains \(at most 3; FACTS §6\.4\), not 4/);
		expect(check(3, 21)?.reason).toMatch(/1 to 20 update domains/);
		const { results } = fillSet(
			uniform(4, 384),
			{ name: 'u', faultDomains: 3, updateDomains: 20 },
			3
		);
		expect(results.every((r) => r.updateDomain === 0)).toBe(true);
		const r = placeInAvailabilitySet(
			uniform(4, 384),
			{ name: 'x', faultDomains: 5 },
			{ name: 'x-0', memoryGB: 4 },
			[]
		);
		expect(r).toMatchObject({ ok: false, code: 'InvalidAvailabilitySet' });
	});

	it('contrasts with Azure: VM k → UD (k−1) mod count, 6th of 5 shares the 1st’s', () => {
		expect([1, 2, 3, 4, 5, 6].map((k) => azureUpdateDomain(k))).toEqual([0, 1, 2, 3, 4, 0]);
		expect(azureUpdateDomain(21, 20)).toBe(0);
		expect(() => azureUpdateDomain(0)).toThrow(RangeError);
		expect(() => azureUpdateDomain(1, 21)).toThrow(RangeError);
		expect([0, 1, 2, 3].map((k) => stackHubFaultDomain(k, 3))).toEqual([0, 1, 2, 0]);
		expect(AVAILABILITY_SET_COMPARISON.map((row) => row.aspect)).toEqual([
			'Fault domains',
			'Update domains',
			'Update domain of the k-th VM',
			'Host update',
			'Hardware fault'
		]);
	});
});

describe('restart after a server failure (FACTS §6.4, §7, §9.19)', () => {
	it('restarts away from set peers, though a peer’s server has more memory free', () => {
		const servers = uniform(4, 384, 100);
		servers[1] = { ...servers[1], usedGB: 20 };
		const vms = [
			tenant('web-0', 0, 8, 'web', 0),
			tenant('web-1', 1, 8, 'web', 1),
			tenant('web-2', 2, 8, 'web', 0),
			tenant('solo', 0, 8)
		];
		const plan = restartTargets(servers, 0, vms);
		expect(plan.moves).toEqual([
			{ vm: 'web-0', from: 0, to: 3, durationMs: VM_RESTART_BOOT_MS },
			{ vm: 'solo', from: 0, to: 1, durationMs: VM_RESTART_BOOT_MS }
		]);
		expect(plan.stranded).toEqual([]);
		expect(plan.servers[0].up).toBe(false);
		expect(plan.servers[3].usedGB).toBe(108);
		expect(plan.vms.map((v) => v.server)).toEqual([3, 1, 2, 1]);
	});

	it('shares a server with a peer of the same fault domain when it must', () => {
		const servers = uniform(3, 384);
		const vms = [
			tenant('a-0', 0, 8, 'a', 0),
			tenant('a-1', 1, 8, 'a', 1),
			tenant('a-2', 2, 8, 'a', 0)
		];
		servers[1] = { ...servers[1], usedGB: 0 };
		servers[2] = { ...servers[2], usedGB: 100 };
		// Node02 has more memory free, but Node03 holds a-2, of a-0's fault domain.
		expect(restartTargets(servers, 0, vms).moves.map((m) => m.to)).toEqual([2]);
	});

	it('leaves a VM down, with the reason, when it fits nowhere', () => {
		const servers = uniform(3, 128, 100);
		const vms = [tenant('big', 0, 64), tenant('small', 0, 8)];
		const plan = restartTargets(servers, 0, vms);
		expect(plan.moves.map((m) => [m.vm, m.to])).toEqual([['small', 1]]);
		expect(plan.stranded).toEqual([
			{
				vm: 'big',
				server: 0,
				code: 'NotEnoughMemory',
				reason: expect.stringMatching(/big needs 64 GB and the most free .* is 28 GB/)
			}
		]);
		expect(plan.vms[0].server).toBe(0);
	});

	it('respects the 60-VM cap on the servers it restarts onto', () => {
		const servers = uniform(3, 384).map((s) => ({ ...s, vmCount: 60 }));
		servers[0] = { ...servers[0], vmCount: 1 };
		const plan = restartTargets(servers, 0, [tenant('x', 0, 4)]);
		expect(plan.stranded[0]).toMatchObject({ code: 'VMsPerScaleUnitNodeLimitExceeded' });
	});
});

describe('drain (FACTS §6.3, §7)', () => {
	it('live-migrates every VM, one after another, at 1 s per GB', () => {
		const servers = uniform(4, 384, 100);
		const vms = [tenant('a', 2, 16), tenant('b', 2, 8), tenant('c', 1, 4)];
		const plan = drainTargets(servers, 2, vms);
		if (!plan.ok) throw new Error(plan.reason);
		expect(plan.moves.map((m) => [m.vm, m.to, m.durationMs])).toEqual([
			['a', 0, 16_000],
			['b', 1, 8_000]
		]);
		expect(plan.totalMs).toBe(24 * LIVE_MIGRATION_MS_PER_GB);
		expect(liveMigrationMs(1.75)).toBe(1750);
		expect(plan.servers[2]).toEqual({ up: false, memoryGB: 384, usedGB: 76, vmCount: 0 });
	});

	it('refuses the drain when a VM has no room, and lists what is stuck', () => {
		const servers = uniform(3, 128, 120);
		servers[0] = { ...servers[0], usedGB: 60, vmCount: 2 };
		const vms = [tenant('ok', 0, 4), tenant('huge', 0, 48)];
		const r = drainTargets(servers, 0, vms);
		expect(r).toMatchObject({ ok: false, code: 'NotEnoughMemory' });
		if (r.ok) return;
		expect(r.reason).toMatch(
			/^Node01 cannot be drained: 1 of its VMs has nowhere to go; huge: not enough memory: huge needs 48 GB/
		);
		expect(r.stranded.map((s) => s.vm)).toEqual(['huge']);
	});

	it('refuses to drain a server that is not running', () => {
		const servers = uniform(3, 128);
		servers[1] = { ...servers[1], up: false };
		expect(drainTargets(servers, 1, [])).toMatchObject({ ok: false, code: 'ServerNotRunning' });
		expect(() => drainTargets(servers, 7, [])).toThrow(RangeError);
	});
});

describe('determinism', () => {
	it('gives the same answers for the same inputs and never mutates them', () => {
		const servers = deepFreeze(stamp4());
		const vms = deepFreeze([
			tenant('a-0', 0, 8, 'a', 0),
			tenant('a-1', 1, 8, 'a', 1),
			tenant('b', 0, 32)
		]);
		const run = () => [
			placeVm(servers, { name: 'n', memoryGB: 8 }, vms),
			placeInAvailabilitySet(
				servers,
				{ name: 'a', faultDomains: 2 },
				{ name: 'a-2', memoryGB: 8 },
				vms
			),
			restartTargets(servers, 0, vms),
			drainTargets(servers, 1, vms)
		];
		expect(run()).toEqual(run());
	});
});

describe('properties', () => {
	const serverArb: fc.Arbitrary<Server> = fc
		.record({ up: fc.boolean(), memoryGB: fc.integer({ min: 1, max: 512 }) })
		.chain(({ up, memoryGB }) =>
			fc.record({
				up: fc.constant(up),
				memoryGB: fc.constant(memoryGB),
				usedGB: fc.integer({ min: 0, max: 4 * memoryGB }).map((q) => q / 4),
				vmCount: fc.integer({ min: 0, max: VM_LIMIT_PER_SERVER })
			})
		);
	const serversArb = fc.array(serverArb, { minLength: 1, maxLength: 16 });
	const memoryArb = fc.integer({ min: 1, max: 4 * 256 }).map((q) => q / 4);
	const vmsArb = (n: number) =>
		fc
			.array(
				fc.record({
					server: fc.integer({ min: 0, max: n - 1 }),
					memoryGB: memoryArb,
					group: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
					fd: fc.integer({ min: 0, max: 2 })
				}),
				{ maxLength: 40 }
			)
			.map((xs) =>
				xs.map((x, i) =>
					tenant(`vm${i}`, x.server, x.memoryGB, x.group, x.group ? x.fd : undefined)
				)
			);

	const fits = (s: Server, memoryGB: number) =>
		s.up && s.vmCount < VM_LIMIT_PER_SERVER && s.usedGB + memoryGB <= s.memoryGB;

	it('never places on a down server, over its memory or over 60 VMs', () => {
		fc.assert(
			fc.property(
				serversArb.chain((servers) => fc.tuple(fc.constant(servers), vmsArb(servers.length))),
				memoryArb,
				fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
				fc.boolean(),
				([servers, existing], memoryGB, group, honourReserve) => {
					const r = placeVm(
						servers,
						{ name: 'new', memoryGB, antiAffinityGroup: group },
						existing,
						{
							honourReserve
						}
					);
					if (r.ok) expect(fits(servers[r.server], memoryGB)).toBe(true);
					const total = servers.reduce((a, s) => a + s.vmCount, 0);
					if (total >= vmLimitTotal(servers.length)) expect(r.ok).toBe(false);
				}
			)
		);
	});

	it('keeps every server within memory and 60 VMs over a run of placements', () => {
		fc.assert(
			fc.property(
				serversArb.map((ss) => ss.map((s) => ({ ...s, usedGB: Math.min(s.usedGB, s.memoryGB) }))),
				fc.array(memoryArb, { maxLength: 80 }),
				(initial, sizes) => {
					let servers = initial;
					const placed: PlacedVm[] = [];
					for (const [i, memoryGB] of sizes.entries()) {
						const vm = { name: `v${i}`, memoryGB, antiAffinityGroup: i % 3 ? 'set' : undefined };
						const r = placeVm(servers, vm, placed);
						if (!r.ok) continue;
						expect(servers[r.server].up).toBe(true);
						placed.push({ ...vm, server: r.server });
						servers = servers.map((s, j) =>
							j === r.server ? { ...s, usedGB: s.usedGB + memoryGB, vmCount: s.vmCount + 1 } : s
						);
						expect(servers[r.server].usedGB).toBeLessThanOrEqual(servers[r.server].memoryGB);
						expect(servers[r.server].vmCount).toBeLessThanOrEqual(VM_LIMIT_PER_SERVER);
					}
					const total = servers.reduce((a, s) => a + s.vmCount, 0);
					const before = initial.reduce((a, s) => a + s.vmCount, 0);
					expect(total).toBeLessThanOrEqual(Math.max(before, vmLimitTotal(servers.length)));
				}
			)
		);
	});

	it('agrees with a brute-force oracle (no reserve, no set)', () => {
		fc.assert(
			fc.property(serversArb, memoryArb, (servers, memoryGB) => {
				const r = placeVm(servers, { name: 'n', memoryGB }, [], { honourReserve: false });
				const total = servers.reduce((a, s) => a + s.vmCount, 0);
				const free = (i: number) => servers[i].memoryGB - servers[i].usedGB;
				const ok = servers.map((_, i) => i).filter((i) => fits(servers[i], memoryGB));
				if (total >= vmLimitTotal(servers.length) || ok.length === 0) {
					expect(r.ok).toBe(false);
					return;
				}
				const best = Math.max(...ok.map(free));
				expect(r).toEqual({ ok: true, server: ok.find((i) => free(i) === best) });
			})
		);
	});

	it('restarts and drains only onto other running servers, within memory and 60 VMs', () => {
		fc.assert(
			fc.property(
				serversArb
					.map((ss) => ss.map((s) => ({ ...s, usedGB: Math.min(s.usedGB, s.memoryGB) })))
					.chain((servers) =>
						fc.tuple(
							fc.constant(servers),
							vmsArb(servers.length),
							fc.integer({ min: 0, max: servers.length - 1 })
						)
					),
				([servers, vms, from]) => {
					const plan = restartTargets(servers, from, vms);
					const leaving = vms.filter((v) => v.server === from).length;
					expect(plan.moves.length + plan.stranded.length).toBe(leaving);
					for (const m of plan.moves) {
						expect(m.to).not.toBe(from);
						expect(servers[m.to].up).toBe(true);
					}
					plan.servers.forEach((s, i) => {
						if (i === from) return;
						expect(s.usedGB).toBeLessThanOrEqual(s.memoryGB + 1e-9);
						expect(s.vmCount).toBeLessThanOrEqual(VM_LIMIT_PER_SERVER);
					});
					const drain = drainTargets(servers, from, vms);
					if (drain.ok)
						expect(drain.moves).toEqual(
							plan.moves.map((m) => ({
								...m,
								durationMs: liveMigrationMs(vms.find((v) => v.name === m.vm)!.memoryGB)
							}))
						);
					else if (servers[from].up) expect(drain.stranded).toEqual(plan.stranded);
				}
			)
		);
	});
});

describe('simplifications', () => {
	it('lists every choice with its FACTS section', () => {
		const ids = VM_PLACEMENT_SIMPLIFICATIONS.map((s) => s.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const s of VM_PLACEMENT_SIMPLIFICATIONS) expect(s.source).toMatch(/FACTS\.md §\d/);
	});
});

import { describe, expect, it } from 'vitest';
import { createNetworkController } from '../model/nc';
import { restartTargets } from './moves';
import { infrastructureOverheadGB, type Server } from './placement';
import {
	HOST_OVERHEAD_GB_PER_NODE,
	INFRASTRUCTURE_ROLES,
	INFRASTRUCTURE_ROLE_SIMPLIFICATIONS,
	INFRASTRUCTURE_VM_MEMORY_GB,
	infrastructureUsedGB,
	infrastructureVms,
	vmName
} from './roles';

const NODE_COUNTS = [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];

describe('infrastructure roles (FACTS §6.2, §9.22)', () => {
	it('has the table’s roles and counts, gateways 3 with one standby', () => {
		expect(INFRASTRUCTURE_ROLES.map((r) => [r.role, r.instances])).toEqual([
			['ACS', 3],
			['ADFS', 2],
			['CA', 1],
			['DC', 2],
			['ERCS', 3],
			['GWY', 3],
			['NC', 3],
			['SLB', 2],
			['SQL', 2],
			['WAS', 2],
			['WASP', 2],
			['XRP', 3]
		]);
		const gwy = INFRASTRUCTURE_ROLES.find((r) => r.role === 'GWY')!;
		expect(gwy.activeInstances).toBe(2);
		for (const r of INFRASTRUCTURE_ROLES) {
			expect(r.purpose.length).toBeGreaterThan(10);
			if (r.role !== 'GWY') expect(r.activeInstances).toBe(r.instances);
		}
	});

	it('spreads the 242 GB footprint over 28 VMs; with 4 GB per server it is 242 + 4·N', () => {
		const vms = infrastructureVms(4);
		expect(vms).toHaveLength(28);
		expect(vms.reduce((a, v) => a + v.memoryGB, 0)).toBe(INFRASTRUCTURE_VM_MEMORY_GB);
		for (const n of [1, 2, 3, ...NODE_COUNTS]) {
			const used = infrastructureUsedGB(n);
			expect(used).toHaveLength(n);
			expect(used.reduce((a, b) => a + b, 0)).toBe(infrastructureOverheadGB(n));
			expect(Math.min(...used)).toBeGreaterThanOrEqual(HOST_OVERHEAD_GB_PER_NODE);
		}
	});

	it('names the VMs AzS-<role>01… and marks AzS-GWY03 as the standby', () => {
		const vms = infrastructureVms(4);
		expect(vmName('ERCS', 0)).toBe('AzS-ERCS01');
		expect(vms.filter((v) => v.role === 'SLB').map((v) => v.name)).toEqual([
			'AzS-SLB01',
			'AzS-SLB02'
		]);
		expect(vms.filter((v) => v.standby).map((v) => v.name)).toEqual(['AzS-GWY03']);
		expect(new Set(vms.map((v) => v.name)).size).toBe(vms.length);
		expect(vms.every((v) => v.infrastructure && v.antiAffinityGroup === `infra:${v.role}`)).toBe(
			true
		);
	});

	it('puts AzS-NC01–NC03 on Node01–Node03, NC01 first (the primary at the start)', () => {
		for (const n of [3, ...NODE_COUNTS]) {
			const nc = infrastructureVms(n).filter((v) => v.role === 'NC');
			expect(nc.map((v) => [v.name, v.server])).toEqual([
				['AzS-NC01', 0],
				['AzS-NC02', 1],
				['AzS-NC03', 2]
			]);
		}
		expect(createNetworkController().primary).toBe(0);
	});

	it('puts the instances of each role on different servers on a 3–16 server scale unit', () => {
		for (const n of [3, ...NODE_COUNTS]) {
			const vms = infrastructureVms(n);
			for (const r of INFRASTRUCTURE_ROLES) {
				const servers = vms.filter((v) => v.role === r.role).map((v) => v.server);
				expect(new Set(servers).size, `${r.role} on ${n} servers`).toBe(r.instances);
				expect(servers.every((s) => s >= 0 && s < n)).toBe(true);
			}
		}
	});

	it('spreads a role as evenly as possible when there are fewer servers than instances', () => {
		for (const n of [1, 2]) {
			const vms = infrastructureVms(n);
			for (const r of INFRASTRUCTURE_ROLES) {
				const perServer = new Array<number>(n).fill(0);
				for (const v of vms) if (v.role === r.role) perServer[v.server]++;
				expect(Math.max(...perServer) - Math.min(...perServer)).toBeLessThanOrEqual(1);
			}
		}
	});

	it('balances the infrastructure memory: 4 servers carry 56–68 GB each (worked out by hand)', () => {
		// NC 8 GB on Node01–03; then role by role to the least loaded server without the role:
		// Node01 64, Node02 64, Node03 62, Node04 52 GB of VMs, plus 4 GB of host overhead.
		expect(infrastructureUsedGB(4)).toEqual([68, 68, 66, 56]);
	});

	it('is deterministic and refuses a scale unit without servers', () => {
		expect(infrastructureVms(7)).toEqual(infrastructureVms(7));
		expect(() => infrastructureVms(0)).toThrow(RangeError);
		expect(() => infrastructureVms(2.5)).toThrow(RangeError);
	});

	it('restarts the infrastructure VMs of a failed Node01 apart from their role peers', () => {
		const n = 4;
		const used = infrastructureUsedGB(n);
		const servers: Server[] = used.map((usedGB) => ({
			up: true,
			memoryGB: 384,
			usedGB,
			vmCount: 0
		}));
		const vms = infrastructureVms(n);
		const plan = restartTargets(servers, 0, vms);
		expect(plan.stranded).toEqual([]);
		expect(plan.moves.length).toBe(vms.filter((v) => v.server === 0).length);
		// Every role has at most 3 instances, so on the 3 servers left they stay apart.
		for (const r of INFRASTRUCTURE_ROLES) {
			const servers = plan.vms.filter((v) => v.role === r.role).map((v) => v.server);
			expect(new Set(servers).size, r.role).toBe(r.instances);
		}
		expect(plan.vms.every((v) => v.server !== 0)).toBe(true);
	});

	it('states its choices with their FACTS sections', () => {
		for (const s of INFRASTRUCTURE_ROLE_SIMPLIFICATIONS)
			expect(s.source).toMatch(/FACTS\.md §6\.2/);
	});
});

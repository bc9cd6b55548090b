import { describe, expect, it } from 'vitest';
import {
	faultDomainsUsed,
	faultDomainWords,
	setMembers,
	updateDomainRows,
	updateDomainWords,
	vmNumber,
	type ClusterSet,
	type ClusterVm
} from './availability-sets';
import { makeClusterView } from './test-fixtures';

const member = (k: number, server: string, faultDomain: number): ClusterVm => ({
	name: `web-set-vm${k}`,
	server,
	state: 'running',
	reason: 'running',
	availabilitySet: 'web-set',
	faultDomain,
	updateDomain: 0,
	infrastructure: false
});

const webSet = (updateDomains: number): ClusterSet => ({
	name: 'web-set',
	running: 3,
	total: 3,
	faultDomains: 3,
	updateDomains
});

describe('availability sets in the Cluster panel', () => {
	it('reads the number of a VM from its name, and nothing from another set', () => {
		expect(vmNumber('web-set', 'web-set-vm12')).toBe(12);
		expect(vmNumber('web-set', 'db-set-vm1')).toBeNull();
		expect(vmNumber('web', 'web-set-vm1')).toBeNull();
		expect(vmNumber('web-set', 'web-set-vm0')).toBeNull();
	});

	it("orders a set's VMs by their number (vm10 after vm9), leaving other VMs out", () => {
		const vms = [member(10, 'Node01', 0), member(9, 'Node02', 2), ...makeClusterView().vms];
		expect(setMembers({ name: 'web-set' }, vms).map((vm) => vm.name)).toEqual([
			'web-set-vm1',
			'web-set-vm2',
			'web-set-vm3',
			'web-set-vm9',
			'web-set-vm10'
		]);
	});

	it('lists each fault domain in use with the servers its VMs are on now', () => {
		const { vms } = makeClusterView();
		expect(faultDomainsUsed({ name: 'web-set' }, vms)).toEqual([
			{ faultDomain: 0, servers: ['Node01'] },
			{ faultDomain: 1, servers: ['Node02'] },
			{ faultDomain: 2, servers: ['Node03'] }
		]);
		// After Node03 failed, its VM restarted on Node01: fault domain 2 now shares Node01.
		const moved = vms.map((vm) => (vm.name === 'web-set-vm3' ? { ...vm, server: 'Node01' } : vm));
		expect(faultDomainWords(faultDomainsUsed({ name: 'web-set' }, moved))).toBe(
			'fault domain 0 on Node01; fault domain 1 on Node02; fault domain 2 on Node01'
		);
		expect(faultDomainWords([])).toBe('no fault domain yet (none of them is placed)');
	});

	it('says the declared update domains change nothing on Azure Stack Hub', () => {
		expect(updateDomainWords(webSet(20))).toBe(
			'declared 20, but Azure Stack Hub puts every VM in update domain 0: a host update live-migrates the VMs off instead of rebooting them domain by domain'
		);
	});

	it('puts the k-th VM in update domain (k − 1) mod count on Azure, and 0 here', () => {
		const vms = [1, 2, 3, 4, 5, 6, 7].map((k) => member(k, 'Node01', (k - 1) % 3));
		const rows = (count: number) => updateDomainRows(webSet(count), vms);
		expect(rows(5).map((r) => [r.vm, r.stackHub, r.azure])).toEqual([
			['web-set-vm1', 0, 0],
			['web-set-vm2', 0, 1],
			['web-set-vm3', 0, 2],
			['web-set-vm4', 0, 3],
			['web-set-vm5', 0, 4],
			['web-set-vm6', 0, 0],
			['web-set-vm7', 0, 1]
		]);
		expect(rows(1).map((r) => r.azure)).toEqual([0, 0, 0, 0, 0, 0, 0]);
		expect(rows(20).map((r) => r.azure)).toEqual([0, 1, 2, 3, 4, 5, 6]);
		// A count the schema would have refused gives no Azure column rather than a crash.
		expect(rows(0).map((r) => r.azure)).toEqual([null, null, null, null, null, null, null]);
	});
});

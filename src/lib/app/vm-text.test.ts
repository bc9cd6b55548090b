import { describe, expect, it } from 'vitest';
import { FRAME_VM_ROLES, VmFrameState } from '$lib/sim/frame';
import { VmPhase, type VmsView } from './frame-view';
import { makeTopology } from './test-fixtures';
import { roleList, serverVmsText } from './vm-text';

const topology = makeTopology(4);
const r = (name: string) => FRAME_VM_ROLES.indexOf(name as (typeof FRAME_VM_ROLES)[number]);

interface Vm {
	server: number;
	role: string;
	state?: number;
	from?: number;
	phase?: number;
}
const view = (vms: Vm[]): VmsView => ({
	servers: vms.map((v) => v.server),
	roles: vms.map((v) => r(v.role)),
	states: vms.map((v) => v.state ?? VmFrameState.running),
	from: vms.map((v) => v.from ?? -1),
	phases: vms.map((v) => v.phase ?? VmPhase.waiting)
});
const migrating = (role: string, from: number, to: number, phase: number): Vm => ({
	server: to,
	role,
	from,
	phase,
	state: VmFrameState.migrating
});

describe('roleList', () => {
	it('names infrastructure roles in role order, counts repeats, and counts tenant VMs last', () => {
		expect(roleList([r('NC'), 0, r('ACS'), r('ERCS'), 0, r('ERCS')])).toBe(
			'ACS, 2 ERCS, NC, 2 tenant'
		);
		expect(roleList([])).toBe('');
	});
});

describe('serverVmsText', () => {
	const base: Vm[] = [
		{ server: 0, role: 'ACS' },
		{ server: 0, role: 'NC' },
		{ server: 1, role: 'ERCS' },
		{ server: 0, role: 'tenant' },
		{ server: 0, role: 'tenant' }
	];

	it('lists the roles running on a server, and says when there are none', () => {
		const vms = view(base);
		expect(serverVmsText(topology, vms, 0)).toBe('4 VMs: ACS, NC, 2 tenant');
		expect(serverVmsText(topology, vms, 1)).toBe('1 VM: ERCS');
		expect(serverVmsText(topology, vms, 3)).toBe('No VMs');
	});

	it('follows a live migration from waiting, through the wire, to its new server', () => {
		const at = (phase: number) => view([...base, migrating('SLB', 0, 2, phase)]);
		expect(serverVmsText(topology, at(VmPhase.waiting), 0)).toBe(
			'5 VMs: ACS, NC, 2 tenant; waiting to live-migrate: SLB'
		);
		expect(serverVmsText(topology, at(VmPhase.waiting), 2)).toBe('No VMs');
		expect(serverVmsText(topology, at(VmPhase.underWay), 0)).toBe(
			'5 VMs: ACS, NC, 2 tenant; live-migrating to Node03: SLB'
		);
		expect(serverVmsText(topology, at(VmPhase.underWay), 2)).toBe(
			'1 VM; arriving from Node01: SLB'
		);
		expect(serverVmsText(topology, at(VmPhase.done), 0)).toBe('4 VMs: ACS, NC, 2 tenant');
		expect(serverVmsText(topology, at(VmPhase.done), 2)).toBe('1 VM: SLB');
	});

	it('names stopped, restarting and unmonitored VMs apart from the running ones', () => {
		const vms = view([
			{ server: 3, role: 'NC', state: VmFrameState.down },
			{ server: 3, role: 'tenant', state: VmFrameState.down },
			{ server: 2, role: 'SQL', state: VmFrameState.restarting, from: 3 },
			{ server: 2, role: 'WAS' },
			{ server: 1, role: 'GWY', state: VmFrameState.unmonitored }
		]);
		expect(serverVmsText(topology, vms, 3)).toBe('2 VMs; stopped: NC, 1 tenant');
		expect(serverVmsText(topology, vms, 2)).toBe('2 VMs: WAS; restarting: SQL');
		expect(serverVmsText(topology, vms, 1)).toBe('1 VM; running unmonitored: GWY');
	});
});

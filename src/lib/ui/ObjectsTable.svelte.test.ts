import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { EMPTY_VMS, VmPhase, type VmsView } from '$lib/app/frame-view';
import { makeHealth, makeTopology } from '$lib/app/test-fixtures';
import { FRAME_VM_ROLES, VmFrameState } from '$lib/sim/frame';
import ObjectsTable from './ObjectsTable.svelte';

function renderTable(nodeCodes: Record<number, number> = {}, vms: VmsView = EMPTY_VMS) {
	const topology = makeTopology(4);
	const onSelect = vi.fn();
	const onMenu = vi.fn();
	const result = render(ObjectsTable, {
		topology,
		health: makeHealth(topology, nodeCodes),
		vms,
		selection: null,
		onSelect,
		onMenu
	});
	return { ...result, onSelect, onMenu };
}

describe('ObjectsTable', () => {
	it('lists every server with its health label, plus the switches and the HLH', () => {
		renderTable({ 1: 2 });
		expect(screen.getByTestId('objects-table')).toBeInTheDocument();
		for (const name of ['Node01', 'Node03', 'Node04']) {
			expect(
				within(screen.getByTestId(`row-${name}`)).getByTestId(`health-${name}`)
			).toHaveTextContent('Healthy');
		}
		expect(screen.getByTestId('health-Node02')).toHaveTextContent('Failed');
		expect(screen.getByTestId('health-Node02')).toHaveTextContent('✕');
		expect(screen.getByTestId('row-TOR1')).toBeInTheDocument();
		expect(screen.getByTestId('row-HLH')).toBeInTheDocument();
	});

	it('keeps one row in the tab order and moves focus with the arrow keys', async () => {
		const user = userEvent.setup();
		const { onSelect } = renderTable();
		const first = screen.getByTestId('row-Node01');
		expect(first).toHaveAttribute('tabindex', '0');
		expect(screen.getByTestId('row-Node02')).toHaveAttribute('tabindex', '-1');
		await user.tab();
		expect(first).toHaveFocus();
		await user.keyboard('{ArrowDown}{ArrowDown}');
		expect(screen.getByTestId('row-Node03')).toHaveFocus();
		expect(screen.getByTestId('row-Node03')).toHaveAttribute('tabindex', '0');
		expect(first).toHaveAttribute('tabindex', '-1');
		await user.keyboard('{ArrowUp}');
		expect(screen.getByTestId('row-Node02')).toHaveFocus();
		await user.keyboard('{End}');
		expect(screen.getByTestId('row-HLH')).toHaveFocus();
		await user.keyboard('{Home}{Enter}');
		expect(onSelect).toHaveBeenLastCalledWith({ kind: 'node', index: 0 });
	});

	it('opens the actions menu with Shift+F10 or the context-menu key on a row', async () => {
		const user = userEvent.setup();
		const { onMenu } = renderTable();
		await user.tab();
		await user.keyboard('{ArrowDown}{Shift>}{F10}{/Shift}');
		expect(onMenu).toHaveBeenCalledWith(
			{ kind: 'node', index: 1 },
			expect.any(Number),
			expect.any(Number),
			screen.getByTestId('row-Node02')
		);
		await user.keyboard('{ContextMenu}');
		expect(onMenu).toHaveBeenCalledTimes(2);
	});

	it('selects a row on click', async () => {
		const user = userEvent.setup();
		const { onSelect } = renderTable();
		await user.click(screen.getByText('TOR2'));
		expect(onSelect).toHaveBeenCalledWith({ kind: 'switch', index: 1 });
	});

	it('says in words which VMs run on each server, and which one is live-migrating where', () => {
		const role = (name: string) => FRAME_VM_ROLES.indexOf(name as (typeof FRAME_VM_ROLES)[number]);
		const { migrating, running } = VmFrameState;
		const vms: VmsView = {
			servers: [0, 0, 2, 0],
			roles: [role('NC'), role('ERCS'), role('SLB'), 0],
			states: [running, running, migrating, running],
			from: [-1, -1, 1, -1],
			phases: [VmPhase.waiting, VmPhase.waiting, VmPhase.underWay, VmPhase.waiting]
		};
		renderTable({}, vms);
		expect(screen.getByTestId('vms-Node01')).toHaveTextContent('3 VMs: ERCS, NC, 1 tenant');
		expect(screen.getByTestId('vms-Node02')).toHaveTextContent('live-migrating to Node03: SLB');
		expect(screen.getByTestId('vms-Node03')).toHaveTextContent('arriving from Node02: SLB');
		expect(screen.getByTestId('vms-Node04')).toHaveTextContent('No VMs');
		expect(within(screen.getByTestId('row-Node01')).getByTestId('vms-Node01')).toBeInTheDocument();
		expect(screen.queryByTestId('vms-TOR1')).toBeNull();
	});
});

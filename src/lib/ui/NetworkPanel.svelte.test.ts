import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { AclRuleView } from '$lib/app/acl-form';
import type { AddressView, InvariantResult } from '$lib/app/network-view';
import { makeNetwork } from '$lib/app/test-fixtures';
import NetworkPanel from './NetworkPanel.svelte';

function renderPanel(
	invariants: InvariantResult[] = [],
	aclErrors: string[] = [],
	aclRules: AclRuleView[] = []
) {
	const calls = {
		onStartFlow: vi.fn(),
		onDownload: vi.fn(),
		onJump: vi.fn(),
		onAddAcl: vi.fn(),
		onRemoveAcl: vi.fn(),
		onAclVm: vi.fn(),
		onMoveVm: vi.fn()
	};
	const props = $state({
		network: makeNetwork(),
		view: 'tenant' as AddressView,
		invariants,
		aclErrors,
		aclRules,
		servers: ['Node01', 'Node02', 'Node03', 'Node04'],
		onView: (view: AddressView) => (props.view = view),
		...calls
	});
	render(NetworkPanel, props);
	return calls;
}

describe('NetworkPanel', () => {
	it('lists tenants, virtual networks, subnets with VSIDs and VMs with CA and host', () => {
		renderPanel();
		const tree = screen.getByTestId('network-tenants');
		expect(tree).toHaveTextContent('Contoso');
		expect(tree).toHaveTextContent('contoso-vnet');
		expect(tree).toHaveTextContent('VSID 5001');
		expect(tree).toHaveTextContent('VSID 6001');
		expect(tree).toHaveTextContent(/fabrikam-vm2\s*CA 10\.0\.1\.5\s*on Node02/);
	});

	it('switches to the provider view: hosts with their PAs', async () => {
		const user = userEvent.setup();
		renderPanel();
		const toggle = screen.getByTestId('view-toggle');
		expect(toggle).toHaveAttribute('aria-pressed', 'false');
		await user.click(toggle);
		expect(toggle).toHaveAttribute('aria-pressed', 'true');
		expect(screen.queryByTestId('network-tenants')).toBeNull();
		const hosts = screen.getByTestId('network-hosts');
		expect(hosts).toHaveTextContent('Node01 PA 10.10.56.11');
		expect(hosts).toHaveTextContent('Node02 PA 10.10.56.12');
	});

	it('starts a flow between the chosen VMs with the chosen protocol', async () => {
		const user = userEvent.setup();
		const { onStartFlow } = renderPanel();
		expect(screen.getByTestId('flow-from')).toHaveValue('contoso-vm1');
		expect(screen.getByTestId('flow-to')).toHaveValue('contoso-vm2');
		await user.click(screen.getByTestId('flow-start'));
		expect(onStartFlow).toHaveBeenLastCalledWith('contoso-vm1', 'contoso-vm2', 'icmp');
		await user.selectOptions(screen.getByTestId('flow-from'), 'fabrikam-vm1');
		await user.selectOptions(screen.getByTestId('flow-to'), 'fabrikam-vm2');
		await user.selectOptions(screen.getByTestId('flow-protocol'), 'udp');
		await user.click(screen.getByTestId('flow-start'));
		expect(onStartFlow).toHaveBeenLastCalledWith('fabrikam-vm1', 'fabrikam-vm2', 'udp');
		await user.selectOptions(screen.getByTestId('flow-to'), 'fabrikam-vm1');
		expect(screen.getByTestId('flow-start')).toBeDisabled();
	});

	it('offers the capture download and jumps to an invariant violation', async () => {
		const user = userEvent.setup();
		const { onDownload, onJump } = renderPanel([
			{
				name: 'tenant-isolation',
				description: 'A VM only receives frames of its own virtual subnet.',
				holds: false,
				firstViolation: { logIndex: 42, t: 5000, summary: 'invariant.violated' }
			}
		]);
		await user.click(screen.getByTestId('download-capture'));
		expect(onDownload).toHaveBeenCalledOnce();
		await user.click(screen.getByRole('button', { name: 'Jump to first violation' }));
		expect(onJump).toHaveBeenCalledWith(42);
	});

	it("asks for the chosen VM's rules and lists them in evaluation order with their origin", async () => {
		const user = userEvent.setup();
		const base = {
			direction: 'inbound' as const,
			protocol: 'any' as const,
			sourcePrefix: '*',
			sourcePorts: '*',
			destinationPrefix: '*',
			destinationPorts: '*'
		};
		const { onAclVm, onRemoveAcl } = renderPanel(
			[],
			[],
			[
				{ ...base, name: 'DenyAll', priority: 65000, action: 'deny', origin: 'default', stage: 1 },
				{ ...base, name: 'BlockPing', priority: 200, action: 'deny', origin: 'port', stage: 1 }
			]
		);
		expect(onAclVm).toHaveBeenLastCalledWith('contoso-vm1');
		const rows = screen.getAllByRole('row').slice(1);
		expect(rows.map((r) => r.textContent)).toEqual([
			expect.stringMatching(/200.*BlockPing.*Port/),
			expect.stringMatching(/65000.*DenyAll.*Default/)
		]);
		await user.selectOptions(screen.getByTestId('acl-vm'), 'contoso-vm2');
		expect(onAclVm).toHaveBeenLastCalledWith('contoso-vm2');
		await user.click(within(rows[0]).getByRole('button'));
		expect(onRemoveAcl).toHaveBeenCalledWith('BlockPing');
	});

	it('moves a VM to another server, never to the one it is on', async () => {
		const user = userEvent.setup();
		const { onMoveVm } = renderPanel();
		const form = screen.getByTestId('move-form');
		await user.selectOptions(within(form).getByTestId('move-vm'), 'contoso-vm2');
		const onIt = within(form).getByRole('option', { name: 'Node02' });
		expect(onIt).toBeDisabled();
		await user.selectOptions(within(form).getByTestId('move-host'), 'Node04');
		await user.click(within(form).getByRole('button', { name: 'Move' }));
		expect(onMoveVm).toHaveBeenCalledWith('contoso-vm2', 3);
	});

	it('shows the simulation refusal of an ACL change in the editor alert', () => {
		renderPanel([], ['The simulation refused that: acl.remove: no rule called "x"']);
		expect(screen.getByTestId('acl-vm')).toHaveValue('contoso-vm1');
		const alert = screen.getByRole('alert');
		expect(within(alert).getByText(/no rule called "x"/)).toBeInTheDocument();
	});
});

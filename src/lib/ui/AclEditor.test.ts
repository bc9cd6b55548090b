import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { AclRuleView } from '$lib/app/acl-form';
import AclEditor from './AclEditor.svelte';

const rule = (over: Partial<AclRuleView>): AclRuleView => ({
	name: 'r',
	priority: 100,
	direction: 'inbound',
	protocol: 'any',
	sourcePrefix: '*',
	sourcePorts: '*',
	destinationPrefix: '*',
	destinationPorts: '*',
	action: 'deny',
	origin: 'port',
	...over
});

const RULES: AclRuleView[] = [
	rule({ name: 'DenyAllOutBound', priority: 65500, direction: 'outbound', origin: 'default' }),
	rule({ name: 'web', priority: 200, protocol: 'tcp', destinationPorts: '80', action: 'allow' }),
	rule({ name: 'DenyAllInbound', priority: 65500, origin: 'default' }),
	rule({ name: 'ssh', priority: 110, protocol: 'tcp', destinationPorts: '22' }),
	rule({ name: 'out', priority: 100, direction: 'outbound', origin: 'subnet' })
];

function setup(props: { rules?: AclRuleView[]; errors?: string[] } = {}) {
	const onAdd = vi.fn();
	const onRemove = vi.fn();
	const user = userEvent.setup();
	// `target` is also a Svelte mount option, so the props go under `props`.
	render(AclEditor, {
		props: {
			target: { kind: 'vm', name: 'web1' },
			rules: props.rules ?? RULES,
			errors: props.errors,
			onAdd,
			onRemove
		}
	});
	return { user, onAdd, onRemove };
}

const field = (label: string) => screen.getByLabelText<HTMLInputElement>(label);
const rowNames = () =>
	within(screen.getByRole('table'))
		.getAllByRole('rowheader')
		.map((cell) => cell.textContent);

async function fill(user: ReturnType<typeof userEvent.setup>, label: string, text: string) {
	await user.clear(field(label));
	if (text !== '') await user.type(field(label), text);
}

describe('AclEditor', () => {
	it('lists the effective rules inbound then outbound, lowest priority first', () => {
		setup();
		expect(screen.getByRole('heading', { name: 'Firewall rules of VM web1' })).toBeInTheDocument();
		expect(screen.getByRole('table')).toHaveAccessibleName(
			/lowest priority number first; the first matching rule decides; replies of allowed connections are allowed \(stateful\)/
		);
		expect(rowNames()).toEqual(['ssh', 'web', 'DenyAllInbound', 'out', 'DenyAllOutBound']);
	});

	it('shows allow and deny with a symbol and text, and marks default rules', () => {
		setup();
		const row = (name: string) => screen.getByRole('rowheader', { name }).closest('tr')!;
		expect(row('web')).toHaveTextContent('✓ Allow');
		expect(row('ssh')).toHaveTextContent('✕ Deny');
		expect(row('DenyAllInbound')).toHaveTextContent('Default');
		expect(row('out')).toHaveTextContent('Subnet');
	});

	it('removes a user rule by name; default rules have no remove button', async () => {
		const { user, onRemove } = setup();
		expect(screen.getAllByRole('button', { name: /^Remove rule / }).length).toBe(3);
		expect(screen.queryByRole('button', { name: 'Remove rule DenyAllInbound' })).toBeNull();
		expect(screen.queryByRole('button', { name: 'Remove rule DenyAllOutBound' })).toBeNull();
		await user.click(screen.getByRole('button', { name: 'Remove rule web' }));
		expect(onRemove).toHaveBeenCalledExactlyOnceWith('web');
	});

	it('defaults to the next free priority of the chosen direction, any, *, deny', async () => {
		const { user } = setup();
		expect(field('Priority')).toHaveValue('210');
		expect(field('Protocol')).toHaveValue('any');
		expect(field('Action')).toHaveValue('deny');
		for (const label of [
			'Source prefix',
			'Source ports',
			'Destination prefix',
			'Destination ports'
		]) {
			expect(field(label)).toHaveValue('*');
		}
		await user.selectOptions(field('Direction'), 'outbound');
		expect(field('Priority')).toHaveValue('110');
	});

	it('adds a valid rule with exactly the typed values, using only the keyboard', async () => {
		const { user, onAdd } = setup();
		await user.type(field('Name'), 'allow-dns');
		await fill(user, 'Priority', '150');
		await user.selectOptions(field('Direction'), 'outbound');
		await user.selectOptions(field('Protocol'), 'udp');
		await fill(user, 'Source prefix', '10.0.1.0/24');
		await fill(user, 'Source ports', '1024-65535');
		await fill(user, 'Destination prefix', '10.0.0.4/32');
		await fill(user, 'Destination ports', '53');
		await user.selectOptions(field('Action'), 'allow');
		await user.tab();
		expect(screen.getByRole('button', { name: 'Add rule' })).toHaveFocus();
		await user.keyboard('{Enter}');
		expect(onAdd).toHaveBeenCalledExactlyOnceWith({
			name: 'allow-dns',
			priority: 150,
			direction: 'outbound',
			protocol: 'udp',
			sourcePrefix: '10.0.1.0/24',
			sourcePorts: '1024-65535',
			destinationPrefix: '10.0.0.4/32',
			destinationPorts: '53',
			action: 'allow'
		});
		expect(field('Name')).toHaveValue('');
	});

	it.each([
		['Name', '', 'Name: 1 to 64 letters'],
		['Name', 'web', 'Name: a rule named "web" already exists'],
		['Priority', '99', 'Priority: a whole number from 100 to 65000, got "99"'],
		['Priority', '65001', 'Priority: a whole number from 100 to 65000, got "65001"'],
		['Priority', '200', 'Priority: 200 is already used by inbound rule "web"'],
		['Source ports', '80-20', 'Source ports: a range goes from low to high'],
		['Destination ports', '70000', 'Destination ports: ports go from 0 to 65535'],
		['Source prefix', '10.0.1.4/24', 'Source prefix: the host bits must be zero'],
		['Destination prefix', '10.0.1.0', 'Destination prefix: use "*" or an IPv4 prefix']
	])('%s "%s" is refused with its message', async (label, text, message) => {
		const { user, onAdd } = setup();
		if (label !== 'Name') await user.type(field('Name'), 'new-rule');
		await fill(user, label, text);
		await user.click(screen.getByRole('button', { name: 'Add rule' }));
		expect(onAdd).not.toHaveBeenCalled();
		expect(field(label)).toHaveAttribute('aria-invalid', 'true');
		expect(field(label)).toHaveAccessibleDescription(expect.stringContaining(message));
		expect(field(label)).toHaveFocus();
	});

	it('refuses ports on an ICMP rule', async () => {
		const { user, onAdd } = setup();
		await user.type(field('Name'), 'ping');
		await user.selectOptions(field('Protocol'), 'icmp');
		await fill(user, 'Destination ports', '80');
		await user.click(screen.getByRole('button', { name: 'Add rule' }));
		expect(onAdd).not.toHaveBeenCalled();
		expect(field('Destination ports')).toHaveAccessibleDescription(
			'Destination ports: ICMP has no ports, so an ICMP rule takes "*"'
		);
	});

	it('shows the simulation’s errors in an alert', () => {
		setup({ errors: ['priority: both have priority 200', 'name: unknown VM'] });
		const alert = screen.getByRole('alert');
		expect(
			within(alert)
				.getAllByRole('listitem')
				.map((li) => li.textContent)
		).toEqual(['priority: both have priority 200', 'name: unknown VM']);
	});

	it('has no alert when the simulation reports nothing', () => {
		setup();
		expect(screen.queryByRole('alert')).toBeNull();
	});
});

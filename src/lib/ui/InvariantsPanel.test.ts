import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import InvariantsPanel from './InvariantsPanel.svelte';

const INVARIANTS = [
	{
		name: 'isolation',
		description: 'No inner frame reaches another virtual network.',
		holds: true
	},
	{
		name: 'quorum',
		description: 'At most one cluster partition has quorum.',
		holds: false,
		firstViolation: { logIndex: 42, t: 83_456, summary: 'Node02 and Node03 both claim quorum' }
	}
];

const item = (name: string) =>
	within(screen.getByRole('list', { name: 'Invariants' }))
		.getAllByRole('listitem')
		.find((li) => li.textContent?.includes(name))!;

describe('InvariantsPanel', () => {
	it('shows a holding invariant with symbol and text, and no jump button', () => {
		render(InvariantsPanel, { invariants: INVARIANTS, onJump: vi.fn() });
		const holds = item('isolation');
		expect(holds).toHaveTextContent('✓ Holds');
		expect(holds).toHaveTextContent('No inner frame reaches another virtual network.');
		expect(within(holds).queryByRole('button')).toBeNull();
	});

	it('shows a violated invariant with its first violating event and time', () => {
		render(InvariantsPanel, { invariants: INVARIANTS, onJump: vi.fn() });
		const violated = item('quorum');
		expect(violated).toHaveTextContent('✕ Violated');
		expect(violated).toHaveTextContent(
			'First violation at 00:01:23.456: Node02 and Node03 both claim quorum'
		);
	});

	it('jumps to the first violation’s log index', async () => {
		const onJump = vi.fn();
		const user = userEvent.setup();
		render(InvariantsPanel, { invariants: INVARIANTS, onJump });
		await user.click(screen.getByRole('button', { name: 'Jump to first violation' }));
		expect(onJump).toHaveBeenCalledExactlyOnceWith(42);
	});

	it('says when no invariants are checked', () => {
		render(InvariantsPanel, { invariants: [], onJump: vi.fn() });
		expect(screen.getByText('No invariants are checked for this scenario.')).toBeInTheDocument();
		expect(screen.queryByRole('list')).toBeNull();
	});
});

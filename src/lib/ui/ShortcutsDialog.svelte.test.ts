import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import ShortcutsDialog from './ShortcutsDialog.svelte';

describe('ShortcutsDialog', () => {
	it('is a modal dialog that traps focus, lists the keys and closes on Escape', async () => {
		const user = userEvent.setup();
		const opener = document.createElement('button');
		document.body.append(opener);
		opener.focus();
		const onClose = vi.fn();
		render(ShortcutsDialog, { onClose });
		const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
		expect(dialog).toHaveAttribute('aria-modal', 'true');
		expect(dialog).toHaveTextContent('Play or pause');
		const close = screen.getByRole('button', { name: 'Close' });
		expect(close).toHaveFocus();
		await user.tab();
		expect(close).toHaveFocus();
		await user.keyboard('{Escape}');
		expect(onClose).toHaveBeenCalledOnce();
		expect(opener).toHaveFocus();
		opener.remove();
	});
});

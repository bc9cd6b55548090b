import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { objectActions } from '$lib/app/actions';
import { makeHealth, makeTopology } from '$lib/app/test-fixtures';
import ActionsMenu from './ActionsMenu.svelte';

function renderMenu(nodeCode: number, returnFocus: HTMLElement | null = null) {
	const topology = makeTopology(4);
	const onAction = vi.fn();
	const onClose = vi.fn();
	render(ActionsMenu, {
		label: 'Actions for Node02',
		x: 10,
		y: 10,
		items: objectActions({ kind: 'node', index: 1 }, makeHealth(topology, { 1: nodeCode })),
		onAction,
		onClose,
		returnFocus
	});
	return { onAction, onClose };
}

describe('ActionsMenu', () => {
	it('offers Fail on a healthy server and sends the fail input', async () => {
		const user = userEvent.setup();
		const { onAction, onClose } = renderMenu(0);
		expect(screen.getByTestId('actions-menu')).toHaveAttribute('role', 'menu');
		const fail = screen.getByRole('menuitem', { name: 'Fail server' });
		const restore = screen.getByRole('menuitem', { name: 'Restore server' });
		expect(fail).toHaveAttribute('aria-disabled', 'false');
		expect(restore).toHaveAttribute('aria-disabled', 'true');
		expect(fail).toHaveFocus();
		await user.click(restore);
		expect(onAction).not.toHaveBeenCalled();
		await user.keyboard('{Home}{Enter}');
		expect(onAction).toHaveBeenCalledWith({ type: 'node.fail', node: 1 });
		expect(onClose).toHaveBeenCalled();
	});

	it('offers Restore on a failed server', async () => {
		const user = userEvent.setup();
		const { onAction } = renderMenu(2);
		const restore = screen.getByRole('menuitem', { name: 'Restore server' });
		expect(screen.getByRole('menuitem', { name: 'Fail server' })).toHaveAttribute(
			'aria-disabled',
			'true'
		);
		expect(restore).toHaveFocus();
		await user.keyboard('{ArrowDown}');
		expect(screen.getByRole('menuitem', { name: 'Show details' })).toHaveFocus();
		await user.keyboard('{ArrowDown}'); // wraps, skipping the disabled Fail
		expect(restore).toHaveFocus();
		await user.click(restore);
		expect(onAction).toHaveBeenCalledWith({ type: 'node.restore', node: 1 });
	});

	it('closes on Escape and returns focus to the opener', async () => {
		const user = userEvent.setup();
		const opener = document.createElement('button');
		document.body.append(opener);
		const { onClose, onAction } = renderMenu(0, opener);
		await user.keyboard('{Escape}');
		expect(onClose).toHaveBeenCalledOnce();
		expect(onAction).not.toHaveBeenCalled();
		expect(opener).toHaveFocus();
		opener.remove();
	});
});

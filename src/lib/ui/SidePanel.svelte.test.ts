import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { createRawSnippet } from 'svelte';
import { describe, expect, it } from 'vitest';
import type { PanelTab } from '$lib/app/shortcuts';
import SidePanel from './SidePanel.svelte';

const text = (t: string) => createRawSnippet(() => ({ render: () => `<p>${t} content</p>` }));

describe('SidePanel', () => {
	it('uses tab roles and moves between tabs with the arrow keys', async () => {
		const user = userEvent.setup();
		const props = $state({
			tab: 'objects' as PanelTab,
			onTab: (tab: PanelTab) => (props.tab = tab),
			panels: {
				details: text('Details'),
				objects: text('Objects'),
				log: text('Log'),
				simplified: text('Simplified'),
				network: text('Network'),
				storage: text('Storage'),
				cluster: text('Cluster')
			}
		});
		render(SidePanel, props);
		const objects = screen.getByRole('tab', { name: 'Objects' });
		expect(objects).toHaveAttribute('aria-selected', 'true');
		expect(screen.getByRole('tabpanel')).toHaveTextContent('Objects content');
		objects.focus();
		await user.keyboard('{ArrowRight}');
		const log = screen.getByRole('tab', { name: 'Event log' });
		expect(log).toHaveAttribute('aria-selected', 'true');
		expect(log).toHaveFocus();
		expect(screen.getByRole('tabpanel')).toHaveTextContent('Log content');
		await user.keyboard('{Home}');
		expect(screen.getByRole('tab', { name: 'Details' })).toHaveFocus();
		await user.keyboard('{End}');
		expect(screen.getByRole('tab', { name: 'Cluster' })).toHaveFocus();
		expect(screen.getByRole('tabpanel')).toHaveTextContent('Cluster content');
	});
});

import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import LoadingView from './LoadingView.svelte';

const steps = [
	{ id: 'worker', label: 'Starting the simulation worker', state: 'done' },
	{ id: 'scenario', label: 'Loading scenario “Four”', state: 'active' },
	{ id: 'scene', label: 'Building the 3D scene', state: 'pending' }
] as const;

describe('LoadingView', () => {
	it('shows the steps and a progress bar while loading', () => {
		render(LoadingView, { steps: [...steps], progress: 0.5 });
		expect(screen.getByTestId('loading')).toHaveTextContent(
			'Starting the simulation worker (done)'
		);
		expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '50');
	});

	it('shows every validation message when the scenario is invalid', () => {
		render(LoadingView, {
			steps: [...steps],
			progress: 0.5,
			failure: {
				title: 'The scenario "Four" is not valid',
				messages: ['nodes: too few', 'seed: missing']
			}
		});
		expect(screen.getByRole('heading')).toHaveTextContent('The scenario "Four" is not valid');
		expect(screen.getByRole('alert')).toHaveTextContent('nodes: too few');
		expect(screen.getByRole('alert')).toHaveTextContent('seed: missing');
		expect(screen.queryByRole('progressbar')).toBeNull();
	});
});

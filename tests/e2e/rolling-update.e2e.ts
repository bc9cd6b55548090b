import { expect, test, type Page } from '@playwright/test';
import { openSandbox, type StackScopeWindow } from './helpers';

async function seekTo(page: Page, tMs: number): Promise<void> {
	await page.evaluate((t) => (window as unknown as StackScopeWindow).__stackscope!.seek(t), tMs);
}

/** Servers whose row says they are drained for maintenance (paused, updating or rebooting). */
async function inMaintenance(page: Page): Promise<string[]> {
	const states = await page
		.locator('[data-testid^="cluster-server-"]')
		.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-state') ?? ''));
	return states.filter((s) => ['paused', 'updating', 'rebooting'].includes(s));
}

test('patch and update: one server at a time, storage resyncs in between, the statechart follows', async ({
	page
}) => {
	test.setTimeout(180_000);
	await openSandbox(page, '?scenario=rolling-update');
	await page.getByRole('tab', { name: 'Cluster' }).click();
	const blade = page.getByTestId('update-state');
	const updateChart = page.getByTestId('statechart-update');

	// Node01 is being updated (drained at 60 s, paused at 180 s); the others wait.
	await seekTo(page, 200_000);
	await expect(blade).toHaveAttribute('data-state', 'running.updating');
	await expect(page.getByTestId('update-row-0')).toHaveAttribute('data-step', 'updating');
	await expect(page.getByTestId('update-row-1')).toHaveAttribute('data-step', 'waiting');
	await expect(page.getByTestId('cluster-server-0')).toHaveAttribute('data-state', 'updating');
	await expect(updateChart.locator('[aria-current="true"]')).toContainText('updating');
	expect(await inMaintenance(page)).toHaveLength(1);

	// Rebooting: Node01 gives up its vote gracefully; the cluster stays up.
	await seekTo(page, 500_000);
	await expect(page.getByTestId('cluster-server-0')).toHaveAttribute('data-state', 'rebooting');
	await expect(page.getByTestId('cluster-quorum-state')).toHaveAttribute('data-up', 'true');
	const serverChart = page.getByTestId('statechart-server');
	await expect(serverChart.locator('[aria-current="true"]')).toContainText('rebooting');
	expect(await inMaintenance(page)).toHaveLength(1);

	// Back and resumed at 620 s: the orchestrator waits while the storage resyncs Node01's regions.
	await seekTo(page, 630_000);
	await expect(blade).toHaveAttribute('data-state', 'running.resyncing');
	await page.getByRole('tab', { name: 'Storage' }).click();
	await expect(page.getByTestId('resync-Volume01')).toHaveAttribute('data-state', 'running');
	await page.getByRole('tab', { name: 'Cluster' }).click();
	expect(await inMaintenance(page)).toHaveLength(0);

	// Then the next server, never two at once; the availability set keeps its VMs running
	// (a drain live-migrates them).
	const set = page.getByTestId('set-web-set');
	for (const t of [900_000, 1_200_000, 1_500_000, 1_800_000, 2_100_000, 2_400_000]) {
		await seekTo(page, t);
		expect(await inMaintenance(page)).toHaveLength(1);
		await expect(set).toContainText(/[23] of 3 VMs running/);
	}
	await expect(page.getByTestId('update-row-0')).toHaveAttribute('data-step', 'done');

	// All four done; every invariant held.
	await seekTo(page, 2_700_000);
	await expect(blade).toHaveAttribute('data-state', 'done');
	await expect(page.getByRole('progressbar', { name: 'Servers updated' })).toHaveAttribute(
		'aria-valuetext',
		'4 of 4'
	);
	expect(await inMaintenance(page)).toHaveLength(0);
	for (const name of ['one-server-in-maintenance', 'drained-before-reboot']) {
		await expect(page.locator('li', { hasText: name })).toHaveAttribute('data-holds', 'true');
	}
});

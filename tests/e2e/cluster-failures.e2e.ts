import { expect, test, type Page } from '@playwright/test';
import { openSandbox, type StackScopeWindow } from './helpers';

async function seekTo(page: Page, tMs: number): Promise<void> {
	await page.evaluate((t) => (window as unknown as StackScopeWindow).__stackscope!.seek(t), tMs);
}

/** The VM rows of the Cluster tab: name, server and state. */
async function vmRows(page: Page): Promise<{ name: string; server: string; state: string }[]> {
	return page.locator('[data-testid^="vm-"][data-state]').evaluateAll((rows) =>
		rows.map((r) => ({
			name: (r.getAttribute('data-testid') ?? '').slice(3),
			server: r.querySelectorAll('td')[0]?.textContent?.trim() ?? '',
			state: r.getAttribute('data-state') ?? ''
		}))
	);
}

test.beforeEach(async ({ page }) => {
	await openSandbox(page, '?scenario=rolling-update');
	await page.getByRole('tab', { name: 'Cluster' }).click();
});

test("an isolated server's VMs run on unmonitored and are never restarted if it reconnects within 240 s", async ({
	page
}) => {
	test.setTimeout(120_000);
	const onNode03 = (await vmRows(page)).filter((vm) => vm.server === 'Node03');
	expect(onNode03.length).toBeGreaterThan(0);
	await page.getByTestId('cluster-isolate-2').click();
	await seekTo(page, 30_000);
	await expect(page.getByTestId('cluster-server-2')).toHaveAttribute('data-state', 'isolated');
	// Declared down (its vote gone), so the cluster machine is up with a member missing.
	const clusterChart = page.getByTestId('statechart-cluster');
	await expect(clusterChart.locator('[aria-current="true"]')).toHaveAttribute(
		'data-testid',
		'chart-cluster-up.membersMissing'
	);
	for (const vm of onNode03) {
		await expect(page.getByTestId(`vm-${vm.name}`)).toHaveAttribute('data-state', 'unmonitored');
	}
	await page.getByTestId('cluster-restore-2').click();
	await seekTo(page, 40_000);
	await expect(page.getByTestId('cluster-server-2')).toHaveAttribute('data-state', 'up');
	await expect(clusterChart.locator('[aria-current="true"]')).toHaveAttribute(
		'data-testid',
		'chart-cluster-up.allMembers'
	);
	const after = await vmRows(page);
	for (const vm of onNode03) {
		expect(after.find((a) => a.name === vm.name)).toEqual({ ...vm, state: 'running' });
	}
});

test('past ResiliencyDefaultPeriod the isolated VMs restart elsewhere, and the workload on it waits until then', async ({
	page
}) => {
	test.setTimeout(120_000);
	const onNode01 = (await vmRows(page)).filter((vm) => vm.server === 'Node01');
	await page.getByTestId('cluster-isolate-0').click();
	await seekTo(page, 200_000);
	for (const vm of onNode01) {
		await expect(page.getByTestId(`vm-${vm.name}`)).toHaveAttribute('data-state', 'unmonitored');
	}
	// The workload's VM sits on Node01: its IO waits while the VM is unreachable.
	await page.getByRole('tab', { name: 'Storage' }).click();
	await expect(page.getByTestId('workload-vm01-diskspd')).toContainText(
		'Waiting: its VM is unmonitored'
	);
	await seekTo(page, 320_000);
	await expect(page.getByTestId('workload-vm01-diskspd')).toContainText('Running');
	await page.getByRole('tab', { name: 'Cluster' }).click();
	// Stopped at 240 s on the isolated server, restarted elsewhere 60 s later (room permitting).
	for (const vm of onNode01) {
		await expect(page.getByTestId(`vm-${vm.name}`)).toHaveAttribute('data-state', /running|down/);
	}
	const after = await vmRows(page);
	const moved = after.filter((a) => onNode01.some((vm) => vm.name === a.name));
	for (const vm of moved) if (vm.state === 'running') expect(vm.server).not.toBe('Node01');
	expect(moved.filter((vm) => vm.state === 'running')).not.toHaveLength(0);
});

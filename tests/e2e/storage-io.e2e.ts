import { expect, test, type Page } from '@playwright/test';
import { openSandbox, type StackScopeWindow } from './helpers';

/** Pauses and moves simulated time to `tMs`, resolving once the page shows that time. */
async function seekTo(page: Page, tMs: number): Promise<void> {
	await page.evaluate((t) => (window as unknown as StackScopeWindow).__stackscope!.seek(t), tMs);
}

/** IOs completed so far, as the Storage tab's totals line says. */
async function completedIos(page: Page): Promise<number> {
	const text = (await page.getByTestId('storage-io-totals').textContent()) ?? '';
	const match = /IOs completed:\s*([\d,]+)/.exec(text);
	if (!match) throw new Error(`no IO total in "${text}"`);
	return Number(match[1].replace(/,/g, ''));
}

/** Fails (`f`) or restores (`r`) a server with the keyboard from the Objects tab. */
async function server(page: Page, name: string, key: 'f' | 'r'): Promise<void> {
	await page.getByRole('tab', { name: /objects/i }).click();
	const row = page.getByTestId('objects-table').getByTestId(`row-${name}`);
	await row.focus();
	await page.keyboard.press('Enter');
	await page.keyboard.press(key);
	const health = page.getByTestId('objects-table').getByTestId(`health-${name}`);
	await expect(health).toContainText(key === 'f' ? 'Failed' : 'Healthy');
	await page.getByRole('tab', { name: /storage/i }).click();
}

test('S2D IO: writes go to three servers; two servers down leave the volume degraded with IO going on; a third takes it offline with the reason; back, the changed regions resync', async ({
	page
}) => {
	test.setTimeout(180_000);
	await openSandbox(page, '?scenario=s2d-three-way-mirror');
	await seekTo(page, 1000);
	await page.getByRole('tab', { name: /storage/i }).click();

	// Run IO from the form: 64 KiB random, 30 % reads, from a VM on Node01.
	await page.getByTestId('workload-name').fill('vm02');
	await page.getByTestId('workload-volume').selectOption('Volume01');
	await page.getByTestId('workload-server').selectOption({ label: 'Node01' });
	await page.getByTestId('workload-block').selectOption('64');
	await page.getByTestId('workload-read').fill('30');
	await page.getByTestId('workload-run').click();
	await expect(page.getByTestId('workload-vm02')).toBeVisible();
	await seekTo(page, 4000);

	// Each write's interleaves went to three different servers.
	const servers = await page.evaluate(
		() => (window as unknown as StackScopeWindow).__stackscope!.ioWriteServersSeen
	);
	expect(servers).toBeGreaterThanOrEqual(3);
	await expect(page.getByTestId('workload-vm02')).toContainText(/\d[\d,]* IOPS/);
	const volume = page.getByTestId('volume-Volume01');
	await expect(volume).toContainText('Healthy');

	// Two servers down: online, degraded (writes skip the missing copies), and IO goes on.
	await server(page, 'Node02', 'f');
	await server(page, 'Node03', 'f');
	await seekTo(page, 8000);
	await expect(volume).toContainText('Warning');
	await expect(volume).toContainText('Degraded');
	const before = await completedIos(page);
	await seekTo(page, 11_000);
	await expect.poll(() => completedIos(page)).toBeGreaterThan(before);

	// A third: the pool loses quorum and the volume goes offline, saying why; IO pauses.
	await server(page, 'Node04', 'f');
	await seekTo(page, 14_000);
	await expect(volume).toContainText('Detached');
	await expect(page.getByTestId('offline-reason-Volume01')).toContainText('the pool lost quorum');
	const paused = await completedIos(page);
	await seekTo(page, 16_000);
	await expect.poll(() => completedIos(page)).toBe(paused);

	// All back: only the regions written while they were away are resynced, then healthy.
	for (const name of ['Node02', 'Node03', 'Node04']) await server(page, name, 'r');
	await seekTo(page, 17_000);
	await expect(page.getByTestId('resync-Volume01')).toHaveAttribute('data-state', /running|done/);
	await seekTo(page, 120_000);
	await expect(page.getByTestId('resync-Volume01')).toHaveAttribute('data-state', 'done');
	await expect(volume).toContainText('Healthy');
	// The storage invariants held throughout.
	const invariants = page.getByTestId('storage-invariants');
	for (const name of ['no-acknowledged-write-lost', 'online-volume-has-copies']) {
		await expect(invariants.locator('li', { hasText: name })).toHaveAttribute('data-holds', 'true');
	}
});

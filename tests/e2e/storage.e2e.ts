import { expect, test, type Page } from '@playwright/test';
import { openSandbox, type StackScopeWindow } from './helpers';

/** Pauses and moves simulated time to `tMs`, resolving once the page shows that time. */
async function seekTo(page: Page, tMs: number): Promise<void> {
	await page.evaluate((t) => (window as unknown as StackScopeWindow).__stackscope!.seek(t), tMs);
}

test('S2D: a failed drive degrades the volumes, is retired and repaired; two lost servers are survived, a third takes the pool down', async ({
	page
}) => {
	test.setTimeout(120_000);
	await openSandbox(page, '?scenario=s2d-three-way-mirror');
	await page.getByRole('tab', { name: /storage/i }).click();
	const volume = page.getByTestId('volume-Volume01');
	await expect(volume).toContainText('Healthy');

	// 30 s: Node02 capacity 1 fails; the volume is online with two copies of some slabs.
	await seekTo(page, 40_000);
	await expect(volume).toContainText('Warning');
	await expect(page.getByTestId('repair-Volume01')).toHaveAttribute('data-state', 'waiting');
	await expect(page.getByTestId('storage-drives')).toContainText(/Node02 capacity 1.*Failed/);

	// 15 minutes later the drive is retired and the repair runs, with a progress bar.
	await seekTo(page, 1_000_000);
	await expect(page.getByTestId('repair-Volume01')).toHaveAttribute('data-state', 'running');
	await expect(page.getByRole('progressbar', { name: 'Repair of Volume01' })).toBeVisible();
	await seekTo(page, 4_900_000);
	await expect(page.getByTestId('repair-Volume01')).toHaveAttribute('data-state', 'done');
	await expect(volume).toContainText('Healthy');

	// Two servers down: still online. A third: the pool loses quorum, the volume goes offline.
	await seekTo(page, 5_150_000);
	await expect(volume).toContainText('Warning');
	await seekTo(page, 5_250_000);
	await expect(volume).toContainText('Detached');
	await expect(page.getByTestId('storage-quorum')).toContainText('lost');
	// Back at 5400 s: the returning servers resync what was written while they were away.
	await seekTo(page, 5_410_000);
	await expect(volume).toContainText('In service');
	await seekTo(page, 5_480_000);
	await expect(volume).toContainText('Healthy');
});

test('S2D: failing a drive from the Storage tab degrades the volumes holding copies on it', async ({
	page
}) => {
	await openSandbox(page, '?scenario=s2d-three-way-mirror');
	await seekTo(page, 10_000);
	await page.getByRole('tab', { name: /storage/i }).click();
	await page.getByRole('button', { name: 'Fail Node03 capacity 2' }).click();
	await expect(page.getByTestId('storage-drives')).toContainText(/Node03 capacity 2.*Failed/);
	await expect(page.getByTestId('volume-Volume01')).toContainText('Warning');
});

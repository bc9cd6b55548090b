import { expect, test, type Page } from '@playwright/test';
import { openSandbox, type StackScopeWindow } from './helpers';

async function seekTo(page: Page, tMs: number): Promise<void> {
	await page.evaluate((t) => (window as unknown as StackScopeWindow).__stackscope!.seek(t), tMs);
}

/** VMs in the latest frame, and the VM tiles the 3D view draws for them. */
async function vmCounts(page: Page): Promise<{ vms: number; tiles: number | null }> {
	return page.evaluate(() => {
		const hook = (window as unknown as StackScopeWindow).__stackscope!;
		return { vms: hook.vmCount, tiles: hook.vmTiles };
	});
}

/** The leading count of a server's VM text ("7 VMs: …"). */
const countOf = (text: string) => Number(/^(\d+) VMs?/.exec(text)?.[1] ?? 0);

test('a drain live-migrates the VMs: the Objects tab shows one on the wire, then on its new server', async ({
	page
}) => {
	test.setTimeout(120_000);
	await openSandbox(page, '?scenario=rolling-update');
	await seekTo(page, 5_000);
	await page.getByRole('tab', { name: 'Objects' }).click();
	const table = page.getByTestId('objects-table');
	const node02 = table.getByTestId('vms-Node02');
	await expect(node02).toContainText(/^\d+ VMs: /);
	const before = countOf((await node02.textContent()) ?? '');
	expect(before).toBeGreaterThan(0);
	// One tile per VM in 3D: the 28 infrastructure VMs and the availability set's 3.
	const counts = await vmCounts(page);
	expect(counts.vms).toBeGreaterThanOrEqual(31);
	expect(counts.tiles).toBe(counts.vms);

	// Drain Node02 from the Cluster tab (the update itself starts only at 60 s).
	await page.getByRole('tab', { name: 'Cluster' }).click();
	await page.getByTestId('cluster-drain-1').click();
	await page.getByRole('tab', { name: 'Objects' }).click();
	await expect(node02).toContainText(/waiting to live-migrate|live-migrating to/);

	// 3 s in, the first VM is on the wire (each takes 1 s per GB, at least 8 s): named on both ends.
	await seekTo(page, 8_000);
	await expect(node02).toContainText(/live-migrating to Node0[134]: \w+/);
	const [, to, role] = /live-migrating to (Node0\d): (\w+)/.exec(
		(await node02.textContent()) ?? ''
	)!;
	await expect(table.getByTestId(`vms-${to}`)).toContainText(`arriving from Node02: ${role}`);
	const arrivedBefore = countOf((await table.getByTestId(`vms-${to}`).textContent()) ?? '');

	// 25 s later it runs on its new server, and Node02 has fewer VMs left.
	await seekTo(page, 30_000);
	const target = table.getByTestId(`vms-${to}`);
	await expect(target).not.toContainText(`arriving from Node02: ${role}`);
	const running = ((await target.textContent()) ?? '').split(';')[0];
	expect(running).toMatch(new RegExp(`\\b${role}\\b`));
	expect(countOf((await target.textContent()) ?? '')).toBeGreaterThanOrEqual(arrivedBefore);
	expect(countOf((await node02.textContent()) ?? '')).toBeLessThan(before);
	const after = await vmCounts(page);
	expect(after.tiles).toBe(after.vms);
	expect(after.vms).toBe(counts.vms);
});

test('adding a VM to the availability set places it in the next fault domain, in 3D too', async ({
	page
}) => {
	test.setTimeout(120_000);
	await openSandbox(page, '?scenario=rolling-update');
	await seekTo(page, 5_000);
	const before = await vmCounts(page);
	await page.getByRole('tab', { name: 'Cluster' }).click();
	await page.getByRole('button', { name: 'Add a VM to web-set' }).click();
	await seekTo(page, 6_000);
	await expect(page.getByTestId('set-web-set')).toContainText('4 of 4 VMs running');
	await expect(page.getByTestId('vm-web-set-vm4')).toHaveAttribute('data-state', 'running');
	// k = 3 VMs already in the set: fault domain 3 mod 3 = 0, update domain 0.
	await expect(page.getByTestId('vm-web-set-vm4-domains')).toHaveText('0 / 0');
	await expect.poll(() => vmCounts(page)).toEqual({ vms: before.vms + 1, tiles: before.vms + 1 });
});

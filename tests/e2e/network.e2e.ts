import { expect, test } from '@playwright/test';
import { clockMs, openSandbox, packetsInFlight } from './helpers';

test('a ping between two tenant VMs on different hosts can be inspected down to its VXLAN header', async ({
	page
}) => {
	await openSandbox(page, '?scenario=vxlan-two-tenants');
	await page.getByRole('tab', { name: /network/i }).click();
	await page.getByTestId('flow-from').selectOption('contoso-vm1');
	await page.getByTestId('flow-to').selectOption('contoso-vm2');
	await page.getByTestId('flow-protocol').selectOption('icmp');
	await page.getByTestId('flow-start').click();
	await page.getByTestId('speed').selectOption('10');
	await page.getByTestId('play-toggle').click();
	await page.getByRole('tab', { name: /event log/i }).click();
	const log = page.getByTestId('event-log');
	await expect(log).toContainText('packet.encapsulated', { timeout: 30_000 });
	await page.getByTestId('play-toggle').click();
	const encapsulated = log.locator('li', { hasText: 'packet.encapsulated' }).first();
	await encapsulated.locator('[data-testid^="inspect-"]').click();
	const inspector = page.getByTestId('packet-inspector');
	await expect(inspector).toBeVisible();
	await expect(inspector).toContainText('VXLAN');
	await expect(inspector).toContainText('4789');
	await expect(inspector).toContainText('5001');
});

test('playing into a ping slows down so its packets can be followed, then speeds up again', async ({
	page
}) => {
	await openSandbox(page, '?scenario=vxlan-two-tenants');
	// The scenario's pings start at 5 s.
	await page.getByTestId('timeline').fill('4990');
	await expect.poll(() => clockMs(page)).toBe(4990);
	await expect(page.getByTestId('slow-motion')).toHaveAttribute('aria-pressed', 'true');
	await page.getByTestId('play-toggle').click();
	const slowed = page.getByTestId('slowed');
	await expect(slowed).toBeVisible({ timeout: 30_000 });
	expect(await packetsInFlight(page)).toBeGreaterThan(0);
	// The clock shows microseconds while slowed: HH:MM:SS.mmmuuu.
	await expect(page.getByTestId('sim-clock')).toHaveText(/^\d\d:\d\d:\d\d\.\d{6}$/);
	// Slow motion off (key m): playback runs on at the chosen speed.
	await page.keyboard.press('m');
	await expect(page.getByTestId('slow-motion')).toHaveAttribute('aria-pressed', 'false');
	await expect(slowed).toBeHidden();
	await expect.poll(() => clockMs(page), { timeout: 30_000 }).toBeGreaterThan(5200);
	await page.getByTestId('play-toggle').click();
});

test('the capture can be downloaded as pcapng', async ({ page }) => {
	await openSandbox(page, '?scenario=vxlan-two-tenants');
	await page.getByTestId('timeline').fill('8000');
	await page.getByRole('tab', { name: /network/i }).click();
	const download = page.waitForEvent('download');
	await page.getByTestId('download-capture').click();
	expect((await download).suggestedFilename()).toMatch(/\.pcapng$/);
});

test('the Network tab switches between the tenant view and the provider view', async ({ page }) => {
	await openSandbox(page, '?scenario=vxlan-two-tenants');
	await page.getByRole('tab', { name: /network/i }).click();
	const toggle = page.getByTestId('view-toggle');
	await expect(page.getByTestId('network-tenants')).toContainText('5001');
	await expect(page.getByTestId('network-tenants')).toContainText('Fabrikam');
	await toggle.click();
	await expect(toggle).toHaveAttribute('aria-pressed', 'true');
	await expect(page.getByTestId('network-hosts')).toContainText('10.10.56.11');
	await toggle.click();
	await expect(toggle).toHaveAttribute('aria-pressed', 'false');
	await expect(page.getByTestId('network-tenants')).toBeVisible();
});

test('a deny rule on the target VM drops the next ping, naming the rule', async ({ page }) => {
	await openSandbox(page, '?scenario=vxlan-two-tenants');
	// Past the Network Controller's policy push (before it, traffic has no mappings yet).
	await page.getByTestId('timeline').fill('1000');
	await expect.poll(() => clockMs(page)).toBe(1000);
	await page.getByRole('tab', { name: /network/i }).click();
	await page.getByTestId('acl-vm').selectOption('contoso-vm2');
	// No ACL yet: the effective list is the profile's allow-all pair.
	const table = page.getByRole('table', { name: /effective rules/i });
	await expect(table.getByRole('row', { name: /allow/i })).toHaveCount(2);
	const form = page.locator('form', { has: page.getByRole('button', { name: 'Add rule' }) });
	await form.getByLabel('Name').fill('BlockPing');
	await form.getByLabel('Direction').selectOption('inbound');
	await form.getByLabel('Protocol').selectOption('icmp');
	await form.getByLabel('Action').selectOption('deny');
	await form.getByRole('button', { name: 'Add rule' }).click();
	// The rule is listed, first inbound, with the implicit deny that attaching an ACL brings.
	await expect(table.getByRole('row').nth(1)).toContainText('BlockPing');
	await expect(table.getByRole('row', { name: /allow/i })).toHaveCount(0);
	await page.getByTestId('flow-from').selectOption('contoso-vm1');
	await page.getByTestId('flow-to').selectOption('contoso-vm2');
	await page.getByTestId('flow-protocol').selectOption('icmp');
	await page.getByTestId('flow-start').click();
	await page.getByTestId('speed').selectOption('10');
	await page.getByTestId('play-toggle').click();
	await page.getByRole('tab', { name: /event log/i }).click();
	await expect(page.getByTestId('drop-reason').first()).toContainText('BlockPing', {
		timeout: 30_000
	});
});

test('moving a VM to another server: the next ping follows it there', async ({ page }) => {
	await openSandbox(page, '?scenario=vxlan-two-tenants');
	await page.getByTestId('timeline').fill('1000');
	await expect.poll(() => clockMs(page)).toBe(1000);
	await page.getByRole('tab', { name: /network/i }).click();
	await page.getByTestId('move-vm').selectOption('contoso-vm2');
	await page.getByTestId('move-host').selectOption('Node03');
	await page.getByTestId('move-start').click();
	await expect(page.getByTestId('move-vm')).toContainText('contoso-vm2 (on Node03)');
	await page.getByTestId('flow-from').selectOption('contoso-vm1');
	await page.getByTestId('flow-to').selectOption('contoso-vm2');
	await page.getByTestId('flow-start').click();
	await page.getByTestId('slow-motion').click();
	await page.getByTestId('speed').selectOption('10');
	await page.getByTestId('play-toggle').click();
	await page.getByRole('tab', { name: /event log/i }).click();
	const delivered = page.getByTestId('event-log').locator('li', { hasText: 'packet.delivered' });
	await expect(delivered.filter({ hasText: 'contoso-vm2' }).first()).toContainText('Node03', {
		timeout: 30_000
	});
});

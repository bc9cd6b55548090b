import { expect, test } from '@playwright/test';
import { openSandbox } from './helpers';

test('failing a server from the objects table shows it failed in the table and the log', async ({
	page
}) => {
	await openSandbox(page);
	const table = page.getByTestId('objects-table');
	const row = table.getByTestId('row-Node02');
	const health = table.getByTestId('health-Node02');
	await row.click({ button: 'right' });
	const menu = page.getByTestId('actions-menu');
	await expect(menu).toBeVisible();
	await menu.getByRole('menuitem', { name: /fail/i }).click();
	await expect(health).toContainText('Failed');
	await expect(table.getByTestId('health-Node01')).toContainText('Healthy');
	await page.getByRole('tab', { name: /event log/i }).click();
	await expect(page.getByTestId('event-log')).toContainText('node.failed');
	await expect(page.getByTestId('event-log')).toContainText('Node02');
});

test('the keyboard path fails and restores the selected server', async ({ page }) => {
	await openSandbox(page);
	const table = page.getByTestId('objects-table');
	const row = table.getByTestId('row-Node03');
	const health = table.getByTestId('health-Node03');
	await row.focus();
	await page.keyboard.press('Enter');
	await page.keyboard.press('f');
	await expect(health).toContainText('Failed');
	await page.keyboard.press('r');
	await expect(health).toContainText('Healthy');
	await row.press('Shift+F10');
	await expect(page.getByTestId('actions-menu')).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(page.getByTestId('actions-menu')).toBeHidden();
});

test('peers lose contact with a failed server once its heartbeats stop', async ({ page }) => {
	await openSandbox(page);
	await page.getByTestId('objects-table').getByTestId('row-Node01').click({ button: 'right' });
	await page.getByTestId('actions-menu').getByRole('menuitem', { name: /fail/i }).click();
	await page.getByTestId('speed').selectOption('100');
	await page.getByTestId('play-toggle').click();
	await page.getByRole('tab', { name: /event log/i }).click();
	await expect(page.getByTestId('event-log')).toContainText('cluster.peer-lost', {
		timeout: 30_000
	});
});

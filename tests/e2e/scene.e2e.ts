import { expect, test } from '@playwright/test';
import { openSandbox, scenePosition } from './helpers';

test('clicking a server in 3D selects it and shows its details', async ({ page }) => {
	await openSandbox(page);
	const canvas = page.getByTestId('scene-canvas');
	await canvas.click({ position: await scenePosition(page, 'Node03') });
	const details = page.getByRole('tabpanel');
	await expect(details).toContainText('Node03');
	await expect(details).toContainText(/cores/i);
	await expect(page.getByTestId('objects-table').getByTestId('row-Node03')).toHaveAttribute(
		'aria-selected',
		'true'
	);
});

test('right-clicking a server in 3D fails it through the actions menu', async ({ page }) => {
	await openSandbox(page);
	const canvas = page.getByTestId('scene-canvas');
	await canvas.click({ button: 'right', position: await scenePosition(page, 'Node04') });
	const menu = page.getByTestId('actions-menu');
	await expect(menu).toBeVisible();
	await expect(menu).toContainText('Node04');
	await menu.getByRole('menuitem', { name: /fail/i }).click();
	await page.getByRole('tab', { name: /objects/i }).click();
	await expect(page.getByTestId('objects-table').getByTestId('health-Node04')).toContainText(
		'Failed'
	);
});

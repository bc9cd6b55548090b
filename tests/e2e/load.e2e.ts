import { expect, test } from '@playwright/test';
import { openSandbox, watchErrors } from './helpers';

test('the sandbox loads a 4-server scale unit with no console errors', async ({ page }) => {
	const errors = watchErrors(page);
	await openSandbox(page);
	const table = page.getByTestId('objects-table');
	for (const name of ['Node01', 'Node02', 'Node03', 'Node04']) {
		await expect(table.getByTestId(`health-${name}`)).toContainText('Healthy');
	}
	await expect(table).toContainText('TOR1');
	await expect(table).toContainText('TOR2');
	await expect(table).toContainText('BMC');
	await expect(table).toContainText('HLH');
	expect(errors).toEqual([]);
});

test('the 3D canvas draws the racks (not blank)', async ({ page }) => {
	await openSandbox(page);
	const canvas = page.getByTestId('scene-canvas');
	await expect(canvas).toBeVisible();
	// Count distinct colours in a grid of samples copied from the WebGL canvas: a blank or
	// single-colour canvas has one or two, a drawn rack scene many.
	const distinct = await canvas.evaluate(async (element) => {
		const source = element as HTMLCanvasElement;
		await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
		const copy = document.createElement('canvas');
		copy.width = source.width;
		copy.height = source.height;
		const context = copy.getContext('2d');
		if (!context) return 0;
		context.drawImage(source, 0, 0);
		const { data } = context.getImageData(0, 0, copy.width, copy.height);
		const colours = new Set<number>();
		const stepX = Math.max(1, Math.floor(copy.width / 64));
		const stepY = Math.max(1, Math.floor(copy.height / 64));
		for (let y = 0; y < copy.height; y += stepY) {
			for (let x = 0; x < copy.width; x += stepX) {
				const i = (y * copy.width + x) * 4;
				colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
			}
		}
		return colours.size;
	});
	expect(distinct).toBeGreaterThan(20);
});

test('a 16-server scenario shows sixteen servers', async ({ page }) => {
	await openSandbox(page, '?scenario=sixteen-node');
	await expect(page.getByTestId('objects-table').locator('[data-testid^="row-Node"]')).toHaveCount(
		16
	);
});

test('"?" opens the keyboard shortcuts and Escape closes them', async ({ page }) => {
	await openSandbox(page);
	await page.locator('body').press('?');
	const dialog = page.getByTestId('shortcuts-dialog');
	await expect(dialog).toBeVisible();
	await expect(dialog).toContainText(/play/i);
	await page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();
});

import { expect, test } from '@playwright/test';
import { clockMs, openSandbox } from './helpers';

test('play advances simulated time and pause stops it', async ({ page }) => {
	await openSandbox(page);
	const toggle = page.getByTestId('play-toggle');
	await page.getByTestId('speed').selectOption('100');
	await toggle.click();
	await expect(toggle).toHaveAttribute('aria-pressed', 'true');
	await expect.poll(() => clockMs(page)).toBeGreaterThan(2000);
	await toggle.click();
	await expect(toggle).toHaveAttribute('aria-pressed', 'false');
	// A request already in flight when pausing may still land once; after that the clock holds.
	const drift = async () => {
		const before = await clockMs(page);
		await page.waitForTimeout(250);
		return (await clockMs(page)) - before;
	};
	await expect.poll(drift).toBe(0);
	expect(await drift()).toBe(0);
});

test('step moves to the next event and step back returns', async ({ page }) => {
	await openSandbox(page);
	const start = await clockMs(page);
	await page.getByTestId('step').click();
	await expect.poll(() => clockMs(page)).toBeGreaterThan(start);
	const first = await clockMs(page);
	await page.getByTestId('step').click();
	await expect.poll(() => clockMs(page)).toBeGreaterThan(first);
	const second = await clockMs(page);
	await page.getByTestId('step-back').click();
	await expect.poll(() => clockMs(page)).toBeLessThan(second);
	expect(await clockMs(page)).toBeGreaterThanOrEqual(first);
});

test('speed covers 0.1x to 1000x', async ({ page }) => {
	await openSandbox(page);
	const speed = page.getByTestId('speed');
	await speed.selectOption('0.1');
	await expect(speed).toHaveAttribute('data-speed', '0.1');
	await speed.selectOption('1000');
	await expect(speed).toHaveAttribute('data-speed', '1000');
	await page.getByTestId('play-toggle').click();
	await expect.poll(() => clockMs(page)).toBeGreaterThan(20_000);
});

test('scrubbing the timeline seeks backwards and forwards', async ({ page }) => {
	await openSandbox(page);
	const timeline = page.getByTestId('timeline');
	await timeline.fill('30000');
	await expect.poll(() => clockMs(page)).toBe(30_000);
	await timeline.fill('10000');
	await expect.poll(() => clockMs(page)).toBe(10_000);
});

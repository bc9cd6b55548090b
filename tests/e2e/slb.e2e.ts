import { expect, test, type Page } from '@playwright/test';
import { clockMs, openSandbox, packetFlagsSeen, type StackScopeWindow } from './helpers';

// frame.ts PacketFlags
const LOAD_BALANCED = 8;
const DIRECT_RETURN = 16;

/** Pauses and moves simulated time to `tMs`, resolving once the page shows that time. */
async function seekTo(page: Page, tMs: number): Promise<void> {
	await page.evaluate((t) => (window as unknown as StackScopeWindow).__stackscope!.seek(t), tMs);
}

/** The inbound packet counter of MUX row `i` in the SLB panel. */
async function inbound(page: Page, i: number): Promise<number> {
	return Number(await page.getByTestId(`mux-${i}`).locator('td.num').textContent());
}

test('SLB: traffic to the VIP takes two paths, MUXes count inbound only, a MUX fails and the VIP still answers', async ({
	page
}) => {
	await openSandbox(page, '?scenario=slb-dsr');
	// After the DIPs' first probes passed (5 s), before the scenario's own traffic (12 s).
	await page.getByTestId('timeline').fill('6000');
	await expect.poll(() => clockMs(page)).toBe(6000);
	await page.getByRole('tab', { name: /network/i }).click();
	await expect(page.getByTestId('slb-routes')).toContainText('MUX01, MUX02');
	await page.getByTestId('slb-connect-count').fill('4');
	await page.getByTestId('slb-connect-start').click();
	// Slow motion (on by default) shows the packets: inbound ones, then replies by DSR.
	await page.getByTestId('speed').selectOption('10');
	await page.getByTestId('play-toggle').click();
	await expect
		.poll(async () => (await packetFlagsSeen(page)) & (LOAD_BALANCED | DIRECT_RETURN), {
			timeout: 60_000
		})
		.toBe(LOAD_BALANCED | DIRECT_RETURN);
	await expect
		.poll(async () => (await inbound(page, 0)) + (await inbound(page, 1)))
		.toBeGreaterThan(0);

	// Pause, fail MUX01, and move on in fixed steps of simulated time (no race with playback).
	await page.getByTestId('play-toggle').click();
	await expect(page.getByTestId('play-toggle')).toHaveAttribute('aria-pressed', 'false');
	const t0 = await clockMs(page);
	await page.getByTestId('mux-fail-0').click();
	await expect(page.getByTestId('mux-0')).toContainText('Failed');
	// The BGP hold time (3 s) passes: the TOR withdraws MUX01's route.
	await seekTo(page, t0 + 4000);
	await expect(page.getByTestId('slb-routes')).not.toContainText('MUX01');
	await expect(page.getByTestId('mux-0')).toContainText('Idle');
	const before = await inbound(page, 1);
	const counters = page.getByTestId('slb-counters');
	const answered = Number(await counters.locator('strong').nth(1).textContent());
	await page.getByTestId('slb-connect-start').click();
	await expect(page.getByTestId('sim-clock')).toHaveAttribute('data-ms', String(t0 + 4000));
	await seekTo(page, t0 + 6000);
	// The VIP keeps answering: MUX02 carries the new connections and replies come back by DSR.
	await expect.poll(() => inbound(page, 1)).toBeGreaterThan(before);
	await expect
		.poll(async () => Number(await counters.locator('strong').nth(1).textContent()))
		.toBeGreaterThan(answered);
});

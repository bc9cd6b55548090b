import { expect, test, type Page } from '@playwright/test';
import { clockMs, openSandbox, packetFlagsSeen } from './helpers';

// frame.ts PacketFlags
const LOAD_BALANCED = 8;
const DIRECT_RETURN = 16;

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

	// Fail MUX01 at full speed: the TOR withdraws its route after the BGP hold time.
	await page.getByTestId('slow-motion').click();
	await expect(page.getByTestId('slow-motion')).toHaveAttribute('aria-pressed', 'false');
	await page.getByTestId('speed').selectOption('100');
	await page.getByTestId('mux-fail-0').click();
	await expect(page.getByTestId('mux-0')).toContainText('Failed');
	await expect(page.getByTestId('slb-routes')).not.toContainText('MUX01', { timeout: 60_000 });
	await expect(page.getByTestId('mux-0')).toContainText('Idle');
	const before = await inbound(page, 1);
	const counters = page.getByTestId('slb-counters');
	const answered = Number((await counters.locator('strong').nth(1).textContent()) ?? 0);
	await page.getByTestId('slb-connect-start').click();
	// The VIP keeps answering: MUX02 carries the new connections and replies come back by DSR.
	await expect.poll(() => inbound(page, 1), { timeout: 60_000 }).toBeGreaterThan(before);
	await expect
		.poll(async () => Number(await counters.locator('strong').nth(1).textContent()), {
			timeout: 60_000
		})
		.toBeGreaterThan(answered);
	await page.getByTestId('play-toggle').click();
});

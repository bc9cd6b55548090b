import { expect, type Page } from '@playwright/test';

/** Collects console errors and uncaught page errors so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text());
	});
	page.on('pageerror', (error) => errors.push(error.message));
	return errors;
}

/** Opens the sandbox and waits until the scenario is loaded and the loading view is gone. */
export async function openSandbox(page: Page, query = ''): Promise<void> {
	await page.goto(`/${query}`);
	await page.waitForFunction(() => (window as unknown as StackScopeWindow).__stackscope?.ready);
	await expect(page.getByTestId('loading')).toHaveCount(0);
}

/** Simulated time shown by the clock, in ms. */
export async function clockMs(page: Page): Promise<number> {
	return Number(await page.getByTestId('sim-clock').getAttribute('data-ms'));
}

export interface StackScopeWindow {
	__stackscope?: {
		ready: boolean;
		stateHash(): Promise<string>;
		seek(tMs: number): Promise<void>;
		screenPosition(name: string): { x: number; y: number } | null;
		packetsInFlight: number;
		packetFlagsSeen: number;
		ioWriteServersSeen: number;
		vmCount: number;
		vmTiles: number | null;
	};
}

/** PacketFlags of every packet the page has shown since loading, OR-ed together. */
export async function packetFlagsSeen(page: Page): Promise<number> {
	return page.evaluate(() => (window as unknown as StackScopeWindow).__stackscope!.packetFlagsSeen);
}

/** Packet hops in the latest frame the page shows. */
export async function packetsInFlight(page: Page): Promise<number> {
	return page.evaluate(() => (window as unknown as StackScopeWindow).__stackscope!.packetsInFlight);
}

/** Where the named object is drawn on the 3D canvas, relative to the canvas (CSS px). */
export async function scenePosition(page: Page, name: string): Promise<{ x: number; y: number }> {
	const position = await page.evaluate(
		(n) => (window as unknown as StackScopeWindow).__stackscope?.screenPosition(n) ?? null,
		name
	);
	if (!position) throw new Error(`${name} is not on the 3D canvas`);
	return position;
}

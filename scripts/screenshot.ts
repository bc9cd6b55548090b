/**
 * Takes the README's screenshot (docs/screenshot.png) of the built site in Debian's Chromium:
 * `npm run build && npm run screenshot [-- --scenario node-failure --at 35000 --out file.png]`.
 * It starts `vite preview` itself and stops it afterwards.
 */
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import config from '../playwright.config';

const { values } = parseArgs({
	options: {
		scenario: { type: 'string', default: 'node-failure' },
		at: { type: 'string', default: '32000' },
		out: { type: 'string', default: 'docs/screenshot.png' },
		width: { type: 'string', default: '1440' },
		height: { type: 'string', default: '810' },
		select: { type: 'string', default: 'Node02' },
		tab: { type: 'string' }
	}
});

const port = 4174;
// Started without npx, in its own process group, so killing the group stops the server itself.
const server = spawn(
	'node_modules/.bin/vite',
	['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
	{ stdio: 'ignore', detached: true }
);
try {
	const browser = await chromium.launch(config.use?.launchOptions);
	const page = await browser.newPage({
		viewport: { width: Number(values.width), height: Number(values.height) }
	});
	for (let tries = 0; ; tries++) {
		try {
			await page.goto(`http://127.0.0.1:${port}/?scenario=${values.scenario}`);
			break;
		} catch (error) {
			if (tries > 50) throw error;
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	}
	await page.waitForFunction(
		() => (window as { __stackscope?: { ready: boolean } }).__stackscope?.ready
	);
	await page.evaluate(
		(t) =>
			(window as unknown as { __stackscope: { seek(t: number): Promise<void> } }).__stackscope.seek(
				t
			),
		Number(values.at)
	);
	if (values.select) await page.getByTestId(`row-${values.select}`).click();
	if (values.tab) await page.getByRole('tab', { name: values.tab }).click();
	await page.waitForTimeout(500);
	await page.screenshot({ path: values.out });
	await browser.close();
	console.log(`Wrote ${values.out}`);
} finally {
	if (server.pid) process.kill(-server.pid);
}

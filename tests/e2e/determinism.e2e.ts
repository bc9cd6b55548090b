import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { Simulation } from '../../src/lib/sim/index';
import { openSandbox, type StackScopeWindow } from './helpers';

test('the browser worker and Node give the same state hash for default-4-node.json', async ({
	page
}) => {
	const loaded = Simulation.fromJson(readFileSync('static/scenarios/default-4-node.json', 'utf8'));
	if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
	loaded.sim.runUntil(60_000);
	const nodeHash = loaded.sim.stateHash();

	await openSandbox(page);
	const browserHash = await page.evaluate(async () => {
		const hook = (window as unknown as StackScopeWindow).__stackscope!;
		await hook.seek(60_000);
		return hook.stateHash();
	});
	expect(browserHash).toMatch(/^[0-9a-f]{64}$/);
	expect(browserHash).toBe(nodeHash);
});

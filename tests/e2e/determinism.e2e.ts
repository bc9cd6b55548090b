import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { Simulation } from '../../src/lib/sim/index';
import { openSandbox, type StackScopeWindow } from './helpers';

/** Each preset, the time to compare at, and the query that opens it. */
const CASES = [
	{ file: 'default-4-node.json', atMs: 60_000, query: '' },
	// Tenant traffic, a MUX failure, BGP withdrawal, probes and DSR replies.
	{ file: 'slb-dsr.json', atMs: 90_000, query: '?scenario=slb-dsr' },
	// Storage IO with random offsets, a drive failure and stale regions.
	{ file: 's2d-three-way-mirror.json', atMs: 60_000, query: '?scenario=s2d-three-way-mirror' },
	// XState machines (server lifecycle, update orchestrator) mid-update, with storage IO.
	{ file: 'rolling-update.json', atMs: 700_000, query: '?scenario=rolling-update' }
];

for (const { file, atMs, query } of CASES) {
	test(`the browser worker and Node give the same state hash for ${file}`, async ({ page }) => {
		const loaded = Simulation.fromJson(readFileSync(`static/scenarios/${file}`, 'utf8'));
		if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
		loaded.sim.runUntil(atMs);
		const nodeHash = loaded.sim.stateHash();

		await openSandbox(page, query);
		const browserHash = await page.evaluate(async (t) => {
			const hook = (window as unknown as StackScopeWindow).__stackscope!;
			await hook.seek(t);
			return hook.stateHash();
		}, atMs);
		expect(browserHash).toMatch(/^[0-9a-f]{64}$/);
		expect(browserHash).toBe(nodeHash);
	});
}

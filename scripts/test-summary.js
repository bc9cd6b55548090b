#!/usr/bin/env node
// Adds up the unit/component (Vitest) and end-to-end (Playwright) results that `npm test` wrote
// to .reports/ and prints one plain line: "N passed, N failed". A missing report counts as a
// failure, so a suite that did not run is never mistaken for a green one.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;

const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);

const vitest = read('.reports/vitest.json');
if (vitest) {
	passed += vitest.numPassedTests ?? 0;
	failed += vitest.numFailedTests ?? 0;
	skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
} else {
	console.error('No Vitest report (.reports/vitest.json): the unit tests did not run.');
	failed += 1;
}

const e2e = read('.reports/e2e.json');
if (e2e) {
	passed += e2e.stats?.expected ?? 0;
	failed += (e2e.stats?.unexpected ?? 0) + (e2e.stats?.flaky ?? 0);
	skipped += e2e.stats?.skipped ?? 0;
} else {
	console.error('No Playwright report (.reports/e2e.json): the end-to-end tests did not run.');
	failed += 1;
}

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);

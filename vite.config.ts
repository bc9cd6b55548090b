import { sveltekit } from '@sveltejs/kit/vite';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	worker: { format: 'es' },
	test: {
		expect: { requireAssertions: true },
		// The JSON report feeds scripts/test-summary.js (the "N passed, N failed" line of CI).
		reporters: ['default', ['json', { outputFile: '.reports/vitest.json' }]],
		projects: [
			{
				extends: true,
				test: {
					name: 'sim',
					environment: 'node',
					include: [
						'src/lib/{sim,share,lessons,worker}/**/*.test.ts',
						'scripts/**/*.test.ts',
						'tests/unit/**/*.test.ts'
					]
				}
			},
			{
				extends: true,
				plugins: [svelteTesting()],
				test: {
					name: 'ui',
					environment: 'jsdom',
					include: ['src/lib/{app,ui,scene}/**/*.test.ts', 'src/routes/**/*.test.ts'],
					setupFiles: ['./vitest-setup-ui.ts']
				}
			}
		]
	}
});

import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * The import rules of ARCHITECTURE.md, enforced per folder. Each entry lists what a folder must
 * not import; `no-restricted-globals` keeps the simulation free of the DOM and of wall-clock time.
 */
const pattern = (group, message) => ({ group, message });

const simRules = {
	'no-restricted-imports': [
		'error',
		{
			patterns: [
				pattern(['svelte', 'svelte/*'], 'sim/ is pure: no svelte.'),
				pattern(['three', 'three/*'], 'sim/ is pure: no three.js.'),
				pattern(['comlink'], 'sim/ must not know about the worker boundary.'),
				pattern(
					['$lib', '$lib/*', '$app/*'],
					'sim/ imports only itself (relative paths), so Node and the CLI can run it.'
				),
				pattern(
					['**/worker/*', '**/app/*', '**/scene/*', '**/ui/*', '**/share/*', '**/lessons/*'],
					'sim/ must not import other $lib folders.'
				)
			]
		}
	],
	'no-restricted-globals': [
		'error',
		...[
			'window',
			'document',
			'self',
			'navigator',
			'localStorage',
			'performance',
			'requestAnimationFrame',
			'setTimeout',
			'setInterval'
		].map((name) => ({
			name,
			message: 'sim/ is deterministic and DOM-free: use the kernel clock and context instead.'
		}))
	],
	'no-restricted-properties': [
		'error',
		{ object: 'Math', property: 'random', message: 'Use the seeded kernel RNG.' },
		{ object: 'Date', property: 'now', message: 'Use simulated time (ctx.nowMs).' },
		{ object: 'performance', property: 'now', message: 'Use simulated time (ctx.nowMs).' }
	],
	'no-restricted-syntax': [
		'error',
		{ selector: "NewExpression[callee.name='Date']", message: 'No wall-clock dates in sim/.' }
	]
};

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default ts.config(
	{
		ignores: ['build/', '.svelte-kit/', 'node_modules/', 'test-results/', 'playwright-report/']
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{ files: ['src/lib/sim/**/*.ts'], ignores: ['src/lib/sim/**/*.test.ts'], rules: simRules },
	{
		files: ['src/lib/worker/**/*.ts'],
		rules: restrict([
			pattern(
				['svelte', 'svelte/*', 'three', 'three/*'],
				'worker/ runs the sim only: no svelte or three.'
			),
			pattern(
				['**/scene/*', '**/ui/*', '**/app/*', '$lib/scene/*', '$lib/ui/*', '$lib/app/*'],
				'worker/ must not import the UI side.'
			)
		])
	},
	{
		files: ['src/lib/share/**/*.ts', 'src/lib/lessons/**/*.ts'],
		rules: restrict([
			pattern(
				['svelte', 'svelte/*', 'three', 'three/*', 'comlink'],
				'share/ and lessons/ are data: no svelte, three or comlink.'
			),
			pattern(['**/worker/*', '$lib/worker/*'], 'share/ and lessons/ must not import worker/.')
		])
	},
	{
		files: ['src/lib/scene/**/*.ts'],
		// Tests and their fixtures may build real topologies with the simulation's builder.
		ignores: ['src/lib/scene/**/*.test.ts', 'src/lib/scene/test-*.ts'],
		rules: restrict([
			pattern(['xstate', 'svelte', 'svelte/*', 'comlink'], 'scene/ is three.js only.'),
			pattern(
				[
					'**/worker/*',
					'**/lessons/*',
					'**/app/*',
					'**/ui/*',
					'$lib/worker/*',
					'$lib/lessons/*',
					'$lib/app/*',
					'$lib/ui/*'
				],
				'scene/ draws frames; it must not reach the worker, app, ui or lessons.'
			),
			pattern(
				[
					'**/sim/kernel/*',
					'**/sim/cluster/*',
					'**/sim/scenario/*',
					'$lib/sim/kernel/*',
					'$lib/sim/cluster/*',
					'$lib/sim/scenario/*'
				],
				'scene/ may use only the sim frame decoder and types (sim/frame, sim/topology).'
			)
		])
	},
	{
		files: ['src/lib/app/**/*.ts'],
		rules: restrict([pattern(['three', 'three/*'], 'app/ must not draw: go through scene/.')])
	},
	{
		files: ['src/lib/ui/**/*.{ts,svelte}'],
		rules: restrict([
			pattern(['three', 'three/*'], 'ui/ must not use three directly: go through scene/.'),
			pattern(
				['**/worker/*', '$lib/worker/*', '**/sim/kernel/*', '$lib/sim/kernel/*'],
				'ui/ talks to app/ state, not to the worker or the kernel.'
			)
		])
	},
	{
		files: ['src/routes/**/*.{ts,svelte}'],
		rules: restrict([
			pattern(
				['$lib/sim/*/*', '**/sim/kernel/*', '**/sim/cluster/*'],
				'routes/ use public $lib entries; the sim runs in the worker.'
			)
		])
	}
);

import { describe, expect, it } from 'vitest';
import { Announcer } from './announcer.svelte';
import { LoadProgress, loadScenario, readyAnnouncement, type LoadContext } from './loading.svelte';
import type { SimHandle } from './session-deps';
import { fakeSim, makeTopology } from './test-fixtures';

const INDEX = [{ file: 'default-4-node.json', name: 'Four servers', description: 'd' }];

/** A load context over the fake worker that records what the sequence reported. */
function setup(options: { index?: string; startWorker?: () => Promise<SimHandle> } = {}) {
	const sim = fakeSim();
	const announcer = new Announcer(0, {
		now: () => 0,
		setTimeout: (fn) => (fn(), 1),
		clearTimeout: () => {}
	});
	const progress = new LoadProgress(announcer);
	const reported: string[] = [];
	let stale = false;
	const ctx: LoadContext = {
		deps: {
			startWorker: options.startWorker ?? (async () => sim.handle),
			fetch: async (url) =>
				String(url).endsWith('index.json')
					? new Response(options.index ?? JSON.stringify(INDEX), { status: 200 })
					: new Response('{}', { status: 200 }),
			base: ''
		},
		progress,
		stale: () => stale,
		chosen: (_, entry) => reported.push(`chosen ${entry.file}`),
		started: () => reported.push('started'),
		loaded: () => reported.push('loaded')
	};
	const supersede = () => (stale = true);
	progress.begin();
	return { sim, announcer, progress, ctx, reported, supersede };
}

describe('LoadProgress', () => {
	it('counts done and failed steps, and the active one as half', () => {
		const progress = new LoadProgress(new Announcer());
		expect(progress.progress).toBe(0);
		progress.begin();
		expect(progress.progress).toBeCloseTo(0.5 / 3);
		progress.setStep('worker', 'done');
		progress.setStep('scenario', 'error');
		expect(progress.progress).toBeCloseTo(2 / 3);
	});

	it('names the scenario in its step while the worker still starts', () => {
		const progress = new LoadProgress(new Announcer());
		progress.named('Four servers');
		expect(progress.steps.map((s) => [s.state, s.label])).toEqual([
			['active', 'Starting the simulation worker'],
			['pending', 'Loading scenario “Four servers”'],
			['pending', 'Building the 3D scene']
		]);
	});
});

describe('loadScenario', () => {
	it('walks the steps and leaves the scene step to the session', async () => {
		const { ctx, progress, reported } = setup();
		await loadScenario(ctx, null);
		expect(reported).toEqual(['chosen default-4-node.json', 'started', 'loaded']);
		expect(progress.phase).toBe('loading');
		expect(progress.steps.map((s) => s.state)).toEqual(['done', 'done', 'active']);
	});

	it('fails on a broken scenario index and stops the worker it started', async () => {
		const { ctx, progress, reported, sim, announcer } = setup({ index: '{"not":"a list"}' });
		await loadScenario(ctx, null);
		await new Promise((r) => setTimeout(r, 0));
		expect(reported).toEqual([]);
		expect(progress.phase).toBe('error');
		expect(progress.failure).toEqual({
			title: 'The list of scenarios could not be loaded',
			messages: ['the scenario list is not a JSON array']
		});
		expect(progress.steps.map((s) => s.state)).toEqual(['active', 'error', 'pending']);
		expect(sim.state.terminated).toBe(true);
		expect(announcer.message).toMatch(/^The list of scenarios could not be loaded\./);
	});

	it('names the scenario when the worker cannot load it', async () => {
		const { ctx, progress, sim } = setup();
		sim.api.load = async () => {
			throw new Error('worker crashed');
		};
		await loadScenario(ctx, null);
		expect(progress.failure).toEqual({
			title: 'The scenario "Four servers" could not be loaded',
			messages: ['worker crashed']
		});
		expect(progress.steps.map((s) => s.state)).toEqual(['done', 'error', 'pending']);
	});

	it('after a newer start, terminates a late worker and reports nothing more', async () => {
		let resolveWorker!: (handle: SimHandle) => void;
		const { ctx, progress, reported, sim, supersede } = setup({
			startWorker: () => new Promise((r) => (resolveWorker = r))
		});
		const loading = loadScenario(ctx, null);
		await new Promise((r) => setTimeout(r, 0));
		expect(reported).toEqual(['chosen default-4-node.json']);
		supersede();
		resolveWorker(sim.handle);
		await loading;
		expect(reported).toEqual(['chosen default-4-node.json']);
		expect(sim.state.terminated).toBe(true);
		expect(sim.state.calls).toEqual([]);
		expect(progress.phase).toBe('loading');
	});

	it('after a newer start, ignores a failure of the old one', async () => {
		const { ctx, progress, supersede } = setup({
			startWorker: async () => {
				supersede();
				throw new Error('worker script failed');
			}
		});
		await loadScenario(ctx, null);
		expect(progress.phase).toBe('loading');
		expect(progress.failure).toBeNull();
	});
});

describe('readyAnnouncement', () => {
	it('names the scenario and counts servers and racks', () => {
		const topology = makeTopology(4);
		expect(readyAnnouncement('Four servers', topology)).toBe(
			'Scenario Four servers loaded: 4 servers in 1 rack.'
		);
		expect(readyAnnouncement(null, topology)).toBe('Scenario test loaded: 4 servers in 1 rack.');
	});
});

/**
 * What a Session needs from the outside world: the worker handle and the browser services it
 * uses. `browser.ts` provides the real ones; tests pass fakes (see test-fixtures.ts).
 */
import type { SimApi } from '$lib/worker/protocol';
import type { Announcer } from './announcer.svelte';

/** The parts of the worker handle the session uses (startSimWorker's result satisfies it). */
export interface SimHandle {
	readonly api: Pick<
		SimApi,
		| 'load'
		| 'seek'
		| 'step'
		| 'stepBack'
		| 'addInput'
		| 'inputs'
		| 'queryLog'
		| 'stateHash'
		| 'packet'
		| 'capture'
		| 'invariants'
		| 'network'
		| 'aclRules'
		| 'driveContents'
		| 'slb'
		| 'storage'
		| 'cluster'
	>;
	terminate(): void;
}

/** The worker API as the session sees it. */
export type SessionApi = SimHandle['api'];

/** What the session needs from the outside world; tests pass fakes. */
export interface SessionDeps {
	startWorker(): Promise<SimHandle>;
	fetch: typeof fetch;
	/** The site's base path (`$app/paths` base), '' at the root. */
	base: string;
	requestAnimationFrame(callback: (wallMs: number) => void): number;
	cancelAnimationFrame(id: number): void;
	/** Shortest gap between frame-triggered log refreshes, in wall ms. */
	logThrottleMs?: number;
	announcer?: Announcer;
	/** Offers `data` to the learner as a file download named `filename` (browser.ts: an <a download>). */
	saveFile?(data: Blob, filename: string): void;
}

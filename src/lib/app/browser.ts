/**
 * The real-world dependencies of a Session (worker, fetch, animation frames) and the hook the
 * end-to-end tests read. Kept apart from the session so unit tests never start a worker.
 */
import { base } from '$app/paths';
import { startSimWorker } from '$lib/worker/client';
import type { TopologyInfo } from '$lib/sim/topology';
import { findObject, type ObjectRef } from './objects';
import type { SessionDeps } from './session.svelte';

/** Session dependencies for the browser: a real worker, `fetch` and requestAnimationFrame. */
export function browserSessionDeps(): SessionDeps {
	return {
		startWorker: startSimWorker,
		fetch: (input, init) => fetch(input, init),
		base,
		requestAnimationFrame: (callback) => requestAnimationFrame(callback),
		cancelAnimationFrame: (id) => cancelAnimationFrame(id),
		saveFile
	};
}

/** Offers `data` as a download through a temporary <a download> link. */
function saveFile(data: Blob, filename: string): void {
	const url = URL.createObjectURL(data);
	const link = document.createElement('a');
	link.href = url;
	link.download = filename;
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** What `window.__stackscope` offers end-to-end tests. */
export interface TestHook {
	/** Hash of the worker's whole simulation state. */
	stateHash(): Promise<string>;
	/** Pauses, seeks to `tMs` and resolves once a frame for that time has been applied. */
	seek(tMs: number): Promise<void>;
	/** Where the named object is drawn on the 3D canvas (CSS px), or null without a scene. */
	screenPosition(name: string): { x: number; y: number } | null;
	/** True once the scenario is loaded. */
	readonly ready: boolean;
	/** Packet hops (and drop markers) in the latest frame shown. */
	readonly packetsInFlight: number;
	/** PacketFlags of every packet shown since the scenario loaded, OR-ed together. */
	readonly packetFlagsSeen: number;
	/** The most distinct servers that took writes in one frame since the scenario loaded. */
	readonly ioWriteServersSeen: number;
	/** VMs in the latest frame shown. */
	readonly vmCount: number;
	/** VM tiles the 3D view draws for it, or null without a scene. */
	readonly vmTiles: number | null;
}

/** The part of a Session the hook uses. */
export interface HookedSession {
	stateHash(): Promise<string>;
	pause(): void;
	seek(tMs: number): void;
	readonly clock: { simTimeMs: number };
	readonly topology: TopologyInfo | null;
	readonly locateInScene: ((target: ObjectRef) => { x: number; y: number } | null) | null;
	readonly ready: boolean;
	readonly reader: { readonly packetCount: number; readonly vmCount: number };
	readonly packetFlagsSeen: number;
	readonly ioWriteServersSeen: number;
	readonly sceneVmTiles: (() => number) | null;
}

const FRAME_POLL_MS = 16;

/**
 * Exposes `window.__stackscope` for end-to-end tests (comparing the browser worker's state hash
 * with Node's). Returns a function that removes it again.
 */
export function exposeTestHook(target: Window, session: HookedSession): () => void {
	const host = target as Window & { __stackscope?: TestHook };
	const hook: TestHook = {
		stateHash: () => session.stateHash(),
		screenPosition(name) {
			const target = session.topology ? findObject(session.topology, name) : null;
			return target && session.locateInScene ? session.locateInScene(target) : null;
		},
		async seek(tMs) {
			session.pause();
			session.seek(tMs);
			while (session.clock.simTimeMs !== tMs) {
				await new Promise((resolve) => setTimeout(resolve, FRAME_POLL_MS));
			}
		},
		get packetsInFlight() {
			return session.reader.packetCount;
		},
		get packetFlagsSeen() {
			return session.packetFlagsSeen;
		},
		get ioWriteServersSeen() {
			return session.ioWriteServersSeen;
		},
		get vmCount() {
			return session.reader.vmCount;
		},
		get vmTiles() {
			return session.sceneVmTiles?.() ?? null;
		},
		get ready() {
			return session.ready;
		}
	};
	host.__stackscope = hook;
	return () => {
		if (host.__stackscope === hook) delete host.__stackscope;
	};
}

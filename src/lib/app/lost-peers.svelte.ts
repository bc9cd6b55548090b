/**
 * The peers the selected server has lost contact with, folded from its cluster entries in the
 * event log. Asked for on every log change while a server is selected, so the worker queries
 * are throttled: one per LOST_PEERS_DELAY_MS at most, answering for whatever is selected then.
 */
import type { TopologyInfo } from '$lib/sim/topology';
import { objectName, sameObject, type ObjectRef } from './objects';
import { lostPeers } from './peers';
import type { SessionApi } from './session-deps';

/** Wall ms between a request for a refresh and the query that answers it. */
export const LOST_PEERS_DELAY_MS = 250;

/** Most log entries read per query. */
const LOST_PEERS_LIMIT = 2000;

/** What the refresh reads from the session, when it runs. */
export interface LostPeersHost {
	selection(): ObjectRef | null;
	topology(): TopologyInfo | null;
	/** The running worker's API, or null when none runs. */
	api(): SessionApi | null;
	/** The session's restart counter: an answer from before a restart is dropped. */
	generation(): number;
}

export class LostPeers {
	/** Names of the peers the selected server has lost contact with. */
	names = $state.raw<string[]>([]);

	#host: LostPeersHost;
	#timer: ReturnType<typeof setTimeout> | null = null;

	constructor(host: LostPeersHost) {
		this.#host = host;
	}

	/** Asks for a refresh soon (a pending one already covers this request). */
	refresh(): void {
		if (this.#timer !== null) return;
		this.#timer = setTimeout(() => {
			this.#timer = null;
			void this.#query();
		}, LOST_PEERS_DELAY_MS);
	}

	/** Drops a pending refresh (on restart and disposal). */
	cancel(): void {
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = null;
	}

	async #query(): Promise<void> {
		const host = this.#host;
		const generation = host.generation();
		const sel = host.selection();
		const topology = host.topology();
		const api = host.api();
		if (sel?.kind !== 'node' || !topology || !api) return;
		const name = objectName(topology, sel);
		try {
			const page = await api.queryLog({
				kinds: ['cluster', 'node'],
				object: name,
				limit: LOST_PEERS_LIMIT
			});
			if (generation !== host.generation() || !sameObject(sel, host.selection())) return;
			this.names = lostPeers(
				page.entries.map((e) => e.entry),
				name
			);
		} catch {
			this.names = [];
		}
	}
}

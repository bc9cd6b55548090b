/**
 * State of the event log panel: the latest page of matching entries and the filters. Queries go
 * to the worker; refreshes triggered by new frames are throttled (a few per second at most) and
 * never overlap, so a fast-playing simulation cannot flood the worker with log queries.
 */
import type { LogPage, LogQuery } from '$lib/worker/protocol';

export type { LogPage, LogQuery };
/** One entry of the event log. */
export type LogEntry = LogPage['entries'][number]['entry'];

/** Kinds hidden until the learner asks for them: heartbeats outnumber everything else. */
export const DEFAULT_HIDDEN_KINDS: readonly string[] = ['heartbeat'];

/** How many of the latest matching entries the panel shows. */
export const LOG_LIMIT = 200;

export type LogQueryFn = (query: LogQuery) => Promise<LogPage>;

export class EventLogState {
	/** The latest page shown (null before the first query answers). */
	page = $state.raw<LogPage | null>(null);
	/** Every kind seen in the log so far, sorted. */
	kinds = $state.raw<string[]>([]);
	hiddenKinds = $state.raw<string[]>([...DEFAULT_HIDDEN_KINDS]);
	/** Only entries naming this object; '' for all. */
	object = $state('');
	/** Message of the last failed query, if any. */
	error = $state<string | null>(null);

	#query: LogQueryFn;
	#throttleMs: number;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#lastRunMs = -Infinity;
	#running = false;
	#again = false;
	#disposed = false;

	/**
	 * @param query asks the worker for a page of the log.
	 * @param throttleMs shortest gap between two frame-triggered refreshes, in wall ms.
	 */
	constructor(query: LogQueryFn, throttleMs = 300) {
		this.#query = query;
		this.#throttleMs = throttleMs;
	}

	/** Shows or hides entries of one kind, and refreshes at once. */
	setKindVisible(kind: string, visible: boolean): void {
		const others = this.hiddenKinds.filter((k) => k !== kind);
		this.hiddenKinds = visible ? others : [...others, kind];
		void this.refresh();
	}

	/** Filters by object name ('' for all), and refreshes at once. */
	setObject(name: string): void {
		this.object = name;
		void this.refresh();
	}

	/** Asks for a refresh soon: at most one per `throttleMs`, the last request always honoured. */
	invalidate(): void {
		if (this.#timer !== null || this.#disposed) return;
		const waitMs = Math.max(0, this.#lastRunMs + this.#throttleMs - performance.now());
		this.#timer = setTimeout(() => {
			this.#timer = null;
			void this.refresh();
		}, waitMs);
	}

	/** Queries now (or right after the query in flight, which may have missed the change). */
	async refresh(): Promise<void> {
		if (this.#disposed) return;
		if (this.#running) {
			this.#again = true;
			return;
		}
		this.#running = true;
		this.#lastRunMs = performance.now();
		try {
			await this.#queryUntilKindsKnown();
			this.error = null;
		} catch (error) {
			this.error = error instanceof Error ? error.message : String(error);
		} finally {
			this.#running = false;
		}
		if (this.#again) {
			this.#again = false;
			await this.refresh();
		}
	}

	/** Stops refreshing (on scenario change or page teardown). */
	dispose(): void {
		this.#disposed = true;
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = null;
	}

	/**
	 * The worker filters by a list of kinds to include, but the panel keeps a list to exclude (so
	 * new kinds show up by default). Until the kinds are known, or when a new kind appears that
	 * the include-list left out, the query is repeated with the right list.
	 */
	async #queryUntilKindsKnown(): Promise<void> {
		for (let attempt = 0; attempt < 3; attempt++) {
			const known = this.kinds;
			const visible = known.filter((k) => !this.hiddenKinds.includes(k));
			if (known.length > 0 && visible.length === 0) {
				this.page = { total: this.page?.total ?? 0, matched: 0, entries: [], kinds: known };
				return;
			}
			const query: LogQuery = { limit: LOG_LIMIT };
			if (known.length > 0) query.kinds = visible;
			if (this.object) query.object = this.object;
			const page = await this.#query(query);
			if (this.#disposed) return;
			const unknownKinds = page.kinds.filter((k) => !known.includes(k));
			this.kinds = page.kinds;
			const wrongKinds =
				known.length === 0
					? page.kinds.some((k) => this.hiddenKinds.includes(k))
					: unknownKinds.some((k) => !this.hiddenKinds.includes(k));
			if (!wrongKinds) {
				this.page = page;
				return;
			}
		}
	}
}

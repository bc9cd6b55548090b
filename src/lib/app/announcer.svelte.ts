/**
 * The text of the polite live region, rate-limited: messages arriving within `minGapMs` of the
 * last announcement are batched into the next one, so a burst of changes (a seek across many
 * events) is read as one sentence group instead of interrupting the screen reader again and again.
 */

/** Most messages read in one announcement; the rest are counted. */
const MAX_BATCH = 3;

export interface AnnouncerTimers {
	now(): number;
	setTimeout(fn: () => void, ms: number): unknown;
	clearTimeout(id: unknown): void;
}

const browserTimers: AnnouncerTimers = {
	now: () => performance.now(),
	setTimeout: (fn, ms) => setTimeout(fn, ms),
	clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>)
};

export class Announcer {
	/** What the live region currently says. */
	message = $state('');
	#pending: string[] = [];
	#timer: unknown = null;
	#lastMs = -Infinity;
	#flip = false;
	private readonly minGapMs: number;
	private readonly timers: AnnouncerTimers;

	/**
	 * @param minGapMs shortest wall-clock gap between two announcements, in ms.
	 * @param timers clock and timers (injected in tests).
	 */
	constructor(minGapMs = 1500, timers: AnnouncerTimers = browserTimers) {
		this.minGapMs = minGapMs;
		this.timers = timers;
	}

	/** Queues a message; it is read at once or, if one was read just now, after the gap. */
	announce(text: string): void {
		if (!text || this.#pending.includes(text)) return;
		this.#pending.push(text);
		if (this.#timer !== null) return;
		const waitMs = Math.max(0, this.#lastMs + this.minGapMs - this.timers.now());
		if (waitMs === 0) this.#flush();
		else this.#timer = this.timers.setTimeout(() => this.#flush(), waitMs);
	}

	/** Drops queued messages and clears the region (on scenario change). */
	reset(): void {
		if (this.#timer !== null) this.timers.clearTimeout(this.#timer);
		this.#timer = null;
		this.#pending = [];
		this.message = '';
	}

	#flush(): void {
		this.#timer = null;
		if (this.#pending.length === 0) return;
		const shown = this.#pending.slice(0, MAX_BATCH);
		const rest = this.#pending.length - shown.length;
		this.#pending = [];
		let text = shown.join(' ') + (rest > 0 ? ` And ${rest} more.` : '');
		// Screen readers skip a region whose text did not change; a trailing no-break space
		// alternates so a repeated message is read again.
		this.#flip = !this.#flip;
		if (this.#flip) text += '\u00a0';
		this.message = text;
		this.#lastMs = this.timers.now();
	}
}

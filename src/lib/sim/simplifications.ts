/**
 * Every place where the model departs from the real system, in one list the UI shows to learners
 * ("What is simplified"). Each entry names the FACTS.md section it relates to; add an entry
 * whenever a modelling choice is made anywhere in sim/.
 */
export interface Simplification {
	/** Stable id, e.g. 'heartbeat.latency'. */
	readonly id: string;
	readonly title: string;
	readonly detail: string;
	/** Where the real behaviour is documented (FACTS.md section and its source). */
	readonly source: string;
}

export const SIMPLIFICATIONS: readonly Simplification[] = [];

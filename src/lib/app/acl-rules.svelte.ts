/**
 * The effective firewall rules of the VM the ACL editor shows, as the simulation reports them at
 * the current time. Asked for when the learner picks a VM and on every log change (rules change
 * through logged inputs, and seeking back un-applies them), so queries are throttled: one per
 * ACL_RULES_DELAY_MS at most, answering for whichever VM is shown then.
 */
import type { AclRuleView } from './acl-form';
import type { SessionApi } from './session-deps';

/** Wall ms between a request for a refresh and the query that answers it. */
export const ACL_RULES_DELAY_MS = 150;

/** What the refresh reads from the session, when it runs. */
export interface AclRulesHost {
	/** The running worker's API, or null when none runs. */
	api(): SessionApi | null;
	/** The session's restart counter: an answer from before a restart is dropped. */
	generation(): number;
}

export class AclRules {
	/** The VM whose port the editor shows ('' for none). */
	vm = $state('');
	/** Its effective rules, in evaluation order. */
	rules = $state.raw<AclRuleView[]>([]);
	/** Why the rules could not be read, or null. */
	error = $state<string | null>(null);

	#host: AclRulesHost;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#delayMs: number;

	constructor(host: AclRulesHost, delayMs = ACL_RULES_DELAY_MS) {
		this.#host = host;
		this.#delayMs = delayMs;
	}

	/** Shows `vm`'s rules: clears the old VM's list at once and asks for the new one. */
	show(vm: string): void {
		if (vm === this.vm) return;
		this.vm = vm;
		this.rules = [];
		this.error = null;
		void this.#query();
	}

	/** Asks for a refresh soon (a pending one already covers this request). */
	refresh(): void {
		if (!this.vm || this.#timer !== null) return;
		this.#timer = setTimeout(() => {
			this.#timer = null;
			void this.#query();
		}, this.#delayMs);
	}

	/** Drops a pending refresh and forgets the VM (on restart and disposal). */
	reset(): void {
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = null;
		this.vm = '';
		this.rules = [];
		this.error = null;
	}

	async #query(): Promise<void> {
		const host = this.#host;
		const api = host.api();
		const vm = this.vm;
		if (!api || !vm) return;
		const generation = host.generation();
		try {
			const rules = await api.aclRules(vm);
			if (generation !== host.generation() || vm !== this.vm) return;
			this.rules = rules;
			this.error = null;
		} catch (error) {
			if (generation !== host.generation() || vm !== this.vm) return;
			this.error = error instanceof Error ? error.message : String(error);
		}
	}
}

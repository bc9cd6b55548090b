/**
 * Running XState v5 machines inside the deterministic model without live actors: a machine's
 * state is stored as plain data (its state value and context), so engine checkpoints can clone
 * it, and every event goes through XState's pure `transition`, which returns the next state and
 * the actions to carry out. The model carries out those actions itself (scheduling on the
 * virtual clock, logging), so nothing ever reads the wall clock.
 */
import { initialTransition, transition, type AnyStateMachine, type StateValue } from 'xstate';

/** A machine's state as the model stores it (structured-cloneable). */
export interface MachineRecord<C = Record<string, unknown>> {
	value: StateValue;
	context: C;
}

/** An action the machine asks for: its type and parameters. */
export interface MachineAction {
	type: string;
	params: Record<string, unknown>;
}

function plainActions(actions: readonly { type: string; params?: unknown }[]): MachineAction[] {
	return actions
		.filter((a) => !a.type.startsWith('xstate.'))
		.map((a) => ({ type: a.type, params: (a.params ?? {}) as Record<string, unknown> }));
}

/** The machine's initial record and entry actions. */
export function startMachine<C>(
	machine: AnyStateMachine,
	input?: unknown
): { record: MachineRecord<C>; actions: MachineAction[] } {
	const [snapshot, actions] = initialTransition(machine, input);
	return {
		record: { value: snapshot.value, context: snapshot.context as C },
		actions: plainActions(actions)
	};
}

/**
 * Sends `event` to the machine in `record`. Returns the next record and the actions, and
 * whether the event changed anything (an event the state does not handle changes nothing).
 */
export function sendMachine<C>(
	machine: AnyStateMachine,
	record: MachineRecord<C>,
	event: { type: string; [key: string]: unknown }
): { record: MachineRecord<C>; actions: MachineAction[]; handled: boolean } {
	const snapshot = machine.resolveState({ value: record.value, context: record.context });
	const [next, actions] = transition(machine, snapshot, event);
	const handled = next !== snapshot;
	return {
		record: handled ? { value: next.value, context: next.context as C } : record,
		actions: plainActions(actions),
		handled
	};
}

/** The record's state as a dotted path ("running.draining"). */
export function stateName(record: MachineRecord<unknown>): string {
	const walk = (v: StateValue): string =>
		typeof v === 'string'
			? v
			: Object.entries(v)
					.map(([k, inner]) => (inner === undefined ? k : `${k}.${walk(inner as StateValue)}`))
					.join(',');
	return walk(record.value);
}

/** Every state of a machine as dotted paths, parents before children (for the statechart view). */
export function machineStates(machine: AnyStateMachine): string[] {
	const out: string[] = [];
	const walk = (node: { key: string; states: Record<string, unknown> }, prefix: string) => {
		for (const [key, child] of Object.entries(node.states)) {
			const path = prefix ? `${prefix}.${key}` : key;
			out.push(path);
			walk(child as { key: string; states: Record<string, unknown> }, path);
		}
	};
	walk(machine.root as unknown as { key: string; states: Record<string, unknown> }, '');
	return out;
}

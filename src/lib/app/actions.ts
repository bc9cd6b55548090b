/**
 * What a learner can do to an object (the actions menu and the `f` / `r` shortcuts), and how
 * shortcuts become session calls. Pure helpers plus one dispatcher, so the components only
 * render and forward.
 */
import { Health } from '$lib/sim/health';
import type { HealthView } from './frame-view';
import { objectName, type ObjectRef } from './objects';
import type { Session } from './session.svelte';
import type { ShortcutAction } from './shortcuts';
import { formatSpeed } from './format';

/** An action on an object; the node ones become input events at the current simulated time. */
export type ObjectAction =
	| { type: 'node.fail'; node: number }
	| { type: 'node.restore'; node: number }
	| { type: 'details'; target: ObjectRef };

export interface ActionItem {
	label: string;
	action: ObjectAction;
	/** False when the action does not apply now (e.g. restoring a healthy server). */
	enabled: boolean;
}

/**
 * The actions menu for `target`: Fail / Restore for a server (only the applicable one enabled:
 * a failed server can be restored, any other can be failed), then "Show details".
 */
export function objectActions(target: ObjectRef, health: HealthView): ActionItem[] {
	const items: ActionItem[] = [];
	if (target.kind === 'node') {
		const failed = health.nodes[target.index] === Health.failed;
		items.push(
			{ label: 'Fail server', action: { type: 'node.fail', node: target.index }, enabled: !failed },
			{
				label: 'Restore server',
				action: { type: 'node.restore', node: target.index },
				enabled: failed
			}
		);
	}
	items.push({ label: 'Show details', action: { type: 'details', target }, enabled: true });
	return items;
}

/** Carries out an object action on the session. */
export function runAction(session: Session, action: ObjectAction): void {
	if (action.type === 'node.fail') session.failNode(action.node);
	else if (action.type === 'node.restore') session.restoreNode(action.node);
	else session.showDetails(action.target);
}

/** Carries out a keyboard shortcut; says why through the live region when it cannot apply. */
export function runShortcut(session: Session, action: ShortcutAction): void {
	switch (action.type) {
		case 'togglePlay':
			return session.togglePlay();
		case 'step':
			return session.step();
		case 'stepBack':
			return session.stepBack();
		case 'home':
			return session.seek(0);
		case 'slower':
		case 'faster': {
			if (action.type === 'slower') session.slower();
			else session.faster();
			// The new speed is known after the machine handled the event (synchronously).
			session.announcer.announce(`Speed ${formatSpeed(session.speed)}`);
			return;
		}
		case 'slowMotion':
			session.setSlowMotion(!session.slowMotion);
			session.announcer.announce(`Packet slow motion ${session.slowMotion ? 'on' : 'off'}`);
			return;
		case 'fail':
		case 'restore': {
			const done = action.type === 'fail' ? session.failSelected() : session.restoreSelected();
			if (!done) session.announcer.announce(whyNot(session, action.type));
			return;
		}
		case 'tab':
			return session.setTab(action.tab);
		case 'help':
			session.helpOpen = true;
			return;
	}
}

function whyNot(session: Session, type: 'fail' | 'restore'): string {
	const sel = session.selection;
	if (sel?.kind !== 'node' || !session.topology) return `Select a server to ${type} first.`;
	const name = objectName(session.topology, sel);
	return type === 'fail' ? `${name} has already failed.` : `${name} has not failed.`;
}

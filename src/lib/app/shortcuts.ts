/**
 * Keyboard shortcuts as a pure mapping from a key event to an action, so the rules (ignore keys
 * while typing, ignore modified keys, leave Space to the focused button) are unit-testable and the
 * help dialog lists exactly what the mapping does.
 */

/** Side-panel tabs in order; shortcuts 1–7 select them. */
export const PANEL_TABS = [
	'details',
	'objects',
	'log',
	'simplified',
	'network',
	'storage',
	'cluster'
] as const;
export type PanelTab = (typeof PANEL_TABS)[number];

export type ShortcutAction =
	| { type: 'togglePlay' }
	| { type: 'step' }
	| { type: 'stepBack' }
	| { type: 'slower' }
	| { type: 'faster' }
	| { type: 'slowMotion' }
	| { type: 'home' }
	| { type: 'fail' }
	| { type: 'restore' }
	| { type: 'tab'; tab: PanelTab }
	| { type: 'help' };

/** The parts of a KeyboardEvent the mapping looks at (a real event satisfies it). */
export interface KeyLike {
	key: string;
	ctrlKey: boolean;
	altKey: boolean;
	metaKey: boolean;
	defaultPrevented?: boolean;
	target: EventTarget | null;
}

/** One line of the help dialog. */
export interface ShortcutHelp {
	keys: string[];
	description: string;
}

export const SHORTCUT_HELP: readonly ShortcutHelp[] = [
	{ keys: ['Space'], description: 'Play or pause' },
	{ keys: ['.', '→'], description: 'Step to the next event' },
	{ keys: [',', '←'], description: 'Step back to the previous event' },
	{ keys: ['['], description: 'Slower' },
	{ keys: [']'], description: 'Faster' },
	{ keys: ['m'], description: 'Packet slow motion on or off' },
	{ keys: ['Home'], description: 'Back to time 0' },
	{ keys: ['f'], description: 'Fail the selected server' },
	{ keys: ['r'], description: 'Restore the selected server' },
	{
		keys: ['1', '2', '3', '4', '5', '6', '7'],
		description: 'Details, Objects, Event log, Simplified, Network, Storage, Cluster tab'
	},
	{ keys: ['Shift+F10', 'Menu'], description: 'Actions for the focused row in the Objects table' },
	{ keys: ['?'], description: 'Show this help' }
];

const KEY_ACTIONS: Record<string, ShortcutAction> = {
	' ': { type: 'togglePlay' },
	'.': { type: 'step' },
	ArrowRight: { type: 'step' },
	',': { type: 'stepBack' },
	ArrowLeft: { type: 'stepBack' },
	'[': { type: 'slower' },
	']': { type: 'faster' },
	m: { type: 'slowMotion' },
	M: { type: 'slowMotion' },
	Home: { type: 'home' },
	f: { type: 'fail' },
	F: { type: 'fail' },
	r: { type: 'restore' },
	R: { type: 'restore' },
	'1': { type: 'tab', tab: 'details' },
	'2': { type: 'tab', tab: 'objects' },
	'3': { type: 'tab', tab: 'log' },
	'4': { type: 'tab', tab: 'simplified' },
	'5': { type: 'tab', tab: 'network' },
	'6': { type: 'tab', tab: 'storage' },
	'7': { type: 'tab', tab: 'cluster' },
	'?': { type: 'help' }
};

/** True when keys typed at `target` belong to a form field (text, select, slider, editor). */
export function isFormField(target: EventTarget | null): boolean {
	if (!target || typeof (target as Element).tagName !== 'string') return false;
	const element = target as HTMLElement;
	const tag = element.tagName.toLowerCase();
	return (
		tag === 'input' ||
		tag === 'textarea' ||
		tag === 'select' ||
		element.isContentEditable === true ||
		element.getAttribute?.('contenteditable') === 'true'
	);
}

/** True when the focused element activates on Space/Enter itself (a button, link, menu item). */
function activatesOnSpace(target: EventTarget | null): boolean {
	if (!target || typeof (target as Element).tagName !== 'string') return false;
	const element = target as HTMLElement;
	const tag = element.tagName.toLowerCase();
	const role = element.getAttribute?.('role') ?? '';
	return (
		tag === 'button' ||
		tag === 'a' ||
		tag === 'summary' ||
		['button', 'link', 'menuitem', 'tab', 'row', 'checkbox', 'option'].includes(role)
	);
}

/**
 * Maps a key event to a shortcut, or null when the key is not a shortcut or must be left alone:
 * while typing in a form field, with Ctrl/Alt/Meta held (browser and OS shortcuts win; Shift is
 * allowed because `?` needs it on most layouts), when a widget already handled the key
 * (`defaultPrevented`), or Space on a focused button (it presses that button instead).
 */
export function shortcutFor(event: KeyLike): ShortcutAction | null {
	if (event.ctrlKey || event.altKey || event.metaKey) return null;
	if (event.defaultPrevented) return null;
	if (isFormField(event.target)) return null;
	if (event.key === ' ' && activatesOnSpace(event.target)) return null;
	return KEY_ACTIONS[event.key] ?? null;
}

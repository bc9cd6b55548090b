import { describe, expect, it } from 'vitest';
import { SHORTCUT_HELP, shortcutFor, type KeyLike } from './shortcuts';

const key = (k: string, extra: Partial<KeyLike> = {}): KeyLike => ({
	key: k,
	ctrlKey: false,
	altKey: false,
	metaKey: false,
	target: document.body,
	...extra
});

describe('shortcutFor', () => {
	it('maps the documented keys', () => {
		expect(shortcutFor(key(' '))).toEqual({ type: 'togglePlay' });
		expect(shortcutFor(key('.'))).toEqual({ type: 'step' });
		expect(shortcutFor(key('ArrowRight'))).toEqual({ type: 'step' });
		expect(shortcutFor(key(','))).toEqual({ type: 'stepBack' });
		expect(shortcutFor(key('ArrowLeft'))).toEqual({ type: 'stepBack' });
		expect(shortcutFor(key('['))).toEqual({ type: 'slower' });
		expect(shortcutFor(key(']'))).toEqual({ type: 'faster' });
		expect(shortcutFor(key('Home'))).toEqual({ type: 'home' });
		expect(shortcutFor(key('f'))).toEqual({ type: 'fail' });
		expect(shortcutFor(key('r'))).toEqual({ type: 'restore' });
		expect(shortcutFor(key('3'))).toEqual({ type: 'tab', tab: 'log' });
		expect(shortcutFor(key('5'))).toEqual({ type: 'tab', tab: 'network' });
		expect(shortcutFor(key('6'))).toEqual({ type: 'tab', tab: 'storage' });
		expect(shortcutFor(key('7'))).toEqual({ type: 'tab', tab: 'cluster' });
		expect(shortcutFor(key('?', {}))).toEqual({ type: 'help' });
		expect(shortcutFor(key('x'))).toBeNull();
	});

	it('ignores keys typed in form fields', () => {
		for (const tag of ['input', 'textarea', 'select']) {
			const field = document.createElement(tag);
			expect(shortcutFor(key('f', { target: field }))).toBeNull();
			expect(shortcutFor(key(' ', { target: field }))).toBeNull();
		}
		const editor = document.createElement('div');
		editor.setAttribute('contenteditable', 'true');
		expect(shortcutFor(key('r', { target: editor }))).toBeNull();
	});

	it('ignores keys with Ctrl, Alt or Meta held, and keys a widget already handled', () => {
		expect(shortcutFor(key('r', { ctrlKey: true }))).toBeNull();
		expect(shortcutFor(key('f', { metaKey: true }))).toBeNull();
		expect(shortcutFor(key('1', { altKey: true }))).toBeNull();
		expect(shortcutFor(key('ArrowRight', { defaultPrevented: true }))).toBeNull();
	});

	it('leaves Space to a focused button but still maps other keys there', () => {
		const button = document.createElement('button');
		expect(shortcutFor(key(' ', { target: button }))).toBeNull();
		expect(shortcutFor(key('.', { target: button }))).toEqual({ type: 'step' });
	});

	it('documents every mapped key in the help list', () => {
		const documented = SHORTCUT_HELP.flatMap((h) => h.keys);
		for (const k of [
			'Space',
			'.',
			'→',
			',',
			'←',
			'[',
			']',
			'Home',
			'f',
			'r',
			'1',
			'4',
			'5',
			'6',
			'7',
			'?'
		]) {
			expect(documented).toContain(k);
		}
	});
});

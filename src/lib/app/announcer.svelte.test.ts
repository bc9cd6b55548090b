import { describe, expect, it } from 'vitest';
import { Announcer } from './announcer.svelte';

/** A manual clock: timers run when the test advances time. */
function manualTimers() {
	let nowMs = 0;
	const timers: { at: number; fn: () => void }[] = [];
	return {
		now: () => nowMs,
		setTimeout: (fn: () => void, ms: number) => timers.push({ at: nowMs + ms, fn }),
		clearTimeout: () => {},
		advance(ms: number) {
			nowMs += ms;
			for (const t of timers.splice(0).filter((t) => t.at <= nowMs)) t.fn();
		}
	};
}

describe('Announcer', () => {
	it('announces at once, then batches messages that arrive within the gap', () => {
		const timers = manualTimers();
		const announcer = new Announcer(1000, timers);
		announcer.announce('Node02 failed.');
		expect(announcer.message.trim()).toBe('Node02 failed.');
		announcer.announce('Node01 lost contact with 1 peer.');
		announcer.announce('Node03 lost contact with 1 peer.');
		announcer.announce('Node03 lost contact with 1 peer.'); // duplicate dropped
		expect(announcer.message.trim()).toBe('Node02 failed.');
		timers.advance(1000);
		expect(announcer.message.trim()).toBe(
			'Node01 lost contact with 1 peer. Node03 lost contact with 1 peer.'
		);
	});

	it('changes the text when the same message repeats, so it is read again', () => {
		const timers = manualTimers();
		const announcer = new Announcer(0, timers);
		announcer.announce('Paused at the end of the timeline.');
		const first = announcer.message;
		announcer.announce('Paused at the end of the timeline.');
		expect(announcer.message).not.toBe(first);
		expect(announcer.message.trim()).toBe(first.trim());
	});
});

import { describe, expect, it } from 'vitest';
import { packFrame, VmFrameState } from '$lib/sim/frame';
import { EMPTY_CLOCK, EMPTY_HEALTH, EMPTY_VMS } from './frame-view';
import { LatestFrame } from './latest-frame.svelte';
import { makeFrame, makeTopology } from './test-fixtures';

describe('LatestFrame', () => {
	const topology = makeTopology(4);

	it('shows a frame and returns the clock it replaced', () => {
		const latest = new LatestFrame();
		const before = latest.apply(makeFrame(topology, 1500, { logCount: 3 }), topology, null);
		expect(before).toBe(EMPTY_CLOCK);
		expect(latest.clock).toMatchObject({ simTimeMs: 1500, logCount: 3, inputCount: 0 });
		expect(latest.reader.simTimeMs).toBe(1500);
		expect(latest.frameVersion).toBe(1);
		const clock = latest.clock;
		expect(latest.apply(makeFrame(topology, 2000), topology, null)).toBe(clock);
		expect(latest.frameVersion).toBe(2);
	});

	it('keeps the health snapshot while no code changes, and announces changes when asked', () => {
		const latest = new LatestFrame();
		const said: string[] = [];
		const announcer = { announce: (s: string) => said.push(s) };
		latest.apply(makeFrame(topology, 0), topology, null);
		const health = latest.health;
		latest.apply(makeFrame(topology, 100), topology, announcer);
		expect(latest.health).toBe(health);
		latest.apply(makeFrame(topology, 200, { nodeHealth: [0, 2, 0, 0] }), topology, null);
		expect(latest.health.nodes).toEqual([0, 2, 0, 0]);
		latest.apply(makeFrame(topology, 300, { nodeHealth: [0, 2, 2, 0] }), null, announcer);
		latest.apply(makeFrame(topology, 400), topology, announcer);
		expect(said).toEqual(['Node02 was restored.', 'Node03 was restored.']);
	});

	it('clears back to the empty snapshots', () => {
		const latest = new LatestFrame();
		latest.apply(makeFrame(topology, 1500), topology, null);
		latest.clear();
		expect(latest.clock).toBe(EMPTY_CLOCK);
		expect(latest.health).toBe(EMPTY_HEALTH);
		expect(latest.vms).toBe(EMPTY_VMS);
	});

	it('keeps the VM snapshot while the VMs stay put, and replaces it when one moves', () => {
		const latest = new LatestFrame();
		const withVms = (t: number, server: number) => {
			const reader = latest.reader.attach(makeFrame(topology, t));
			const vm = { role: 0, state: VmFrameState.running, from: 0xffff, progress: 0 };
			return packFrame({
				simTimeMs: t,
				logCount: 0,
				processed: 0,
				inputCount: 0,
				flags: 0,
				nextEventMs: Infinity,
				nodeHealth: [0, 0, 0, 0],
				nodePeersLost: [0, 0, 0, 0],
				nodeMsSinceHeartbeat: [0, 0, 0, 0],
				driveHealth: new Array(reader.driveCount).fill(0),
				switchHealth: new Array(reader.switchCount).fill(0),
				vms: [{ ...vm, server }]
			});
		};
		latest.apply(withVms(100, 1), topology, null);
		const vms = latest.vms;
		expect(vms.servers).toEqual([1]);
		latest.apply(withVms(200, 1), topology, null);
		expect(latest.vms).toBe(vms);
		latest.apply(withVms(300, 2), topology, null);
		expect(latest.vms.servers).toEqual([2]);
	});
});

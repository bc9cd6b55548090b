import { describe, expect, it } from 'vitest';
import { FrameReader, packFrame, VM_FROM_NONE, VmFrameState, type FrameVm } from '$lib/sim/frame';
import {
	describeHealthChanges,
	readClock,
	readHealth,
	readVms,
	EMPTY_HEALTH,
	EMPTY_VMS,
	VmPhase,
	type VmsView
} from './frame-view';
import { makeFrame, makeHealth, makeTopology } from './test-fixtures';

describe('frame views', () => {
	it('copies health from a frame and keeps the same object when nothing changed', () => {
		const topology = makeTopology(4);
		const reader = new FrameReader().attach(
			makeFrame(topology, 1500, { nodeHealth: [0, 2, 0, 0], logCount: 7 })
		);
		expect(readClock(reader)).toEqual({ simTimeMs: 1500, logCount: 7, inputCount: 0, idle: false });
		const first = readHealth(reader, EMPTY_HEALTH);
		expect(first.nodes).toEqual([0, 2, 0, 0]);
		expect(first.drives).toHaveLength(8);
		reader.attach(makeFrame(topology, 2000, { nodeHealth: [0, 2, 0, 0] }));
		expect(readHealth(reader, first)).toBe(first);
		reader.attach(makeFrame(topology, 2500, { nodeHealth: [0, 0, 0, 0] }));
		expect(readHealth(reader, first)).not.toBe(first);
	});

	it('describes server failures, restorations and lost peers in sentences', () => {
		const topology = makeTopology(4);
		const before = makeHealth(topology);
		const failed = { ...makeHealth(topology, { 1: 2 }), peersLost: [1, 0, 1, 0] };
		expect(describeHealthChanges(topology, before, failed)).toEqual([
			'Node01 lost contact with 1 peer.',
			'Node02 failed.',
			'Node03 lost contact with 1 peer.'
		]);
		expect(describeHealthChanges(topology, failed, before)).toEqual([
			'Node01 regained contact with all its peers.',
			'Node02 was restored.',
			'Node03 regained contact with all its peers.'
		]);
	});

	it('summarises a burst of changes instead of listing them all', () => {
		const topology = makeTopology(8);
		const all = makeHealth(topology, { 0: 2, 1: 2, 2: 2, 3: 2, 4: 2 });
		const sentences = describeHealthChanges(topology, makeHealth(topology), all);
		expect(sentences).toHaveLength(1);
		expect(sentences[0]).toMatch(/several objects: 5 changes/);
	});
});

describe('readVms', () => {
	const topology = makeTopology(4);
	const vm = (over: Partial<FrameVm> = {}): FrameVm => ({
		server: 0,
		role: 7,
		state: VmFrameState.running,
		from: VM_FROM_NONE,
		progress: 0,
		...over
	});
	const read = (vms: FrameVm[], previous: VmsView = EMPTY_VMS) => {
		const source = {
			simTimeMs: 1000,
			logCount: 0,
			processed: 0,
			inputCount: 0,
			flags: 0,
			nextEventMs: Infinity,
			nodeHealth: [0, 0, 0, 0],
			nodePeersLost: [0, 0, 0, 0],
			nodeMsSinceHeartbeat: [0, 0, 0, 0],
			driveHealth: new Array(topology.drives.length).fill(0),
			switchHealth: new Array(topology.switches.length).fill(0),
			vms
		};
		return readVms(new FrameReader().attach(packFrame(source)), previous);
	};
	const moving = (progress: number) =>
		vm({ server: 2, from: 1, state: VmFrameState.migrating, progress });

	it('copies every VM, with -1 for no source and the migration reduced to its phase', () => {
		const view = read([vm(), moving(0), moving(0.4), moving(1)]);
		expect(view).toEqual({
			servers: [0, 2, 2, 2],
			roles: [7, 7, 7, 7],
			states: [0, 1, 1, 1],
			from: [-1, 1, 1, 1],
			phases: [VmPhase.waiting, VmPhase.waiting, VmPhase.underWay, VmPhase.done]
		});
	});

	it('keeps the same object while only the progress within a phase changes', () => {
		const first = read([vm(), moving(0.2)]);
		expect(read([vm(), moving(0.7)], first)).toBe(first);
		expect(read([vm(), moving(1)], first)).not.toBe(first);
		expect(read([vm({ state: VmFrameState.down }), moving(0.2)], first)).not.toBe(first);
		expect(read([vm()], first)).not.toBe(first);
		expect(read([], EMPTY_VMS)).toBe(EMPTY_VMS);
	});
});

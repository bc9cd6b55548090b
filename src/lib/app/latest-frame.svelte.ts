/**
 * The latest frame from the worker: the FrameReader bound to it and the small snapshots the
 * panels render. The reader is a plain field (rebound in place for every frame, never deep
 * state); `frameVersion` is bumped once per frame so the 3D view knows to read it again, and the
 * `clock`, `health` and `vms` snapshots are replaced as `$state.raw` (health and VMs only when
 * something they show changed).
 */
import { FrameReader } from '$lib/sim/frame';
import type { TopologyInfo } from '$lib/sim/topology';
import type { Announcer } from './announcer.svelte';
import {
	EMPTY_CLOCK,
	EMPTY_HEALTH,
	EMPTY_VMS,
	describeHealthChanges,
	readClock,
	readHealth,
	readVms,
	type ClockView,
	type HealthView,
	type VmsView
} from './frame-view';

export class LatestFrame {
	clock = $state.raw<ClockView>(EMPTY_CLOCK);
	health = $state.raw<HealthView>(EMPTY_HEALTH);
	vms = $state.raw<VmsView>(EMPTY_VMS);
	/** Bumped once per applied frame; read `reader` after it changes. */
	frameVersion = $state(0);
	/** Decodes the latest frame; rebound in place for every frame, never reactive. */
	readonly reader = new FrameReader();

	/**
	 * Shows the frame in `buffer`. Health changes are described to `announcer` first, when one is
	 * given and the topology is known. Returns the clock of the frame it replaced, so the caller
	 * can tell whether the event log or the input log changed.
	 */
	apply(
		buffer: ArrayBuffer,
		topology: TopologyInfo | null,
		announcer: Pick<Announcer, 'announce'> | null
	): ClockView {
		const before = this.clock;
		this.reader.attach(buffer);
		const clock = readClock(this.reader);
		const health = readHealth(this.reader, this.health);
		if (announcer && health !== this.health && topology) {
			for (const sentence of describeHealthChanges(topology, this.health, health)) {
				announcer.announce(sentence);
			}
		}
		this.clock = clock;
		this.health = health;
		this.vms = readVms(this.reader, this.vms);
		this.frameVersion++;
		return before;
	}

	/** Back to the empty snapshots (between scenarios). The reader keeps its last buffer. */
	clear(): void {
		this.health = EMPTY_HEALTH;
		this.vms = EMPTY_VMS;
		this.clock = EMPTY_CLOCK;
	}
}

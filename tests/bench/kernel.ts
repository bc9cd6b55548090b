/**
 * Kernel throughput against a bare binary-heap loop doing the same (t, seq) pushes and pops, both
 * measured in one run so the ratio holds across machines. Figures only: nothing here asserts.
 *
 * Workload: a constant population of POPULATION pending events; processing one event pushes one
 * new event after a precomputed delay, until eventCount events have been pushed in total. The
 * delays are drawn once up front so both loops see exactly the same event sequence.
 */
import { Engine } from '../../src/lib/sim/kernel/engine';
import { createRng } from '../../src/lib/sim/kernel/rng';
import type { EventData, Model, SimEvent } from '../../src/lib/sim/kernel/types';

const POPULATION = 1000;
const MAX_DELAY_MS = 1000;
const TICK = 'bench.tick';
const NO_DATA: EventData = Object.freeze({});

function makeDelays(eventCount: number): Int32Array {
	const rng = createRng(20240601);
	const delays = new Int32Array(eventCount);
	for (let i = 0; i < eventCount; i++) delays[i] = rng.int(0, MAX_DELAY_MS);
	return delays;
}

interface BenchState {
	pushed: number;
	lastMs: number;
}

/** Engine run; returns the time of the last event as a checksum. */
function runEngine(delays: Int32Array): { ms: number; processed: number; lastMs: number } {
	const total = delays.length;
	const initial = Math.min(POPULATION, total);
	const model: Model<BenchState, null> = {
		init(_scenario, ctx) {
			for (let i = 0; i < initial; i++) ctx.schedule(delays[i], TICK, NO_DATA);
			return { pushed: initial, lastMs: 0 };
		},
		handle(state, event, ctx) {
			state.lastMs = event.t;
			if (state.pushed < total) ctx.schedule(delays[state.pushed++], TICK, NO_DATA);
		},
		input() {}
	};
	const engine = new Engine(model);
	const start = performance.now();
	engine.load(null, 1);
	engine.runUntil(Number.MAX_SAFE_INTEGER);
	const ms = performance.now() - start;
	return { ms, processed: engine.processed, lastMs: engine.state.lastMs };
}

/** The same workload on a plain array heap with inline (t, seq) sifts. */
function runBare(delays: Int32Array): { ms: number; processed: number; lastMs: number } {
	const total = delays.length;
	const start = performance.now();
	const heap: SimEvent[] = [];
	let seqCounter = 0;
	const push = (t: number) => {
		const seq = seqCounter++;
		const event: SimEvent = { t, seq, type: TICK, data: NO_DATA };
		let i = heap.length;
		heap.push(event);
		while (i > 0) {
			const parentIndex = (i - 1) >> 1;
			const parent = heap[parentIndex];
			if (parent.t < t || (parent.t === t && parent.seq < seq)) break;
			heap[i] = parent;
			i = parentIndex;
		}
		heap[i] = event;
	};
	const pop = (): SimEvent => {
		const top = heap[0];
		const last = heap.pop() as SimEvent;
		const n = heap.length;
		if (n > 0) {
			const half = n >> 1;
			let i = 0;
			while (i < half) {
				let childIndex = 2 * i + 1;
				let child = heap[childIndex];
				const rightIndex = childIndex + 1;
				if (rightIndex < n) {
					const right = heap[rightIndex];
					if (right.t < child.t || (right.t === child.t && right.seq < child.seq)) {
						childIndex = rightIndex;
						child = right;
					}
				}
				if (last.t < child.t || (last.t === child.t && last.seq < child.seq)) break;
				heap[i] = child;
				i = childIndex;
			}
			heap[i] = last;
		}
		return top;
	};
	const initial = Math.min(POPULATION, total);
	for (let i = 0; i < initial; i++) push(delays[i]);
	let pushed = initial;
	let processed = 0;
	let lastMs = 0;
	while (heap.length > 0) {
		const event = pop();
		processed++;
		lastMs = event.t;
		if (pushed < total) push(event.t + delays[pushed++]);
	}
	const ms = performance.now() - start;
	return { ms, processed, lastMs };
}

/**
 * Measures the engine and the bare heap loop on `eventCount` events (after one warm-up run of
 * each). Rates are events per wall-clock second; ratio = bare rate / kernel rate (target <= 3).
 */
export function benchKernel(eventCount = 1_000_000): {
	kernelEventsPerSec: number;
	bareEventsPerSec: number;
	ratio: number;
} {
	const delays = makeDelays(eventCount);
	runEngine(delays);
	runBare(delays);
	const kernel = runEngine(delays);
	const bare = runBare(delays);
	if (kernel.processed !== bare.processed || kernel.lastMs !== bare.lastMs) {
		throw new Error(
			`bench loops diverged: kernel ${kernel.processed}@${kernel.lastMs}, ` +
				`bare ${bare.processed}@${bare.lastMs}`
		);
	}
	const kernelEventsPerSec = (kernel.processed / kernel.ms) * 1000;
	const bareEventsPerSec = (bare.processed / bare.ms) * 1000;
	return { kernelEventsPerSec, bareEventsPerSec, ratio: bareEventsPerSec / kernelEventsPerSec };
}

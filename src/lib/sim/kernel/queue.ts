/**
 * The event queue: a binary min-heap of SimEvents ordered by (t, seq). `seq` comes from a counter
 * owned by the queue, so events at equal times come out in insertion order, which is what makes a
 * run reproducible.
 *
 * Array-backed and allocation-light on purpose: push and pop sift with local variables (the "hole"
 * technique, one write per level) and never create closures, because the engine's throughput is
 * bounded by this loop (see tests/bench/kernel.ts).
 */
import type { EventData, SimEvent } from './types';

/** Shared payload for events scheduled without data; frozen so nobody can write into it. */
export const EMPTY_DATA: EventData = Object.freeze({});

/** Binary min-heap of SimEvents ordered by time, then insertion sequence. */
export class EventQueue {
	private heap: SimEvent[] = [];
	private seqCounter = 0;

	/**
	 * Rebuilds a queue from a checkpoint. Events are immutable, so they are reused; only the array
	 * is copied. `nextSeq` must exceed every event's seq so new events sort after them at equal t.
	 */
	static from(events: readonly SimEvent[], nextSeq: number): EventQueue {
		const queue = new EventQueue();
		const heap = events.slice();
		for (let i = 0; i < heap.length; i++) {
			if (!(heap[i].seq < nextSeq)) {
				throw new RangeError(`EventQueue.from: event seq ${heap[i].seq} >= nextSeq ${nextSeq}`);
			}
		}
		queue.heap = heap;
		queue.seqCounter = nextSeq;
		// Floyd's bottom-up heapify: O(n), cheaper than n pushes.
		for (let i = (heap.length >> 1) - 1; i >= 0; i--) queue.siftDown(i);
		return queue;
	}

	/** Number of pending events. */
	get size(): number {
		return this.heap.length;
	}

	/** The seq the next pushed event will get (persisted by checkpoints). */
	get nextSeq(): number {
		return this.seqCounter;
	}

	/** Adds an event at simulated time `t` (ms) and returns it. Throws on a NaN time. */
	push(t: number, type: string, data: EventData = EMPTY_DATA): SimEvent {
		// NaN compares false with everything and would silently corrupt the heap order.
		if (t !== t) throw new RangeError(`EventQueue.push: time is NaN (type ${type})`);
		const seq = this.seqCounter++;
		const event: SimEvent = { t, seq, type, data };
		const heap = this.heap;
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
		return event;
	}

	/** Removes and returns the earliest event (lowest t, then lowest seq), or undefined. */
	pop(): SimEvent | undefined {
		const heap = this.heap;
		if (heap.length === 0) return undefined;
		const top = heap[0];
		const last = heap.pop() as SimEvent;
		if (heap.length > 0) {
			heap[0] = last;
			this.siftDown(0);
		}
		return top;
	}

	/** The earliest event without removing it. */
	peek(): SimEvent | undefined {
		return this.heap[0];
	}

	/** Time (ms) of the earliest event, or Infinity when empty. */
	peekTime(): number {
		return this.heap.length === 0 ? Infinity : this.heap[0].t;
	}

	/** A copy of the pending events in heap order (not sorted); the events themselves are shared. */
	toArray(): SimEvent[] {
		return this.heap.slice();
	}

	private siftDown(start: number): void {
		const heap = this.heap;
		const n = heap.length;
		const half = n >> 1;
		const item = heap[start];
		const t = item.t;
		const seq = item.seq;
		let i = start;
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
			if (t < child.t || (t === child.t && seq < child.seq)) break;
			heap[i] = child;
			i = childIndex;
		}
		heap[i] = item;
	}
}

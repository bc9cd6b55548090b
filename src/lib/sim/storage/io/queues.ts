/**
 * The queues of the IO path: every drive and each server's send and receive link is a FIFO
 * queue, kept as the time it is busy until (params.ts CHOICE: served in the order IOs are
 * issued). Background work takes a share of a resource's time instead of queueing in front of
 * VM IO. Also the ring of recent interleave transfers the 3D view draws.
 */
import { M_BUSY, M_BYTES, M_IOS, meterAdd } from './meters';
import { driveServiceMs, LINK_BYTES_PER_MS, LINK_LATENCY_MS, MAX_BACKGROUND_SHARE } from './params';
import { MEDIA_OF_CODE, receiveLink, sendLink, type IoState } from './state';

/**
 * The share of resource r's time background work holds at `at` (0 when none), at most
 * MAX_BACKGROUND_SHARE so VM IO always moves.
 */
const backgroundShare = (io: IoState, r: number, at: number): number =>
	at < io.bgUntil[r] ? io.bgShare[r] : 0;

/**
 * Queues `ms` of VM work on resource r no earlier than `at`; returns when it finishes. While
 * background work holds a share of the resource, the VM work takes longer in proportion.
 */
function queue(io: IoState, r: number, at: number, ms: number): number {
	const start = Math.max(at, io.busyUntil[r]);
	const end = start + ms / (1 - backgroundShare(io, r, start));
	io.busyUntil[r] = end;
	return end;
}

/**
 * Background work (de-staging, resync, rotation) of `ms` on resource r spread over the next
 * `periodMs`: it takes a share of the resource's time instead of queueing in front of VM IO
 * (params.ts CHOICE). Returns when it would finish at full speed (for drawing).
 */
export function background(
	io: IoState,
	r: number,
	now: number,
	ms: number,
	periodMs: number
): number {
	const share = backgroundShare(io, r, now) + ms / periodMs;
	io.bgShare[r] = Math.min(MAX_BACKGROUND_SHARE, share);
	io.bgUntil[r] = Math.max(io.bgUntil[r], now + periodMs);
	if (r < io.driveMedia.length) meterAdd(io.meters.drives, r, M_BUSY, ms);
	return now + ms;
}

/** Background bytes on drive d over `periodMs` (sequential); returns when they would land. */
export function backgroundServe(
	io: IoState,
	d: number,
	now: number,
	bytes: number,
	periodMs: number
): number {
	const ms = driveServiceMs(MEDIA_OF_CODE[io.driveMedia[d]], bytes, false);
	meterAdd(io.meters.drives, d, M_IOS, 1);
	meterAdd(io.meters.drives, d, M_BYTES, bytes);
	return background(io, d, now, ms, periodMs);
}

/** Background bytes from server a to server b over `periodMs`; returns when they would arrive. */
export function backgroundTransfer(
	io: IoState,
	a: number,
	b: number,
	now: number,
	bytes: number,
	periodMs: number
): number {
	if (a === b) return now;
	const ms = bytes / LINK_BYTES_PER_MS;
	background(io, sendLink(io, a), now, ms, periodMs);
	return background(io, receiveLink(io, b), now, ms, periodMs) + LINK_LATENCY_MS;
}

/**
 * Moves `bytes` from server a to server b starting no earlier than `at`: the sender's link and the
 * receiver's link each carry it in their own order (data streams through, so the two are not
 * held for each other). Returns the arrival time (same server: `at`).
 */
export function transfer(io: IoState, a: number, b: number, at: number, bytes: number): number {
	if (a === b) return at;
	const ms = bytes / LINK_BYTES_PER_MS;
	const sent = queue(io, sendLink(io, a), at, ms);
	const received = queue(io, receiveLink(io, b), at, ms);
	return Math.max(sent, received) + LINK_LATENCY_MS;
}

/** Serves `bytes` on topology drive d from `at`; records the work in the drive's meter. */
export function serve(
	io: IoState,
	d: number,
	at: number,
	bytes: number,
	random: boolean,
	ops = 1
): number {
	const ms = ops * driveServiceMs(MEDIA_OF_CODE[io.driveMedia[d]], bytes, random);
	meterAdd(io.meters.drives, d, M_IOS, ops);
	meterAdd(io.meters.drives, d, M_BYTES, bytes * ops);
	meterAdd(io.meters.drives, d, M_BUSY, ms);
	return queue(io, d, at, ms);
}

/** Records one interleave transfer for the 3D view. */
export function recordFlight(
	io: IoState,
	kind: number,
	fromNode: number,
	drive: number,
	volume: number,
	startMs: number,
	landMs: number
): void {
	const f = io.flights;
	const i = f.head;
	f.startMs[i] = startMs;
	f.landMs[i] = landMs;
	f.fromNode[i] = fromNode;
	f.drive[i] = drive;
	f.kind[i] = kind;
	f.volume[i] = volume;
	f.head = (i + 1) % f.startMs.length;
	f.count = Math.min(f.count + 1, f.startMs.length);
}

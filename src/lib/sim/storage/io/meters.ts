/**
 * Per-second meters behind the IO charts: for each object (a workload, a volume or a drive) the
 * running second's sums and a ring of the last seconds. Flat Float64Arrays, so a checkpoint
 * copies a few kilobytes and nothing is allocated per IO.
 */

/** The fields every meter keeps, in order. */
export const M_IOS = 0;
export const M_READS = 1;
export const M_BYTES = 2;
/** Sum of latencies (ms) of the IOs completed in the second. */
export const M_LATENCY_SUM = 3;
export const M_LATENCY_MAX = 4;
/** Drives: ms spent serving requests. Workloads: ms IOs waited on the IOPS cap. */
export const M_BUSY = 5;
/** IOs that waited on the cap (workloads), or background bytes (drives). */
export const M_WAITED = 6;
export const METER_FIELDS = 7;

export interface Meters {
	count: number;
	readonly seconds: number;
	/** Seconds rolled so far; the newest complete second is at slot (rolled − 1) mod seconds. */
	rolled: number;
	current: Float64Array;
	history: Float64Array;
}

export function createMeters(count: number, seconds: number): Meters {
	return {
		count,
		seconds,
		rolled: 0,
		current: new Float64Array(count * METER_FIELDS),
		history: new Float64Array(count * METER_FIELDS * seconds)
	};
}

/** Makes room for `count` objects (a workload defined while running), keeping what is there. */
export function growMeters(m: Meters, count: number): void {
	if (count <= m.count) return;
	const current = new Float64Array(count * METER_FIELDS);
	current.set(m.current);
	const history = new Float64Array(count * METER_FIELDS * m.seconds);
	history.set(m.history);
	m.current = current;
	m.history = history;
	m.count = count;
}

/** Adds `value` to field `field` of object `i` in the running second. */
export function meterAdd(m: Meters, i: number, field: number, value: number): void {
	m.current[i * METER_FIELDS + field] += value;
}

/** Raises field `field` of object `i` to at least `value` in the running second. */
export function meterMax(m: Meters, i: number, field: number, value: number): void {
	const at = i * METER_FIELDS + field;
	if (value > m.current[at]) m.current[at] = value;
}

/** Closes the running second: it becomes the newest point of every object's history. */
export function meterRoll(m: Meters): void {
	const slot = m.rolled % m.seconds;
	const stride = METER_FIELDS * m.seconds;
	for (let i = 0; i < m.count; i++) {
		for (let f = 0; f < METER_FIELDS; f++) {
			m.history[i * stride + slot * METER_FIELDS + f] = m.current[i * METER_FIELDS + f];
		}
	}
	m.current.fill(0);
	m.rolled++;
}

/** Object i's field over the kept seconds, oldest first (fewer while the run is young). */
export function meterSeries(m: Meters, i: number, field: number): number[] {
	const n = Math.min(m.rolled, m.seconds);
	const stride = METER_FIELDS * m.seconds;
	const out: number[] = [];
	for (let k = m.rolled - n; k < m.rolled; k++) {
		out.push(m.history[i * stride + (k % m.seconds) * METER_FIELDS + field]);
	}
	return out;
}

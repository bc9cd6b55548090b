/**
 * S2D placement cost: a 10 TB three-way-mirror volume placed on a 16-server pool with four
 * capacity drives per server: the bytes its typed arrays hold, and the time to compute it.
 */
import { createRng } from '../../src/lib/sim/kernel/rng';
import { slabCount, slabLayout } from '../../src/lib/sim/storage/layout';
import { makePool, placeVolume } from '../../src/lib/sim/storage/placement';

const SERVERS = 16;
const DRIVES_PER_SERVER = 4;
const VOLUME_BYTES = 10e12;
const REPEATS = 20;

export interface PlacementBench {
	slabs: number;
	bytes: number;
	msPerPlacement: number;
}

export function benchPlacement(): PlacementBench {
	const servers = Array.from({ length: SERVERS * DRIVES_PER_SERVER }, (_, i) =>
		Math.floor(i / DRIVES_PER_SERVER)
	);
	const pool = makePool(
		SERVERS,
		servers,
		servers.map(() => 8e12)
	);
	const layout = slabLayout('three-way-mirror', {
		servers: SERVERS,
		capacityDrivesPerServer: DRIVES_PER_SERVER,
		media: 'hybrid'
	});
	const slabs = slabCount(layout, VOLUME_BYTES);
	let placement = placeVolume(pool, layout, slabs, createRng(1));
	const start = performance.now();
	for (let i = 0; i < REPEATS; i++) placement = placeVolume(pool, layout, slabs, createRng(i));
	const msPerPlacement = (performance.now() - start) / REPEATS;
	const bytes = Object.values(placement).reduce(
		(sum: number, v) => sum + (ArrayBuffer.isView(v) ? v.byteLength : 0),
		0
	);
	return { slabs, bytes, msPerPlacement };
}

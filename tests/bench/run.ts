/**
 * `npm run bench`: prints performance figures and writes them to BENCHMARKS.md. Figures, not
 * tests: nothing here fails on time. Ratios are measured within one run so the machine's speed
 * cancels out.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { Simulation } from '../../src/lib/sim/index';
import { benchKernel } from './kernel';
import { benchNetwork, NETWORK_FLOWS } from './network';
import { benchSlb, SLB_MUXES } from './slb';
import { benchPlacement } from './storage';
import { benchStorageIo, IO_TARGET_IOPS } from './storage-io';
import { benchRollingUpdate } from './rolling-update';

const KERNEL_EVENTS = 1_000_000;
const FRAME_PACKS = 20_000;

function benchFramePack(): { msPerFrame: number; bytes: number } {
	const text = readFileSync('static/scenarios/sixteen-node.json', 'utf8');
	const loaded = Simulation.fromJson(text);
	if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
	const sim = loaded.sim;
	sim.runUntil(30_000);
	let bytes = 0;
	for (let i = 0; i < 1000; i++) bytes = sim.frame().byteLength; // warm up
	const start = performance.now();
	for (let i = 0; i < FRAME_PACKS; i++) sim.frame();
	const msPerFrame = (performance.now() - start) / FRAME_PACKS;
	return { msPerFrame, bytes };
}

/** How fast the full 16-server heartbeat model runs: simulated seconds per wall-clock second. */
function benchModel(): { simSecondsPerSecond: number; entriesPerSecond: number } {
	const text = readFileSync('static/scenarios/sixteen-node.json', 'utf8');
	const loaded = Simulation.fromJson(text);
	if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
	const sim = loaded.sim;
	const simMs = 600_000;
	const start = performance.now();
	sim.runUntil(simMs);
	const wallMs = performance.now() - start;
	return {
		simSecondsPerSecond: simMs / wallMs,
		entriesPerSecond: (sim.log.length / wallMs) * 1000
	};
}

const kernel = benchKernel(KERNEL_EVENTS);
const model = benchModel();
const network = benchNetwork();
const slb = benchSlb();
const placement = benchPlacement();
const storageIo = benchStorageIo();
const rolling = benchRollingUpdate();
const frame = benchFramePack();
const fmt = (n: number, digits = 0) =>
	n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const rows: [string, string, string][] = [
	[`Kernel: events per second (${fmt(KERNEL_EVENTS)} events)`, fmt(kernel.kernelEventsPerSec), ''],
	['Bare binary-heap push/pop loop, same events', fmt(kernel.bareEventsPerSec), ''],
	['Kernel cost relative to the bare loop', `${fmt(kernel.ratio, 2)}x`, 'at most 3x'],
	[
		'16-server heartbeat model: simulated time per wall-clock time (10 simulated minutes)',
		`${fmt(model.simSecondsPerSecond)}x`,
		'above 1000x (the fastest playback speed)'
	],
	['16-server heartbeat model: log entries written per second', fmt(model.entriesPerSecond), ''],
	[
		`Tenant traffic: packets sent per second, ${fmt(NETWORK_FLOWS)} concurrent TCP flows on 16 servers (${fmt(network.packets)} packets)`,
		fmt(network.packetsPerSec),
		''
	],
	['Tenant traffic: kernel items per second (every hop is an event)', fmt(network.itemsPerSec), ''],
	[
		'Tenant traffic: packets per second relative to the bare heap loop',
		`${fmt(network.packetsPerSec / kernel.bareEventsPerSec, 4)}x`,
		''
	],
	[
		`SLB: connections per second through the load-balanced path, 16 servers, ${SLB_MUXES} MUXes (${fmt(slb.connections)} TCP connections, replies by DSR)`,
		fmt(slb.connectionsPerSec),
		''
	],
	['SLB: packets per second on that path', fmt(slb.packetsPerSec), ''],
	[
		`S2D: memory of the placement of a 10 TB three-way mirror, 16 servers × 4 drives (${fmt(placement.slabs)} slabs of 1 GiB)`,
		`${fmt(placement.bytes / 1024, 1)} KiB`,
		''
	],
	['S2D: time to compute that placement', `${fmt(placement.msPerPlacement, 2)} ms`, ''],
	[
		`S2D IO: simulated IOs completed per wall-clock second, 16 servers, 48 VMs aiming at ${fmt(IO_TARGET_IOPS)} IOPS of 4 KiB / 64 KiB / 1 MiB (80/16/4 %, 70 % reads; ${fmt(storageIo.ios)} IOs)`,
		fmt(storageIo.iosPerWallSecond),
		''
	],
	[
		'S2D IO: simulated IOPS the VMs reached',
		fmt(storageIo.simulatedIops),
		`${fmt(IO_TARGET_IOPS)}`
	],
	[
		'S2D IO: simulated time per wall-clock time at that load',
		`${fmt(storageIo.simPerWall, 2)}x`,
		''
	],
	[
		`Rolling patch and update of 16 servers with ${fmt(rolling.vms)} VMs (200 tenant VMs in availability sets, the 28 infrastructure VMs and the 16 workload VMs) and storage IO running (16 workloads at 50 IOPS; ${fmt(rolling.simMs / 60_000)} simulated minutes, ${fmt(rolling.ios)} IOs): simulated time per wall-clock time`,
		`${fmt(rolling.simPerWall)}x`,
		''
	],
	[
		`Pack one frame, 16-node scenario (${frame.bytes} bytes)`,
		`${fmt(frame.msPerFrame * 1000, 2)} µs`,
		'under 1 ms'
	]
];

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const table = [
	'| Figure | Measured | Target |',
	'| --- | --- | --- |',
	...rows.map((r) => `| ${r.join(' | ')} |`)
].join('\n');

const doc = `# Benchmarks

Written by \`npm run bench\` (tests/bench/run.ts). Figures from one run on ${cpu}, Node ${process.version}.
Targets are goals for the design, not test assertions: the ratio compares the kernel with a bare
heap loop measured in the same run, so it holds across machines better than absolute numbers.

${table}
`;

console.log(table);
writeFileSync('BENCHMARKS.md', doc);
console.log('\nWrote BENCHMARKS.md');

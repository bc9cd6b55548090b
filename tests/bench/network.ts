/**
 * Tenant traffic throughput: 1,000 concurrent TCP flows between VMs spread over the 16-server
 * scenario, each a handshake, data segments with their ACKs and a close, every packet real bytes
 * moving hop by hop through the kernel. Reported as packets sent per wall-clock second and as
 * kernel items per second, next to the bare heap loop measured in the same run.
 */
import { readFileSync } from 'node:fs';
import { Simulation } from '../../src/lib/sim/index';

export const NETWORK_FLOWS = 1_000;
const VMS_PER_SERVER = 4;
const SEGMENTS_PER_FLOW = 8;

/** The 16-node preset plus one tenant with VMs on every server and 1,000 TCP flows at t = 1 s. */
function scenarioText(): string {
	const scenario = JSON.parse(readFileSync('static/scenarios/sixteen-node.json', 'utf8'));
	const nodes: number = scenario.topology.nodes;
	const vms = [];
	for (let i = 0; i < nodes * VMS_PER_SERVER; i++) {
		vms.push({
			name: `vm${i}`,
			tenant: 'Bench',
			virtualNetwork: 'bench-vnet',
			subnet: 'app',
			host: i % nodes,
			ca: `10.1.${Math.floor(i / 200)}.${10 + (i % 200)}`
		});
	}
	scenario.tenants = [
		{
			name: 'Bench',
			virtualNetworks: [
				{
					name: 'bench-vnet',
					addressSpace: ['10.1.0.0/16'],
					subnets: [{ name: 'app', prefix: '10.1.0.0/16', vsid: 5001 }]
				}
			]
		}
	];
	scenario.vms = vms;
	// Each flow goes from one VM to a VM on another server (offset by a few servers).
	scenario.inputs = Array.from({ length: NETWORK_FLOWS }, (_, f) => ({
		t: 1000,
		type: 'flow.start',
		from: `vm${f % vms.length}`,
		to: `vm${(f + 5) % vms.length}`,
		protocol: 'tcp',
		count: SEGMENTS_PER_FLOW,
		intervalMs: 10
	}));
	return JSON.stringify(scenario);
}

export interface NetworkBench {
	packets: number;
	packetsPerSec: number;
	itemsPerSec: number;
	simulatedMs: number;
}

/** Runs the flows to completion and measures the wall-clock time of the run. */
export function benchNetwork(): NetworkBench {
	const loaded = Simulation.fromJson(scenarioText());
	if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
	const sim = loaded.sim;
	sim.runUntil(999); // heartbeats and the policy push, outside the measured part
	const processedBefore = sim.processed;
	const start = performance.now();
	const simulatedMs = 3000;
	sim.runUntil(1000 + simulatedMs);
	const wallMs = performance.now() - start;
	const packets = sim.log.filter((e) => e.type === 'packet.sent').length;
	return {
		packets,
		packetsPerSec: (packets / wallMs) * 1000,
		itemsPerSec: ((sim.processed - processedBefore) / wallMs) * 1000,
		simulatedMs
	};
}

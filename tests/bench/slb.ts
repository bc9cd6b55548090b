/**
 * SLB throughput: internet clients open TCP connections to one VIP on the 16-server scenario with
 * 8 MUXes and a pool of 16 DIPs (one per server). Every connection is the full load-balanced path
 * (border → TOR → MUX → VXLAN → host NAT → VM, replies by DSR), 6 packets per connection.
 * Reported as completed connections per wall-clock second.
 */
import { readFileSync } from 'node:fs';
import { Simulation } from '../../src/lib/sim/index';

export const SLB_CONNECTIONS = 2_000;
export const SLB_MUXES = 8;
const CLIENTS = 4;

function scenarioText(): string {
	const scenario = JSON.parse(readFileSync('static/scenarios/sixteen-node.json', 'utf8'));
	const nodes: number = scenario.topology.nodes;
	scenario.tenants = [
		{
			name: 'Bench',
			virtualNetworks: [
				{
					name: 'bench-vnet',
					addressSpace: ['10.1.0.0/16'],
					subnets: [{ name: 'web', prefix: '10.1.0.0/24', vsid: 5001 }]
				}
			]
		}
	];
	scenario.vms = Array.from({ length: nodes }, (_, i) => ({
		name: `web${i}`,
		tenant: 'Bench',
		virtualNetwork: 'bench-vnet',
		subnet: 'web',
		host: i,
		ca: `10.1.0.${10 + i}`
	}));
	scenario.slb = { muxes: SLB_MUXES };
	scenario.loadBalancers = [
		{
			name: 'web-lb',
			tenant: 'Bench',
			vip: '192.0.2.50',
			backendPool: scenario.vms.map((vm: { name: string }) => vm.name),
			rules: [{ name: 'http', protocol: 'tcp', frontendPort: 80, backendPort: 80, probe: 'p' }],
			probes: [{ name: 'p', protocol: 'tcp', port: 80, intervalMs: 5000, numberOfProbes: 2 }]
		}
	];
	scenario.clients = Array.from({ length: CLIENTS }, (_, i) => ({
		name: `client${i}`,
		address: `198.51.100.${10 + i}`
	}));
	scenario.inputs = scenario.clients.map((c: { name: string }) => ({
		t: 6000,
		type: 'client.connect',
		client: c.name,
		vip: '192.0.2.50',
		protocol: 'tcp',
		port: 80,
		count: SLB_CONNECTIONS / CLIENTS,
		intervalMs: 1
	}));
	return JSON.stringify(scenario);
}

export interface SlbBench {
	connections: number;
	connectionsPerSec: number;
	packetsPerSec: number;
}

export function benchSlb(): SlbBench {
	const loaded = Simulation.fromJson(scenarioText());
	if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
	const sim = loaded.sim;
	sim.runUntil(5999); // probes bring the DIPs into rotation, outside the measured part
	const start = performance.now();
	sim.runUntil(6000 + SLB_CONNECTIONS);
	const wallMs = performance.now() - start;
	const connections = sim.log.filter((e) => e.type === 'slb.connection-done').length;
	const packets = sim.log.filter((e) => e.type === 'packet.sent' && e.t >= 6000).length;
	return {
		connections,
		connectionsPerSec: (connections / wallMs) * 1000,
		packetsPerSec: (packets / wallMs) * 1000
	};
}

/**
 * The SLB panel's view of a running simulation (protocol.ts SlbView): MUXes with their servers,
 * BGP sessions and inbound counters, the TOR's routes, the load balancers with their DIPs' health
 * and connection counts, the clients and the counters. Null for scenarios without an SLB.
 */
import type { Simulation } from '../sim/index';
import type { SlbView } from './protocol';

export function slbView(sim: Simulation): SlbView | null {
	const slb = sim.state.net.slb;
	if (!slb) return null;
	const { nodes } = sim.topology;
	const nodeUp = sim.state.nodeUp;
	const muxName = (pa: string) => slb.config.muxes.find((m) => m.pa === pa)?.name ?? pa;
	const hostOf = (vm: string) => sim.state.net.policy.ports.find((p) => p.vm === vm)?.host;
	return {
		muxes: slb.config.muxes.map((m, i) => ({
			name: m.name,
			host: slb.muxHost[i],
			hostName: nodes[slb.muxHost[i]]?.name ?? '',
			pa: m.pa,
			running: slb.muxRunning[i] && nodeUp[slb.muxHost[i]],
			bgp: slb.sessions[i].state,
			inboundPackets: slb.muxInbound[i]
		})),
		routes: slb.config.loadBalancers.map((lb) => ({
			vip: lb.vip,
			nextHops: (slb.routes.find((r) => r.vip === lb.vip)?.nextHops ?? []).map(muxName)
		})),
		loadBalancers: slb.config.loadBalancers.map((lb) => ({
			name: lb.name,
			tenant: lb.tenant,
			vip: lb.vip,
			rules: lb.rules.map((r) => ({
				name: r.name,
				protocol: r.protocol,
				frontendPort: r.frontendPort,
				backendPort: r.backendPort,
				distribution: r.distribution
			})),
			dips: lb.backend.map((m) => {
				const host = hostOf(m.vm) ?? m.host;
				// In rotation when every rule's probe reports it healthy.
				const healthy = lb.rules.every((r) => slb.health[`${lb.name}/${r.probe}/${m.vm}`] === true);
				return {
					vm: m.vm,
					dip: m.dip,
					hostName: nodes[host]?.name ?? '',
					healthy,
					connections: slb.dipConnections[`${lb.name}/${m.vm}`] ?? 0
				};
			})
		})),
		clients: slb.config.clients.map((c) => ({ name: c.name, address: c.address })),
		counters: { inbound: slb.counters.inbound, directReturn: slb.counters.directReturn }
	};
}

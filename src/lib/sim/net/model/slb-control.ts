/**
 * The SLB's control plane on the virtual clock (FACTS §4.1, §4.4, §7 "MUX fails"): each MUX sends
 * BGP keepalives to the TOR, which drops a session whose hold timer runs out and withdraws its
 * routes; each DIP's own host probes it and the SLB Manager takes it out of or back into
 * rotation; and the inputs that break things (mux.fail/restore, vm.service-stop/start).
 */
import type { EventData, InputEvent, SimContext } from '../../kernel/types';
import { ETHERTYPE_IPV4, buildEthernetFrame } from '../ethernet';
import { DISTRIBUTED_ROUTER_MAC } from '../hnv/constants';
import {
	buildProbePacket,
	diffRoutes,
	expire,
	healthView,
	holdExpiry,
	onKeepalive,
	probeSucceeds,
	recordProbe,
	routeTable
} from '../slb/index';
import { downReason, firewall, portOf, type NetWorld } from './path';
import { startConnections } from './slb-clients';
import { slbOf } from './slb-path';

export const BGP_KEEPALIVE = 'slb.bgp.keepalive';
export const BGP_HOLD = 'slb.bgp.hold';
export const PROBE = 'slb.probe';

/** Schedules the first keepalive of every MUX, its hold timer, and every probe (at time 0). */
export function startSlbControl(world: NetWorld, ctx: SimContext): void {
	const slb = slbOf(world);
	const { keepaliveMs, holdMs } = slb.config.timers;
	slb.sessions.forEach((_, mux) => {
		ctx.schedule(keepaliveMs, BGP_KEEPALIVE, { mux });
		ctx.schedule(holdMs, BGP_HOLD, { mux });
	});
	slb.probes.forEach((_, index) => ctx.schedule(0, PROBE, { index }));
}

/** Handles the SLB's timers; false for other events. */
export function handleSlbControlEvent(
	world: NetWorld,
	type: string,
	data: EventData,
	ctx: SimContext
): boolean {
	if (type === BGP_KEEPALIVE) return (keepalive(world, data.mux as number, ctx), true);
	if (type === BGP_HOLD) return (hold(world, data.mux as number, ctx), true);
	if (type === PROBE) return (probe(world, data.index as number, ctx), true);
	return false;
}

/** Why MUX `mux` cannot send or forward, or undefined when it runs. */
export function muxDownReason(world: NetWorld, mux: number): string | undefined {
	const slb = slbOf(world);
	const name = slb.config.muxes[mux].name;
	if (!slb.muxRunning[mux]) return `${name} is not running`;
	const down = downReason(world, slb.muxHost[mux]);
	return down ? `${name}: ${down}` : undefined;
}

function keepalive(world: NetWorld, mux: number, ctx: SimContext): void {
	const slb = slbOf(world);
	ctx.schedule(slb.config.timers.keepaliveMs, BGP_KEEPALIVE, { mux });
	if (muxDownReason(world, mux)) return; // a stopped MUX sends nothing
	const before = slb.sessions[mux];
	slb.sessions[mux] = onKeepalive(before, ctx.nowMs);
	if (before.state === 'idle') {
		ctx.log('bgp.session-up', { mux: slb.config.muxes[mux].name, peer: before.router });
		updateRoutes(world, ctx);
	}
	const expiry = holdExpiry(slb.sessions[mux]);
	if (expiry !== undefined) ctx.schedule(expiry - ctx.nowMs, BGP_HOLD, { mux });
}

function hold(world: NetWorld, mux: number, ctx: SimContext): void {
	const slb = slbOf(world);
	const before = slb.sessions[mux];
	const after = expire(before, ctx.nowMs);
	if (after === before) return; // a keepalive came in time: a stale timer
	slb.sessions[mux] = after;
	ctx.log('bgp.session-down', {
		mux: slb.config.muxes[mux].name,
		peer: before.router,
		reason: `hold timer expired: no keepalive for ${slb.config.timers.holdMs} ms`
	});
	updateRoutes(world, ctx);
}

/** Recomputes the TOR's routes from the sessions and logs each change. */
function updateRoutes(world: NetWorld, ctx: SimContext): void {
	const slb = slbOf(world);
	const next = routeTable(slb.sessions);
	for (const change of diffRoutes(slb.routes, next)) {
		const mux = slb.config.muxes.find((m) => m.pa === change.nextHop)?.name ?? change.nextHop;
		ctx.log(`bgp.route-${change.change}`, { prefix: change.prefix, mux });
	}
	slb.routes = next;
}

/** One health probe from the DIP's own host (FACTS §4.4), then the next one. */
function probe(world: NetWorld, index: number, ctx: SimContext): void {
	const slb = slbOf(world);
	const state = slb.probes[index];
	const lb = slb.config.loadBalancers.find((l) => l.name === state.lb)!;
	const spec = lb.probes.find((p) => p.name === state.probe)!;
	ctx.schedule(spec.intervalMs, PROBE, { index });
	const reason = probeFailure(
		world,
		state.vm,
		lb.backend.find((m) => m.vm === state.vm)!.mac,
		index
	);
	const ok = reason === undefined;
	const target = { running: ok, listeningPorts: ok ? [spec.port] : [] };
	const next = recordProbe(state, spec, probeSucceeds(spec, target), ctx.nowMs);
	slb.probes[index] = next;
	if (!ok) ctx.log('slb.probe-failed', { lb: lb.name, vm: state.vm, probe: spec.name, reason });
	if (next.healthy === state.healthy) return;
	slb.health = healthView(slb.probes);
	slb.healthVersion++;
	ctx.log('slb.dip-health', {
		lb: lb.name,
		vm: state.vm,
		healthy: next.healthy ? 'in rotation' : 'out of rotation',
		probes: spec.numberOfProbes
	});

	/** Why the probe fails, or undefined when the service answers. */
	function probeFailure(world: NetWorld, vm: string, mac: string, i: number): string | undefined {
		const host = portOf(world.net, vm)?.host;
		if (host === undefined) return `${vm} has no port`;
		const down = downReason(world, host);
		if (down) return down;
		if (slb.stopped.includes(`${vm}:${spec.port}`)) return `no service on port ${spec.port}`;
		const packet = buildProbePacket(slb.probes[i], spec);
		const frame = buildEthernetFrame(
			{ dstMac: mac, srcMac: DISTRIBUTED_ROUTER_MAC, etherType: ETHERTYPE_IPV4 },
			packet
		);
		const denied = firewall(world.net, vm, frame, 'inbound', ctx);
		if (!denied) return undefined;
		return denied.rule ? `blocked by ACL rule ${denied.rule}` : denied.reason;
	}
}

/** The SLB inputs; false for any other input type. */
export function handleSlbInput(world: NetWorld, input: InputEvent, ctx: SimContext): boolean {
	const slb = world.net.slb;
	switch (input.type) {
		case 'client.connect':
		case 'vm.connect':
			if (slb) startConnections(world, input, ctx);
			return true;
		case 'mux.fail':
		case 'mux.restore': {
			const mux = input.mux as number;
			if (!slb || mux >= slb.muxRunning.length) return true;
			slb.muxRunning[mux] = input.type === 'mux.restore';
			ctx.log(input.type === 'mux.fail' ? 'mux.failed' : 'mux.restored', {
				mux: slb.config.muxes[mux].name
			});
			return true;
		}
		case 'lb.set-distribution': {
			const rule = slb?.config.loadBalancers
				.find((l) => l.name === input.lb)
				?.rules.find((r) => r.name === input.rule);
			if (!slb || !rule) {
				ctx.log('input.ignored', {
					reason: `no rule ${String(input.rule)} in ${String(input.lb)}`
				});
				return true;
			}
			rule.distribution = input.distribution as typeof rule.distribution;
			// The DIP a connection hashes to may change: a new epoch for the stable-DIP invariant.
			slb.healthVersion++;
			ctx.log('slb.distribution-set', {
				lb: input.lb as string,
				rule: rule.name,
				distribution: rule.distribution
			});
			return true;
		}
		case 'vm.service-stop':
		case 'vm.service-start': {
			if (!slb) return true;
			const key = `${String(input.vm)}:${String(input.port)}`;
			slb.stopped = slb.stopped.filter((k) => k !== key);
			if (input.type === 'vm.service-stop') slb.stopped.push(key);
			ctx.log(input.type === 'vm.service-stop' ? 'service.stopped' : 'service.started', {
				vm: input.vm as string,
				port: input.port as number
			});
			return true;
		}
		default:
			return false;
	}
}

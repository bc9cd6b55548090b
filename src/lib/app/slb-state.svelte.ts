/**
 * The session's Software Load Balancer part: the latest SlbView from the worker (refreshed with
 * the invariants as the log grows, and on load) and the inputs the SLB panel sends.
 */
import type { UntimedInput } from './playback.machine';
import { readView, type ViewHost } from './worker-view';
import type { SlbDistribution, SlbProtocol, SlbView } from './slb-view';

/** CHOICE: connections a learner starts from the panel open this far apart (simulated ms). */
export const PANEL_CONNECTION_INTERVAL_MS = 100;

export interface SlbHost extends ViewHost {
	/** Sends an input at the current simulated time. */
	send(input: UntimedInput): void;
	/** Says something once, in the live region. */
	announce(message: string): void;
}

/**
 * What changed between two views that a screen reader user should hear: BGP sessions going down
 * or up, and DIPs leaving or rejoining rotation (the 3D scene shows neither by colour alone).
 */
export function slbChanges(before: SlbView | null, after: SlbView | null): string[] {
	if (!before || !after) return [];
	const out: string[] = [];
	after.muxes.forEach((m, i) => {
		const old = before.muxes[i];
		if (!old || old.bgp === m.bgp) return;
		out.push(
			m.bgp === 'idle'
				? `${m.name}'s BGP session is down: its routes are withdrawn`
				: `${m.name}'s BGP session is up: it carries traffic again`
		);
	});
	for (const lb of after.loadBalancers) {
		const oldLb = before.loadBalancers.find((l) => l.name === lb.name);
		for (const dip of lb.dips) {
			const old = oldLb?.dips.find((d) => d.vm === dip.vm);
			if (!old || old.healthy === dip.healthy) continue;
			const state = dip.healthy ? 'back in rotation' : 'out of rotation: its health probe fails';
			out.push(`${dip.vm} (${lb.name}) is ${state}`);
		}
	}
	return out;
}

export class SlbState {
	/** The SLB now, or null (no SLB in this scenario, or not read yet). */
	view = $state.raw<SlbView | null>(null);

	#host: SlbHost;

	constructor(host: SlbHost) {
		this.#host = host;
	}

	refresh(): Promise<void> {
		return readView(
			this.#host,
			(api) => api.slb(),
			(view) => {
				for (const message of slbChanges(this.view, view)) this.#host.announce(message);
				this.view = view;
			}
		);
	}

	reset(): void {
		this.view = null;
	}

	/** `count` connections from `client` to `vip`:`port`. */
	connect(client: string, vip: string, protocol: SlbProtocol, port: number, count: number): void {
		const intervalMs = PANEL_CONNECTION_INTERVAL_MS;
		this.#host.send({ type: 'client.connect', client, vip, protocol, port, count, intervalMs });
	}
	/** `count` connections from tenant VM `vm` to internet client `client` (outbound NAT). */
	connectOut(vm: string, client: string, protocol: SlbProtocol, port: number, count: number): void {
		const intervalMs = PANEL_CONNECTION_INTERVAL_MS;
		this.#host.send({ type: 'vm.connect', vm, client, protocol, port, count, intervalMs });
	}
	failMux(mux: number): void {
		this.#host.send({ type: 'mux.fail', mux });
	}
	restoreMux(mux: number): void {
		this.#host.send({ type: 'mux.restore', mux });
	}
	stopService(vm: string, port: number): void {
		this.#host.send({ type: 'vm.service-stop', vm, port });
	}
	startService(vm: string, port: number): void {
		this.#host.send({ type: 'vm.service-start', vm, port });
	}
	setDistribution(lb: string, rule: string, distribution: SlbDistribution): void {
		this.#host.send({ type: 'lb.set-distribution', lb, rule, distribution });
	}
}

import { describe, expect, it } from 'vitest';
import type { SlbView } from '$lib/worker/protocol';
import { PANEL_CONNECTION_INTERVAL_MS, SlbState, slbChanges } from './slb-state.svelte';
import { fakeSim } from './test-fixtures';

const settle = async () => {
	for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

function view(bgp: 'established' | 'idle', healthy: boolean): SlbView {
	const mux = { host: 0, hostName: 'Node01', pa: '10.10.57.11', running: true, inboundPackets: 0 };
	return {
		muxes: [{ ...mux, name: 'MUX01', bgp }],
		routes: [],
		loadBalancers: [
			{
				name: 'web-lb',
				tenant: 'Contoso',
				vip: '192.0.2.50',
				rules: [],
				dips: [{ vm: 'web-vm2', dip: '10.0.1.5', hostName: 'Node04', healthy, connections: 0 }]
			}
		],
		clients: [],
		counters: { inbound: 0, directReturn: 0 }
	};
}

describe('SLB state', () => {
	it('names BGP sessions going down or up and DIPs leaving or rejoining rotation', () => {
		expect(slbChanges(view('established', true), view('idle', false))).toEqual([
			"MUX01's BGP session is down: its routes are withdrawn",
			'web-vm2 (web-lb) is out of rotation: its health probe fails'
		]);
		expect(slbChanges(view('idle', false), view('established', true))).toEqual([
			"MUX01's BGP session is up: it carries traffic again",
			'web-vm2 (web-lb) is back in rotation'
		]);
		expect(slbChanges(view('idle', true), view('idle', true))).toEqual([]);
		expect(slbChanges(null, view('idle', true))).toEqual([]);
	});

	it('announces changes between refreshes and sends the panel inputs', async () => {
		const sim = fakeSim();
		const said: string[] = [];
		const sent: unknown[] = [];
		const slb = new SlbState({
			api: () => sim.api,
			generation: () => 1,
			send: (input) => sent.push(input),
			announce: (m) => said.push(m)
		});
		sim.state.slb = view('established', true);
		await slb.refresh();
		expect(said).toEqual([]);
		sim.state.slb = view('idle', true);
		await slb.refresh();
		await settle();
		expect(said).toEqual(["MUX01's BGP session is down: its routes are withdrawn"]);
		slb.failMux(1);
		slb.setDistribution('web-lb', 'http', 'SourceIP');
		slb.connectOut('web-vm1', 'client1', 'tcp', 443, 3);
		expect(sent).toEqual([
			{ type: 'mux.fail', mux: 1 },
			{ type: 'lb.set-distribution', lb: 'web-lb', rule: 'http', distribution: 'SourceIP' },
			{
				type: 'vm.connect',
				vm: 'web-vm1',
				client: 'client1',
				protocol: 'tcp',
				port: 443,
				count: 3,
				intervalMs: PANEL_CONNECTION_INTERVAL_MS
			}
		]);
	});
});

import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import type { SlbView } from '$lib/app/slb-view';
import SlbPanel from './SlbPanel.svelte';

/** Two MUXes (MUX2 failed, its BGP session idle); web-lb has two DIPs, web-vm2 out of rotation. */
function makeSlb(): SlbView {
	return {
		muxes: [
			{
				name: 'MUX1',
				host: 0,
				hostName: 'Node01',
				pa: '10.10.56.21',
				running: true,
				bgp: 'established',
				inboundPackets: 120
			},
			{
				name: 'MUX2',
				host: 1,
				hostName: 'Node02',
				pa: '10.10.56.22',
				running: false,
				bgp: 'idle',
				inboundPackets: 40
			}
		],
		routes: [
			{ vip: '192.0.2.10', nextHops: ['MUX1'] },
			{ vip: '192.0.2.11', nextHops: ['MUX1'] }
		],
		loadBalancers: [
			{
				name: 'web-lb',
				tenant: 'Contoso',
				vip: '192.0.2.10',
				rules: [
					{
						name: 'http',
						protocol: 'tcp',
						frontendPort: 80,
						backendPort: 8080,
						distribution: 'Default'
					}
				],
				dips: [
					{
						vm: 'web-vm1',
						dip: '10.0.1.4',
						hostName: 'Node03',
						healthy: true,
						connections: 15
					},
					{
						vm: 'web-vm2',
						dip: '10.0.1.5',
						hostName: 'Node04',
						healthy: false,
						connections: 5
					}
				]
			},
			{
				name: 'dns-lb',
				tenant: 'Fabrikam',
				vip: '192.0.2.11',
				rules: [
					{
						name: 'dns',
						protocol: 'udp',
						frontendPort: 53,
						backendPort: 5353,
						distribution: 'SourceIP'
					}
				],
				dips: [
					{ vm: 'dns-vm1', dip: '10.0.2.4', hostName: 'Node01', healthy: true, connections: 0 }
				]
			}
		],
		clients: [
			{ name: 'client1', address: '198.51.100.7' },
			{ name: 'client2', address: '198.51.100.8' }
		],
		counters: { inbound: 160, directReturn: 150 }
	};
}

const VMS = [
	{ name: 'web-vm1', tenant: 'Contoso' },
	{ name: 'web-vm2', tenant: 'Contoso' },
	{ name: 'dns-vm1', tenant: 'Fabrikam' }
];

function renderPanel(slb: SlbView | null = makeSlb()) {
	const calls = {
		onConnect: vi.fn(),
		onMuxFail: vi.fn(),
		onMuxRestore: vi.fn(),
		onServiceStop: vi.fn(),
		onServiceStart: vi.fn(),
		onDistribution: vi.fn(),
		onConnectOut: vi.fn()
	};
	const props = $state({ slb, vms: VMS, ...calls });
	render(SlbPanel, props);
	return { ...calls, props };
}

describe('SlbPanel', () => {
	it('says plainly when the scenario has no load balancer', () => {
		renderPanel(null);
		expect(screen.getByTestId('slb-none')).toHaveTextContent(
			'This scenario has no Software Load Balancer'
		);
		expect(screen.queryByTestId('slb-muxes')).toBeNull();
		expect(screen.queryByTestId('slb-counters')).toBeNull();
		expect(screen.queryByRole('button')).toBeNull();
	});

	it('lists the MUXes with server, PA, state, BGP session and inbound packets', () => {
		renderPanel();
		const table = screen.getByTestId('slb-muxes');
		// The table is described by the note that replies never pass a MUX.
		expect(screen.getByTestId('slb-mux-failure-note')).toHaveTextContent(
			/hold timer.*modelling choices/
		);
		const note = document.getElementById(table.getAttribute('aria-describedby') ?? '');
		expect(note).toHaveTextContent(/Replies never pass a MUX \(Direct Server Return\)/);
		expect(within(table).getByRole('columnheader', { name: 'BGP' })).toHaveAttribute(
			'scope',
			'col'
		);
		expect(screen.getByTestId('mux-0')).toHaveTextContent(
			/MUX1\s*on Node01, PA 10\.10\.56\.21\s*●\s*Running\s*●\s*Established\s*120/
		);
		expect(screen.getByTestId('mux-1')).toHaveTextContent(
			/MUX2\s*on Node02, PA 10\.10\.56\.22\s*✕\s*Failed\s*✕\s*Idle \(no routes\)\s*40/
		);
	});

	it('fails a running MUX and restores a failed one, by index', async () => {
		const user = userEvent.setup();
		const { onMuxFail, onMuxRestore } = renderPanel();
		expect(screen.queryByTestId('mux-restore-0')).toBeNull();
		expect(screen.queryByTestId('mux-fail-1')).toBeNull();
		await user.click(screen.getByRole('button', { name: 'Fail MUX1' }));
		expect(onMuxFail).toHaveBeenCalledExactlyOnceWith(0);
		await user.click(screen.getByRole('button', { name: 'Restore MUX2' }));
		expect(onMuxRestore).toHaveBeenCalledExactlyOnceWith(1);
		expect(screen.getByTestId('mux-restore-1')).toBeInTheDocument();
	});

	it("shows the router's VIP routes and says when a VIP has no next hop", async () => {
		const { props } = renderPanel();
		const routes = screen.getByTestId('slb-routes');
		expect(routes).toHaveTextContent(/192\.0\.2\.10\/32\s*web-lb\s*MUX1/);
		expect(routes).not.toHaveTextContent('unreachable');
		const slb = makeSlb();
		slb.routes = [
			{ vip: '192.0.2.10', nextHops: ['MUX1', 'MUX2'] },
			{ vip: '192.0.2.11', nextHops: [] }
		];
		props.slb = slb;
		await tick();
		const rows = within(screen.getByTestId('slb-routes')).getAllByRole('row').slice(1);
		expect(rows[0]).toHaveTextContent(/192\.0\.2\.10\/32\s*web-lb\s*MUX1, MUX2/);
		expect(rows[1]).toHaveTextContent(
			/192\.0\.2\.11\/32\s*dns-lb\s*✕\s*No next hop: the VIP is unreachable/
		);
	});

	it('shows each load balancer with its rules, distribution in words and DIPs', () => {
		renderPanel();
		const web = screen.getByTestId('slb-lb-web-lb');
		expect(within(web).getByRole('heading')).toHaveTextContent('Load balancer web-lb');
		expect(web).toHaveTextContent('Tenant Contoso, VIP 192.0.2.10');
		expect(web).toHaveTextContent(/http\s*TCP\s*80 → 8080.*5-tuple hash/);
		expect(screen.getByTestId('distribution-web-lb-http')).toHaveValue('Default');
		expect(screen.getByTestId('slb-lb-dns-lb')).toHaveTextContent(
			/dns\s*UDP\s*53 → 5353.*2-tuple hash/
		);
		expect(screen.getByTestId('distribution-dns-lb-dns')).toHaveValue('SourceIP');
		expect(screen.getByTestId('dip-web-vm1')).toHaveTextContent(
			/web-vm1\s*10\.0\.1\.4\s*Node03\s*●\s*In rotation\s*15/
		);
		expect(screen.getByTestId('dip-web-vm2')).toHaveTextContent(
			/web-vm2\s*10\.0\.1\.5\s*Node04\s*✕\s*Out of rotation \(probe failing\)\s*5/
		);
	});

	it("changes a rule's distribution mode from its select", async () => {
		const user = userEvent.setup();
		const { onDistribution } = renderPanel();
		await user.selectOptions(screen.getByTestId('distribution-web-lb-http'), 'SourceIPProtocol');
		expect(onDistribution).toHaveBeenCalledExactlyOnceWith('web-lb', 'http', 'SourceIPProtocol');
	});

	it("shows each DIP's share of its load balancer's connections", () => {
		renderPanel();
		expect(screen.getByTestId('dip-web-vm1')).toHaveTextContent('75 %');
		expect(screen.getByTestId('dip-web-vm2')).toHaveTextContent('25 %');
		expect(screen.getByTestId('dip-dns-vm1')).toHaveTextContent('0 %');
		const bar = screen.getByTestId('dip-web-vm1').querySelector<HTMLElement>('.bar > span');
		expect(bar?.style.width).toBe('75%');
		expect(screen.getByTestId('slb-lb-web-lb')).toHaveTextContent('20 connections so far');
	});

	it("stops and starts a DIP's service on the rule's back-end port", async () => {
		const user = userEvent.setup();
		const { onServiceStop, onServiceStart } = renderPanel();
		await user.click(screen.getByRole('button', { name: 'Stop service on web-vm1 (port 8080)' }));
		expect(onServiceStop).toHaveBeenCalledExactlyOnceWith('web-vm1', 8080);
		await user.click(screen.getByTestId('service-start-web-vm2'));
		expect(onServiceStart).toHaveBeenCalledExactlyOnceWith('web-vm2', 8080);
		await user.click(screen.getByTestId('service-stop-dns-vm1'));
		expect(onServiceStop).toHaveBeenLastCalledWith('dns-vm1', 5353);
	});

	it('shows inbound packets through MUXes against replies sent by DSR', () => {
		renderPanel();
		expect(screen.getByTestId('slb-counters')).toHaveTextContent(
			/Inbound packets through MUXes: 160\. Replies sent by Direct Server Return .*: 150\./
		);
	});

	it("sends traffic with the defaults, then the chosen client, VIP and its rule's port", async () => {
		const user = userEvent.setup();
		const { onConnect } = renderPanel();
		expect(screen.getByTestId('slb-connect-count')).toHaveValue('20');
		await user.click(screen.getByTestId('slb-connect-start'));
		expect(onConnect).toHaveBeenLastCalledWith('client1', '192.0.2.10', 'tcp', 80, 20);
		await user.selectOptions(screen.getByTestId('slb-connect-client'), 'client2');
		await user.selectOptions(screen.getByTestId('slb-connect-vip'), '192.0.2.11');
		expect(screen.getByTestId('slb-connect-protocol')).toHaveValue('udp');
		expect(screen.getByTestId('slb-connect-port')).toHaveValue('53');
		await user.clear(screen.getByTestId('slb-connect-count'));
		await user.type(screen.getByTestId('slb-connect-count'), '120');
		await user.click(screen.getByRole('button', { name: 'Send traffic' }));
		expect(onConnect).toHaveBeenLastCalledWith('client2', '192.0.2.11', 'udp', 53, 120);
		expect(screen.queryByText(/^Connections:/)).toBeNull();
	});

	it('refuses a count that is not a number and clamps one out of range, saying so', async () => {
		const user = userEvent.setup();
		const { onConnect } = renderPanel();
		const count = screen.getByTestId('slb-connect-count');
		await user.clear(count);
		await user.type(count, 'lots');
		await user.click(screen.getByTestId('slb-connect-start'));
		expect(onConnect).not.toHaveBeenCalled();
		expect(count).toHaveAttribute('aria-invalid', 'true');
		expect(count).toHaveAccessibleDescription('Connections: enter a whole number from 1–200.');
		await user.clear(count);
		await user.type(count, '500');
		await user.click(screen.getByTestId('slb-connect-start'));
		expect(onConnect).toHaveBeenCalledExactlyOnceWith('client1', '192.0.2.10', 'tcp', 80, 200);
		expect(count).toHaveValue('200');
		expect(count).not.toHaveAttribute('aria-invalid');
		expect(count).toHaveAccessibleDescription(
			'Connections: at most 200 at a time (you typed 500); sending 200.'
		);
	});

	it('refuses an invalid port', async () => {
		const user = userEvent.setup();
		const { onConnect } = renderPanel();
		const port = screen.getByTestId('slb-connect-port');
		await user.clear(port);
		await user.type(port, '70000');
		await user.click(screen.getByTestId('slb-connect-start'));
		expect(onConnect).not.toHaveBeenCalled();
		expect(port).toHaveAccessibleDescription('Port: enter a whole number from 1–65535.');
	});

	it('stops or starts a service on any tenant VM, on its rule port or a typed one', async () => {
		const user = userEvent.setup();
		const { onServiceStop, onServiceStart } = renderPanel();
		await user.selectOptions(screen.getByTestId('slb-service-vm'), 'dns-vm1');
		expect(screen.getByTestId('slb-service-port')).toHaveValue('5353');
		await user.click(screen.getByTestId('slb-service-stop'));
		expect(onServiceStop).toHaveBeenCalledExactlyOnceWith('dns-vm1', 5353);
		await user.clear(screen.getByTestId('slb-service-port'));
		await user.type(screen.getByTestId('slb-service-port'), '443');
		await user.click(screen.getByTestId('slb-service-start'));
		expect(onServiceStart).toHaveBeenCalledExactlyOnceWith('dns-vm1', 443);
		await user.clear(screen.getByTestId('slb-service-port'));
		await user.click(screen.getByTestId('slb-service-start'));
		expect(onServiceStart).toHaveBeenCalledOnce();
		expect(screen.getByTestId('slb-service-port')).toHaveAccessibleDescription(
			'Service port: enter a whole number from 1–65535.'
		);
	});

	it('connects a VM out to an internet client, refusing a bad count with a message', async () => {
		const user = userEvent.setup();
		const { onConnectOut } = renderPanel();
		await user.selectOptions(screen.getByTestId('slb-service-vm'), 'web-vm2');
		await user.click(screen.getByTestId('slb-out-start'));
		expect(onConnectOut).toHaveBeenCalledExactlyOnceWith('web-vm2', 'client1', 'tcp', 443, 3);
		await user.clear(screen.getByTestId('slb-out-count'));
		await user.type(screen.getByTestId('slb-out-count'), 'many');
		await user.click(screen.getByTestId('slb-out-start'));
		expect(onConnectOut).toHaveBeenCalledOnce();
		const alerts = screen.getAllByRole('alert').map((a) => a.textContent);
		expect(alerts.some((t) => t?.includes('Connections: enter a whole number'))).toBe(true);
	});
});

import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Announcer } from '$lib/app/announcer.svelte';
import { Session } from '$lib/app/session.svelte';
import { fakeSim } from '$lib/app/test-fixtures';
import Inspector from './Inspector.svelte';

const settle = async () => {
	for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

async function setup() {
	const sim = fakeSim();
	const session = new Session({
		startWorker: async () => sim.handle,
		fetch: async (url) =>
			new Response(
				String(url).endsWith('index.json')
					? JSON.stringify([{ file: 'vxlan-two-tenants.json', name: 'VXLAN', description: 'd' }])
					: '{}'
			),
		base: '',
		requestAnimationFrame: () => 0,
		cancelAnimationFrame: () => {},
		logThrottleMs: 0,
		announcer: new Announcer(0, { now: () => 0, setTimeout: () => 1, clearTimeout: () => {} })
	});
	sim.state.log.push(
		{ t: 5000, type: 'packet.sent', packet: 1, vm: 'contoso-vm1', node: 'Node01' },
		{ t: 5001, type: 'packet.dropped', packet: 1, vm: 'contoso-vm2', reason: 'denied by ACL' }
	);
	sim.state.packets.set(1, {
		id: 1,
		bytes: new Uint8Array(20),
		layers: [
			{
				name: 'IPv4',
				offset: 0,
				length: 20,
				fields: [
					{ name: 'Source', value: '10.0.1.4', offset: 12, length: 4 },
					{ name: 'Destination', value: '10.0.1.5', offset: 16, length: 4 }
				]
			}
		],
		summary: 'ICMP echo request'
	});
	await session.start(null);
	session.sceneBuilt();
	render(Inspector, { session });
	await settle();
	return { session, sim };
}

describe('Inspector (tenant networking wired to the session)', () => {
	it('opens a logged packet in the packet inspector from the Event log', async () => {
		const user = userEvent.setup();
		const { session } = await setup();
		session.setTab('log');
		await settle();
		await user.click(await screen.findByTestId('inspect-1', {}, { timeout: 1000 }));
		await settle();
		expect(session.tab).toBe('details');
		const inspector = screen.getByTestId('packet-inspector');
		expect(within(inspector).getByRole('heading', { name: 'Packet #1' })).toBeInTheDocument();
		expect(inspector).toHaveTextContent('Tenant view: CA 10.0.1.4 → 10.0.1.5');
	});

	it('starts a ping from the Network tab at the current time', async () => {
		const user = userEvent.setup();
		const { session, sim } = await setup();
		session.setTab('network');
		await settle();
		await user.click(screen.getByTestId('flow-start'));
		await settle();
		const added = sim.state.calls.filter((c) => c.method === 'addInput').map((c) => c.args[0]);
		expect(added).toEqual([
			{ t: 0, type: 'flow.start', from: 'contoso-vm1', to: 'contoso-vm2', protocol: 'icmp' }
		]);
	});

	it('drains a server and starts patch and update from the Cluster tab', async () => {
		const user = userEvent.setup();
		const { session, sim } = await setup();
		await user.click(screen.getByRole('tab', { name: 'Cluster' }));
		expect(session.tab).toBe('cluster');
		await user.click(screen.getByRole('button', { name: 'Drain Node02' }));
		await settle();
		await user.click(screen.getByRole('button', { name: 'Start patch and update' }));
		await settle();
		const added = sim.state.calls.filter((c) => c.method === 'addInput').map((c) => c.args[0]);
		expect(added).toEqual([
			{ t: 0, type: 'node.drain', node: 1 },
			{ t: 0, type: 'update.start' }
		]);
	});
});

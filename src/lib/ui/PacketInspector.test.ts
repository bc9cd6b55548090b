import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { decodeFrame } from '$lib/sim/net/decode';
import { examplePingOverVxlan } from '$lib/sim/net/example';
import HexDump from './HexDump.svelte';
import PacketInspector from './PacketInspector.svelte';

function packet(bytes: Uint8Array, id = 7, summary?: string) {
	return { id, bytes, layers: decodeFrame(bytes), summary };
}

const LAYER_NAMES = [
	'Outer Ethernet',
	'Outer IPv4',
	'UDP',
	'VXLAN',
	'Inner Ethernet',
	'Inner IPv4',
	'ICMP'
];

const layerList = () => screen.getByRole('list', { name: 'Layers' });
/** The layer buttons in order (field buttons have no aria-expanded). */
const layerButtons = () =>
	within(layerList())
		.getAllByRole('button')
		.filter((b) => b.hasAttribute('aria-expanded'));
const layerButton = (name: string) => {
	const button = layerButtons().find((b) => b.querySelector('.name')?.textContent === name);
	if (!button) throw new Error(`no layer ${name}`);
	return button;
};
/** Offsets and hex text of the byte cells marked selected in the dump. */
const selectedBytes = () =>
	[...screen.getByTestId('hex-dump').querySelectorAll<HTMLElement>('[data-selected]')].map(
		(cell) => [Number(cell.dataset.offset), cell.textContent]
	);
const announcement = () => screen.getByRole('status').textContent;

describe('PacketInspector', () => {
	it('lists the 7 layers of the VXLAN ping in order, tagging the wrapper outer', () => {
		render(PacketInspector, { packet: packet(examplePingOverVxlan(), 7, 'ICMP echo request') });
		expect(screen.getByRole('heading', { name: 'Packet #7' })).toBeInTheDocument();
		expect(screen.getByText('ICMP echo request')).toBeInTheDocument();
		expect(layerButtons().map((b) => b.querySelector('.name')?.textContent)).toEqual(LAYER_NAMES);
		expect(layerButtons().map((b) => b.querySelector('.tag')?.textContent)).toEqual([
			'outer',
			'outer',
			'outer',
			'outer',
			'inner',
			'inner',
			'inner'
		]);
		expect(layerButtons().every((b) => b.getAttribute('aria-expanded') === 'false')).toBe(true);
		expect(selectedBytes()).toEqual([]);
	});

	it('shows UDP destination port 4789 and VNI 5001 when their layers are opened', async () => {
		const user = userEvent.setup();
		render(PacketInspector, { packet: packet(examplePingOverVxlan()) });
		expect(screen.queryByRole('button', { name: /^VNI:/ })).toBeNull();
		await user.click(layerButton('UDP'));
		await user.click(layerButton('VXLAN'));
		expect(layerButton('UDP')).toHaveAttribute('aria-expanded', 'true');
		const udp = screen.getByRole('list', { name: 'UDP fields' });
		expect(
			within(udp).getByRole('button', { name: 'Destination port: 4789 (VXLAN)' })
		).toBeInTheDocument();
		const vxlan = screen.getByRole('list', { name: 'VXLAN fields' });
		expect(within(vxlan).getByRole('button', { name: 'VNI: 5001' })).toBeInTheDocument();
	});

	it('highlights exactly the selected layer’s bytes, then a field’s, and says which', async () => {
		const user = userEvent.setup();
		render(PacketInspector, { packet: packet(examplePingOverVxlan()) });
		await user.click(layerButton('VXLAN'));
		expect(layerButton('VXLAN')).toHaveAttribute('aria-current', 'true');
		// Flags 0x08, reserved, VNI 5001 = 0x001389, reserved.
		expect(selectedBytes()).toEqual([
			[42, '08'],
			[43, '00'],
			[44, '00'],
			[45, '00'],
			[46, '00'],
			[47, '13'],
			[48, '89'],
			[49, '00']
		]);
		expect(announcement()).toBe('Bytes 42–49 (VXLAN)');

		await user.click(screen.getByRole('button', { name: 'VNI: 5001' }));
		expect(selectedBytes()).toEqual([
			[46, '00'],
			[47, '13'],
			[48, '89']
		]);
		expect(announcement()).toBe('Bytes 46–48 (VXLAN › VNI)');
		expect(layerButton('VXLAN')).not.toHaveAttribute('aria-current');

		// Selecting the layer again keeps it open; a second click closes it.
		await user.click(layerButton('VXLAN'));
		expect(layerButton('VXLAN')).toHaveAttribute('aria-expanded', 'true');
		await user.click(layerButton('VXLAN'));
		expect(layerButton('VXLAN')).toHaveAttribute('aria-expanded', 'false');
		expect(selectedBytes()).toHaveLength(8);
	});

	it('moves between layers with Up/Down/Home/End and selects with Enter and Space', async () => {
		const user = userEvent.setup();
		render(PacketInspector, { packet: packet(examplePingOverVxlan()) });
		layerButtons()[0].focus();
		await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
		expect(layerButton('VXLAN')).toHaveFocus();
		expect(selectedBytes()).toEqual([]);
		await user.keyboard('{Enter}');
		expect(layerButton('VXLAN')).toHaveAttribute('aria-expanded', 'true');
		expect(announcement()).toBe('Bytes 42–49 (VXLAN)');

		await user.keyboard('{ArrowUp}');
		expect(layerButton('UDP')).toHaveFocus();
		await user.keyboard(' ');
		expect(announcement()).toBe('Bytes 34–41 (UDP)');
		expect(selectedBytes().map(([offset]) => offset)).toEqual([34, 35, 36, 37, 38, 39, 40, 41]);

		await user.keyboard('{End}');
		expect(layerButton('ICMP')).toHaveFocus();
		await user.keyboard('{ArrowDown}');
		expect(layerButton('ICMP')).toHaveFocus();
		await user.keyboard('{Home}');
		expect(layerButton('Outer Ethernet')).toHaveFocus();

		// Into the open VXLAN fields with Tab; arrows stay among them and Left goes back.
		layerButton('VXLAN').focus();
		await user.tab();
		expect(screen.getByRole('button', { name: /^Flags: 0x08/ })).toHaveFocus();
		await user.keyboard('{ArrowDown}{ArrowDown}');
		expect(screen.getByRole('button', { name: 'VNI: 5001' })).toHaveFocus();
		await user.keyboard('{Enter}');
		expect(announcement()).toBe('Bytes 46–48 (VXLAN › VNI)');
		await user.keyboard('{ArrowLeft}');
		expect(layerButton('VXLAN')).toHaveFocus();
	});

	it('shows a truncated packet’s Malformed layer with its reason and bytes', async () => {
		const user = userEvent.setup();
		render(PacketInspector, { packet: packet(examplePingOverVxlan().slice(0, 46)) });
		expect(layerButtons().map((b) => b.querySelector('.name')?.textContent)).toEqual([
			'Ethernet',
			'Malformed'
		]);
		expect(
			screen.getByText('IPv4 total length 110 but only 32 bytes present', { exact: false })
		).toBeVisible();
		await user.click(layerButton('Malformed'));
		expect(announcement()).toBe('Bytes 14–45 (Malformed)');
		expect(selectedBytes()).toHaveLength(32);
		expect(within(layerList()).getByText('No decoded fields.')).toBeVisible();
	});

	it('renders the hex dump rows and closes on request', async () => {
		const user = userEvent.setup();
		const onClose = vi.fn();
		render(PacketInspector, { packet: packet(examplePingOverVxlan()), onClose });
		const rows = screen.getByTestId('hex-dump').querySelectorAll('[data-row]');
		expect(rows).toHaveLength(8); // 124 bytes
		expect(rows[5].querySelector('.offset')?.textContent).toBe('0050');
		// Bytes 80–95: inner destination IP, ICMP type, code, checksum 0x4d5a ('MZ'), identifier,
		// sequence and the payload's start; the last row is 12 bytes of payload.
		expect(rows[5].querySelector('.ascii')?.textContent).toBe('......MZ....abcd');
		expect(rows[7].querySelector('.ascii')?.textContent).toBe('uvwabcdefghi');
		await user.click(screen.getByRole('button', { name: 'Close the packet inspector' }));
		expect(onClose).toHaveBeenCalledOnce();
	});

	it('starts a new packet unselected', async () => {
		const user = userEvent.setup();
		const { rerender } = render(PacketInspector, { packet: packet(examplePingOverVxlan(), 1) });
		await user.click(layerButton('VXLAN'));
		expect(selectedBytes()).toHaveLength(8);
		await rerender({ packet: packet(examplePingOverVxlan(), 2) });
		expect(screen.getByRole('heading', { name: 'Packet #2' })).toBeInTheDocument();
		expect(selectedBytes()).toEqual([]);
		expect(layerButton('VXLAN')).toHaveAttribute('aria-expanded', 'false');
	});
});

describe('HexDump', () => {
	it('renders a jumbo frame and moves the highlight without rebuilding rows', async () => {
		const bytes = new Uint8Array(9000).map((_, i) => i % 256);
		const { rerender } = render(HexDump, { bytes, range: null });
		const dump = screen.getByTestId('hex-dump');
		const firstRow = dump.querySelector('[data-row="0"]');
		expect(dump.querySelectorAll('[data-row]')).toHaveLength(563);
		await rerender({ bytes, range: { start: 8990, end: 9000, label: 'Data' } });
		expect(selectedBytes().map(([offset]) => offset)).toEqual([
			8990, 8991, 8992, 8993, 8994, 8995, 8996, 8997, 8998, 8999
		]);
		expect(dump.querySelectorAll('.ascii .selected')).toHaveLength(10);
		expect(announcement()).toBe('Bytes 8990–8999 (Data)');
		expect(dump.querySelector('[data-row="0"]')).toBe(firstRow);
	});
});

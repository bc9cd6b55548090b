import { describe, expect, it } from 'vitest';
import type { DecodedLayer } from '$lib/worker/protocol';
import { packetAddressLine, vmsByHost, vsidOf } from './network-view';
import { makeNetwork } from './test-fixtures';

const ipv4 = (name: DecodedLayer['name'], src: string, dst: string): DecodedLayer => ({
	name,
	offset: 0,
	length: 20,
	fields: [
		{ name: 'Source', value: src, offset: 12, length: 4 },
		{ name: 'Destination', value: dst, offset: 16, length: 4 }
	]
});

describe('network view helpers', () => {
	it('groups VMs by host with the host PA', () => {
		const hosts = vmsByHost(makeNetwork());
		expect(hosts.map((h) => [h.hostName, h.pa, h.vms.length])).toEqual([
			['Node01', '10.10.56.11', 2],
			['Node02', '10.10.56.12', 2]
		]);
	});

	it('finds a VM subnet VSID', () => {
		const network = makeNetwork();
		expect(vsidOf(network, network.vms[2])).toBe(6001);
	});

	it('names CAs in the tenant view and PAs with the VNI in the provider view', () => {
		const vxlan: DecodedLayer = {
			name: 'VXLAN',
			offset: 42,
			length: 8,
			fields: [{ name: 'VNI', value: '5001', offset: 46, length: 3 }]
		};
		const layers = [
			ipv4('Outer IPv4', '10.10.56.11', '10.10.56.12'),
			vxlan,
			ipv4('Inner IPv4', '10.0.1.4', '10.0.1.5')
		];
		expect(packetAddressLine(layers, 'tenant')).toBe('Tenant view: CA 10.0.1.4 → 10.0.1.5');
		expect(packetAddressLine(layers, 'provider')).toBe(
			'Provider view: PA 10.10.56.11 → 10.10.56.12, VNI 5001'
		);
		const local = [ipv4('IPv4', '10.0.1.4', '10.0.1.5')];
		expect(packetAddressLine(local, 'tenant')).toBe('Tenant view: CA 10.0.1.4 → 10.0.1.5');
		expect(packetAddressLine(local, 'provider')).toMatch(/not encapsulated/);
	});
});

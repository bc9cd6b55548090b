/**
 * Pure helpers for the Network tab and the packet inspector's address line: the provider view's
 * grouping by host, and which addresses of a decoded packet a view puts first (customer addresses
 * in the tenant view, provider addresses and the VNI in the provider view).
 */
import type { DecodedLayer, InvariantResult, NetworkView, NetworkVm } from '$lib/worker/protocol';

export type { DecodedLayer, InvariantResult, NetworkView, NetworkVm };

export type AddressView = 'tenant' | 'provider';

/** The VMs grouped by the host they run on, hosts in index order (the provider's view). */
export function vmsByHost(
	network: NetworkView
): { host: number; hostName: string; pa: string; vms: NetworkVm[] }[] {
	const hosts = new Map<number, { host: number; hostName: string; pa: string; vms: NetworkVm[] }>();
	for (const vm of network.vms) {
		const entry = hosts.get(vm.host) ?? {
			host: vm.host,
			hostName: vm.hostName,
			pa: vm.pa,
			vms: []
		};
		entry.vms.push(vm);
		hosts.set(vm.host, entry);
	}
	return [...hosts.values()].sort((a, b) => a.host - b.host);
}

/** The VSID of the subnet a VM is on, if the network lists it. */
export function vsidOf(network: NetworkView, vm: NetworkVm): number | undefined {
	return network.tenants
		.find((t) => t.name === vm.tenant)
		?.virtualNetworks.find((n) => n.name === vm.virtualNetwork)
		?.subnets.find((s) => s.name === vm.subnet)?.vsid;
}

function field(layer: DecodedLayer | undefined, name: string): string | undefined {
	return layer?.fields.find((f) => f.name === name)?.value;
}

/**
 * One line naming the addresses `view` emphasises in a decoded frame: the customer addresses
 * (inner IPv4, or the only IPv4 of an unencapsulated frame) for the tenant view; the provider
 * addresses and VNI of the VXLAN outer header for the provider view.
 */
export function packetAddressLine(layers: readonly DecodedLayer[], view: AddressView): string {
	const named = (name: string) => layers.find((l) => l.name === name);
	if (view === 'tenant') {
		const ip = named('Inner IPv4') ?? named('IPv4');
		if (!ip) return 'Tenant view: no IPv4 header (an ARP or non-IP frame).';
		return `Tenant view: CA ${field(ip, 'Source')} → ${field(ip, 'Destination')}`;
	}
	const outer = named('Outer IPv4');
	if (!outer) return 'Provider view: not encapsulated (this frame did not cross the underlay).';
	const vni = field(named('VXLAN'), 'VNI');
	return (
		`Provider view: PA ${field(outer, 'Source')} → ${field(outer, 'Destination')}` +
		(vni === undefined ? '' : `, VNI ${vni}`)
	);
}

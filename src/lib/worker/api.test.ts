import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FrameReader } from '../sim/frame';
import { Health } from '../sim/health';
import { createSimApi, type Transfer } from './api';

const scenario = readFileSync('static/scenarios/default-4-node.json', 'utf8');

/** Records what the API marked for transfer, standing in for Comlink.transfer. */
function recordingTransfer() {
	const marked: { value: unknown; buffers: ArrayBuffer[] }[] = [];
	const transfer: Transfer = (value, buffers) => {
		marked.push({ value, buffers });
		return value;
	};
	return { marked, transfer };
}

describe('worker API', () => {
	it('marks every returned frame for transfer together with the object that carries it', async () => {
		const { marked, transfer } = recordingTransfer();
		const api = createSimApi(transfer);
		const loaded = await api.load(scenario);
		if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
		const stepped = await api.step();
		expect(marked).toHaveLength(2);
		expect(marked[0].value).toBe(loaded);
		expect(marked[0].buffers).toEqual([loaded.frame]);
		expect(marked[1].value).toBe(stepped);
		expect(marked[1].buffers[0]).toBe(stepped.frame);
	});

	it('loads a scenario and reports its topology, simplifications and first frame', async () => {
		const api = createSimApi((value) => value);
		const loaded = await api.load(scenario);
		if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
		expect(loaded.topology.nodes).toHaveLength(4);
		expect(loaded.simplifications.length).toBeGreaterThan(0);
		const frame = new FrameReader().attach(loaded.frame);
		expect(frame.nodeCount).toBe(4);
		expect(frame.simTimeMs).toBe(0);
		// The packets section is there, empty before any traffic.
		expect(frame.packetCount).toBe(0);
	});

	it('rejects an invalid scenario with field-level messages instead of throwing', async () => {
		const api = createSimApi((value) => value);
		const broken = JSON.parse(scenario);
		broken.topology.nodes = 2;
		const result = await api.load(JSON.stringify(broken));
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors).toContain('topology.nodes: a scale unit has 4 to 16 servers, got 2');
	});

	it('applies a server failure input and shows it in the next frame', async () => {
		const api = createSimApi((value) => value);
		await api.load(scenario);
		await api.seek(1000);
		const { frame } = await api.addInput({ t: 1000, type: 'node.fail', node: 1 });
		const reader = new FrameReader().attach(frame);
		expect(reader.nodeHealth(1)).toBe(Health.failed);
		expect(reader.nodeHealth(0)).toBe(Health.healthy);
		expect(await api.inputs()).toEqual([{ t: 1000, type: 'node.fail', node: 1 }]);
	});

	it('refuses an input naming a server that does not exist, with a message', async () => {
		const api = createSimApi((value) => value);
		await api.load(scenario);
		await expect(api.addInput({ t: 0, type: 'node.fail', node: 9 })).rejects.toThrow(/node/);
	});

	it('throws a clear error when called before a scenario is loaded', async () => {
		const api = createSimApi((value) => value);
		await expect(api.seek(10)).rejects.toThrow('no scenario is loaded');
		expect(await api.ping()).toBe('ready');
	});
});

describe('worker API: tenant networking', () => {
	const vxlan = readFileSync('static/scenarios/vxlan-two-tenants.json', 'utf8');

	it('describes tenants, subnets with VSIDs and VMs with CA, MAC, host and PA', async () => {
		const api = createSimApi((value) => value);
		await api.load(vxlan);
		const network = await api.network();
		expect(network.tenants.map((t) => t.name)).toEqual(['Contoso', 'Fabrikam']);
		expect(network.tenants[0].virtualNetworks[0].subnets[0]).toEqual({
			name: 'app',
			prefix: '10.0.1.0/24',
			vsid: 5001
		});
		const vm = network.vms.find((v) => v.name === 'fabrikam-vm2')!;
		expect(vm).toMatchObject({ tenant: 'Fabrikam', host: 1, hostName: 'Node02', ca: '10.0.1.5' });
		expect(vm.mac).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i);
		expect(vm.pa).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
		expect(network.vms.find((v) => v.name === 'contoso-vm2')!.pa).toBe(vm.pa);
	});

	it('returns a logged packet with its bytes transferred, and refuses an unknown id', async () => {
		const { marked, transfer } = recordingTransfer();
		const api = createSimApi(transfer);
		await api.load(vxlan);
		await api.seek(6000);
		const page = await api.queryLog({ kinds: ['packet'] });
		const id = Number(page.entries.find((e) => e.entry.packet !== undefined)!.entry.packet);
		const packet = await api.packet(id);
		expect(packet.id).toBe(id);
		expect(packet.bytes.length).toBeGreaterThan(0);
		expect(packet.layers.length).toBeGreaterThan(0);
		expect(packet.summary).not.toBe('');
		expect(marked.at(-1)!.value).toBe(packet);
		expect(marked.at(-1)!.buffers).toEqual([packet.bytes.buffer]);
		await expect(api.packet(99_999)).rejects.toThrow('no packet #99999');
	});

	it('stops a seek at the first packet on a hop only when asked to', async () => {
		const api = createSimApi((value) => value);
		await api.load(vxlan);
		const stopped = new FrameReader().attach((await api.seek(6000, { stopAtPackets: true })).frame);
		expect(stopped.simTimeMs).toBeLessThan(6000);
		expect(stopped.packetCount).toBeGreaterThan(0);
		await api.seek(0);
		const plain = new FrameReader().attach((await api.seek(6000)).frame);
		expect(plain.simTimeMs).toBe(6000);
	});

	it("lists a port's effective firewall rules, following acl.add and acl.remove", async () => {
		const api = createSimApi((value) => value);
		await api.load(vxlan);
		await api.seek(1000);
		// No ACL anywhere: the SDN profile's allow-all pair, one per direction.
		const none = await api.aclRules('contoso-vm2');
		expect(none.map((r) => [r.direction, r.action, r.origin])).toEqual([
			['inbound', 'allow', 'default'],
			['outbound', 'allow', 'default']
		]);
		await api.addInput({
			t: 1000,
			type: 'acl.add',
			vm: 'contoso-vm2',
			name: 'BlockPing',
			priority: 200,
			direction: 'inbound',
			protocol: 'icmp',
			sourcePrefix: '*',
			sourcePorts: '*',
			destinationPrefix: '*',
			destinationPorts: '*',
			action: 'deny'
		});
		const rules = await api.aclRules('contoso-vm2');
		// Inbound, the subnet stage comes first (0) and the port's second (1).
		expect(rules[0]).toMatchObject({ name: 'BlockPing', origin: 'port', action: 'deny', stage: 1 });
		// Attaching a rule ends the port's stage with the implicit deny; allow-all is gone.
		expect(rules.filter((r) => r.origin === 'default').every((r) => r.action === 'deny')).toBe(
			true
		);
		expect((await api.aclRules('contoso-vm1')).every((r) => r.action === 'allow')).toBe(true);
		await api.addInput({ t: 1500, type: 'acl.remove', name: 'BlockPing' });
		await api.seek(1500);
		expect(await api.aclRules('contoso-vm2')).toEqual(none);
		await expect(api.aclRules('nope')).rejects.toThrow('no VM named nope');
	});

	it('returns the capture as pcapng bytes, transferred', async () => {
		const { marked, transfer } = recordingTransfer();
		const api = createSimApi(transfer);
		await api.load(vxlan);
		await api.seek(6000);
		const bytes = await api.capture();
		// A pcapng file starts with a Section Header Block, type 0x0A0D0D0A.
		expect([...bytes.slice(0, 4)]).toEqual([0x0a, 0x0d, 0x0d, 0x0a]);
		expect(marked.at(-1)!.buffers).toEqual([bytes.buffer]);
	});

	it('reports the invariants, holding in a correct scenario', async () => {
		const api = createSimApi((value) => value);
		await api.load(vxlan);
		await api.seek(10_000);
		const invariants = await api.invariants();
		expect(invariants.length).toBeGreaterThan(0);
		expect(invariants[0]).toMatchObject({ holds: true });
		expect(invariants[0].firstViolation).toBeUndefined();
	});

	it('lists no tenants for a scenario without tenant networking', async () => {
		const api = createSimApi((value) => value);
		await api.load(scenario);
		expect(await api.network()).toEqual({ tenants: [], vms: [] });
	});
});

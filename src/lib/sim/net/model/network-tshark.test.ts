/**
 * tshark as the oracle for the capture of a whole run: vxlan-two-tenants.json exported as pcapng
 * must decode as VXLAN (VNI 5001 and 6001, UDP 4789) between host PAs with tenant CAs inside,
 * every echo reply must match its request, and the expert system must report no errors.
 * tshark is required (CI installs it); a missing tshark fails with a message, never skips.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writePcapng } from '../../export/pcapng';
import { Simulation } from '../../index';
import { runTshark, tsharkFields } from '../../../../../scripts/tshark';
import { hostPa } from './constants';

const dir = mkdtempSync(join(tmpdir(), 'stackscope-net-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function exportTwoTenants(): { file: string; sim: Simulation } {
	const loaded = Simulation.fromJson(
		readFileSync('static/scenarios/vxlan-two-tenants.json', 'utf8')
	);
	if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
	loaded.sim.runUntil(loaded.sim.scenario.durationMs);
	const file = join(dir, 'two-tenants.pcapng');
	writeFileSync(file, loaded.sim.capture());
	return { file, sim: loaded.sim };
}

const CHECKS = ['-o', 'ip.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE'];

describe('pcapng of vxlan-two-tenants.json in tshark', () => {
	const { file, sim } = exportTwoTenants();
	const fields = (filter: string, ...names: string[]) => tsharkFields(file, CHECKS, filter, names);

	it('finds VXLAN with VNI 5001 and 6001 on UDP 4789, outer PAs and inner CAs', () => {
		const rows = fields('vxlan', 'vxlan.vni', 'udp.dstport', 'ip.src', 'ip.dst');
		expect(rows.length).toBe(48); // 16 encapsulated packets × (sender uplink, TOR port, receiver uplink)
		expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(['5001', '6001']));
		const pas = new Set([hostPa(0), hostPa(1)]);
		const cas = new Set(['10.0.1.4', '10.0.1.5']);
		for (const [, port, src, dst] of rows) {
			expect(port).toBe('4789');
			// ip.src/ip.dst list the outer then the inner header.
			const [outerSrc, innerSrc] = src.split(',');
			const [outerDst, innerDst] = dst.split(',');
			expect(pas.has(outerSrc) && pas.has(outerDst)).toBe(true);
			expect(cas.has(innerSrc) && cas.has(innerDst)).toBe(true);
		}
	});

	it("matches every ICMP echo reply to its request, at each sender's vNIC", () => {
		const net = sim.state.net;
		for (const vnic of ['Contoso/contoso-vm1 vNIC', 'Fabrikam/fabrikam-vm1 vNIC']) {
			// One capture point per file: tshark pairs echoes by id and sequence, and the same echo
			// seen at five points would pair with its own copies.
			const id = net.interfaces.findIndex((i) => i.name === vnic);
			const packets = net.captures
				.filter((c) => c.interfaceId === id)
				.map((c) => ({ ...c, interfaceId: 0 }));
			const one = join(dir, `${id}.pcapng`);
			writeFileSync(one, writePcapng([net.interfaces[id]], packets));
			const rows = runTshark([
				'-r',
				one,
				'-T',
				'fields',
				'-E',
				'separator=|',
				'-e',
				'frame.number',
				'-e',
				'icmp.type',
				'-e',
				'icmp.seq',
				'-e',
				'icmp.resp_to',
				'-Y',
				'icmp'
			])
				.trim()
				.split('\n')
				.map((l) => l.split('|'));
			const requests = rows.filter((r) => r[1] === '8');
			const replies = rows.filter((r) => r[1] === '0');
			expect(requests.map((r) => r[2])).toEqual(['1', '2', '3', '4']);
			expect(replies).toHaveLength(4);
			for (const reply of replies) {
				const request = requests.find((r) => r[0] === reply[3]);
				expect(request?.[2]).toBe(reply[2]);
			}
		}
	});

	it('shows no malformed packets and no expert errors', () => {
		expect(fields('_ws.malformed || _ws.expert.severity == error', 'frame.number')).toEqual([]);
		const expert = runTshark(['-r', file, ...CHECKS, '-q', '-z', 'expert,error']);
		expect(expert).not.toMatch(/Errors \(\d+\)/);
		expect(expert).not.toMatch(/Malformed/i);
	});
});

/**
 * tshark as the oracle for the Software Load Balancer's capture: slb-dsr.json exported as pcapng.
 * Client-to-VIP packets appear at a MUX; what a MUX sends is VXLAN to the chosen DIP's host PA
 * with the client's packet unchanged inside; replies leave the DIP's host with the VIP as source
 * and never appear at a MUX's capture point (Direct Server Return). tshark is required.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Simulation } from '../../index';
import { runTshark, tsharkFields } from '../../../../../scripts/tshark';
import { hostPa } from './constants';

const VIP = '192.0.2.50';
const CLIENTS = ['198.51.100.10', '203.0.113.25'];
const DIPS = ['10.0.1.4', '10.0.1.5'];

const dir = mkdtempSync(join(tmpdir(), 'stackscope-slb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const loaded = Simulation.fromJson(readFileSync('static/scenarios/slb-dsr.json', 'utf8'));
if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
const sim = loaded.sim;
sim.runUntil(sim.scenario.durationMs);
const file = join(dir, 'slb-dsr.pcapng');
writeFileSync(file, sim.capture());

const interfaces = sim.state.net.interfaces;
const muxIds = sim.state.net.slb!.muxInterface;
const uplinkIds = sim.state.net.uplinkInterface;

const CHECKS = ['-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE'];
const fields = (filter: string, ...names: string[]) => tsharkFields(file, CHECKS, filter, names);

describe('pcapng of slb-dsr.json in tshark', () => {
	it('names one interface per capture point: the border link, each MUX, each host uplink', () => {
		const names = runTshark(['-r', file, '-T', 'fields', '-e', 'frame.interface_name']);
		expect(new Set(names.trim().split('\n'))).toContain('MUX01 vNIC');
		expect(interfaces.map((i) => i.name)).toEqual(
			expect.arrayContaining(['Border link', 'MUX01 vNIC', 'MUX02 vNIC', 'Node03 uplink'])
		);
	});

	it('shows client-to-VIP packets at the MUXes, and nothing else there', () => {
		const atMux = fields(
			muxIds.map((id) => `frame.interface_id == ${id}`).join(' || '),
			'ip.src',
			'ip.dst',
			'tcp.dstport',
			'vxlan.vni'
		);
		expect(atMux.length).toBeGreaterThan(100);
		for (const [src, dst, port, vni] of atMux) {
			expect(CLIENTS).toContain(src);
			expect(dst).toBe(VIP);
			expect(port).toBe('80');
			expect(vni).toBe('');
		}
	});

	it('sends what a MUX forwards as VXLAN to the DIP host PA, with the client packet inside', () => {
		const rows = fields(
			'vxlan && ip.dst == 192.0.2.50',
			'frame.interface_id',
			'ip.src',
			'ip.dst',
			'udp.dstport',
			'vxlan.vni'
		);
		expect(rows.length).toBeGreaterThan(100);
		const dipHosts = new Set([hostPa(2), hostPa(3)]);
		for (const [, src, dst, port, vni] of rows) {
			const [outerSrc, innerSrc] = src.split(',');
			const [outerDst, innerDst] = dst.split(',');
			expect(outerSrc).toMatch(/^10\.10\.57\.1[12]$/); // a MUX's PA
			expect(dipHosts.has(outerDst)).toBe(true);
			expect(CLIENTS).toContain(innerSrc);
			expect(innerDst).toBe(VIP);
			expect(port).toBe('4789');
			expect(vni).toBe('5001');
		}
	});

	it('sends replies from the DIP host with the VIP as source, never through a MUX', () => {
		const replies = fields(
			`ip.src == ${VIP}`,
			'frame.interface_id',
			'ip.dst',
			'tcp.srcport',
			'vxlan.vni'
		);
		expect(replies.length).toBeGreaterThan(100);
		const seenAt = new Set(replies.map((r) => Number(r[0])));
		for (const id of muxIds) expect(seenAt.has(id)).toBe(false);
		expect([...seenAt].some((id) => uplinkIds.includes(id))).toBe(true);
		for (const [, dst, port, vni] of replies) {
			expect(CLIENTS).toContain(dst);
			expect(port).toBe('80');
			expect(vni).toBe(''); // not encapsulated: straight to the router
		}
		// Inside the VMs the DIPs answered: on the vNICs the replies still carry the DIP as source.
		const inside = fields('ip.src == 10.0.1.4 || ip.src == 10.0.1.5', 'ip.src', 'ip.dst');
		expect(new Set(inside.map((r) => r[0]))).toEqual(new Set(DIPS));
		for (const [, dst] of inside) expect(CLIENTS).toContain(dst);
	});
});

/**
 * Wireshark's own reader as the oracle: a capture written here must open in tshark with the
 * interface names, nanosecond times, addresses, ICMP types and comments intact, and nothing
 * malformed. tshark is required (CI installs it); a missing tshark fails, never skips.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writePcapng, type CaptureInterface, type CapturedPacket } from './pcapng';
import {
	ETHERTYPE_IPV4,
	PROTOCOL_ICMP,
	PROTOCOL_UDP,
	ethernet,
	icmpEcho,
	ipv4,
	udp
} from './test-frames';

/** The tshark to run: TSHARK names another binary, e.g. a newer build; PATH lookup otherwise. */
const TSHARK = process.env.TSHARK || 'tshark';

/** Runs tshark; a missing binary throws an error that says how to install it, never skips. */
function runTshark(args: string[]): { stdout: string; stderr: string } {
	const run = spawnSync(TSHARK, args, { encoding: 'utf8' });
	if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
		throw new Error(`tshark is needed: apt-get install -y tshark (${TSHARK} not found)`);
	}
	if (run.error) throw run.error;
	if (run.status !== 0) throw new Error(`tshark ${args.join(' ')} failed: ${run.stderr}`);
	return run;
}

/** Writes the capture to a temp file and returns tshark's stdout for it. */
function tshark(interfaces: CaptureInterface[], packets: CapturedPacket[], args: string[]): string {
	const dir = mkdtempSync(join(tmpdir(), 'stackscope-pcapng-'));
	try {
		const file = join(dir, 'capture.pcapng');
		writeFileSync(file, writePcapng(interfaces, packets));
		// Verify IP/UDP checksums too (off by default), so a bad hand-made frame shows up as an error.
		const checks = ['-o', 'ip.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE'];
		const { stdout, stderr } = runTshark(['-r', file, ...checks, ...args]);
		// File-level problems ("appears to have been cut short", "damaged") come on stderr.
		expect(stderr).not.toMatch(/malformed|cut short|damaged|corrupt/i);
		return stdout;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** frame.time_epoch ("0.001500000") as integer ns, exact whatever digits this tshark prints. */
const epochNs = (field: string) => {
	const [seconds, fraction = ''] = field.split('.');
	return BigInt(seconds) * 1_000_000_000n + BigInt(fraction.padEnd(9, '0').slice(0, 9));
};

const [hostA, hostB] = ['10.0.1.4', '10.0.2.5'];
const [macA, macB] = ['00:15:5d:01:02:03', '00:15:5d:0a:0b:0c'];
const ping = (type: 0 | 8, src: string, dst: string) =>
	ipv4(src, dst, PROTOCOL_ICMP, icmpEcho(type, 1, 1, Uint8Array.of(9, 8, 7, 6)));
const interfaces = [
	{ name: 'Node01 uplink', description: 'host uplink to TOR1' },
	{ name: 'TOR1 port 3' }
];
const packets: CapturedPacket[] = [
	{
		interfaceId: 0,
		timeMs: 1.5,
		bytes: ethernet(
			macB,
			macA,
			ETHERTYPE_IPV4,
			ipv4(
				hostA,
				hostB,
				PROTOCOL_UDP,
				udp(hostA, hostB, 50000, 50001, Uint8Array.of(1, 2, 3, 4, 5))
			)
		),
		comment: 'event 17: flow.start'
	},
	{ interfaceId: 0, timeMs: 2, bytes: ethernet(macB, macA, ETHERTYPE_IPV4, ping(8, hostA, hostB)) },
	// Past 2^32 ns, so the timestamp's high word is not zero.
	{
		interfaceId: 1,
		timeMs: 5000.000001,
		bytes: ethernet(macA, macB, ETHERTYPE_IPV4, ping(0, hostB, hostA)),
		comment: 'dropped: ACL deny'
	}
];
const fields = [
	'frame.interface_name',
	'frame.time_epoch',
	'ip.src',
	'ip.dst',
	'icmp.type',
	'frame.comment'
];
const fieldArgs = ['-T', 'fields', ...fields.flatMap((f) => ['-e', f])];

// tshark takes a few hundred ms to start; allow for slow CI machines.
describe('pcapng in tshark', { timeout: 30_000 }, () => {
	it('shows interface names, ns times, addresses, ICMP types and comments', () => {
		const rows = tshark(interfaces, packets, fieldArgs)
			.trimEnd()
			.split('\n')
			.map((line) => line.split('\t'));
		expect(rows.map(([name, time, ...rest]) => [name, epochNs(time), ...rest])).toEqual([
			['Node01 uplink', 1_500_000n, hostA, hostB, '', 'event 17: flow.start'],
			['Node01 uplink', 2_000_000n, hostA, hostB, '8', ''],
			['TOR1 port 3', 5_000_000_001n, hostB, hostA, '0', 'dropped: ACL deny']
		]);
	});

	it('finds nothing malformed and every checksum good', () => {
		const out = tshark(interfaces, packets, [
			'-T',
			'fields',
			'-e',
			'_ws.malformed',
			'-e',
			'ip.checksum.status',
			'-e',
			'udp.checksum.status',
			'-e',
			'icmp.checksum.status',
			'-e',
			'icmp.resp_to'
		]);
		// Checksum status 1 is "Good"; the reply (frame 3) is matched to the request (frame 2).
		expect(out.trimEnd().split('\n')).toEqual(['\t1\t1\t\t', '\t1\t\t1\t', '\t1\t\t1\t2']);
		const expert = tshark(interfaces, packets, ['-q', '-z', 'expert']);
		expect(expert).toContain('dropped: ACL deny'); // comments are listed: the report is real
		expect(expert).not.toMatch(/malformed|Errors \(|Warns \(/i);
	});

	it('flags a truncated frame, so the checks above can fail', () => {
		const cut = [{ ...packets[1], bytes: packets[1].bytes.slice(0, 30) }];
		expect(tshark(interfaces, cut, ['-T', 'fields', '-e', '_ws.malformed'])).toMatch(/Malformed/);
		expect(tshark(interfaces, cut, ['-q', '-z', 'expert'])).toMatch(/Errors \(/);
	});
});

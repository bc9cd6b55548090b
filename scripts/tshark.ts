/**
 * tshark as a test oracle: runs it on a capture and returns its output, failing on a
 * malformed-packet warning. tshark is required (CI and `npm test` install it); a missing tshark
 * fails with a message, never skips. Used by the capture tests in src/lib/sim.
 */
import { spawnSync } from 'node:child_process';

const TSHARK = process.env.TSHARK || 'tshark';
const BROKEN = /malformed|cut short|damaged|corrupt/i;

/** tshark's standard output for `args`; throws with its message if it fails or complains. */
export function runTshark(args: string[]): string {
	const run = spawnSync(TSHARK, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
		throw new Error(`tshark is needed: apt-get install -y tshark (${TSHARK} not found)`);
	}
	if (run.error) throw run.error;
	if (run.status !== 0) throw new Error(`tshark ${args.join(' ')} failed: ${run.stderr}`);
	if (BROKEN.test(run.stderr)) throw new Error(`tshark reports a broken packet: ${run.stderr}`);
	return run.stdout;
}

/** Rows of `-T fields` output for packets of `file` matching `filter`, split on '|'. */
export function tsharkFields(
	file: string,
	options: string[],
	filter: string,
	names: string[]
): string[][] {
	const args = ['-r', file, ...options, '-Y', filter, '-T', 'fields', '-E', 'separator=|'];
	return runTshark([...args, ...names.flatMap((n) => ['-e', n])])
		.trim()
		.split('\n')
		.filter((l) => l !== '')
		.map((l) => l.split('|'));
}

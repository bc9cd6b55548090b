/**
 * TCP control bits (RFC 9293 §3.1, header byte 13) as named booleans, and how captures print them.
 */

// Control bits in header byte 13 (RFC 9293 §3.1).
const FIN = 0x01;
const SYN = 0x02;
const RST = 0x04;
const PSH = 0x08;
const ACK = 0x10;

/** The control bits the simulation uses (URG, ECE and CWR are never set and ignored on parse). */
export interface TcpFlags {
	syn: boolean;
	ack: boolean;
	fin: boolean;
	rst: boolean;
	psh: boolean;
}

/** Reads the five modelled control bits from header byte 13. */
export function decodeTcpFlags(byte: number): TcpFlags {
	const has = (bit: number) => (byte & bit) !== 0;
	return { syn: has(SYN), ack: has(ACK), fin: has(FIN), rst: has(RST), psh: has(PSH) };
}

/** Flags as learners read them in captures, e.g. "SYN, ACK"; "none" when no bit is set. */
export function formatTcpFlags(flags: TcpFlags): string {
	const names = (['syn', 'ack', 'psh', 'fin', 'rst'] as const).filter((name) => flags[name]);
	return names.length ? names.map((name) => name.toUpperCase()).join(', ') : 'none';
}

/** Writes the five modelled control bits as header byte 13 (the other bits stay 0). */
export function encodeTcpFlags(flags: TcpFlags): number {
	const bit = (on: boolean, value: number) => (on ? value : 0);
	return (
		bit(flags.fin, FIN) |
		bit(flags.syn, SYN) |
		bit(flags.rst, RST) |
		bit(flags.psh, PSH) |
		bit(flags.ack, ACK)
	);
}

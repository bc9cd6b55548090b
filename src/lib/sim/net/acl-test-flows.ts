/**
 * TCP flow fixtures shared by the firewall tests (imported only by *.test.ts): a VM at 10.0.0.4
 * talking to a web server over HTTPS, with NSG default rules on its port.
 */
import { effectiveRules } from './acl';
import type { FlowPacket } from './acl';
import type { TcpFlags } from './tcp-flags';

export const vm = '10.0.0.4';
export const web = '93.184.216.34';
export const nsg = effectiveRules([], [], 'nsg-defaults', ['10.0.0.0/16']);
const none: TcpFlags = { syn: false, ack: false, fin: false, rst: false, psh: false };

/** TCP flags with the named ones set. */
export const f = (...names: (keyof TcpFlags)[]): TcpFlags => ({
	...none,
	...Object.fromEntries(names.map((n) => [n, true]))
});

/** A TCP segment from a:aPort to b:bPort with the given flags. */
export const seg = (
	a: string,
	aPort: number,
	b: string,
	bPort: number,
	flags: TcpFlags
): FlowPacket => ({
	protocol: 'tcp',
	srcIp: a,
	dstIp: b,
	srcPort: aPort,
	dstPort: bPort,
	tcpFlags: flags
});

/** A segment from the VM to the web server, and one back. */
export const out = (flags: TcpFlags) => seg(vm, 50000, web, 443, flags);
export const back = (flags: TcpFlags) => seg(web, 443, vm, 50000, flags);

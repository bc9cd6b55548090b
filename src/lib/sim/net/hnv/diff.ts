/**
 * Southbound updates: what the Network Controller must push to each host agent to turn one policy
 * into the next (FACTS §3.3 "Control path", §5.1). The model pushes each host's update as an event
 * with a delay and logs it; until it lands, that host forwards from its old copy.
 */
import { compareMappings, hostAgentView, vnetTables } from './policy';
import { compareText } from './prefix';
import type { CaMapping, HostAgentView, PolicyTables, VmPort, VsidTable } from './types';

/** One change to a host agent's tables. `vsid.set` carries the table header, not its mappings. */
export type PolicyChange =
	| { op: 'port.set'; port: VmPort }
	| { op: 'port.remove'; vm: string }
	| { op: 'vsid.set'; table: Omit<VsidTable, 'mappings'> }
	| { op: 'vsid.remove'; vsid: number }
	| { op: 'mapping.set'; vsid: number; mapping: CaMapping }
	| { op: 'mapping.remove'; vsid: number; ca: string };

/** The changes for one host, applied together when the update reaches its agent. */
export interface HostUpdate {
	host: number;
	changes: PolicyChange[];
}

const PORT_KEYS = ['vm', 'host', 'tenant', 'vnet', 'subnet', 'vsid', 'subnetPrefix', 'ca', 'mac'];
const HEADER_KEYS = ['vsid', 'tenant', 'vnet', 'subnet', 'prefix', 'gateway'];
const MAPPING_KEYS = ['ca', 'mac', 'pa', 'host', 'vm'];

/**
 * The per-host updates from `before` to `after`, by host index, hosts without changes left out.
 * When a VM moves, every host holding its virtual network gets the new CA→PA mapping, the old
 * host loses the port (and the tables it no longer needs), and the new host gains them.
 */
export function diffPolicy(before: PolicyTables, after: PolicyTables): HostUpdate[] {
	const hosts = after.hosts.map((h) => h.index).sort((a, b) => a - b);
	const updates: HostUpdate[] = [];
	for (const host of hosts) {
		const old = before.hosts.some((h) => h.index === host)
			? hostAgentView(before, host)
			: { ports: [], vsids: [] };
		const changes = diffView(old, hostAgentView(after, host));
		if (changes.length > 0) updates.push({ host, changes });
	}
	return updates;
}

function diffView(
	old: Pick<HostAgentView, 'ports' | 'vsids'>,
	next: Pick<HostAgentView, 'ports' | 'vsids'>
): PolicyChange[] {
	const changes: PolicyChange[] = [];
	for (const t of old.vsids) {
		if (!next.vsids.some((n) => n.vsid === t.vsid))
			changes.push({ op: 'vsid.remove', vsid: t.vsid });
	}
	for (const t of next.vsids) {
		const prev = old.vsids.find((o) => o.vsid === t.vsid);
		const { mappings, ...header } = t;
		if (!prev || !same(prev, t, HEADER_KEYS)) changes.push({ op: 'vsid.set', table: header });
		for (const m of prev?.mappings ?? []) {
			if (!mappings.some((n) => n.ca === m.ca)) {
				changes.push({ op: 'mapping.remove', vsid: t.vsid, ca: m.ca });
			}
		}
		for (const m of mappings) {
			const was = prev?.mappings.find((o) => o.ca === m.ca);
			if (!was || !same(was, m, MAPPING_KEYS)) {
				changes.push({ op: 'mapping.set', vsid: t.vsid, mapping: { ...m } });
			}
		}
	}
	for (const p of old.ports) {
		if (!next.ports.some((n) => n.vm === p.vm)) changes.push({ op: 'port.remove', vm: p.vm });
	}
	for (const p of next.ports) {
		const was = old.ports.find((o) => o.vm === p.vm);
		if (!was || !same(was, p, PORT_KEYS)) changes.push({ op: 'port.set', port: { ...p } });
	}
	return changes;
}

/** A host agent's tables after an update lands (a new object; `view` is not changed). */
export function applyHostUpdate(view: HostAgentView, update: HostUpdate): HostAgentView {
	let ports = view.ports.map((p) => ({ ...p }));
	let vsids = view.vsids.map((t) => ({ ...t, mappings: t.mappings.map((m) => ({ ...m })) }));
	for (const c of update.changes) {
		if (c.op === 'port.set') ports = [...ports.filter((p) => p.vm !== c.port.vm), { ...c.port }];
		else if (c.op === 'port.remove') ports = ports.filter((p) => p.vm !== c.vm);
		else if (c.op === 'vsid.remove') vsids = vsids.filter((t) => t.vsid !== c.vsid);
		else if (c.op === 'vsid.set') {
			const mappings = vsids.find((t) => t.vsid === c.table.vsid)?.mappings ?? [];
			vsids = [...vsids.filter((t) => t.vsid !== c.table.vsid), { ...c.table, mappings }];
		} else {
			const table = vsids.find((t) => t.vsid === c.vsid);
			if (!table) continue; // a mapping for a table this host does not hold: ignored
			const ca = c.op === 'mapping.set' ? c.mapping.ca : c.ca;
			table.mappings = table.mappings.filter((m) => m.ca !== ca);
			if (c.op === 'mapping.set') table.mappings.push({ ...c.mapping });
		}
	}
	ports.sort((a, b) => compareText(a.vm, b.vm));
	vsids.sort((a, b) => a.vsid - b.vsid);
	for (const t of vsids) t.mappings.sort(compareMappings);
	return { host: { ...view.host }, ports, vsids, vnets: vnetTables(vsids) };
}

/** One line for the event log, e.g. "VSID 5001: 10.0.1.5 is at PA 10.10.56.13 (host 2)". */
export function describeChange(c: PolicyChange): string {
	switch (c.op) {
		case 'port.set':
			return `port ${c.port.vm}: ${c.port.ca} (${c.port.mac}) in VSID ${c.port.vsid}`;
		case 'port.remove':
			return `port ${c.vm} removed`;
		case 'vsid.set':
			return `VSID ${c.table.vsid}: subnet ${c.table.vnet}/${c.table.subnet} ${c.table.prefix}`;
		case 'vsid.remove':
			return `VSID ${c.vsid} removed`;
		case 'mapping.set':
			return `VSID ${c.vsid}: ${c.mapping.ca} is at PA ${c.mapping.pa} (host ${c.mapping.host})`;
		case 'mapping.remove':
			return `VSID ${c.vsid}: ${c.ca} unmapped`;
	}
}

function same(a: object, b: object, keys: readonly string[]): boolean {
	const x = a as Record<string, unknown>;
	const y = b as Record<string, unknown>;
	return keys.every((k) => x[k] === y[k]);
}

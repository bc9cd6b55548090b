/**
 * Naming and lookup of the objects a learner can select (servers, drives, switches, the HLH).
 * ObjectRef has the same shape as the scene's ObjectPick, so selections pass between the 3D view
 * and the panels unchanged.
 */
import type { TopologyInfo } from '$lib/sim/topology';
import { formatMedia } from './format';

export type ObjectKind = 'node' | 'drive' | 'switch' | 'hlh';

/** A selectable object: its kind and its index in the topology's array of that kind. */
export interface ObjectRef {
	readonly kind: ObjectKind;
	readonly index: number;
}

/** True when two references name the same object (null-safe). */
export function sameObject(a: ObjectRef | null, b: ObjectRef | null): boolean {
	return a !== null && b !== null && a.kind === b.kind && a.index === b.index;
}

/** Display name of an object, or '' for an index the topology does not have. */
export function objectName(topology: TopologyInfo, ref: ObjectRef): string {
	switch (ref.kind) {
		case 'node':
			return topology.nodes[ref.index]?.name ?? '';
		case 'drive':
			return topology.drives[ref.index]?.name ?? '';
		case 'switch':
			return topology.switches[ref.index]?.name ?? '';
		case 'hlh':
			return topology.hlh.name;
	}
}

/** What kind of thing an object is, in words ("server", "drive", "switch", "host"). */
export function objectNoun(ref: ObjectRef): string {
	return { node: 'server', drive: 'drive', switch: 'switch', hlh: 'hardware lifecycle host' }[
		ref.kind
	];
}

/** Finds an object by the display name log entries use; null if nothing has that name. */
export function findObject(topology: TopologyInfo, name: string): ObjectRef | null {
	const node = topology.nodes.findIndex((n) => n.name === name);
	if (node >= 0) return { kind: 'node', index: node };
	const drive = topology.drives.findIndex((d) => d.name === name);
	if (drive >= 0) return { kind: 'drive', index: drive };
	const sw = topology.switches.findIndex((s) => s.name === name);
	if (sw >= 0) return { kind: 'switch', index: sw };
	if (topology.hlh.name === name) return { kind: 'hlh', index: 0 };
	return null;
}

/** Every object name grouped by kind, for the event log's object filter. */
export function objectNameGroups(topology: TopologyInfo): { label: string; names: string[] }[] {
	return [
		{ label: 'Servers', names: topology.nodes.map((n) => n.name) },
		{ label: 'Drives', names: topology.drives.map((d) => d.name) },
		{ label: 'Switches', names: topology.switches.map((s) => s.name) },
		{ label: 'Hardware lifecycle host', names: [topology.hlh.name] }
	];
}

/**
 * A one-line summary of a server's drives, grouped by role and media in bay order,
 * e.g. "2 NVMe cache, 4 HDD capacity".
 */
export function drivesSummary(topology: TopologyInfo, node: number): string {
	const counts = new Map<string, number>();
	for (const d of topology.nodes[node]?.drives ?? []) {
		const drive = topology.drives[d];
		if (!drive) continue;
		const key = `${formatMedia(drive.media)} ${drive.role}`;
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	if (counts.size === 0) return 'no drives';
	return [...counts].map(([key, n]) => `${n} ${key}`).join(', ');
}

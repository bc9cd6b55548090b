/**
 * Where a pickable object is, as a box (pure): what the selection outline surrounds and what
 * `screenPosition` projects. Uses the same layout functions as the meshes, so they agree.
 */
import type { TopologyInfo } from '../sim/topology';
import { bayParts, faceZones } from './fronts';
import { bezelBox, box, equipmentBox, type Box } from './layout';
import type { ObjectPick } from './picking';

/** Bays on a server's front: enough for its drive count and its highest bay number. */
export function nodeBayCount(topology: TopologyInfo, node: number): number {
	const { drives } = topology.nodes[node];
	let count = drives.length;
	for (const d of drives) count = Math.max(count, topology.drives[d].bay + 1);
	return count;
}

/** The box of a target, or null if the topology has no such object. */
export function targetBox(topology: TopologyInfo, target: ObjectPick): Box | null {
	const rackCount = Math.max(1, topology.racks.length);
	const { index } = target;
	switch (target.kind) {
		case 'node':
			return topology.nodes[index] ? equipmentBox(topology.nodes[index], rackCount) : null;
		case 'switch':
			return topology.switches[index] ? equipmentBox(topology.switches[index], rackCount) : null;
		case 'hlh':
			return index === 0 ? equipmentBox(topology.hlh, rackCount) : null;
		case 'drive': {
			const drive = topology.drives[index];
			if (!drive || !topology.nodes[drive.node]) return null;
			const zones = faceZones(bezelBox(topology.nodes[drive.node], rackCount));
			const { trim, led } = bayParts(zones.bays, nodeBayCount(topology, drive.node), drive.bay);
			const x0 = trim.x - trim.w / 2;
			const y0 = trim.y - trim.h / 2;
			return box(x0, x0 + trim.w, y0, y0 + trim.h, trim.z - trim.d / 2, led.z + led.d / 2);
		}
	}
}

/**
 * A point on the target's front where a click picks the target itself (so a menu placed there
 * points at it, and tests can click it): a unit's name plate on its bezel (its middle may be a
 * drive), a drive's face.
 */
export function targetAnchor(
	topology: TopologyInfo,
	target: ObjectPick
): [number, number, number] | null {
	const b = targetBox(topology, target);
	if (!b) return null;
	if (target.kind === 'drive') return [b.x, b.y, b.z + b.d / 2];
	const rackCount = Math.max(1, topology.racks.length);
	const slot =
		target.kind === 'node'
			? topology.nodes[target.index]
			: target.kind === 'switch'
				? topology.switches[target.index]
				: topology.hlh;
	const { label } = faceZones(bezelBox(slot, rackCount));
	return [label.x, label.y, label.z];
}

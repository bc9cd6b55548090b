/**
 * What a click can hit, with no three.js: every instance of a pickable InstancedMesh carries a
 * pick code (kind and index packed in one int, -1 for scenery), and codes map back to shared,
 * frozen PickTarget objects so hover and selection compare by identity and allocate nothing.
 */
import type { TopologyInfo } from '../sim/topology';

/** An object a learner can select: index into the matching TopologyInfo array (0 for the HLH). */
export type ObjectPick = {
	readonly kind: 'node' | 'drive' | 'switch' | 'hlh';
	readonly index: number;
};

/** A packet in flight: `index` is its packet id (not an array index). */
export type PacketPick = {
	readonly kind: 'packet';
	readonly index: number;
};

/** What a click can hit: an object of the topology or a packet in flight. */
export type PickTarget = ObjectPick | PacketPick;

/** Kinds of topology objects (packets are picked through Packets, not pick codes). */
export type PickKind = ObjectPick['kind'];

/** Code of an instance that is scenery (rack panels, blanking plates). */
export const NO_PICK = -1;

const KINDS: readonly PickKind[] = ['node', 'drive', 'switch', 'hlh'];
/** Index bits; topology arrays hold far fewer than 2^16 objects. */
const INDEX_BITS = 16;
const INDEX_MASK = (1 << INDEX_BITS) - 1;

/** Packs a target into an int code for an instance table. */
export function encodePick(kind: PickKind, index: number): number {
	return (KINDS.indexOf(kind) << INDEX_BITS) | (index & INDEX_MASK);
}

/** The targets of one topology, created once, looked up by code or by (kind, index). */
export class PickTargets {
	private readonly byKind: Record<PickKind, readonly ObjectPick[]>;
	private packet: PacketPick = Object.freeze({ kind: 'packet', index: 0 });

	constructor(topology: TopologyInfo) {
		const make = (kind: PickKind, n: number) =>
			Array.from({ length: n }, (_, index) => Object.freeze({ kind, index }));
		this.byKind = {
			node: make('node', topology.nodes.length),
			drive: make('drive', topology.drives.length),
			switch: make('switch', topology.switches.length),
			hlh: make('hlh', 1)
		};
	}

	/** The shared target for (kind, index), or null if there is no such object. */
	get(kind: PickKind, index: number): ObjectPick | null {
		return this.byKind[kind]?.[index] ?? null;
	}

	/**
	 * The target of packet `id` (0: none). The last one is reused, so repeated picks (hover) of
	 * the same packet compare by identity.
	 */
	packetTarget(id: number): PacketPick | null {
		if (id <= 0) return null;
		if (this.packet.index !== id) this.packet = Object.freeze({ kind: 'packet', index: id });
		return this.packet;
	}

	/** The shared target for `target`'s kind and index (so callers' copies compare by identity). */
	canonical(target: ObjectPick | null): ObjectPick | null {
		return target ? this.get(target.kind, target.index) : null;
	}

	/** Decodes an instance code; null for NO_PICK or a code this topology does not have. */
	decode(code: number): ObjectPick | null {
		if (code < 0) return null;
		const kind = KINDS[code >>> INDEX_BITS];
		return kind ? this.get(kind, code & INDEX_MASK) : null;
	}

	/** The target of instance `instanceId` in a mesh whose instance codes are `codes`. */
	fromInstance(codes: Int32Array, instanceId: number | undefined): ObjectPick | null {
		if (instanceId === undefined || instanceId < 0 || instanceId >= codes.length) return null;
		return this.decode(codes[instanceId]);
	}
}

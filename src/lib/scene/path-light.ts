/**
 * Which cables lie on the path of a packet in flight, and in which tone (pure, no three.js).
 * Network paints them; the tones index `PATH_COLORS`.
 */
import { Color } from 'three';
import { PacketFlags, PacketHop, PATH_NONE, type FrameReader } from '../sim/frame';
import { SCENE_COLORS } from './palette';

/** Cable colour per tone: tenant parity 0 and 1, then load-balanced inbound, then direct return. */
export const PATH_COLORS = [
	new Color(SCENE_COLORS.packetTenantEven),
	new Color(SCENE_COLORS.packetTenantOdd),
	new Color(SCENE_COLORS.packetLoadBalanced),
	new Color(SCENE_COLORS.packetDirectReturn)
];
export const TONE = { even: 0, odd: 1, loadBalanced: 2, directReturn: 3 } as const;

/** The tone a packet's path is lit in (packets.ts colours packets the same way). */
export function pathTone(flags: number): number {
	if (flags & PacketFlags.directReturn) return TONE.directReturn;
	if (flags & PacketFlags.loadBalanced) return TONE.loadBalanced;
	return flags & PacketFlags.tenantOdd ? TONE.odd : TONE.even;
}

const SLB = PacketFlags.loadBalanced | PacketFlags.directReturn;

/**
 * Marks in `lit` (per node, -1 for none) the servers whose TOR cable lies on the path of a packet
 * in flight between two servers, once the sending host has decided where it goes: both hosts'
 * cables, in the packet's tone. A packet that stays in one host (same-host traffic) lights
 * nothing; nor does a drop marker. A load-balanced packet's other end may be outside the racks
 * (an internet client), so its known end lights alone. Returns the tone of the border router's
 * cable: a packet on hop 4 or 5 lights it; -1 when none is on it.
 */
export function pathLight(frame: FrameReader, lit: Int8Array): number {
	lit.fill(-1);
	let border = -1;
	for (let i = 0; i < frame.packetCount; i++) {
		const flags = frame.packetFlags(i);
		if (flags & PacketFlags.droppedHere) continue;
		const tone = pathTone(flags);
		const hop = frame.packetHop(i);
		if (hop === PacketHop.borderToTor || hop === PacketHop.torToBorder) border = tone;
		const src = frame.packetPathSrc(i);
		const dst = frame.packetPathDst(i);
		if (src === dst) continue;
		if ((src === PATH_NONE || dst === PATH_NONE) && !(flags & SLB)) continue;
		if (src !== PATH_NONE && src < lit.length) lit[src] = tone;
		if (dst !== PATH_NONE && dst < lit.length) lit[dst] = tone;
	}
	return border;
}

/**
 * The packet inspector's decoder: walks Ethernet → ARP | IPv4 → ICMP | TCP | UDP → VXLAN → inner
 * Ethernet → … and reports every layer and field with its byte range. It never throws: whatever
 * cannot be decoded ends the walk as a 'Malformed' layer with the reason.
 */
import type { DecodedField } from './decode-fields';
import { Walk } from './decode-walk';

export type { DecodedField } from './decode-fields';

/**
 * Layer names. Ethernet and IPv4 become 'Outer …' before a VXLAN header and 'Inner …' after it,
 * and stay plain when there is no VXLAN. 'Data' is an undecoded payload, 'Padding' bytes past
 * the end of the IPv4 packet (or ARP) that a NIC adds to reach 60 bytes.
 */
export type LayerName =
	| 'Ethernet'
	| 'Outer Ethernet'
	| 'Inner Ethernet'
	| 'ARP'
	| 'IPv4'
	| 'Outer IPv4'
	| 'Inner IPv4'
	| 'ICMP'
	| 'UDP'
	| 'TCP'
	| 'VXLAN'
	| 'Data'
	| 'Padding'
	| 'Malformed';

/** One decoded layer: its byte range in the frame and its fields. */
export interface DecodedLayer {
	name: LayerName;
	/** Offset from the start of the frame (bytes). */
	offset: number;
	/** Length (bytes): the header, or the whole message for ICMP and ARP. */
	length: number;
	fields: DecodedField[];
	/** Why decoding stopped; set on 'Malformed' layers only. */
	reason?: string;
}

/**
 * Decodes a frame (Ethernet II, no FCS) into layers in byte order. Layers never overlap and lie
 * inside the frame; if decoding fails the last layer is 'Malformed' and covers the undecodable
 * bytes of the enclosing packet.
 */
export function decodeFrame(bytes: Uint8Array): DecodedLayer[] {
	const walk = new Walk(bytes);
	walk.ethernet(0, bytes.length);
	return nameOuterAndInner(walk.layers);
}

/** Prefixes Ethernet and IPv4 with Outer/Inner around the first VXLAN header, if there is one. */
function nameOuterAndInner(layers: DecodedLayer[]): DecodedLayer[] {
	const vxlanAt = layers.findIndex((layer) => layer.name === 'VXLAN');
	if (vxlanAt < 0) return layers;
	for (let i = 0; i < layers.length; i++) {
		const { name } = layers[i];
		if (name !== 'Ethernet' && name !== 'IPv4') continue;
		layers[i].name = i < vxlanAt ? `Outer ${name}` : `Inner ${name}`;
	}
	return layers;
}

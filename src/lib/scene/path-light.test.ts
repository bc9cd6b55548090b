import { describe, expect, it } from 'vitest';
import {
	BORDER_NODE,
	PATH_NONE,
	PacketFlags,
	PacketHop,
	TOR_NODE,
	type FramePacket
} from '../sim/frame';
import { pathLight, pathTone, TONE } from './path-light';
import { makeTopology, testFrame } from './test-topology';

const topo = makeTopology(4);
const { loadBalanced, directReturn, tenantOdd, droppedHere, encapsulated } = PacketFlags;

const packet = (p: Partial<FramePacket>): FramePacket => ({
	packetId: 1,
	hop: PacketHop.hostToTor,
	flags: encapsulated,
	fromNode: 0,
	toNode: TOR_NODE,
	progress: 0.5,
	pathSrc: 0,
	pathDst: 3,
	...p
});
const light = (list: FramePacket[]) => {
	const lit = new Int8Array(topo.nodes.length);
	const border = pathLight(
		testFrame(topo, (s) => (s.packets = list)),
		lit
	);
	return { lit: [...lit], border };
};

describe('path light', () => {
	it('tones tenant packets by parity, load-balanced ones inbound or direct return', () => {
		expect(pathTone(0)).toBe(TONE.even);
		expect(pathTone(tenantOdd)).toBe(TONE.odd);
		expect(pathTone(loadBalanced | tenantOdd)).toBe(TONE.loadBalanced);
		expect(pathTone(loadBalanced | directReturn)).toBe(TONE.directReturn);
	});

	it('lights the border cable for a packet on hop 4 or 5, in its tone', () => {
		const onBorder = (hop: number, flags: number) =>
			packet({ hop, flags, fromNode: BORDER_NODE, pathSrc: PATH_NONE, pathDst: PATH_NONE });
		expect(light([onBorder(PacketHop.borderToTor, loadBalanced)]).border).toBe(TONE.loadBalanced);
		expect(light([onBorder(PacketHop.torToBorder, loadBalanced | directReturn)]).border).toBe(
			TONE.directReturn
		);
		expect(light([packet({})]).border).toBe(-1);
		expect(light([onBorder(PacketHop.borderToTor, loadBalanced | droppedHere)]).border).toBe(-1);
	});

	it('lights the known host of a load-balanced packet whose other end is outside', () => {
		const dsr = packet({ flags: loadBalanced | directReturn, pathSrc: 2, pathDst: PATH_NONE });
		expect(light([dsr]).lit).toEqual([-1, -1, TONE.directReturn, -1]);
		const lb = packet({ flags: loadBalanced, pathSrc: 1, pathDst: 3 });
		expect(light([lb]).lit).toEqual([-1, TONE.loadBalanced, -1, TONE.loadBalanced]);
		// A tenant packet with an unknown end still lights nothing, as before.
		expect(light([packet({ flags: tenantOdd, pathDst: PATH_NONE })]).lit).toEqual([-1, -1, -1, -1]);
	});
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildArpPacket } from './arp';
import { type DecodedLayer, decodeFrame } from './decode';
import { encapsulateVxlan } from './encap';
import { ETHERTYPE_ARP, ETHERTYPE_IPV4, buildEthernetFrame, padEthernetFrame } from './ethernet';
import { examplePingOverVxlan } from './example';
import { buildIcmpEcho } from './icmp';
import { IP_PROTOCOL_ICMP, IP_PROTOCOL_TCP, buildIpv4Packet } from './ipv4';
import { buildTcpSegment } from './tcp';

const macs = { dstMac: '00:1d:d8:b7:1c:05', srcMac: '00:1d:d8:b7:1c:04' };
const addresses = { srcIp: '10.0.0.4', dstIp: '10.0.0.5' };

function field(layers: DecodedLayer[], layer: string, name: string) {
	return layers.find((l) => l.name === layer)?.fields.find((f) => f.name === name);
}

/** The structural promises of decodeFrame, for any input. */
function expectWellFormed(frame: Uint8Array, layers: DecodedLayer[]) {
	let end = 0;
	layers.forEach((layer, i) => {
		expect(layer.offset).toBeGreaterThanOrEqual(end);
		expect(layer.length).toBeGreaterThanOrEqual(0);
		end = layer.offset + layer.length;
		expect(end).toBeLessThanOrEqual(frame.length);
		for (const f of layer.fields) {
			expect(f.offset).toBeGreaterThanOrEqual(layer.offset);
			expect(f.offset + f.length).toBeLessThanOrEqual(end);
		}
		// Only the last layer may be Malformed, and only Malformed layers carry a reason.
		const malformed = layer.name === 'Malformed';
		if (malformed) expect(i).toBe(layers.length - 1);
		expect(typeof layer.reason === 'string').toBe(malformed);
	});
}

describe('decodeFrame', () => {
	it('decodes the golden VXLAN ping into its 7 layers', () => {
		const layers = decodeFrame(examplePingOverVxlan());
		expect(layers.map((l) => [l.name, l.offset, l.length])).toEqual([
			['Outer Ethernet', 0, 14],
			['Outer IPv4', 14, 20],
			['UDP', 34, 8],
			['VXLAN', 42, 8],
			['Inner Ethernet', 50, 14],
			['Inner IPv4', 64, 20],
			['ICMP', 84, 40]
		]);
		expect(field(layers, 'VXLAN', 'VNI')).toEqual({
			name: 'VNI',
			value: '5001',
			offset: 46,
			length: 3
		});
		expect(field(layers, 'UDP', 'Destination port')).toMatchObject({
			value: '4789',
			offset: 36,
			length: 2
		});
		expect(field(layers, 'Outer IPv4', 'Header checksum')).toMatchObject({
			value: '0x7654',
			note: 'correct'
		});
		expect(field(layers, 'Inner IPv4', 'Source')).toMatchObject({ value: '10.0.0.4', offset: 76 });
		expect(field(layers, 'ICMP', 'Checksum')).toMatchObject({ value: '0x4d5a', note: 'correct' });
		expect(field(layers, 'ICMP', 'Data')).toMatchObject({ offset: 92, length: 32 });
		expectWellFormed(examplePingOverVxlan(), layers);
	});

	it('names layers plainly without VXLAN, and shows TCP data and flags', () => {
		const flags = { syn: false, ack: true, fin: false, rst: false, psh: true };
		const tcp = buildTcpSegment(
			{ srcPort: 49700, dstPort: 443, seq: 1, ackNumber: 1, flags, window: 1024 },
			Uint8Array.of(1, 2, 3),
			addresses
		);
		const ip = buildIpv4Packet({ ...addresses, protocol: IP_PROTOCOL_TCP }, tcp);
		const layers = decodeFrame(buildEthernetFrame({ ...macs, etherType: ETHERTYPE_IPV4 }, ip));
		expect(layers.map((l) => l.name)).toEqual(['Ethernet', 'IPv4', 'TCP', 'Data']);
		expect(field(layers, 'TCP', 'Flags')?.value).toBe('ACK, PSH');
		expect(field(layers, 'TCP', 'Checksum')?.note).toBe('correct');
	});

	it('decodes ARP and the padding a NIC adds up to 60 bytes, with a VLAN tag', () => {
		const arp = buildArpPacket({
			op: 'request',
			senderMac: macs.srcMac,
			senderIp: '10.0.0.4',
			targetMac: '00:00:00:00:00:00',
			targetIp: '10.0.0.5'
		});
		const vlan = { pcp: 0, dei: false, vid: 42 };
		const frame = padEthernetFrame(
			buildEthernetFrame({ ...macs, etherType: ETHERTYPE_ARP, vlan }, arp)
		);
		const layers = decodeFrame(frame);
		expect(layers.map((l) => [l.name, l.offset, l.length])).toEqual([
			['Ethernet', 0, 18],
			['ARP', 18, 28],
			['Padding', 46, 14]
		]);
		expect(field(layers, 'Ethernet', 'VLAN ID')).toMatchObject({ value: '42', offset: 14 });
		expect(field(layers, 'ARP', 'Target IP')?.value).toBe('10.0.0.5');
	});

	it('shows padding after a short IPv4 packet, but nothing after a Malformed layer', () => {
		const pad = (l4: Uint8Array) => {
			const ip = buildIpv4Packet({ ...addresses, protocol: IP_PROTOCOL_ICMP }, l4);
			return padEthernetFrame(buildEthernetFrame({ ...macs, etherType: ETHERTYPE_IPV4 }, ip));
		};
		const echo = buildIcmpEcho({
			type: 'echo-reply',
			identifier: 1,
			sequence: 2,
			payload: new Uint8Array(0)
		});
		const layers = decodeFrame(pad(echo));
		expect(layers.map((l) => [l.name, l.offset, l.length])).toEqual([
			['Ethernet', 0, 14],
			['IPv4', 14, 20],
			['ICMP', 34, 8],
			['Padding', 42, 18]
		]);
		const cut = decodeFrame(pad(echo.subarray(0, 4)));
		expect(cut.map((l) => [l.name, l.offset, l.length])).toEqual([
			['Ethernet', 0, 14],
			['IPv4', 14, 20],
			['Malformed', 34, 4]
		]);
	});

	it('recurses through VXLAN in VXLAN, naming everything after the first VXLAN inner', () => {
		const outer = {
			srcMac: '00:15:5d:00:00:01',
			dstMac: '00:15:5d:00:00:02',
			srcPa: '192.0.2.1',
			dstPa: '192.0.2.2',
			vni: 7
		};
		const names = decodeFrame(encapsulateVxlan(examplePingOverVxlan(), outer)).map((l) => l.name);
		expect(names).toEqual([
			'Outer Ethernet',
			'Outer IPv4',
			'UDP',
			'VXLAN',
			'Inner Ethernet',
			'Inner IPv4',
			'UDP',
			'VXLAN',
			'Inner Ethernet',
			'Inner IPv4',
			'ICMP'
		]);
	});

	it('ends every truncation of the golden packet with a Malformed layer', () => {
		const frame = examplePingOverVxlan();
		for (let length = 0; length < frame.length; length++) {
			const layers = decodeFrame(frame.slice(0, length));
			expect(layers[layers.length - 1].name).toBe('Malformed');
			expectWellFormed(frame.slice(0, length), layers);
		}
	});

	it('reports I = 0 as Malformed and a bad checksum with the value it should have', () => {
		const noI = examplePingOverVxlan();
		noI[42] = 0;
		const layers = decodeFrame(noI);
		expect(layers.map((l) => l.name)).toEqual(['Ethernet', 'IPv4', 'UDP', 'Malformed']);
		expect(layers[3]).toMatchObject({
			offset: 42,
			length: 82,
			reason: expect.stringContaining('I = 0')
		});
		const badSum = examplePingOverVxlan();
		badSum[25] = 0;
		const note = field(decodeFrame(badSum), 'Outer IPv4', 'Header checksum')?.note;
		expect(note).toBe('incorrect, should be 0x7654');
	});

	it('never throws on random bytes, and keeps layers ordered and inside the frame', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 200 }), (frame) => {
				expectWellFormed(frame, decodeFrame(frame));
			})
		);
	});

	it('never throws on damaged real packets either', () => {
		const damage = fc.record({
			pokes: fc.array(fc.tuple(fc.nat(123), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
			length: fc.integer({ min: 0, max: 140 })
		});
		fc.assert(
			fc.property(damage, ({ pokes, length }) => {
				const frame = new Uint8Array(length);
				frame.set(examplePingOverVxlan().subarray(0, length));
				for (const [at, value] of pokes) if (at < length) frame[at] = value;
				expectWellFormed(frame, decodeFrame(frame));
			})
		);
	});
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FrameReader, PacketFlags, PacketHop, TOR_NODE } from '../../frame';
import { Simulation } from '../../index';
import { HOST_TO_TOR_MS } from './constants';

function load(): Simulation {
	const loaded = Simulation.fromJson(
		readFileSync('static/scenarios/vxlan-two-tenants.json', 'utf8')
	);
	if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
	return loaded.sim;
}

describe('packets in flight', () => {
	it('puts every hop of every packet in the frame while it is under way, then removes it', () => {
		const full = load();
		full.runUntil(full.scenario.durationMs);
		const firstSent = full.log.find((e) => e.type === 'packet.sent')!.t;
		const sim = load();
		const reader = new FrameReader();
		const hops = new Set<number>();
		const parities = new Set<number>();
		// Hops last microseconds of simulated time: sample finely around the first ping.
		for (let k = 0; k < 100; k++) {
			sim.runUntil(firstSent + k * 0.0025);
			reader.attach(sim.frame());
			for (let i = 0; i < reader.packetCount; i++) {
				const hop = reader.packetHop(i);
				const flags = reader.packetFlags(i);
				hops.add(hop);
				parities.add(flags & PacketFlags.tenantOdd);
				expect(reader.packetProgress(i)).toBeGreaterThanOrEqual(0);
				expect(reader.packetProgress(i)).toBeLessThanOrEqual(1);
				const wrapped = hop === PacketHop.hostToTor || hop === PacketHop.torToHost;
				expect((flags & PacketFlags.encapsulated) !== 0).toBe(wrapped);
				if (hop === PacketHop.hostToTor) expect(reader.packetTo(i)).toBe(TOR_NODE);
				else if (hop === PacketHop.torToHost) expect(reader.packetFrom(i)).toBe(TOR_NODE);
				else expect(reader.packetFrom(i)).toBe(reader.packetTo(i));
				expect(sim.packet(reader.packetId(i))).toBeDefined();
			}
		}
		expect([...hops].sort()).toEqual([0, 1, 2, 3]);
		expect(parities).toEqual(new Set([0, PacketFlags.tenantOdd]));
		sim.runUntil(sim.scenario.durationMs);
		expect(sim.state.net.inFlight).toEqual([]);
	});

	it('reports progress from the sim time between a hop start and its arrival', () => {
		const sim = load();
		sim.runUntil(sim.scenario.durationMs);
		const encapsulated = sim.log.find((e) => e.type === 'packet.encapsulated')!;
		const fresh = load();
		fresh.runUntil(encapsulated.t + HOST_TO_TOR_MS / 2);
		const reader = new FrameReader().attach(fresh.frame());
		const ids = Array.from({ length: reader.packetCount }, (_, i) => reader.packetId(i));
		const i = ids.indexOf(encapsulated.packet as number);
		expect(i).toBeGreaterThanOrEqual(0);
		expect(reader.packetHop(i)).toBe(PacketHop.hostToTor);
		expect(reader.packetProgress(i)).toBeCloseTo(0.5, 3);
	});
});

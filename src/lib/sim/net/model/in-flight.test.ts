import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FrameReader, PATH_NONE, PacketFlags, PacketHop, TOR_NODE } from '../../frame';
import { Simulation } from '../../index';
import { DROP_MARK_MS, HOST_TO_TOR_MS } from './constants';

function load(file = 'vxlan-two-tenants'): Simulation {
	const loaded = Simulation.fromJson(readFileSync(`static/scenarios/${file}.json`, 'utf8'));
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

	it('gives every packet its path ends: the sending host, then the receiving host once decided', () => {
		const sim = load();
		const reader = new FrameReader();
		let crossing = 0;
		while (sim.nowMs < 6000 && crossing === 0) {
			sim.seek(6000, { stopAtPackets: true });
			for (let k = 0; k < 40 && sim.packetsInFlight > 0; k++) {
				sim.runUntil(sim.nowMs + 0.0025);
				reader.attach(sim.frame());
				for (let i = 0; i < reader.packetCount; i++) {
					const record = sim.state.net.packets[reader.packetId(i) - 1];
					expect(reader.packetPathSrc(i)).toBe(record.srcHost);
					const dst = reader.packetPathDst(i);
					expect(dst).toBe(record.dstHost < 0 ? PATH_NONE : record.dstHost);
					if (reader.packetHop(i) === PacketHop.torToHost) {
						expect(dst).toBe(reader.packetTo(i));
						expect(dst).not.toBe(reader.packetPathSrc(i));
						crossing++;
					}
				}
			}
		}
		expect(crossing).toBeGreaterThan(0);
	});

	it('leaves a still drop marker where a packet was dropped, for DROP_MARK_MS', () => {
		const full = load('vxlan-mtu-problem');
		full.runUntil(full.scenario.durationMs);
		const drop = full.log.find((e) => e.type === 'packet.dropped')!;
		expect(drop).toBeDefined();
		const sim = load('vxlan-mtu-problem');
		sim.runUntil(drop.t + DROP_MARK_MS / 2);
		const reader = new FrameReader().attach(sim.frame());
		const ids = Array.from({ length: reader.packetCount }, (_, i) => reader.packetId(i));
		const i = ids.indexOf(drop.packet as number);
		expect(i).toBeGreaterThanOrEqual(0);
		expect(reader.packetFlags(i) & PacketFlags.droppedHere).toBe(PacketFlags.droppedHere);
		const host = sim.topology.nodes.findIndex((n) => n.name === drop.node);
		expect(reader.packetFrom(i)).toBe(host);
		expect(reader.packetProgress(i)).toBe(1);
		sim.runUntil(drop.t + DROP_MARK_MS * 1.01);
		reader.attach(sim.frame());
		const later = Array.from({ length: reader.packetCount }, (_, k) => reader.packetId(k));
		expect(later).not.toContain(drop.packet);
	});
});

describe('seek with stopAtPackets', () => {
	it('stops right after the first event that puts a packet on a hop, and is replayable', () => {
		const full = load();
		full.runUntil(full.scenario.durationMs);
		const firstSent = full.log.find((e) => e.type === 'packet.sent')!.t;
		const sim = load();
		expect(sim.seek(60_000, { stopAtPackets: true })).toBe(true);
		expect(sim.nowMs).toBe(firstSent);
		expect(sim.packetsInFlight).toBeGreaterThan(0);
		const hash = sim.stateHash();
		// A plain seek back and a stop again land on the same state.
		sim.seek(0);
		expect(sim.seek(60_000, { stopAtPackets: true })).toBe(true);
		expect(sim.stateHash()).toBe(hash);
		// With packets already in flight it is a plain seek.
		expect(sim.seek(sim.nowMs + 0.001, { stopAtPackets: true })).toBe(false);
	});

	it('runs to the target when no packet starts before it', () => {
		const sim = load();
		expect(sim.seek(1000, { stopAtPackets: true })).toBe(false);
		expect(sim.nowMs).toBe(1000);
	});
});

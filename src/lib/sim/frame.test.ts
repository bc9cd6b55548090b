import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	FRAME_HEADER_BYTES,
	FRAME_VERSION,
	PATH_NONE,
	FrameFormatError,
	FrameReader,
	MAX_FRAME_PACKETS,
	MAX_FRAME_IO,
	MAX_FRAME_VMS,
	FRAME_VM_ROLES,
	VM_FROM_NONE,
	VmFrameState,
	TOR_NODE,
	frameBytes,
	packFrame,
	type FrameIo,
	type FramePacket,
	type FrameSource,
	type FrameVm
} from './frame';
import { INFRASTRUCTURE_ROLES } from './cluster/vms/roles';
import {
	FLIGHT_DESTAGE,
	FLIGHT_READ,
	FLIGHT_RESYNC,
	FLIGHT_ROTATE,
	FLIGHT_WRITE
} from './storage/io/state';
import { IoKind } from './frame';

const u8 = fc.integer({ min: 0, max: 255 });
const packetArb: fc.Arbitrary<FramePacket> = fc.record({
	packetId: fc.integer({ min: 1, max: 0xffffffff }),
	hop: fc.integer({ min: 0, max: 3 }),
	flags: fc.integer({ min: 0, max: 7 }),
	fromNode: fc.oneof(fc.integer({ min: 0, max: 63 }), fc.constant(TOR_NODE)),
	toNode: fc.oneof(fc.integer({ min: 0, max: 63 }), fc.constant(TOR_NODE)),
	progress: fc.float({ min: 0, max: 1, noNaN: true })
});

const ioArb: fc.Arbitrary<FrameIo> = fc.record({
	node: fc.integer({ min: 0, max: 15 }),
	drive: fc.integer({ min: 0, max: 399 }),
	kind: fc.integer({ min: 0, max: 4 }),
	volume: fc.integer({ min: 0, max: 63 }),
	progress: fc.float({ min: 0, max: 1, noNaN: true }),
	msSinceLanded: fc.float({ min: 0, max: 1e6, noNaN: true })
});

const vmArb: fc.Arbitrary<FrameVm> = fc.record({
	server: fc.integer({ min: 0, max: 15 }),
	role: fc.integer({ min: 0, max: FRAME_VM_ROLES.length - 1 }),
	state: fc.integer({ min: 0, max: 4 }),
	from: fc.oneof(fc.integer({ min: 0, max: 15 }), fc.constant(VM_FROM_NONE)),
	progress: fc.float({ min: 0, max: 1, noNaN: true })
});

const sourceArb: fc.Arbitrary<FrameSource> = fc
	.record({
		nodes: fc.integer({ min: 0, max: 16 }),
		drives: fc.integer({ min: 0, max: 40 }),
		switches: fc.integer({ min: 0, max: 3 }),
		simTimeMs: fc.double({ min: 0, max: 1e9, noNaN: true }),
		logCount: fc.nat(),
		processed: fc.nat(),
		inputCount: fc.nat({ max: 1000 }),
		flags: fc.integer({ min: 0, max: 1 }),
		packets: fc.array(packetArb, { maxLength: 40 }),
		io: fc.array(ioArb, { maxLength: 40 }),
		vms: fc.array(vmArb, { maxLength: 40 })
	})
	.chain((r) =>
		fc.record({
			simTimeMs: fc.constant(r.simTimeMs),
			logCount: fc.constant(r.logCount),
			processed: fc.constant(r.processed),
			inputCount: fc.constant(r.inputCount),
			flags: fc.constant(r.flags),
			nextEventMs: fc.constant(Infinity),
			nodeHealth: fc.array(u8, { minLength: r.nodes, maxLength: r.nodes }),
			nodePeersLost: fc.array(u8, { minLength: r.nodes, maxLength: r.nodes }),
			nodeMsSinceHeartbeat: fc.array(fc.integer({ min: 0, max: 100000 }), {
				minLength: r.nodes,
				maxLength: r.nodes
			}),
			driveHealth: fc.array(u8, { minLength: r.drives, maxLength: r.drives }),
			switchHealth: fc.array(u8, { minLength: r.switches, maxLength: r.switches }),
			packets: fc.constant(r.packets),
			io: fc.constant(r.io),
			vms: fc.constant(r.vms)
		})
	);

function emptySource(packets: FramePacket[] = []): FrameSource {
	return {
		simTimeMs: 5,
		logCount: 0,
		processed: 0,
		inputCount: 0,
		flags: 0,
		nextEventMs: Infinity,
		nodeHealth: [0, 0],
		nodePeersLost: [0, 0],
		nodeMsSinceHeartbeat: [0, 0],
		driveHealth: [0],
		switchHealth: [0],
		packets
	};
}

describe('frame format v6', () => {
	it('round-trips every field, packets included', () => {
		fc.assert(
			fc.property(sourceArb, (src) => {
				const buffer = packFrame(src);
				const packets = src.packets ?? [];
				const io = src.io ?? [];
				const vms = src.vms ?? [];
				expect(buffer.byteLength).toBe(
					frameBytes(
						src.nodeHealth.length,
						src.driveHealth.length,
						src.switchHealth.length,
						packets.length,
						io.length,
						vms.length
					)
				);
				const r = new FrameReader().attach(buffer);
				expect(r.simTimeMs).toBe(src.simTimeMs);
				expect(r.logCount).toBe(src.logCount);
				expect(r.processed).toBe(src.processed);
				expect(r.flags).toBe(src.flags);
				expect(r.nodeCount).toBe(src.nodeHealth.length);
				for (let i = 0; i < r.nodeCount; i++) {
					expect(r.nodeHealth(i)).toBe(src.nodeHealth[i]);
					expect(r.nodePeersLost(i)).toBe(src.nodePeersLost[i]);
					expect(r.nodeMsSinceHeartbeat(i)).toBe(src.nodeMsSinceHeartbeat[i]);
				}
				for (let i = 0; i < r.driveCount; i++) expect(r.driveHealth(i)).toBe(src.driveHealth[i]);
				for (let i = 0; i < r.switchCount; i++) expect(r.switchHealth(i)).toBe(src.switchHealth[i]);
				expect(r.packetCount).toBe(packets.length);
				packets.forEach((p, i) => {
					expect(r.packetId(i)).toBe(p.packetId);
					expect(r.packetHop(i)).toBe(p.hop);
					expect(r.packetFlags(i)).toBe(p.flags);
					expect(r.packetFrom(i)).toBe(p.fromNode);
					expect(r.packetTo(i)).toBe(p.toNode);
					expect(r.packetProgress(i)).toBe(Math.fround(p.progress));
				});
				expect(r.ioCount).toBe(io.length);
				io.forEach((f, i) => {
					expect(r.ioNode(i)).toBe(f.node);
					expect(r.ioDrive(i)).toBe(f.drive);
					expect(r.ioKind(i)).toBe(f.kind);
					expect(r.ioVolume(i)).toBe(f.volume);
					expect(r.ioProgress(i)).toBe(Math.fround(f.progress));
					expect(r.ioMsSinceLanded(i)).toBe(Math.fround(f.msSinceLanded));
				});
				expect(r.vmCount).toBe(vms.length);
				vms.forEach((vm, i) => {
					expect(r.vmServer(i)).toBe(vm.server);
					expect(r.vmRole(i)).toBe(vm.role);
					expect(r.vmState(i)).toBe(vm.state);
					expect(r.vmFrom(i)).toBe(vm.from);
					expect(r.vmProgress(i)).toBe(Math.fround(vm.progress));
				});
			})
		);
	});

	it('keeps the newest MAX_FRAME_IO storage transfers', () => {
		const io = Array.from({ length: MAX_FRAME_IO + 5 }, (_, i) => ({
			node: 0,
			drive: i,
			kind: IoKind.write,
			volume: 0,
			progress: 1,
			msSinceLanded: 0
		}));
		const r = new FrameReader().attach(packFrame({ ...emptySource(), io }));
		expect(r.ioCount).toBe(MAX_FRAME_IO);
		expect(r.ioDrive(0)).toBe(5);
	});

	it('numbers storage transfers as the IO model does', () => {
		expect([FLIGHT_WRITE, FLIGHT_READ, FLIGHT_DESTAGE, FLIGHT_RESYNC, FLIGHT_ROTATE]).toEqual([
			IoKind.write,
			IoKind.read,
			IoKind.destage,
			IoKind.resync,
			IoKind.rotate
		]);
	});

	it('keeps the first MAX_FRAME_VMS VMs', () => {
		const vm = { server: 1, role: 0, state: 0, from: VM_FROM_NONE, progress: 0 };
		const vms = Array.from({ length: MAX_FRAME_VMS + 3 }, (_, i) => ({ ...vm, server: i }));
		const r = new FrameReader().attach(packFrame({ ...emptySource(), vms }));
		expect(r.vmCount).toBe(MAX_FRAME_VMS);
		expect(r.vmServer(MAX_FRAME_VMS - 1)).toBe(MAX_FRAME_VMS - 1);
	});

	it('names the roles and VM states as the cluster model does', () => {
		expect(FRAME_VM_ROLES.slice(1)).toEqual(INFRASTRUCTURE_ROLES.map((r) => r.role));
		expect(Object.keys(VmFrameState)).toEqual([
			'running',
			'migrating',
			'restarting',
			'down',
			'unmonitored'
		]);
	});

	it('keeps the newest MAX_FRAME_PACKETS packets and leaves out the oldest', () => {
		const packets = Array.from({ length: MAX_FRAME_PACKETS + 10 }, (_, i) => ({
			packetId: i + 1,
			hop: 1,
			flags: 1,
			fromNode: 0,
			toNode: TOR_NODE,
			progress: 0.5
		}));
		const r = new FrameReader().attach(packFrame(emptySource(packets)));
		expect(r.packetCount).toBe(MAX_FRAME_PACKETS);
		expect(r.packetId(0)).toBe(11);
		expect(r.packetId(MAX_FRAME_PACKETS - 1)).toBe(MAX_FRAME_PACKETS + 10);
	});

	it('clamps progress to 0..1', () => {
		const p = { packetId: 1, hop: 0, flags: 0, fromNode: 0, toNode: 0, progress: 1.7 };
		const r = new FrameReader().attach(packFrame(emptySource([p])));
		expect(r.packetProgress(0)).toBe(1);
	});

	it("carries each packet's path ends, PATH_NONE when unknown or out of range", () => {
		const base = { hop: 1, flags: 0, fromNode: 0, toNode: TOR_NODE, progress: 0 };
		const r = new FrameReader().attach(
			packFrame(
				emptySource([
					{ ...base, packetId: 1, pathSrc: 2, pathDst: 3 },
					{ ...base, packetId: 2, pathSrc: 0 },
					{ ...base, packetId: 3, pathSrc: -1, pathDst: 400 }
				])
			)
		);
		expect([r.packetPathSrc(0), r.packetPathDst(0)]).toEqual([2, 3]);
		expect([r.packetPathSrc(1), r.packetPathDst(1)]).toEqual([0, PATH_NONE]);
		expect([r.packetPathSrc(2), r.packetPathDst(2)]).toEqual([PATH_NONE, PATH_NONE]);
	});

	it('rejects older versions and a truncated packet section', () => {
		const buffer = packFrame(emptySource());
		expect(FRAME_VERSION).toBe(6);
		for (const old of [1, 2, 3, 4, 5]) {
			new DataView(buffer).setUint16(4, old, true);
			expect(() => new FrameReader().attach(buffer)).toThrow(FrameFormatError);
		}
		const withPackets = packFrame(
			emptySource([{ packetId: 1, hop: 0, flags: 0, fromNode: 0, toNode: 0, progress: 0 }])
		);
		expect(() =>
			new FrameReader().attach(withPackets.slice(0, withPackets.byteLength - 1))
		).toThrow(FrameFormatError);
		const vm = { server: 0, role: 0, state: 0, from: VM_FROM_NONE, progress: 0 };
		const withVms = packFrame({ ...emptySource(), vms: [vm] });
		expect(() => new FrameReader().attach(withVms.slice(0, withVms.byteLength - 4))).toThrow(
			/VM count/
		);
		expect(() => new FrameReader().attach(new ArrayBuffer(FRAME_HEADER_BYTES - 1))).toThrow(
			FrameFormatError
		);
	});
});

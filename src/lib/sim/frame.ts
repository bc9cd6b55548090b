/**
 * Frames: the visible, changing state of the simulation packed into one ArrayBuffer, sent from the
 * worker to the main thread at most once per animation frame (as a transferable). The static part
 * (names, rack positions, drive types) is in TopologyInfo and sent once.
 *
 * Layout, version 5, little-endian:
 *
 *   offset size  field
 *   0      4     magic 0x31465353 ("SSF1" as bytes)
 *   4      2     version (6)
 *   6      2     header size in bytes (40)
 *   8      8     simTimeMs (f64)
 *   16     4     logCount: entries in the event log so far
 *   20     4     processed: queue items and inputs processed so far
 *   24     4     inputCount: inputs in the active input log
 *   28     2     nodeCount
 *   30     2     driveCount
 *   32     2     switchCount
 *   34     2     flags (bit 0: nothing left to simulate)
 *   36     4     nextEventMs (f32, simulated ms until the next queued item; +Inf if none)
 *   40     8*N   nodes: u8 health, u8 peersLost, u16 reserved, f32 msSinceHeartbeat
 *   ...    D     drives: u8 health each, then padding to a multiple of 4
 *   ...    S     switches: u8 health each, then padding to a multiple of 4
 *   ...    2     packetCount P (at most MAX_FRAME_PACKETS)
 *   ...    2     reserved
 *   ...    16*P  packets in flight, one per hop under way:
 *                  +0  u32 packetId
 *                  +4  u8  hop (PacketHop: 0 vNIC→vSwitch in a host, 1 host→TOR, 2 TOR→host,
 *                          3 vSwitch→vNIC in a host, 4 border router→TOR, 5 TOR→border router)
 *                  +5  u8  flags (PacketFlags: bit 0 encapsulated, bit 1 dropped here (a
 *                          marker where a packet was dropped, held still), bit 2 tenant index
 *                          parity, for colour, bit 3 load-balanced traffic (SLB), bit 4 a
 *                          return packet sent by Direct Server Return)
 *                  +6  u16 fromNode (node index; TOR_NODE = 0xFFFF for the TOR, BORDER_NODE =
 *                          0xFFFE for the border router)
 *                  +8  u16 toNode (likewise)
 *                  +10 u8  pathSrc: the packet's sending host (node index; PATH_NONE if unknown)
 *                  +11 u8  pathDst: its receiving host, once the sending host decided it
 *                  +12 f32 progress along the hop, 0 (left) … 1 (arrives)
 *   ...    2     ioCount I (at most MAX_FRAME_IO)
 *   ...    2     reserved
 *   ...    16*I  storage transfers, the newest last (one interleave to or from one drive):
 *                  +0  u16 node: the server whose VM issued it (writes, reads), or the server
 *                          the data comes from (de-stage, resync, rotation)
 *                  +2  u16 drive (TopologyInfo drive index) that takes or serves it
 *                  +4  u8  kind (IoKind: 0 write, 1 read, 2 de-stage, 3 resync, 4 rotation)
 *                  +5  u8  volume index (scenario order)
 *                  +6  u16 reserved
 *                  +8  f32 progress, 0 (issued) … 1 (landed)
 *                  +12 f32 simulated ms since it landed (0 while under way)
 *   ...    2     vmCount V (at most MAX_FRAME_VMS)
 *   ...    2     reserved
 *   ...    12*V  virtual machines, in the cluster's order (infrastructure roles first):
 *                  +0  u16 server it runs on (or is moving to, or last ran on)
 *                  +2  u8  role (index in FRAME_VM_ROLES: 0 tenant, then the infrastructure
 *                          roles)
 *                  +3  u8  state (VmFrameState: 0 running, 1 live-migrating, 2 restarting,
 *                          3 down, 4 unmonitored on an isolated server)
 *                  +4  u16 the server it is moving from (VM_FROM_NONE unless migrating or
 *                          restarting)
 *                  +6  u16 reserved
 *                  +8  f32 progress of the migration or boot, 0 (not started) … 1 (done)
 *
 * Version 2 added the packets section; version 3 gave bytes +10/+11 of a packet its path ends (for
 * highlighting the path) and set the dropped-here flag; version 4 added the border router hops
 * and the SLB flags; version 5 the storage transfers; version 6 the VMs. Older buffers are rejected.
 * A reader rejects an unknown magic or version with FrameFormatError instead of misreading bytes.
 */

export const FRAME_MAGIC = 0x31465353;
export const FRAME_VERSION = 6;
export const FRAME_HEADER_BYTES = 40;
const NODE_BYTES = 8;
const PACKET_BYTES = 16;
/** Packet section header: u16 count, u16 reserved. */
const PACKETS_HEADER_BYTES = 4;
const IO_HEADER_BYTES = 4;
const IO_BYTES = 16;
/** At most this many storage transfers per frame (the newest are kept). */
export const MAX_FRAME_IO = 128;
const VM_HEADER_BYTES = 4;
const VM_BYTES = 12;
/** At most this many VMs per frame: FACTS §6.3's 700 tenant VMs plus the infrastructure's. */
export const MAX_FRAME_VMS = 1024;
/** `from` of a VM that is not moving. */
export const VM_FROM_NONE = 0xffff;

/**
 * A VM's role (frame byte +2 of a VM): 0 a tenant VM, else an infrastructure role of FACTS §6.2
 * (cluster/vms/roles.ts; a test keeps the two lists equal).
 */
export const FRAME_VM_ROLES = [
	'tenant',
	'ACS',
	'ADFS',
	'CA',
	'DC',
	'ERCS',
	'GWY',
	'NC',
	'SLB',
	'SQL',
	'WAS',
	'WASP',
	'XRP'
] as const;

/** What a VM is doing (frame byte +3 of a VM). */
export const VmFrameState = {
	running: 0,
	migrating: 1,
	restarting: 2,
	down: 3,
	unmonitored: 4
} as const;
export type VmFrameState = (typeof VmFrameState)[keyof typeof VmFrameState];

/** One VM, as packed. */
export interface FrameVm {
	server: number;
	role: number;
	state: number;
	/** VM_FROM_NONE unless migrating or restarting. */
	from: number;
	progress: number;
}

/** What a storage transfer is (frame byte +4 of a transfer). */
export const IoKind = { write: 0, read: 1, destage: 2, resync: 3, rotate: 4 } as const;
export type IoKind = (typeof IoKind)[keyof typeof IoKind];

/** One interleave transfer, as packed. */
export interface FrameIo {
	node: number;
	drive: number;
	kind: number;
	volume: number;
	progress: number;
	msSinceLanded: number;
}
/**
 * At most this many packets per frame; when more are in flight the oldest hops (earliest start)
 * are left out of the frame (not out of the simulation). Keeps packing well under 1 ms.
 */
export const MAX_FRAME_PACKETS = 512;
/** fromNode / toNode of the top-of-rack switch. */
export const TOR_NODE = 0xffff;
/** fromNode / toNode of the border router (outside the racks, SLB scenarios). */
export const BORDER_NODE = 0xfffe;
/** pathSrc / pathDst of a packet whose host is not known (yet). */
export const PATH_NONE = 0xff;

export const FrameFlags = { idle: 1 } as const;

/** Which hop a packet is on (frame byte +4 of a packet). */
export const PacketHop = {
	vnicToVswitch: 0,
	hostToTor: 1,
	torToHost: 2,
	vswitchToVnic: 3,
	borderToTor: 4,
	torToBorder: 5
} as const;
export type PacketHop = (typeof PacketHop)[keyof typeof PacketHop];

/** Packet flag bits (frame byte +5 of a packet). */
export const PacketFlags = {
	encapsulated: 1,
	droppedHere: 2,
	tenantOdd: 4,
	loadBalanced: 8,
	directReturn: 16
} as const;

/** One packet on a hop, as packed. */
export interface FramePacket {
	packetId: number;
	hop: number;
	flags: number;
	fromNode: number;
	toNode: number;
	/** 0..1 along the hop. */
	progress: number;
	/** Sending and receiving host of the whole packet (PATH_NONE if unknown); default PATH_NONE. */
	pathSrc?: number;
	pathDst?: number;
}

/** The visible state to pack. Arrays are indexed like TopologyInfo's. */
export interface FrameSource {
	simTimeMs: number;
	logCount: number;
	processed: number;
	inputCount: number;
	flags: number;
	nextEventMs: number;
	nodeHealth: ArrayLike<number>;
	nodePeersLost: ArrayLike<number>;
	nodeMsSinceHeartbeat: ArrayLike<number>;
	driveHealth: ArrayLike<number>;
	switchHealth: ArrayLike<number>;
	/** Packets in flight, oldest first; only the newest MAX_FRAME_PACKETS are packed. */
	packets?: readonly FramePacket[];
	/** Recent storage transfers, oldest first; only the newest MAX_FRAME_IO are packed. */
	io?: readonly FrameIo[];
	/** The cluster's VMs; only the first MAX_FRAME_VMS are packed. */
	vms?: readonly FrameVm[];
}

export class FrameFormatError extends Error {
	override name = 'FrameFormatError';
}

const pad4 = (n: number) => (n + 3) & ~3;

/** Size in bytes of a frame with the given object counts. */
export function frameBytes(
	nodes: number,
	drives: number,
	switches: number,
	packets = 0,
	io = 0,
	vms = 0
): number {
	return (
		FRAME_HEADER_BYTES +
		nodes * NODE_BYTES +
		pad4(drives) +
		pad4(switches) +
		PACKETS_HEADER_BYTES +
		packets * PACKET_BYTES +
		IO_HEADER_BYTES +
		io * IO_BYTES +
		VM_HEADER_BYTES +
		vms * VM_BYTES
	);
}

const pathByte = (node: number | undefined) =>
	node === undefined || !(node >= 0 && node < PATH_NONE) ? PATH_NONE : node;

/** Packs `src` into a new ArrayBuffer (ready to transfer). */
export function packFrame(src: FrameSource): ArrayBuffer {
	const nodes = src.nodeHealth.length;
	const drives = src.driveHealth.length;
	const switches = src.switchHealth.length;
	const all = src.packets ?? [];
	const skip = Math.max(0, all.length - MAX_FRAME_PACKETS);
	const packets = all.length - skip;
	const ios = src.io ?? [];
	const ioSkip = Math.max(0, ios.length - MAX_FRAME_IO);
	const vms = (src.vms ?? []).slice(0, MAX_FRAME_VMS);
	const buffer = new ArrayBuffer(
		frameBytes(nodes, drives, switches, packets, ios.length - ioSkip, vms.length)
	);
	const view = new DataView(buffer);
	view.setUint32(0, FRAME_MAGIC, true);
	view.setUint16(4, FRAME_VERSION, true);
	view.setUint16(6, FRAME_HEADER_BYTES, true);
	view.setFloat64(8, src.simTimeMs, true);
	view.setUint32(16, src.logCount, true);
	view.setUint32(20, src.processed, true);
	view.setUint32(24, src.inputCount, true);
	view.setUint16(28, nodes, true);
	view.setUint16(30, drives, true);
	view.setUint16(32, switches, true);
	view.setUint16(34, src.flags, true);
	view.setFloat32(36, src.nextEventMs, true);
	let o = FRAME_HEADER_BYTES;
	for (let i = 0; i < nodes; i++, o += NODE_BYTES) {
		view.setUint8(o, src.nodeHealth[i]);
		view.setUint8(o + 1, Math.min(255, src.nodePeersLost[i]));
		view.setFloat32(o + 4, src.nodeMsSinceHeartbeat[i], true);
	}
	const bytes = new Uint8Array(buffer);
	for (let i = 0; i < drives; i++) bytes[o + i] = src.driveHealth[i];
	o += pad4(drives);
	for (let i = 0; i < switches; i++) bytes[o + i] = src.switchHealth[i];
	o += pad4(switches);
	view.setUint16(o, packets, true);
	o += PACKETS_HEADER_BYTES;
	for (let i = skip; i < all.length; i++, o += PACKET_BYTES) {
		const p = all[i];
		view.setUint32(o, p.packetId, true);
		view.setUint8(o + 4, p.hop);
		view.setUint8(o + 5, p.flags);
		view.setUint16(o + 6, p.fromNode, true);
		view.setUint16(o + 8, p.toNode, true);
		view.setUint8(o + 10, pathByte(p.pathSrc));
		view.setUint8(o + 11, pathByte(p.pathDst));
		view.setFloat32(o + 12, Math.min(1, Math.max(0, p.progress)), true);
	}
	view.setUint16(o, ios.length - ioSkip, true);
	o += IO_HEADER_BYTES;
	for (let i = ioSkip; i < ios.length; i++, o += IO_BYTES) {
		const f = ios[i];
		view.setUint16(o, f.node, true);
		view.setUint16(o + 2, f.drive, true);
		view.setUint8(o + 4, f.kind);
		view.setUint8(o + 5, Math.min(255, f.volume));
		view.setFloat32(o + 8, Math.min(1, Math.max(0, f.progress)), true);
		view.setFloat32(o + 12, Math.max(0, f.msSinceLanded), true);
	}
	view.setUint16(o, vms.length, true);
	o += VM_HEADER_BYTES;
	for (const vm of vms) {
		view.setUint16(o, vm.server, true);
		view.setUint8(o + 2, vm.role);
		view.setUint8(o + 3, vm.state);
		view.setUint16(o + 4, vm.from, true);
		view.setFloat32(o + 8, Math.min(1, Math.max(0, vm.progress)), true);
		o += VM_BYTES;
	}
	return buffer;
}

/**
 * Reads a frame without copying: create one reader and `attach` each new buffer. Accessors read
 * straight from the buffer, so the per-frame update allocates nothing but the reader's views.
 */
export class FrameReader {
	private view = new DataView(new ArrayBuffer(FRAME_HEADER_BYTES));
	private bytes = new Uint8Array(0);
	private driveOffset = 0;
	private switchOffset = 0;
	private packetOffset = PACKETS_HEADER_BYTES;
	private ioOffset = 0;
	private vmOffset = 0;

	/** Binds the reader to a frame; throws FrameFormatError if it is not a current-version frame. */
	attach(buffer: ArrayBuffer): this {
		if (buffer.byteLength < FRAME_HEADER_BYTES) throw new FrameFormatError('frame too short');
		const view = new DataView(buffer);
		if (view.getUint32(0, true) !== FRAME_MAGIC) throw new FrameFormatError('not a frame');
		const version = view.getUint16(4, true);
		if (version !== FRAME_VERSION) {
			throw new FrameFormatError(`frame version ${version}, this build reads ${FRAME_VERSION}`);
		}
		const nodes = view.getUint16(28, true);
		const drives = view.getUint16(30, true);
		const switches = view.getUint16(32, true);
		if (buffer.byteLength < frameBytes(nodes, drives, switches)) {
			throw new FrameFormatError('frame shorter than its counts');
		}
		const driveOffset = view.getUint16(6, true) + nodes * NODE_BYTES;
		const switchOffset = driveOffset + pad4(drives);
		const packetsAt = switchOffset + pad4(switches);
		const packets = view.getUint16(packetsAt, true);
		if (buffer.byteLength < frameBytes(nodes, drives, switches, packets)) {
			throw new FrameFormatError('frame shorter than its packet count');
		}
		const ioAt = packetsAt + PACKETS_HEADER_BYTES + packets * PACKET_BYTES;
		const ios = view.getUint16(ioAt, true);
		if (buffer.byteLength < frameBytes(nodes, drives, switches, packets, ios)) {
			throw new FrameFormatError('frame shorter than its storage transfer count');
		}
		const vmAt = ioAt + IO_HEADER_BYTES + ios * IO_BYTES;
		const vms = view.getUint16(vmAt, true);
		if (buffer.byteLength < frameBytes(nodes, drives, switches, packets, ios, vms)) {
			throw new FrameFormatError('frame shorter than its VM count');
		}
		this.ioOffset = ioAt + IO_HEADER_BYTES;
		this.vmOffset = vmAt + VM_HEADER_BYTES;
		this.view = view;
		this.bytes = new Uint8Array(buffer);
		this.driveOffset = driveOffset;
		this.switchOffset = switchOffset;
		this.packetOffset = packetsAt + PACKETS_HEADER_BYTES;
		return this;
	}

	get simTimeMs(): number {
		return this.view.getFloat64(8, true);
	}
	get logCount(): number {
		return this.view.getUint32(16, true);
	}
	get processed(): number {
		return this.view.getUint32(20, true);
	}
	get inputCount(): number {
		return this.view.getUint32(24, true);
	}
	get nodeCount(): number {
		return this.view.getUint16(28, true);
	}
	get driveCount(): number {
		return this.view.getUint16(30, true);
	}
	get switchCount(): number {
		return this.view.getUint16(32, true);
	}
	get flags(): number {
		return this.view.getUint16(34, true);
	}
	get nextEventMs(): number {
		return this.view.getFloat32(36, true);
	}
	nodeHealth(i: number): number {
		return this.bytes[FRAME_HEADER_BYTES + i * NODE_BYTES];
	}
	nodePeersLost(i: number): number {
		return this.bytes[FRAME_HEADER_BYTES + i * NODE_BYTES + 1];
	}
	nodeMsSinceHeartbeat(i: number): number {
		return this.view.getFloat32(FRAME_HEADER_BYTES + i * NODE_BYTES + 4, true);
	}
	driveHealth(i: number): number {
		return this.bytes[this.driveOffset + i];
	}
	switchHealth(i: number): number {
		return this.bytes[this.switchOffset + i];
	}
	get packetCount(): number {
		return this.view.getUint16(this.packetOffset - PACKETS_HEADER_BYTES, true);
	}
	packetId(i: number): number {
		return this.view.getUint32(this.packetOffset + i * PACKET_BYTES, true);
	}
	packetHop(i: number): number {
		return this.bytes[this.packetOffset + i * PACKET_BYTES + 4];
	}
	packetFlags(i: number): number {
		return this.bytes[this.packetOffset + i * PACKET_BYTES + 5];
	}
	packetFrom(i: number): number {
		return this.view.getUint16(this.packetOffset + i * PACKET_BYTES + 6, true);
	}
	packetTo(i: number): number {
		return this.view.getUint16(this.packetOffset + i * PACKET_BYTES + 8, true);
	}
	/** Sending host of packet i, or PATH_NONE. */
	packetPathSrc(i: number): number {
		return this.bytes[this.packetOffset + i * PACKET_BYTES + 10];
	}
	/** Receiving host of packet i, or PATH_NONE while not decided. */
	packetPathDst(i: number): number {
		return this.bytes[this.packetOffset + i * PACKET_BYTES + 11];
	}
	packetProgress(i: number): number {
		return this.view.getFloat32(this.packetOffset + i * PACKET_BYTES + 12, true);
	}
	get ioCount(): number {
		return this.view.getUint16(this.ioOffset - IO_HEADER_BYTES, true);
	}
	/** Server of storage transfer i (see the layout). */
	ioNode(i: number): number {
		return this.view.getUint16(this.ioOffset + i * IO_BYTES, true);
	}
	ioDrive(i: number): number {
		return this.view.getUint16(this.ioOffset + i * IO_BYTES + 2, true);
	}
	ioKind(i: number): number {
		return this.bytes[this.ioOffset + i * IO_BYTES + 4];
	}
	ioVolume(i: number): number {
		return this.bytes[this.ioOffset + i * IO_BYTES + 5];
	}
	ioProgress(i: number): number {
		return this.view.getFloat32(this.ioOffset + i * IO_BYTES + 8, true);
	}
	ioMsSinceLanded(i: number): number {
		return this.view.getFloat32(this.ioOffset + i * IO_BYTES + 12, true);
	}
	get vmCount(): number {
		return this.view.getUint16(this.vmOffset - VM_HEADER_BYTES, true);
	}
	/** Server VM i runs on, is moving to, or last ran on. */
	vmServer(i: number): number {
		return this.view.getUint16(this.vmOffset + i * VM_BYTES, true);
	}
	/** Index in FRAME_VM_ROLES. */
	vmRole(i: number): number {
		return this.bytes[this.vmOffset + i * VM_BYTES + 2];
	}
	/** VmFrameState. */
	vmState(i: number): number {
		return this.bytes[this.vmOffset + i * VM_BYTES + 3];
	}
	/** Server VM i is moving from, or VM_FROM_NONE. */
	vmFrom(i: number): number {
		return this.view.getUint16(this.vmOffset + i * VM_BYTES + 4, true);
	}
	vmProgress(i: number): number {
		return this.view.getFloat32(this.vmOffset + i * VM_BYTES + 8, true);
	}
}

/**
 * The contract between the main thread and the simulation worker. The worker implements SimApi
 * (sim.worker.ts); the main thread reaches it through Comlink (client.ts). Frames cross as
 * transferred ArrayBuffers; everything else here is small.
 */
import type { InputEvent } from '../sim/kernel/types';
import type { LogPage, LogQuery } from '../sim/log';

export type { LogPage, LogQuery };
import type { Simplification } from '../sim/simplifications';
import type { PoolSummary } from '../sim/storage/volume-request';
import type { TopologyInfo } from '../sim/topology';
import type { DecodedLayer } from '../sim/net/decode';
import type { EffectiveAclRule } from '../sim/net/acl-types';

export type { DecodedLayer };

/** Result of loading a scenario: either the loaded topology and first frame, or the reasons not. */
export type LoadResult =
	| {
			ok: true;
			name: string;
			description: string;
			seed: number;
			/** Suggested length of the timeline in simulated ms. */
			durationMs: number;
			topology: TopologyInfo;
			/** Where this model departs from the real system, shown to learners. */
			simplifications: Simplification[];
			frame: ArrayBuffer;
	  }
	| { ok: false; errors: string[] };

/** What the result of a time-changing call carries back. */
/**
 * One effective firewall rule of a port, as listed in the ACL editor: the rule, where it comes
 * from (`origin`: the VM's port, its subnet, or a default of the profile) and its evaluation stage
 * (every stage with rules for a direction must allow; 0 first).
 */
export type AclRuleListing = Omit<EffectiveAclRule, 'id' | 'logging'>;

/** The Software Load Balancer now, for the SLB panel (null for scenarios without one). */
export interface SlbView {
	muxes: {
		name: string;
		/** Server the MUX VM runs on. */
		host: number;
		hostName: string;
		/** The MUX's provider address (its BGP next hop). */
		pa: string;
		/** The MUX VM runs (false after mux.fail, or when its server is down). */
		running: boolean;
		/** Its BGP session with the router as the router sees it. */
		bgp: 'established' | 'idle';
		/** Inbound packets it has forwarded (replies never pass a MUX). */
		inboundPackets: number;
	}[];
	/** The router's table: each VIP /32 and the MUXes (by name) it spreads it over (ECMP). */
	routes: { vip: string; nextHops: string[] }[];
	loadBalancers: {
		name: string;
		tenant: string;
		vip: string;
		rules: {
			name: string;
			protocol: 'tcp' | 'udp';
			frontendPort: number;
			backendPort: number;
			distribution: 'Default' | 'SourceIPProtocol' | 'SourceIP';
		}[];
		dips: {
			vm: string;
			dip: string;
			hostName: string;
			/** In rotation: the health probe from its own host passes. */
			healthy: boolean;
			/** Connections the MUXes have sent to this DIP so far. */
			connections: number;
		}[];
	}[];
	clients: { name: string; address: string }[];
	counters: {
		/** Client packets that reached a MUX, and replies that left a host by DSR. */
		inbound: number;
		directReturn: number;
	};
}

/** Storage Spaces Direct now, for the Storage panel (null for a scenario without volumes). */
export interface StorageView {
	pool: {
		/** Capacity drives in the pool, and raw, allocated and recommended reserve bytes. */
		capacityDrives: number;
		rawBytes: number;
		allocatedBytes: number;
		reserveBytes: number;
		/**
		 * The pool as the volume rules read it (storage/volume-request.ts PoolSummary: platform,
		 * servers, the capacity tier with what is allocated, volume names), for previewing a new
		 * volume before it is created.
		 */
		summary: PoolSummary;
		/** Pool quorum with its vote arithmetic in words (FACTS §2.2). */
		quorum: { hasQuorum: boolean; explanation: string };
		/**
		 * Cluster quorum (FACTS §2.1), shown beside pool quorum: a volume's verdict is the worst of
		 * its copies, pool quorum and cluster quorum (FACTS §9.8).
		 */
		clusterQuorum: { up: boolean; explanation: string };
		/** Each server's cache: mode, which capacity drives each cache drive serves, uncached ones. */
		cache: {
			server: string;
			mode: 'read-write' | 'write-only' | 'none';
			bindings: { cache: string; capacity: string[] }[];
			uncached: string[];
		}[];
	};
	volumes: {
		name: string;
		resiliency: string;
		sizeBytes: number;
		footprintBytes: number;
		/** Storage efficiency in words, e.g. "33.3 % (three copies)". */
		efficiency: string;
		health: 'Healthy' | 'Warning' | 'Unhealthy' | 'Unknown';
		/** Operational status as Get-VirtualDisk shows it, e.g. "OK", "Degraded", "Detached". */
		operational: string;
		slabs: number;
		/** Slabs missing a copy but readable, and slabs that lost every copy. */
		reducedSlabs: number;
		lostSlabCount: number;
		/** The first lost slabs' indices (at most 20), to name them. */
		lostSlabs: number[];
		/** Why the volume is offline, in words (null while online). */
		offlineReason: string | null;
		repair: {
			state: 'none' | 'waiting' | 'running' | 'done';
			bytesTotal: number;
			bytesDone: number;
			/** When a waiting repair starts (drive retirement), simulated ms, or null. */
			startsAtMs: number | null;
		};
		/** The resync of stale regions after a copy came back (same shape; never 'waiting'). */
		resync: StorageView['volumes'][number]['repair'];
		/** Bytes of stale regions (written while their copy was away) not yet resynced. */
		staleBytes: number;
		/** Mirror-accelerated parity: share of the mirror part holding data (0–1), bytes moved. */
		mirrorFull: number | null;
		movedToParityBytes: number;
		/** The volume's IO over the last seconds. */
		io: IoSeries;
	}[];
	drives: {
		name: string;
		server: string;
		role: 'cache' | 'capacity';
		media: string;
		state: 'healthy' | 'failed' | 'pulled' | 'retired' | 'unreachable';
		/** Slab extents (copies or columns) it holds, over all volumes. */
		extents: number;
		/** Requests served per second and busy share (0–1) over the last seconds. */
		iops: number[];
		busy: number[];
		/** Work queued on it now, in simulated ms. */
		queueMs: number;
		/** Cache drives: bytes written into it and not yet de-staged. */
		dirtyBytes: number;
	}[];
	/** Workloads (DiskSpd/VMFleet-style), in definition order. */
	workloads: IoWorkloadView[];
	/** IOs completed and failed since the start. */
	completedIos: number;
	failedIos: number;
}

/** One object's IO, one point per simulated second, oldest first (at most 60). */
export interface IoSeries {
	iops: number[];
	/** MB/s (10⁶ bytes). */
	mbps: number[];
	/** Mean and worst latency of the IOs completed in each second, ms (0 when none). */
	latencyMs: number[];
	latencyMaxMs: number[];
}

export interface IoWorkloadView {
	name: string;
	volume: string;
	/** The server its VM runs on now (or last ran on), and the server it was defined on. */
	server: string;
	serverIndex: number;
	/** Its VM in the cluster (cluster/model/vms.ts): state and why, e.g. restarting elsewhere. */
	vmState: 'running' | 'migrating' | 'restarting' | 'down' | 'unmonitored';
	vmReason: string;
	blockKB: number;
	readPercent: number;
	pattern: 'random' | 'sequential';
	outstanding: number;
	targetIops: number | null;
	vmSize: string | null;
	/** The platform's IOPS cap for it (FACTS §6.5), or null when uncapped. */
	capIops: number | null;
	running: boolean;
	inFlight: number;
	io: IoSeries;
	/** IOs per second that waited on the cap. */
	throttled: number[];
	/** Its last acknowledged IO, interleave by interleave (the text view of the IO path). */
	lastIo: LastIoView | null;
}

export interface LastIoView {
	kind: 'read' | 'write';
	bytes: number;
	/** Where in the volume (the part it went to, for mirror-accelerated parity). */
	offsetBytes: number;
	requestedMs: number;
	issuedMs: number;
	/** When the VM got its acknowledgement (a write: once every online copy had it). */
	ackMs: number;
	/** One per interleave sent to or read from a drive. */
	transfers: {
		slab: number;
		/** 'copy 2 of 3', 'data column 1 of 4', 'parity column 2 of 2'. */
		role: string;
		/** The capacity drive holding the extent, and its server. */
		drive: string;
		server: string;
		/** Served by the cache drive bound to it (a write lands there first). */
		viaCache: boolean;
		landedMs: number;
	}[];
}

/** What one drive holds: its slab extents (copies or columns), for the drive view. */
export interface DriveContentsView {
	drive: string;
	/** Every extent on it, at most `limit` of them (the rest counted in `more`). */
	extents: {
		volume: string;
		/** Slab index within the volume (mirror part first for mirror-accelerated parity). */
		slab: number;
		/** 'copy 2 of 3', 'data column 1 of 4', 'parity column 1 of 2'. */
		role: string;
		/** Where the slab's other extents are. */
		others: string[];
		stale: boolean;
		dirtyBytes: number;
	}[];
	more: number;
}

export interface SeekOptions {
	stopAtPackets?: boolean;
}

export interface FrameResult {
	frame: ArrayBuffer;
}

export interface AddInputResult extends FrameResult {
	/** Inputs later than the new one, dropped because the input log forked. */
	discarded: InputEvent[];
}

/** A packet for the inspector: the frame as it left the sending host, decoded. */
export interface PacketResult {
	id: number;
	/** Transferred, not copied. */
	bytes: Uint8Array;
	layers: DecodedLayer[];
	summary: string;
}

/** One invariant and whether it has held so far; a broken one names its first violating event. */
export interface InvariantResult {
	name: string;
	description: string;
	holds: boolean;
	firstViolation?: { logIndex: number; t: number; summary: string };
}

/** A VM as the Network tab lists it: its customer address (CA) and its host's provider address. */
export interface NetworkVm {
	name: string;
	tenant: string;
	virtualNetwork: string;
	subnet: string;
	/** Server index (as in the topology) and its name. */
	host: number;
	hostName: string;
	ca: string;
	mac: string;
	/** Provider address (PA) of the VM's host. */
	pa: string;
}

/** The static tenant networking of the loaded scenario (empty lists when it has none). */
export interface NetworkView {
	tenants: {
		name: string;
		virtualNetworks: {
			name: string;
			addressSpace: string[];
			subnets: { name: string; prefix: string; vsid: number }[];
		}[];
	}[];
	vms: NetworkVm[];
}

export interface SimApi {
	/** Answers once the worker has started (used to show start-up progress). */
	ping(): Promise<'ready'>;
	/** Loads a scenario from JSON text; `seed` overrides the scenario's seed. */
	load(json: string, seed?: number): Promise<LoadResult>;
	/**
	 * Runs forward to `tMs` (or back, by restoring a checkpoint and replaying). With
	 * `stopAtPackets`, a forward run from a moment without packets in flight stops at the first
	 * event that puts one on a hop (playback's packet slow motion).
	 */
	seek(tMs: number, options?: SeekOptions): Promise<FrameResult>;
	/** Processes items until the event log grows (single-step to the next event). */
	step(): Promise<FrameResult>;
	/** Returns to the state just before the latest logged event. */
	stepBack(): Promise<FrameResult>;
	/** Adds a user input at its time `t`; a time in the past forks the input log. */
	addInput(input: InputEvent): Promise<AddInputResult>;
	/** The active input log. */
	inputs(): Promise<InputEvent[]>;
	queryLog(query: LogQuery): Promise<LogPage>;
	/** Packet `id` (a log entry's `packet` field), its bytes transferred; throws for an unknown id. */
	packet(id: number): Promise<PacketResult>;
	/** Everything captured so far as a pcapng file (bytes transferred). */
	capture(): Promise<Uint8Array>;
	/** The invariants checked as the simulation runs. */
	invariants(): Promise<InvariantResult[]>;
	/** Tenants, virtual networks, subnets and VMs of the loaded scenario. */
	network(): Promise<NetworkView>;
	/**
	 * The effective firewall rules of a VM's port at the current time, in evaluation order;
	 * rejects for an unknown VM.
	 */
	aclRules(vm: string): Promise<AclRuleListing[]>;
	/** The Software Load Balancer now, or null for a scenario without one. */
	slb(): Promise<SlbView | null>;
	/** Storage Spaces Direct now, or null for a scenario without volumes. */
	storage(): Promise<StorageView | null>;
	/** What drive `drive` (TopologyInfo index) holds, or null (no volumes, or no such drive). */
	driveContents(drive: number): Promise<DriveContentsView | null>;
	/** The cluster control plane now. */
	cluster(): Promise<ClusterView>;
	/** Hash of the full simulation state (same in Node and the browser); throws before a load. */
	stateHash(): Promise<string>;
}

/** The cluster control plane now, for the Cluster panel and its statecharts. */
export interface ClusterView {
	servers: {
		name: string;
		/** The lifecycle machine's state: up, draining, paused, updating, rebooting, joining, failed, isolated, quarantined, off. */
		state: string;
		/** Why it is in that state, in words. */
		reason: string;
		/** Its cluster vote now (0 or 1) and whether the cluster counts it as a member. */
		vote: number;
		member: boolean;
	}[];
	quorum: {
		up: boolean;
		/** The cluster machine's state: up.allMembers, up.membersMissing or down. */
		state: string;
		/** The vote arithmetic in words (FACTS §2.1). */
		explanation: string;
		witness: 'none' | 'cloud' | 'file-share';
		witnessRunning: boolean;
		witnessVote: number;
	};
	update: {
		/** The orchestrator's state: idle, running.checking … running.resyncing, paused, done. */
		state: string;
		/** Server names in update order, the one being updated, those finished. */
		order: string[];
		current: string | null;
		updated: string[];
		/** Why it is paused, or null. */
		reason: string | null;
	};
	/** Infrastructure and tenant VMs: where each runs and whether it runs. */
	vms: {
		name: string;
		server: string;
		state: 'running' | 'migrating' | 'restarting' | 'down' | 'unmonitored';
		reason: string;
		/** Its availability set and fault domain, or null (infrastructure roles). */
		availabilitySet: string | null;
		faultDomain: number | null;
		/**
		 * Its update domain in its set: always 0 on Azure Stack Hub, whatever the set declares
		 * (FACTS §6.4); null outside a set.
		 */
		updateDomain: number | null;
		infrastructure: boolean;
	}[];
	/** Each availability set as the scenario declares it, with its running VMs. */
	availabilitySets: {
		name: string;
		/** VMs running now (live-migrating ones run) and VMs placed in the set. */
		running: number;
		total: number;
		/** Fault domains (2 or 3): one server each (FACTS §6.4). */
		faultDomains: number;
		/**
		 * Update domains as declared (1–20, default 5 as on Azure). Azure Stack Hub accepts the
		 * count but puts every VM in update domain 0 (FACTS §6.4); kept for the comparison.
		 */
		updateDomains: number;
	}[];
	/**
	 * Each infrastructure role (FACTS §6.2) in table order: its name in words, what it does, its
	 * VMs running out of its instances, and the servers they run on now.
	 */
	roles: {
		role: string;
		title: string;
		purpose: string;
		running: number;
		total: number;
		servers: string[];
	}[];
	/** The Network Controller's replicas (FACTS §5.1) and whether writes are accepted now. */
	networkController: {
		/** Each replica: its VM's server and state (running, migrating, restarting, down, unmonitored). */
		replicas: {
			name: string;
			server: string;
			up: boolean;
			primary: boolean;
			state: 'running' | 'migrating' | 'restarting' | 'down' | 'unmonitored';
		}[];
		/** Why northbound writes are refused now, or null. */
		writesRefused: string | null;
	};
	/** Every state of each machine (dotted paths, parents first), to draw the statecharts. */
	charts: { server: string[]; update: string[]; cluster: string[] };
}

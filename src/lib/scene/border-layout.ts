/**
 * Where the Software Load Balancer's outside parts go (pure arithmetic, no three.js): the border
 * router sits in a two-post frame (the open relay rack network gear often lives in) right of
 * the row of racks, level with TOR1; its cable leaves TOR1
 * like the servers' cables (up the first rack's channel), crosses over the cabinet tops and comes
 * down to the router's port. The "Internet" sign hangs right of the router on a short uplink.
 * Only topologies with `slb` get any of this.
 */
import type { TopologyInfo } from '../sim/topology';
import { ANCHOR_OUT_M, LEADER_Z, type CalloutShape, type Vec3 } from './callouts';
import { CABLE_Z, CHANNEL_X1, OVER_TOP_Z } from './cable-routes';
import { faceZones, LAYER, portParts, statusParts } from './fronts';
import { LABEL_CELL } from './labels';
import { bezelBox, box, FACE_W, FACE_Z, rackHeightM, rackX, RACK, U_M, unitSpan } from './layout';
import type { Box } from './layout';

/** From the row's right side to the router's left side: room for the router's name label. */
export const ROUTER_GAP_M = 0.55;
/** Router chassis depth behind its face (a 1U box shorter than a server). */
const ROUTER_DEPTH_M = 0.35;
/** Between the router's right side and the Internet sign. */
const INTERNET_GAP_M = 0.18;
export const INTERNET_W_M = 0.6;
/** Frame post section (w × d) and how far the posts rise above the router. */
const POST_W_M = 0.03;
const POST_D_M = 0.06;
const POST_ABOVE_M = 0.12;
/** Sockets drawn on the router's front (a choice: enough to read as a network device). */
const ROUTER_PORTS = 12;

export interface BorderLayout {
	/** Chassis and front panel. */
	chassis: Box;
	bezel: Box;
	/** Port sockets on the front; the cable from TOR1 ends at the first. */
	sockets: Box[];
	/** Power LED, and the plane of the name plate on the front. */
	led: Box;
	plate: Box;
	/** The two-post frame: posts either side of the router, and a foot. */
	frame: Box[];
	/** The Internet sign (a plane, d = 0) and its text. */
	internet: Box;
	internetText: string;
	routerName: string;
	/** TOR1's port to the router's port: packets on hops 4 and 5 follow it. */
	cable: Vec3[];
	/** Router to the Internet sign (drawn only). */
	uplink: Vec3[];
	/** The router's name label, left of it. */
	callout: CalloutShape;
}

/** "Internet: client1, client2" (just "Internet" without clients). */
export function internetText(clients: readonly { name: string }[]): string {
	return clients.length ? `Internet: ${clients.map((c) => c.name).join(', ')}` : 'Internet';
}

/** The layout, or null when the topology has no SLB (or no TOR to cable it to). */
export function borderLayout(topo: TopologyInfo): BorderLayout | null {
	const tor = topo.switches.find((s) => s.kind === 'tor');
	if (!topo.slb || !tor) return null;
	const n = Math.max(1, topo.racks.length);
	const rowRight = rackX(n - 1, n) + RACK.widthM / 2;
	const x0 = rowRight + ROUTER_GAP_M;
	const [ty0, ty1] = unitSpan(tor.slotU, tor.heightU);
	const y = (ty0 + ty1) / 2;
	const half = (U_M * 0.96) / 2;
	const bezel = box(x0, x0 + FACE_W, y - half, y + half, FACE_Z - 0.02, FACE_Z);
	const chassis = box(
		x0 + 0.02,
		x0 + FACE_W - 0.02,
		y - half,
		y + half,
		FACE_Z - ROUTER_DEPTH_M,
		FACE_Z - 0.02
	);
	const face = faceZones(bezel);
	const sockets = Array.from(
		{ length: ROUTER_PORTS },
		(_, p) => portParts(face.bays, ROUTER_PORTS, p).socket
	);
	const port = sockets[0];
	const portX = port.x;
	const led = statusParts(face.status).nic;
	const plateH = (face.label.w * LABEL_CELL.plate.h) / LABEL_CELL.plate.w;
	const plateY = face.label.y + face.label.h / 2 - plateH / 2;
	const plate = { ...face.label, y: plateY, h: plateH, z: FACE_Z + LAYER.flat };
	// Posts just behind the router's ears, as in a real two-post rack.
	const pz1 = FACE_Z - 0.02;
	const pTop = y + half + POST_ABOVE_M;
	const frame = [x0, x0 + FACE_W - POST_W_M].map((px) =>
		box(px, px + POST_W_M, 0, pTop, pz1 - POST_D_M, pz1)
	);
	frame.push(box(x0 - 0.06, x0 + FACE_W + 0.06, 0, 0.02, pz1 - 0.35, pz1));
	const ix0 = x0 + FACE_W + INTERNET_GAP_M;
	const ih = (INTERNET_W_M * LABEL_CELL.sign.h) / LABEL_CELL.sign.w;
	const internet = { x: ix0 + INTERNET_W_M / 2, y, z: FACE_Z, w: INTERNET_W_M, h: ih, d: 0 };

	// TOR1's top-row port nearest the channel: servers take the bottom row first (portFor).
	const zones = faceZones(bezelBox(tor, n));
	const cols = Math.max(1, Math.ceil(tor.ports / 2));
	const socket = portParts(zones.bays, tor.ports, cols - 1).socket;
	const laneX = rackX(tor.rack, n) + CHANNEL_X1 - 0.001;
	const tallest = Math.max(...topo.racks.map((r) => rackHeightM(r.heightU)), rackHeightM(42));
	// Above every server cable crossing the cabinet tops (cable-routes.ts stacks them 0.8 mm apart).
	const top = tallest + 0.025 + topo.nodes.length * topo.switches.length * 0.0008;
	// One rack: straight over its cap; more: behind the rack signs, as cross-rack cables go.
	const crossZ = n > 1 ? OVER_TOP_Z - 0.03 : CABLE_Z;
	const cable: Vec3[] = [
		[socket.x, socket.y, socket.z + socket.d / 2],
		[laneX, socket.y, CABLE_Z],
		[laneX, top, CABLE_Z]
	];
	if (crossZ !== CABLE_Z) cable.push([laneX, top, crossZ], [portX, top, crossZ]);
	cable.push([portX, top, CABLE_Z], [portX, port.y, CABLE_Z], [portX, port.y, port.z + port.d / 2]);
	const uplink: Vec3[] = [
		[x0 + FACE_W, y, FACE_Z + LAYER.flat],
		[ix0, y, FACE_Z + LAYER.flat]
	];
	const ax = x0 - ANCHOR_OUT_M;
	const callout: CalloutShape = {
		text: topo.slb.router.name,
		anchor: [ax, y, LEADER_Z],
		leader: [
			[x0 + 0.004, y, FACE_Z + 0.001],
			[ax + 0.02, y, LEADER_Z],
			[ax, y, LEADER_Z]
		]
	};
	return {
		chassis,
		bezel,
		sockets,
		led,
		plate,
		frame,
		internet,
		internetText: internetText(topo.slb.clients),
		routerName: topo.slb.router.name,
		cable,
		uplink,
		callout
	};
}

/** What the first view must show of the border parts: the router with its label, and the sign. */
export function borderFocus(layout: BorderLayout): Box[] {
	const [ax, , az] = layout.callout.anchor;
	const { bezel, internet } = layout;
	return [
		box(
			ax,
			bezel.x + bezel.w / 2,
			bezel.y - bezel.h / 2,
			bezel.y + bezel.h / 2,
			layout.chassis.z,
			az
		),
		internet
	];
}

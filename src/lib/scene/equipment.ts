/**
 * Adds one piece of equipment (server, switch, HLH) to the build batches: chassis, bezel, name
 * plate, and its front parts. Records where each health-driven instance landed in `HardwareIndex`
 * so the frame loop can recolour it by index without searching.
 */
import type { Color } from 'three';
import type { RackSlot, TopologyInfo } from '../sim/topology';
import type { Batches, HardwareIndex } from './batch';
import { BEZEL_COLORS, DRIVE_COLORS, HEALTH_COLORS, HW_COLORS, LED_COLORS } from './colors';
import { NEUTRAL_BEZEL, PORT_LED_COLORS } from './colors';
import {
	bayParts,
	facePlane,
	faceZones,
	healthStrip,
	LAYER,
	portParts,
	statusParts
} from './fronts';
import type { FaceZones } from './fronts';
import { bezelBox, chassisBox, FACE_Z, type Box } from './layout';
import { LABEL_CELL } from './labels';
import { encodePick } from './picking';
import { nodeBayCount } from './target-box';

/** Chassis, bezel, name plate, health strip: what every unit has. */
function addChassis(
	b: Batches,
	slot: RackSlot,
	rackCount: number,
	name: string,
	code: number,
	body: Color,
	bezelColor: Color,
	stripColor: Color | null = LED_COLORS[0]
): { bezel: Box; zones: FaceZones; bezelIndex: number; strip: number } {
	b.frame.add(chassisBox(slot, rackCount), body, code);
	const bezel = bezelBox(slot, rackCount);
	const bezelIndex = b.bezels.add(bezel, bezelColor, code);
	const zones = faceZones(bezel);
	const { w, h } = LABEL_CELL.plate;
	const lw = zones.label.w;
	const lh = (lw * h) / w;
	const top = zones.label.y + zones.label.h / 2;
	b.labels.add({ ...zones.label, y: top - lh / 2, h: lh, z: FACE_Z + LAYER.flat }, HW_COLORS.label);
	b.labelRequests.push({ text: name, style: 'plate' });
	// The HLH has no health in frames, so it gets no strip rather than a misleading colour.
	const strip = stripColor ? b.leds.add(healthStrip(bezel), stripColor, code) : -1;
	return { bezel, zones, bezelIndex, strip };
}

/** A server: chassis, drive bays (cache trims light, capacity dark), badge, NIC LED. */
export function addNode(b: Batches, topo: TopologyInfo, i: number, idx: HardwareIndex): void {
	const node = topo.nodes[i];
	const rackCount = Math.max(1, topo.racks.length);
	const code = encodePick('node', i);
	const { bezel, zones, bezelIndex, strip } = addChassis(
		b,
		node,
		rackCount,
		node.name,
		code,
		HW_COLORS.serverBody,
		BEZEL_COLORS[0]
	);
	idx.nodeBezel[i] = bezelIndex;
	idx.nodeStrip[i] = strip;
	const bayCount = nodeBayCount(topo, i);
	const used = new Set(node.drives.map((d) => topo.drives[d].bay));
	for (let bay = 0; bay < bayCount; bay++) {
		if (!used.has(bay))
			b.frame.add(bayParts(zones.bays, bayCount, bay).trim, HW_COLORS.emptyBay, code);
	}
	for (const d of node.drives) {
		const drive = topo.drives[d];
		const dc = encodePick('drive', d);
		const parts = bayParts(zones.bays, bayCount, drive.bay);
		const trim = drive.role === 'cache' ? HW_COLORS.cacheTrim : HW_COLORS.capacityTrim;
		b.frame.add(parts.trim, trim, dc);
		b.drives.add(parts.slab, DRIVE_COLORS[drive.media][0], dc);
		idx.driveLed[d] = b.leds.add(parts.led, LED_COLORS[0], dc);
		idx.driveCue[d] = b.driveCues.add(parts.cue, HEALTH_COLORS[0]);
	}
	const status = statusParts(zones.status);
	idx.nicLed[i] = b.leds.add(status.nic, HW_COLORS.socket, code);
	idx.nodeBadge[i] = b.badges.add(status.badge, HEALTH_COLORS[0]);
	idx.nodeCue[i] = b.faceCues.add(facePlane(bezel, FACE_Z + LAYER.faceCue), HEALTH_COLORS[0]);
}

/** A TOR or BMC switch: two rows of ports with link LEDs, badge. */
export function addSwitch(b: Batches, topo: TopologyInfo, s: number, idx: HardwareIndex): void {
	const sw = topo.switches[s];
	const rackCount = Math.max(1, topo.racks.length);
	const code = encodePick('switch', s);
	const chassis = addChassis(
		b,
		sw,
		rackCount,
		sw.name,
		code,
		HW_COLORS.switchBody,
		BEZEL_COLORS[0]
	);
	idx.switchBezel[s] = chassis.bezelIndex;
	idx.switchStrip[s] = chassis.strip;
	idx.portLedStart[s] = b.leds.count;
	idx.portLedCount[s] = sw.ports;
	for (let p = 0; p < sw.ports; p++)
		b.leds.add(portParts(chassis.zones.bays, sw.ports, p).led, PORT_LED_COLORS[0], code);
	for (let p = 0; p < sw.ports; p++)
		b.frame.add(portParts(chassis.zones.bays, sw.ports, p).socket, HW_COLORS.socket, code);
	const { badge } = statusParts(chassis.zones.status);
	idx.switchBadge[s] = b.badges.add(badge, HEALTH_COLORS[0]);
	idx.switchCue[s] = b.faceCues.add(
		facePlane(chassis.bezel, FACE_Z + LAYER.faceCue),
		HEALTH_COLORS[0]
	);
}

/** Bays the HLH shows (it has drives, but the simulation does not model them). */
const HLH_BAYS = 4;

/** The hardware lifecycle host: a plain server with a power LED; frames carry no health for it. */
export function addHlh(b: Batches, topo: TopologyInfo): void {
	const rackCount = Math.max(1, topo.racks.length);
	const code = encodePick('hlh', 0);
	const { zones } = addChassis(
		b,
		topo.hlh,
		rackCount,
		topo.hlh.name,
		code,
		HW_COLORS.serverBody,
		NEUTRAL_BEZEL,
		null
	);
	for (let bay = 0; bay < HLH_BAYS; bay++)
		b.frame.add(bayParts(zones.bays, 12, bay).trim, HW_COLORS.emptyBay, code);
	b.leds.add(statusParts(zones.status).nic, HW_COLORS.power, code);
}

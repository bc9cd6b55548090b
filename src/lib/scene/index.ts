/**
 * The 3D view of a scale unit. The only entry point other folders use: the UI imports the
 * palette and types from here, and routes/app create the scene through `createRackScene`.
 */
export { createRackScene } from './rack-scene';
export { SceneUnavailableError } from './errors';
export type { ObjectPick, PacketPick, PickTarget, PickKind } from './picking';
export type { RackScene, RackSceneOptions } from './types';
export {
	healthStyle,
	mediaStyle,
	legendText,
	HEALTH_STYLES,
	MEDIA_STYLES,
	SCENE_COLORS,
	type HealthStyle,
	type HealthPattern,
	type MediaStyle
} from './palette';
export { IO_STYLES, ioStyle, type IoStyle, type IoKindName } from './io-palette';
export {
	VM_FAMILIES,
	VM_MIGRATION_COLOR,
	vmFamily,
	type VmFamilyName,
	type VmFamilyStyle
} from './vm-palette';

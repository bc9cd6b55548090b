/**
 * Storage Spaces Direct wired into the model (model.ts): state at load, drive inputs, the
 * retirement and repair events, and re-judging after servers fail or return.
 */
export {
	DRIVE_FAILED,
	DRIVE_OK,
	DRIVE_PULLED,
	DRIVE_RETIRED,
	createStorageState,
	type StorageState,
	type VolumeSpecLike,
	type VolumeState
} from './state';
export {
	AUTO_RETIRE_DELAY_MS,
	REPAIR_BYTES_PER_MS,
	STORAGE_MODEL_SIMPLIFICATIONS,
	handleStorageEvent,
	handleStorageInput,
	storageChanged,
	type StorageWorld
} from './events';
export { poolQuorum, volumeVerdicts, type VolumeVerdict } from './verdict';
export { scheduleWorkloads } from '../io/control';
export { backgroundTransfer } from '../io/queues';

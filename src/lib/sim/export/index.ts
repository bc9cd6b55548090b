/** Exports of a simulation run in files that standard tools open: pcapng captures for now. */
export { writePcapng } from './pcapng';
export type { CaptureInterface, CapturedPacket } from './pcapng';
export { readPcapng } from './pcapng-read';
export type { ReadCapture, ReadInterface, ReadPacket } from './pcapng-read';
export { LINKTYPE_ETHERNET, SNAP_LENGTH_BYTES, USER_APPLICATION } from './pcapng-format';
export { msToNs } from './timestamp';

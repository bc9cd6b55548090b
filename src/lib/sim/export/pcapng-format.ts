/**
 * Numbers from the pcapng specification (IETF draft-ietf-opsawg-pcapng), shared by the writer and
 * the reader. Every multi-byte field is written little-endian; the byte-order magic in the
 * Section Header Block is how readers tell.
 */

/** Block type codes. */
export const BLOCK_SECTION_HEADER = 0x0a0d0d0a;
export const BLOCK_INTERFACE_DESCRIPTION = 0x00000001;
export const BLOCK_ENHANCED_PACKET = 0x00000006;

/** Written as a u32 in the section's byte order: reads back as 0x1A2B3C4D only in that order. */
export const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
export const VERSION_MAJOR = 1;
export const VERSION_MINOR = 0;
/** Section Length -1 (all bits set, 64-bit): "not specified", so the file is written in one pass. */
export const SECTION_LENGTH_UNSPECIFIED = 0xffff_ffff_ffff_ffffn;

/** Option codes. Codes 1 and 0 are common to every block; the others depend on the block type. */
export const OPT_ENDOFOPT = 0;
export const OPT_COMMENT = 1;
export const SHB_USERAPPL = 4;
export const IF_NAME = 2;
export const IF_DESCRIPTION = 3;
export const IF_TSRESOL = 9;

/** LINKTYPE_ETHERNET (tcpdump.org link-layer header types): frames start with the MAC header. */
export const LINKTYPE_ETHERNET = 1;

/**
 * Interface snap length in bytes. 262144 is the largest frame Wireshark and tcpdump accept for
 * Ethernet, so a longer packet is refused when written rather than by the learner's tool.
 */
export const SNAP_LENGTH_BYTES = 262_144;

/** if_tsresol value 9: timestamps count 10^-9 s, so simulated time keeps nanosecond detail. */
export const TSRESOL_NANOSECONDS = 9;

/** An option value's length is a u16. */
export const MAX_OPTION_BYTES = 0xffff;

/** The shb_userappl string: fixed, so a capture never says which machine or build wrote it. */
export const USER_APPLICATION = 'StackScope';

/** Fixed part of each block: type + leading total length + trailing total length. */
export const BLOCK_OVERHEAD_BYTES = 12;

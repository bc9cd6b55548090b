/**
 * UTF-8 for pcapng option strings. Written out because the sim's type library (ES2022, no DOM)
 * has no TextEncoder/TextDecoder; both functions follow the WHATWG Encoding Standard, so results
 * equal TextEncoder/TextDecoder (non-fatal) byte for byte, in every runtime.
 */

const REPLACEMENT = 0xfffd;

/** UTF-8 bytes of a string. A lone surrogate becomes U+FFFD, as TextEncoder does. */
export function utf8Encode(text: string): Uint8Array {
	const out: number[] = [];
	for (let i = 0; i < text.length; i++) {
		let cp = text.charCodeAt(i);
		if (cp >= 0xd800 && cp <= 0xdfff) {
			const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
			if (cp <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
				cp = 0x10000 + ((cp - 0xd800) << 10) + (next - 0xdc00);
				i++;
			} else {
				cp = REPLACEMENT;
			}
		}
		if (cp < 0x80) out.push(cp);
		else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
		else if (cp < 0x10000)
			out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
		else
			out.push(
				0xf0 | (cp >> 18),
				0x80 | ((cp >> 12) & 0x3f),
				0x80 | ((cp >> 6) & 0x3f),
				0x80 | (cp & 0x3f)
			);
	}
	return Uint8Array.from(out);
}

/**
 * The string in UTF-8 bytes; each ill-formed sequence becomes U+FFFD (the WHATWG decoder's
 * algorithm, so a file from another tool reads as Wireshark and browsers would show it).
 */
export function utf8Decode(bytes: Uint8Array): string {
	let out = '';
	let needed = 0;
	let cp = 0;
	let lower = 0x80;
	let upper = 0xbf;
	for (let i = 0; i < bytes.length; i++) {
		const b = bytes[i];
		if (needed === 0) {
			if (b <= 0x7f) out += String.fromCharCode(b);
			else if (b >= 0xc2 && b <= 0xdf) [needed, cp] = [1, b & 0x1f];
			else if (b >= 0xe0 && b <= 0xef) {
				// E0 and ED bound the next byte: no overlong forms, no encoded surrogates.
				if (b === 0xe0) lower = 0xa0;
				if (b === 0xed) upper = 0x9f;
				[needed, cp] = [2, b & 0x0f];
			} else if (b >= 0xf0 && b <= 0xf4) {
				// F0 and F4 bound the next byte: no overlong forms, nothing past U+10FFFF.
				if (b === 0xf0) lower = 0x90;
				if (b === 0xf4) upper = 0x8f;
				[needed, cp] = [3, b & 0x07];
			} else out += String.fromCharCode(REPLACEMENT);
			continue;
		}
		if (b < lower || b > upper) {
			// The broken sequence is replaced once and this byte starts afresh.
			[needed, cp, lower, upper] = [0, 0, 0x80, 0xbf];
			out += String.fromCharCode(REPLACEMENT);
			i--;
			continue;
		}
		[lower, upper] = [0x80, 0xbf];
		cp = (cp << 6) | (b & 0x3f);
		if (--needed === 0) out += String.fromCodePoint(cp);
	}
	return needed === 0 ? out : out + String.fromCharCode(REPLACEMENT);
}

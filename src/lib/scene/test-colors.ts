/**
 * Colour science for the palette tests (imported only by *.test.ts): sRGB → linear → optional
 * colour-vision-deficiency simulation → CIELAB, ΔE76 and WCAG contrast.
 */

const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const rgb = (hex: string) => [1, 3, 5].map((i) => linear(parseInt(hex.slice(i, i + 2), 16) / 255));

/** Machado, Oliveira & Fernandes (2009) matrices, severity 1.0, applied in linear RGB. */
export const CVD: Readonly<Record<string, readonly number[]>> = {
	normal: [1, 0, 0, 0, 1, 0, 0, 0, 1],
	protanopia: [
		0.152286, 1.052583, -0.204868, 0.114503, 0.786281, 0.099216, -0.003882, -0.048116, 1.051998
	],
	deuteranopia: [
		0.367322, 0.860646, -0.227968, 0.280085, 0.672501, 0.047413, -0.01182, 0.04294, 0.968881
	],
	tritanopia: [
		1.255528, -0.076749, -0.178779, -0.078411, 0.930809, 0.147602, 0.004733, 0.691367, 0.3039
	]
};

const simulate = (c: number[], m: readonly number[]) =>
	[0, 1, 2].map((r) =>
		Math.min(1, Math.max(0, m[r * 3] * c[0] + m[r * 3 + 1] * c[1] + m[r * 3 + 2] * c[2]))
	);

function lab([r, g, b]: number[]): number[] {
	const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
	const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
	const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
	const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
	return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

/** ΔE76 between two sRGB hex colours as seen with `vision` (a key of CVD). */
export function deltaE(a: string, b: string, vision = 'normal'): number {
	const [p, q] = [lab(simulate(rgb(a), CVD[vision])), lab(simulate(rgb(b), CVD[vision]))];
	return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

const luminance = (hex: string) => {
	const [r, g, b] = rgb(hex);
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

/** WCAG contrast ratio of two sRGB hex colours. */
export function contrast(a: string, b: string): number {
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (hi + 0.05) / (lo + 0.05);
}

/** Every unordered pair of `xs`. */
export const pairs = <T>(xs: readonly T[]) =>
	xs.flatMap((a, i) => xs.slice(i + 1).map((b) => [a, b] as const));

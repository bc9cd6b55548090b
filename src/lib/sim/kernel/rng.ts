/**
 * The seeded random source: xoroshiro128+ from pure-rand, wrapped so that the engine can save and
 * restore its state in checkpoints. Everything is 32-bit integer arithmetic (and one exact
 * multiply-add for floats), so a seed gives the same sequence in Node and in every browser.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { Rng } from './types';

type Generator = ReturnType<typeof xoroshiro128plusFromState>;

const TWO_POW_32 = 0x1_0000_0000;

/** murmur3's 32-bit finaliser: spreads every input bit over the whole word. */
function fmix32(x: number): number {
	x ^= x >>> 16;
	x = Math.imul(x, 0x85ebca6b);
	x ^= x >>> 13;
	x = Math.imul(x, 0xc2b2ae35);
	x ^= x >>> 16;
	return x | 0;
}

/**
 * Expands a seed into xoroshiro128+'s four 32-bit state words. pure-rand's own seeding puts the
 * seed almost verbatim into the state, so neighbouring seeds (1, 2, 3, which is what people type)
 * would start with near-identical outputs; hashing each word (splitmix-style, golden-ratio steps)
 * decorrelates them. Both 32-bit halves of the seed are used, so distinct safe integers give
 * distinct streams.
 */
function seedState(seed: number): number[] {
	const lo = seed >>> 0;
	const hi = Math.floor(seed / TWO_POW_32) | 0;
	const state: number[] = [];
	for (let i = 1; i <= 4; i++) {
		const step = Math.imul(0x9e3779b9, i);
		state.push(fmix32((lo + step) ^ fmix32(hi ^ Math.imul(0x6a09e667, i))));
	}
	// The all-zero state is xoroshiro's one fixed point; it cannot come out of fmix32 in practice,
	// but the guard costs nothing.
	if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1;
	return state;
}

/** An Rng whose state can be read and restored, for checkpoints. */
export class SeededRng implements Rng {
	private gen: Generator;

	private constructor(gen: Generator) {
		this.gen = gen;
	}

	/** A new generator seeded with a safe integer (`seed` is the scenario or share-link seed). */
	static fromSeed(seed: number): SeededRng {
		if (!Number.isSafeInteger(seed)) {
			throw new RangeError(`rng seed must be a safe integer, got ${seed}`);
		}
		return new SeededRng(xoroshiro128plusFromState(seedState(seed)));
	}

	/** A new generator continuing exactly from a state returned by getState(). */
	static fromState(state: readonly number[]): SeededRng {
		return new SeededRng(xoroshiro128plusFromState(checkState(state)));
	}

	/** Uniform float in [0, 1): a multiple of 2^-53 built from two 32-bit draws. */
	float(): number {
		return uniformFloat64(this.gen);
	}

	/** Uniform integer in [min, max], both inclusive; both must be safe integers. */
	int(min: number, max: number): number {
		if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max) {
			throw new RangeError(`rng.int(${min}, ${max}): need safe integers with min <= max`);
		}
		return uniformInt(this.gen, min, max);
	}

	/** The four 32-bit state words (a fresh array, safe to keep). */
	getState(): readonly number[] {
		return this.gen.getState();
	}

	/** Rewinds or forwards this generator, in place, to a state returned by getState(). */
	setState(state: readonly number[]): void {
		this.gen = xoroshiro128plusFromState(checkState(state));
	}
}

function checkState(state: readonly number[]): readonly number[] {
	if (state.length !== 4 || !state.every((word) => Number.isInteger(word))) {
		throw new RangeError('rng state must be the 4 integers returned by getState()');
	}
	return state;
}

/** Creates the simulation's random source from a seed (a safe integer). */
export function createRng(seed: number): SeededRng {
	return SeededRng.fromSeed(seed);
}

/** Creates a generator that continues from a saved state (same as SeededRng.fromState). */
export function restoreRng(state: readonly number[]): SeededRng {
	return SeededRng.fromState(state);
}

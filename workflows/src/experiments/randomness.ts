import betaSampler from '@stdlib/random-base-beta';

/**
 * Where experiment code gets its randomness: passed in, so the sampling math stays pure and tests
 * (and reports, which should not flicker between refreshes) can seed it.
 */
export interface Randomness {
  /** Uniform on [0, 1). */
  uniform(): number;
  /** A draw from Beta(alpha, beta). */
  beta(alpha: number, beta: number): number;
}

/** Mersenne Twister behind stdlib's Beta sampler; a seed (a positive integer) makes the sequence repeatable. */
export function createRandomness(seed?: number): Randomness {
  const draw = betaSampler.factory(seed === undefined ? {} : { seed });
  // Beta(1, 1) is the uniform distribution: one generator serves both.
  return { uniform: () => draw(1, 1), beta: (alpha, beta) => draw(alpha, beta) };
}

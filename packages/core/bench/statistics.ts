export function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

// 95 % two-sided.
const Z = 1.96;

/**
 * A distribution-free 95 % confidence interval of a percentile: the order statistics whose ranks
 * bound the binomial count of samples below it (normal approximation, fine from ~100 samples).
 */
export function percentileInterval(sorted: number[], fraction: number): [number, number] {
  const n = sorted.length;
  const spread = Z * Math.sqrt(n * fraction * (1 - fraction));
  const at = (rank: number) => sorted[Math.min(n - 1, Math.max(0, rank))]!;
  return [at(Math.floor(n * fraction - spread)), at(Math.ceil(n * fraction + spread))];
}

/** The mean and the half-width of its 95 % confidence interval. */
export function meanInterval(values: number[]): [number, number] {
  const n = values.length;
  const mean = values.reduce((sum, value) => sum + value, 0) / n;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / Math.max(1, n - 1);
  return [mean, Z * Math.sqrt(variance / n)];
}

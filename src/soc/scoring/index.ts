// Training-range scoring: answer keys, closed-alert scores (PRODUCT.md §5), per-analyst totals.
export * from './answer-key.ts';
export * from './score.ts';

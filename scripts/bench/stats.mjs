// Small numeric helpers for the bench.
export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export const round = (v, digits = 0) => (v === null || v === undefined ? null : Number(v.toFixed(digits)));

/** One way to name a place in a JSON configuration file (budgets.json, maintenance.json). */
/** `pages[2].lab.lcp` from a zod path: where a configuration problem is, as the user reads it. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return (
    path.reduce<string>(
      (out, key) => (typeof key === 'number' ? `${out}[${key}]` : `${out}${out ? '.' : ''}${String(key)}`),
      '',
    ) || '(root)'
  );
}

/**
 * node:sqlite still prints an ExperimentalWarning on Node 22. It says nothing to a user of the
 * reference app, so that one warning is dropped; every other warning is printed as usual.
 */

function isSqliteWarning(warning: string | Error, options: unknown): boolean {
  const message = typeof warning === 'string' ? warning : warning.message;
  const type =
    typeof options === 'string'
      ? options
      : ((options as { type?: string } | undefined)?.type ?? (warning instanceof Error ? warning.name : undefined));
  return type === 'ExperimentalWarning' && message.startsWith('SQLite');
}

/** Must run before node:sqlite is loaded (server.ts imports the app dynamically for that reason). */
export function silenceSqliteExperimentalWarning(): void {
  const emitWarning = process.emitWarning;
  process.emitWarning = function filteredEmitWarning(
    this: NodeJS.Process,
    warning: string | Error,
    ...rest: unknown[]
  ): void {
    if (isSqliteWarning(warning, rest[0])) return;
    Reflect.apply(emitWarning, this, [warning, ...rest]);
  } as typeof process.emitWarning;
}

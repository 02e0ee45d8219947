/**
 * `npm run target`: starts the reference Viamentor app. The first printed line
 * (`Viamentor reference app listening on <url>`) is what test helpers and Playwright's webServer wait for.
 * Exit codes: 0 after SIGINT/SIGTERM, 1 when the server cannot start, 2 for a bad configuration.
 */
import { ConfigError, readConfig, type AppConfig } from './src/config.ts';
import { silenceSqliteExperimentalWarning } from './src/warnings.ts';

silenceSqliteExperimentalWarning();
// Imported only now: loading node:sqlite emits the warning silenced above.
const { createReferenceApp } = await import('./src/app.ts');

function describeStart(url: string, config: AppConfig, enabledFaults: readonly string[]): string[] {
  const password = config.passwordFromEnv ? '(password from REFERENCE_APP_PASSWORD)' : config.syntheticUser.password;
  const switchboard = config.faultsEnabled
    ? `on at /__faults (enabled: ${enabledFaults.length > 0 ? enabledFaults.join(', ') : 'none'})`
    : 'off';
  return [
    `Viamentor reference app listening on ${url}`,
    `  synthetic user: ${config.syntheticUser.email} / ${password}`,
    `  fault switchboard: ${switchboard}`,
  ];
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = readConfig(process.env, process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  const app = await createReferenceApp(config);
  let url: string;
  try {
    url = await app.listen(config.port, config.host);
  } catch (error) {
    process.stderr.write(`cannot start the reference app on ${config.host}:${config.port}: ${(error as Error).message}\n`);
    process.exit(1);
  }
  process.stdout.write(`${describeStart(url, config, app.faults.enabledNames()).join('\n')}\n`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void app.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();

/**
 * `npm run target`: starts the reference Viamentor app. The first printed line
 * (`Viamentor reference app listening on <url>`) is what test helpers and Playwright's webServer wait for.
 * Exit codes: 0 after SIGINT/SIGTERM, 1 when the server cannot start, 2 for a bad configuration.
 */
import type { ReferenceAppUrls } from './src/app.ts';
import { ConfigError, readConfig, type AppConfig } from './src/config.ts';

function describeStart(
  urls: ReferenceAppUrls,
  anonKey: string,
  config: AppConfig,
  enabledFaults: readonly string[],
): string[] {
  const password = config.passwordFromEnv ? '(password from REFERENCE_APP_PASSWORD)' : config.syntheticUser.password;
  const switchboard = config.faultsEnabled
    ? `on at /__faults (enabled: ${enabledFaults.length > 0 ? enabledFaults.join(', ') : 'none'})`
    : 'off';
  return [
    `Viamentor reference app listening on ${urls.baseUrl}`,
    `  synthetic user: ${config.syntheticUser.email} / ${password}`,
    `  fault switchboard: ${switchboard}`,
    `BASE_URL=${urls.baseUrl}`,
    `SUPABASE_URL=${urls.supabaseUrl}`,
    `SUPABASE_ANON_KEY=${anonKey}`,
    `SYNTHETIC_EMAIL=${config.syntheticUser.email}`,
    `SYNTHETIC_PASSWORD=${password}`,
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
  // Imported once the configuration is valid: a refused start does not wait for Postgres (WASM) to load.
  const { createReferenceApp } = await import('./src/app.ts');
  const app = await createReferenceApp(config);
  let urls: ReferenceAppUrls;
  try {
    urls = await app.listen(config.port, config.supabasePort, config.host);
  } catch (error) {
    process.stderr.write(
      `cannot start the reference app on ${config.host} (ports ${config.port}, ${config.supabasePort}): ` +
        `${(error as Error).message}\n`,
    );
    process.exit(1);
  }
  process.stdout.write(`${describeStart(urls, app.anonKey, config, app.faults.enabledNames()).join('\n')}\n`);

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

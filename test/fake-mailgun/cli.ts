// `npm run fake [-- --seed demo|scale|empty --us-port N --eu-port N]`: serves until Ctrl-C.
import { parseArgs } from 'node:util';
import { DEMO_API_KEY, DEMO_SENDING_KEY, startFakeMailgun } from './index';
import { SEED_NAMES, type SeedName } from './seeds';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { seed: { type: 'string', default: 'demo' }, 'us-port': { type: 'string', default: '0' }, 'eu-port': { type: 'string', default: '0' } },
  });
  const seed = values.seed as SeedName;
  if (!SEED_NAMES.includes(seed)) throw new Error(`--seed must be one of ${SEED_NAMES.join(', ')}`);
  const port = (v: string | undefined, flag: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${flag} must be a port number`);
    return n;
  };
  const fake = await startFakeMailgun({ seed, usPort: port(values['us-port'], '--us-port'), euPort: port(values['eu-port'], '--eu-port') });
  console.log(`Fake Mailgun (seed: ${seed})`);
  console.log(`  US base URL:  ${fake.usUrl}`);
  console.log(`  EU base URL:  ${fake.euUrl}`);
  console.log(`  API key:      ${DEMO_API_KEY}   (user "api", HTTP Basic)`);
  console.log(`  Sending key:  ${DEMO_SENDING_KEY}   (403 on management endpoints)`);
  console.log(`  Control API:  ${fake.usUrl}_fake/  (see test/fake-mailgun/README.md)`);
  console.log('Press Ctrl-C to stop.');
  const stop = (): void => {
    void fake.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`fake-mailgun: ${(err as Error).message}`);
  process.exit(1);
});

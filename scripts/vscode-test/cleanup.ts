// Everything the harness starts registers its teardown here, so a signal, a timeout or an
// unexpected exit still stops the server and the browser.
import { progress } from './log';

type Teardown = { async: () => Promise<void>; sync: () => void };

const teardowns = new Set<Teardown>();
let signalsHooked = false;

export function onTeardown(async: () => Promise<void>, sync: () => void): () => void {
  hookSignals();
  const entry = { async, sync };
  teardowns.add(entry);
  return () => teardowns.delete(entry);
}

export async function teardownAll(): Promise<void> {
  const pending = [...teardowns];
  teardowns.clear();
  await Promise.allSettled(pending.map((entry) => entry.async()));
}

function hookSignals(): void {
  if (signalsHooked) return;
  signalsHooked = true;
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    process.once(signal, () => {
      progress(`${signal}: stopping VS Code`);
      const force = setTimeout(() => process.exit(code), 5000);
      void teardownAll().finally(() => {
        clearTimeout(force);
        process.exit(code);
      });
    });
  }
  // Last resort when the process exits without awaiting teardown: only synchronous work runs here.
  process.once('exit', () => {
    for (const entry of teardowns) entry.sync();
  });
}

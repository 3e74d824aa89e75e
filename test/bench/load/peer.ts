/** Starts the PostGraphile peer (postgraphile-server.ts) as a child process and stops it. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../../../server/db/embedded';

export interface RunningPeer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startPeer(databaseUrl: string, poolSize: number): Promise<RunningPeer> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(__dirname, 'postgraphile-server.js')], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), POOL_SIZE: String(poolSize) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  void exited.then(() => process.off('exit', killOnExit));
  let output = '';
  await new Promise<void>((ready, failed) => {
    const timer = setTimeout(() => failed(new Error(`PostGraphile was not ready within 60 s:\n${output}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/^ready$/m.test(output)) {
        clearTimeout(timer);
        ready();
      }
    });
    // Grafast's note that GRAPHILE_ENV is unset (production mode, as wanted) goes to stderr.
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      failed(new Error(`PostGraphile exited (${code}) before it was ready:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

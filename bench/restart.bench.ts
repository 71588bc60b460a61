import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Issue 2 target: a second start on an existing embedded data directory is healthy in under
 * 3 seconds. `npm run bench:restart` starts the built service (`node dist/apps/api/src/main.js`)
 * once to create the data directory, then RESTARTS times (default 7), each timed from spawn to
 * the first `GET /health` 200 (polled every 20 ms). The baseline, in the same run, is a bare
 * `node -e` that only boots Node and exits: the part of every start no code of ours can save.
 */
const MAIN = join(__dirname, '..', 'apps', 'api', 'src', 'main.js');
const PORT = Number(process.env.PORT ?? 3999);

async function main(): Promise<void> {
  const restarts = Number(process.env.RESTARTS ?? 7);
  const dataDir = mkdtempSync(join(tmpdir(), 'post-registry-bench-restart-'));
  try {
    const first = await timeStart(dataDir);
    process.stdout.write(`first start (initdb + migrations): ${first.toFixed(2)} s\n`);
    const nodeBoot: number[] = [];
    const restartTimes: number[] = [];
    for (let i = 0; i < restarts; i++) {
      nodeBoot.push(await timeBareNode());
      restartTimes.push(await timeStart(dataDir));
    }
    const bare = median(nodeBoot);
    const restart = median(restartTimes);
    process.stdout.write(`bare 'node -e 0' (baseline): median ${bare.toFixed(2)} s\n`);
    process.stdout.write(`second start until /health 200: ${restartTimes.map((t) => t.toFixed(2)).join(', ')} s\n`);
    process.stdout.write(
      `median ${restart.toFixed(2)} s, worst ${Math.max(...restartTimes).toFixed(2)} s (target < 3 s); ratio to bare node ${(restart / bare).toFixed(1)}x\n`,
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function timeStart(dataDir: string): Promise<number> {
  const started = process.hrtime.bigint();
  // The embedded database: DATABASE_URL would point the service elsewhere.
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, [MAIN], { env: { ...inherited, DATA_DIR: dataDir, PORT: String(PORT), LOG_LEVEL: 'warn' }, stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode} before it was healthy`);
      const healthy = await fetch(`http://127.0.0.1:${PORT}/health`).then(
        (response) => response.status === 200,
        () => false,
      );
      if (healthy) return Number(process.hrtime.bigint() - started) / 1e9;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

async function timeBareNode(): Promise<number> {
  const started = process.hrtime.bigint();
  await new Promise<void>((resolve, reject) =>
    spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' })
      .once('exit', () => resolve())
      .once('error', reject),
  );
  return Number(process.hrtime.bigint() - started) / 1e9;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

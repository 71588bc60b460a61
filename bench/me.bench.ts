import Fastify from 'fastify';
import { Pool } from 'pg';
import { BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD, loadTest, printRow, startBenchApp } from './support';

/**
 * Issue 2 target: GET /api/v1/me with a JWT keeps at least 40% of the requests per second of
 * a bare Fastify + pg handler running one indexed query, measured in the same run.
 * `npm run bench:me` (CONNECTIONS, SECONDS override autocannon's -c 50 -d 10).
 */
async function main(): Promise<void> {
  const connections = Number(process.env.CONNECTIONS ?? 50);
  const seconds = Number(process.env.SECONDS ?? 10);
  const { runtime, url, stop } = await startBenchApp();
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: BENCH_ADMIN_EMAIL, password: BENCH_ADMIN_PASSWORD }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const me = (await (await fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as { id: string };

  // Baseline: the same lookup the JWT strategy does (user joined with organization by primary key).
  const pool = new Pool({ connectionString: runtime.config.database.url, max: 10 });
  const bare = Fastify();
  bare.get('/me', async () => {
    const { rows } = await pool.query({
      name: 'me',
      text: 'SELECT u.id, u.organization_id, u.roles, o.type FROM app_user u JOIN organization o ON o.id = u.organization_id WHERE u.id = $1',
      values: [me.id],
    });
    return rows[0];
  });
  const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });

  await loadTest({ url: `${bareUrl}/me`, connections, seconds: 2 }); // warm-up
  await loadTest({ url: `${url}/api/v1/me`, connections, seconds: 2, headers: { authorization: `Bearer ${accessToken}` } });
  process.stdout.write(`GET /me, autocannon -c ${connections} -d ${seconds}, Node ${process.version}\n`);
  const baseline = await loadTest({ url: `${bareUrl}/me`, connections, seconds });
  printRow('(a) bare Fastify + pg, one indexed query', baseline);
  const api = await loadTest({ url: `${url}/api/v1/me`, connections, seconds, headers: { authorization: `Bearer ${accessToken}` } });
  printRow('(b) GET /api/v1/me with JWT (full stack)', api, baseline);
  process.stdout.write(`ratio (b)/(a) = ${(api.requestsPerSecond / baseline.requestsPerSecond).toFixed(2)} (target >= 0.40)\n`);

  await bare.close();
  await pool.end();
  await stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

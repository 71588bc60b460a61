const root = process.argv[2];
const { startBenchApp, loadTest, printRow } = require(`${root}/dist/bench/support`);
const Fastify = require(`${root}/node_modules/fastify`);
const { Pool } = require(`${root}/node_modules/pg`);
(async () => {
  const { url, stop, runtime } = await startBenchApp();
  const pool = new Pool({ connectionString: runtime.config.database.url, max: 10 });
  const bare = Fastify();
  bare.get('/officers/:postId', async (req) => (await pool.query({ name: 'o', text: 'SELECT id, post_id, first_name, middle_name, last_name, suffix FROM officer WHERE post_id = $1', values: [req.params.postId] })).rows[0]);
  const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
  const postId = 'MA-0999563';
  const a = { url: `${bareUrl}/officers/${postId}`, connections: 50, seconds: 10 };
  const d = { url: `${url}/api/v1/public/officers/${postId}`, connections: 50, seconds: 10 };
  await loadTest({ ...a, seconds: 2 }); await loadTest({ ...d, seconds: 2 });
  for (let i = 0; i < 2; i++) { const ra = await loadTest(a); printRow('(a)', ra); printRow('(d)', await loadTest(d), ra); }
  await bare.close(); await pool.end(); await stop();
})();

import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildAppConfig, validateEnvironment } from '@app/runtime';
import { createApp } from '../create-app';
import { buildOpenApiDocument } from './openapi-document';

/**
 * `npm run openapi`: writes the document /docs-json serves to openapi.json (or the path given),
 * without a database: the app is created in Nest's preview mode and never listens. Run from the
 * build (dist/), where the swagger CLI plugin has described the DTOs.
 */
async function main(): Promise<void> {
  const target = resolve(process.argv[2] ?? 'openapi.json');
  const env = validateEnvironment({ LOG_LEVEL: 'silent' });
  const config = buildAppConfig(env, { databaseUrl: 'postgres://unused@127.0.0.1/unused', jwtSecret: 'unused-'.padEnd(48, 'x') });
  const app = await createApp(config, { preview: true });
  const document = buildOpenApiDocument(app);
  writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
  process.stdout.write(`wrote ${target}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`openapi: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);

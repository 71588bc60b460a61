import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Where `npm run build` puts the staff console (apps/console, built by Vite into dist/console):
 * beside the compiled API (dist/apps/api/src/console → dist/console), or under the working
 * directory when the API runs from source (ts-jest, the browser tests).
 */
export function consoleAssetsDirectory(): string | undefined {
  const candidates = [join(__dirname, '..', '..', '..', '..', 'console'), join(process.cwd(), 'dist', 'console')];
  return candidates.find((directory) => existsSync(join(directory, 'index.html')));
}

/** The console's pages opened by a one-use account link (libs/auth account-token.ts LINK_PATHS). */
export const ACCOUNT_LINK_PATHS = ['/console/activate', '/console/reset-password'] as const;

/**
 * The console's static files at /console/ (API.md "Staff console"), outside Nest's routing: they
 * are public files (the screens hold no data; every record comes from the API with the user's
 * token), so neither the default-deny guard nor the API's throttling applies. Vite names each
 * asset by its content hash, so assets are cached for a year and index.html is revalidated on
 * every load (a new build is picked up at once). Without a build, /console/ says how to make one.
 */
export function registerConsole(app: NestFastifyApplication): void {
  const root = consoleAssetsDirectory();
  const fastify = app.getHttpAdapter().getInstance();
  if (!root) {
    fastify.get('/console/*', (_request, reply) => {
      void reply.code(404).type('text/plain; charset=utf-8').send('The staff console is not built: run `npm run build`.');
    });
    return;
  }
  void fastify.register(async (instance) => {
    // The links the registry mails or shows once (an invitation, a password reset: `/console/activate#token=…`)
    // open the console's page, which reads the token from the fragment (never sent here).
    for (const path of ACCOUNT_LINK_PATHS) {
      instance.get(path, async (_request, reply) => {
        const page = await readFile(join(root, 'index.html'));
        return reply.header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').send(page);
      });
    }
    await instance.register(fastifyStatic, {
      root,
      // Without the trailing slash, so that `/console` redirects to `/console/`.
      prefix: '/console',
      redirect: true,
      decorateReply: false,
      cacheControl: false,
      setHeaders: (reply, path) => {
        const immutable = path.startsWith(join(root, 'assets'));
        void reply.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  });
}

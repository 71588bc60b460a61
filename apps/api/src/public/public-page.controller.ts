import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { Public } from '@app/auth';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { publicThrottle } from '../http/throttling';

/**
 * Where the page's files are: beside the compiled code (`nest build` copies
 * `public-page/assets`), or in the source tree (ts-jest, and a build whose asset copy kept
 * the project-relative path).
 */
export function publicPageAssetsDirectory(): string {
  const candidates = [
    join(__dirname, '..', 'public-page', 'assets'),
    join(__dirname, '..', 'apps', 'api', 'src', 'public-page', 'assets'),
    join(process.cwd(), 'apps', 'api', 'src', 'public-page', 'assets'),
  ];
  const found = candidates.find((directory) => existsSync(join(directory, 'index.html')));
  if (!found) throw new Error(`public page assets not found in ${candidates.join(', ')}`);
  return found;
}

/** Read once at start-up: three small files, served from memory with no path taken from the request. */
function loadPage(): { html: Buffer; css: Buffer; js: Buffer } {
  const directory = publicPageAssetsDirectory();
  const read = (file: string) => readFileSync(join(directory, file));
  return { html: read('index.html'), css: read('app.css'), js: read('app.js') };
}

/**
 * The public lookup page (API.md `GET /`): plain HTML, CSS and one script, no build step.
 * The script is external so the page runs under the strict Content-Security-Policy
 * (create-app.ts: `script-src 'self'`, no inline code).
 */
@ApiExcludeController()
@Public()
@Throttle(publicThrottle)
@Controller()
export class PublicPageController {
  private readonly page = loadPage();

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  index(): Buffer {
    return this.page.html;
  }

  @Get('assets/app.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=300')
  css(): Buffer {
    return this.page.css;
  }

  @Get('assets/app.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=300')
  js(): Buffer {
    return this.page.js;
  }
}

import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import { API_CONTROLLERS } from '../api.module';
import { Problem } from './problem.schema';
import { applyRouteConventions } from './route-problems';

/** Every tag the operations use, described once (clients group their methods by tag). */
const TAGS: [name: string, description: string][] = [
  ['auth', 'Logging in and who the credentials belong to.'],
  ['organizations', 'The commission, agencies and academies; their users and API keys.'],
  ['officers', "Officers' identities and restricted records (c. 6E §4)."],
  ['certification', 'Certification, renewal and status transitions outside cases (c. 6E §4(f)).'],
  ['training', 'Courses the commission recognises and the completions academies record.'],
  ['misconduct', 'Misconduct reports and separations agencies file (c. 6E §8(b), 555 CMR 12.03).'],
  ['cases', 'Commission proceedings against a certification, with due process (c. 6E §9, §10).'],
  ['hiring', 'Hiring checks: "may we hire this person?", stored and audited.'],
  ['employment', 'Hires by an agency, guarded by a recent hiring check.'],
  ['notices', 'Notices to officers of each submission about them, within 10 days (555 CMR 12.00).'],
  ['portal', "Officers' own accounts: the invitation, the officer's whole record, answers to notices, disputes."],
  ['disputes', "Officers' disputes of their record, listed and resolved by the commission."],
  ['imports', "A state's existing records loaded from the system being replaced, streamed and processed by a durable job."],
  ['webhooks', "An agency's endpoints for signed events about the officers it employs or separated within 12 months."],
  ['workspace', "The commission's work queue and the registry's figures."],
  ['audit', 'The hash-chained audit log and its published head.'],
  ['public', 'The public portal: officer records and open data, no credentials (c. 6E §13).'],
  ['health', 'Readiness and liveness probes.'],
];

/**
 * The API's OpenAPI document, as /docs-json serves it and `npm run openapi` writes it to
 * openapi.json (from the built code: the swagger CLI plugin describes the DTOs at build time).
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('POST Registry API')
    .setDescription('Peace officer certification registry: the REST contract of API.md. Errors are application/problem+json (RFC 9457).')
    .setVersion('1')
    .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
    // Relative: the document describes whichever host serves it.
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The `accessToken` of POST /api/v1/auth/login.' }, 'bearer')
    .addApiKey(
      { type: 'apiKey', in: 'header', name: 'X-API-Key', description: "A machine client's key (`prk_…`), from POST /api/v1/organizations/{id}/api-keys." },
      'apiKey',
    );
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), { extraModels: [Problem] });
  return applyRouteConventions(document, API_CONTROLLERS);
}

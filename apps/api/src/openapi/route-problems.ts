import type { Type } from '@nestjs/common';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { DECORATORS } from '@nestjs/swagger';
import type { OpenAPIObject, OperationObject, SecurityRequirementObject } from '@nestjs/swagger';
import { ALLOWED_BEFORE_MFA_ENROLMENT, ANY_AUTHENTICATED, IS_PUBLIC, REQUIRED_ROLES } from '@app/auth';
import { ANSWERS_WITHOUT_DATABASE, problemResponse, ProblemStatus } from './api-problems';

/** @SkipThrottle() stores `THROTTLER:SKIP<throttler name>`; the API has one throttler, `default`. */
const SKIP_DEFAULT_THROTTLER = 'THROTTLER:SKIPdefault';
const CLIENT_INPUTS = new Set<number>([RouteParamtypes.BODY, RouteParamtypes.QUERY, RouteParamtypes.PARAM]);

/** Every authenticated route takes either credential (AuthenticationGuard: `jwt` or `api-key`). */
export const AUTHENTICATED: SecurityRequirementObject[] = [{ bearer: [] }, { apiKey: [] }];

interface Route {
  controller: Type;
  handler: (...args: unknown[]) => unknown;
}

/** What the route's own decorators say, read the way the guards and pipes read it. */
function routeFacts({ controller, handler }: Route, operation: OperationObject, path: string, method: string) {
  const read = <T>(key: string): T | undefined => (Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller)) as T | undefined;
  const args = Object.keys((Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler.name) ?? {}) as Record<string, unknown>);
  const isPublic = read<boolean>(IS_PUBLIC) === true;
  return {
    isPublic,
    checksRoles: !isPublic && read<boolean>(ANY_AUTHENTICATED) !== true && (read<string[]>(REQUIRED_ROLES)?.length ?? 0) > 0,
    // A user who must still enrol a second factor holds a token good for a few routes only (MfaEnrolmentGuard).
    refusesLimitedToken: !isPublic && read<boolean>(ALLOWED_BEFORE_MFA_ENROLMENT) !== true,
    // The global ValidationPipe (and PostIdPipe) refuse bad bodies, queries and path parameters;
    // Fastify refuses a malformed JSON body on any POST.
    takesInput: method === 'post' || args.some((key) => CLIENT_INPUTS.has(Number(key.split(':')[0]))) || (operation.parameters?.length ?? 0) > 0,
    namesRecord: /\{[^}]+\}/.test(path),
    takesBody: method === 'post',
    throttled: read<boolean>(SKIP_DEFAULT_THROTTLER) !== true,
    usesDatabase: read<boolean>(ANSWERS_WITHOUT_DATABASE) !== true,
  };
}

/** The statuses that follow from the route's shape, whatever its service does. */
export function derivedProblemStatuses(facts: ReturnType<typeof routeFacts>): ProblemStatus[] {
  const statuses: ProblemStatus[] = [];
  if (facts.takesInput) statuses.push(400);
  if (!facts.isPublic) statuses.push(401);
  if (facts.checksRoles || facts.refusesLimitedToken) statuses.push(403);
  if (facts.namesRecord) statuses.push(404);
  if (facts.takesBody) statuses.push(413);
  if (facts.throttled) statuses.push(429);
  if (facts.usesDatabase) statuses.push(503);
  return statuses;
}

/**
 * The handlers of these controllers by operationId: the one their @ApiOperation declares, and
 * @nestjs/swagger's default (`Controller_method`) for a route that has none yet (the unit test
 * and the linters refuse such a route; /docs keeps working meanwhile).
 */
function routesByOperationId(controllers: Type[]): Map<string, Route> {
  const routes = new Map<string, Route>();
  for (const controller of controllers) {
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = (controller.prototype as Record<string, unknown>)[name];
      if (
        typeof handler !== 'function' ||
        Reflect.getMetadata(PATH_METADATA, handler) === undefined ||
        Reflect.getMetadata(METHOD_METADATA, handler) === undefined
      )
        continue;
      const operationId = (Reflect.getMetadata(DECORATORS.API_OPERATION, handler) as { operationId?: string } | undefined)?.operationId;
      routes.set(operationId ?? `${controller.name}_${name}`, { controller, handler: handler as Route['handler'] });
    }
  }
  return routes;
}

const byStatus = (responses: OperationObject['responses']) => Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));

/**
 * Completes every operation from what its route does: `security` (`[]` on @Public routes, either
 * credential elsewhere) and the problem+json responses that follow from its shape (see
 * derivedProblemStatuses), beside the ones @ApiProblems declared.
 */
export function applyRouteConventions(document: OpenAPIObject, controllers: Type[]): OpenAPIObject {
  const routes = routesByOperationId(controllers);
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const route = operation.operationId ? routes.get(operation.operationId) : undefined;
      if (!route) throw new Error(`${method.toUpperCase()} ${path}: no handler with operationId ${operation.operationId} among API_CONTROLLERS`);
      const facts = routeFacts(route, operation, path, method);
      // A route that names its schemes (@ApiBearerAuth on a user-only route) keeps them.
      const declaresSchemes = Reflect.getMetadata(DECORATORS.API_SECURITY, route.handler) !== undefined;
      if (facts.isPublic) operation.security = [];
      else if (!declaresSchemes) operation.security = AUTHENTICATED;
      for (const status of derivedProblemStatuses(facts)) {
        // Every error leaves through the problem filter: a schema a library declared for its own
        // error body (terminus' 503 on /health) is not what clients receive.
        const declared = operation.responses[status] as { content?: Record<string, unknown> } | undefined;
        if (!declared?.content?.['application/problem+json']) operation.responses[status] = problemResponse(status);
      }
      operation.responses = byStatus(operation.responses);
    }
  }
  return document;
}

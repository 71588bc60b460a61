import { RequestMethod } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';

/** Nest's metadata keys (not importable from @nestjs/common's ESM root). */
const PATH_METADATA = 'path';
const METHOD_METADATA = 'method';

export interface DiscoveredRoute {
  method: string;
  path: string;
}

/** Every route the application registered, as `METHOD /api/v1/...`, read from controller metadata. */
export function discoverRoutes(app: INestApplication, prefix: string, excluded: string[]): DiscoveredRoute[] {
  // Built here: the app imports no DiscoveryModule (@nestjs/schedule brought one until pg-boss replaced it).
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const routes: DiscoveredRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as object | undefined;
    if (!instance) continue;
    const controllerPath = String(Reflect.getMetadata(PATH_METADATA, wrapper.metatype as object) ?? '');
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name] as object;
      const methodPath = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (methodPath === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      for (const path of Array.isArray(methodPath) ? methodPath : [methodPath]) {
        const joined = ['', controllerPath, path].join('/').replace(/\/+/g, '/').replace(/\/$/, '') || '/';
        const full = excluded.includes(joined.replace(/^\//, '')) || joined === '/' || joined.startsWith('/assets') ? joined : `/${prefix}${joined}`;
        routes.push({ method, path: full });
      }
    }
  }
  return routes;
}

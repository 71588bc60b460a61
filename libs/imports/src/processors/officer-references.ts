import type { OfficerImportService } from '@app/officers';
import type { EntityManager } from 'typeorm';
import type { OfficerReference } from '../domain/row-rules';
import { knownSources } from '../persistence/import.store';
import { officerKey } from './chunk';

/**
 * The officers the rows refer to, set-wise: by source id (an officer an earlier import created
 * or found) and by POST ID. Keyed by `officerKey`; a reference missing from the map is unknown.
 */
export async function resolveOfficers(
  manager: EntityManager,
  officers: OfficerImportService,
  references: readonly OfficerReference[],
): Promise<Map<string, string>> {
  const sourceIds = references.flatMap((r) => ('sourceId' in r ? [r.sourceId] : []));
  const postIds = references.flatMap((r) => ('postId' in r ? [r.postId] : []));
  const bySource = await knownSources(manager, 'officers', sourceIds);
  const byPostId = await officers.officerIdsByPostId(manager, postIds);
  const resolved = new Map<string, string>();
  for (const [key, source] of bySource) resolved.set(officerKey({ sourceId: key }), source.entityId);
  for (const [postId, id] of byPostId) resolved.set(officerKey({ postId }), id);
  return resolved;
}

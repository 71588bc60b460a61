import { useCallback, useEffect, useState } from 'preact/hooks';
import type { components } from '../../../../../client';
import { api, ask } from '../../api';

export type OwnRecord = components['schemas']['OwnRecordResponse'];
export type OwnCase = components['schemas']['OfficerCaseResponse'];
export type OwnNotice = components['schemas']['OfficerNoticeResponse'];
export type Dispute = components['schemas']['DisputeResponse'];
export type DisputeSubjectType = components['schemas']['DisputeSubjectDto']['type'];

/** GET /me/record, loaded when the screen opens and again after each change the officer makes. */
export function useOwnRecord(): { record?: OwnRecord; error?: unknown; reload: () => void } {
  const [record, setRecord] = useState<OwnRecord>();
  const [error, setError] = useState<unknown>();
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    setError(undefined);
    ask(api.GET('/api/v1/me/record'))
      .then((answer) => live && setRecord(answer))
      .catch((failure: unknown) => live && setError(failure));
    return () => {
      live = false;
    };
  }, [generation]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { record, error, reload };
}

/** The officer's open dispute about this part of the record, if any (one at a time per part). */
export const openDisputeAbout = (disputes: readonly Dispute[], type: DisputeSubjectType, id?: string): Dispute | undefined =>
  disputes.find((d) => d.status === 'open' && d.subject.type === type && (d.subject.id ?? undefined) === id);

export const fullName = (identity: OwnRecord['identity']): string =>
  [identity.firstName, identity.middleName, identity.lastName, identity.suffix].filter(Boolean).join(' ');

import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'wouter-preact';
import type { components } from '../../../../../client';
import { api, ask } from '../../api';
import { fieldErrors } from '../../problem';
import { Alert, Loading, Page } from '../../ui/bits';
import { ProblemSummary, Submit, TextField, submitWith } from '../../ui/form';
import { formatInstant } from '../../words';
import { AuditTable } from './officer-timeline';
import { chainCheckWords, SavedHead, shortHash, type ChainCheck } from './records-words';

type AuditEntry = components['schemas']['AuditEntryResponse'];

/**
 * The head is public (GET /public/audit/head): keeping it in this browser's localStorage
 * discloses nothing. Kept here, it lets a later verification prove the log was not rewritten
 * or truncated since (DOMAIN.md "Audit").
 */
export const SAVED_HEAD_KEY = 'post-registry.console.audit-head';

function readSavedHead(): SavedHead | undefined {
  try {
    const saved = JSON.parse(localStorage.getItem(SAVED_HEAD_KEY) ?? 'null') as SavedHead | null;
    return saved && typeof saved.seq === 'number' && typeof saved.hash === 'string' ? saved : undefined;
  } catch {
    return undefined;
  }
}

/** `/commission/audit` (and `/commission/audit/:postId`, one officer's entries): the audit log and the chain's verification. */
export function AuditScreen() {
  const [, params] = useRoute<{ postId: string }>('/commission/audit/:postId');
  return (
    <Page title="Audit" intro="Every write and every read of restricted records, chained by hashes. Verify the chain against a head saved earlier.">
      <ChainVerification />
      <AuditEntries initialPostId={params ? decodeURIComponent(params.postId).toUpperCase() : ''} />
    </Page>
  );
}

function ChainVerification() {
  const [saved, setSaved] = useState(readSavedHead);
  const [busy, setBusy] = useState<'save' | 'verify'>();
  const [error, setError] = useState<unknown>();
  const [result, setResult] = useState<{ check: ChainCheck; against?: SavedHead }>();

  const save = async () => {
    setBusy('save');
    setError(undefined);
    try {
      const head = await ask(api.GET('/api/v1/public/audit/head'));
      const next = { seq: head.seq, hash: head.hash, at: head.at };
      localStorage.setItem(SAVED_HEAD_KEY, JSON.stringify(next));
      setSaved(next);
      setResult(undefined);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(undefined);
    }
  };
  const verify = async () => {
    setBusy('verify');
    setError(undefined);
    setResult(undefined);
    try {
      const query = saved ? { knownSeq: saved.seq, knownHash: saved.hash } : {};
      setResult({ check: await ask(api.GET('/api/v1/audit/verify', { params: { query } })), against: saved });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(undefined);
    }
  };
  const forget = () => {
    localStorage.removeItem(SAVED_HEAD_KEY);
    setSaved(undefined);
    setResult(undefined);
  };
  const words = result ? chainCheckWords(result.check, result.against) : undefined;

  return (
    <section aria-labelledby="chain-heading" class="record-section">
      <h2 id="chain-heading">Chain verification</h2>
      {saved ? (
        <p data-testid="saved-head">
          Saved head: entry {saved.seq}, hash <code title={saved.hash}>{shortHash(saved.hash)}</code>, published {formatInstant(saved.at)}. Kept in this
          browser.
        </p>
      ) : (
        <p data-testid="saved-head">No head saved in this browser yet. Save the current head now; a verification later proves that the log still extends it.</p>
      )}
      <ProblemSummary error={error} />
      <div class="usa-button-group">
        <button type="button" class="usa-button usa-button--outline" onClick={() => void save()} disabled={!!busy}>
          {busy === 'save' ? 'Saving…' : saved ? 'Save the current head instead' : 'Save the current head'}
        </button>
        <button type="button" class="usa-button" onClick={() => void verify()} disabled={!!busy}>
          {busy === 'verify' ? 'Verifying…' : saved ? 'Verify against the saved head' : 'Verify the chain'}
        </button>
        {saved ? (
          <button type="button" class="usa-button usa-button--unstyled" onClick={forget} disabled={!!busy}>
            Forget the saved head
          </button>
        ) : null}
      </div>
      {busy === 'verify' ? <Loading what="the verification (every entry is recomputed)" /> : null}
      {words ? (
        <Alert type={words.tone} heading={words.heading}>
          <span data-testid="verify-result" data-valid={String(result!.check.valid)}>
            {words.text}
          </span>
        </Alert>
      ) : null}
    </section>
  );
}

function AuditEntries({ initialPostId }: { initialPostId: string }) {
  const empty = { postId: initialPostId, entityType: '', entityId: '' };
  const [form, setForm] = useState(empty);
  const [items, setItems] = useState<AuditEntry[]>();
  const [cursor, setCursor] = useState<string | null>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const errors = fieldErrors(error);
  const set = (field: keyof typeof empty) => (value: string) => setForm({ ...form, [field]: value });

  const load = async (filters: typeof empty, after?: string) => {
    setBusy(true);
    setError(undefined);
    try {
      const query = {
        limit: 100,
        ...(filters.postId.trim() ? { postId: filters.postId.trim().toUpperCase() } : {}),
        ...(filters.entityType.trim() ? { entityType: filters.entityType.trim() } : {}),
        ...(filters.entityId.trim() ? { entityId: filters.entityId.trim() } : {}),
        ...(after ? { cursor: after } : {}),
      };
      const page = await ask(api.GET('/api/v1/audit', { params: { query } }));
      setItems((previous) => (after ? [...(previous ?? []), ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => void load(empty), [initialPostId]);

  return (
    <section aria-labelledby="entries-heading" class="record-section margin-top-4">
      <h2 id="entries-heading">Entries</h2>
      <form class="usa-form usa-form--large audit-filters" onSubmit={submitWith(() => load(form))} noValidate>
        <ProblemSummary error={error} fieldIds={{ postId: 'audit-post-id', entityType: 'audit-entity-type', entityId: 'audit-entity-id' }} />
        <TextField
          id="audit-post-id"
          label="About the officer (POST ID)"
          hint="Every entry about that officer, whatever the record."
          value={form.postId}
          onValue={set('postId')}
          error={errors.postId}
        />
        <TextField
          id="audit-entity-type"
          label="Record type"
          hint="For example officer, case, dispute, hiring_check."
          value={form.entityType}
          onValue={set('entityType')}
          error={errors.entityType}
        />
        <TextField id="audit-entity-id" label="Record id" value={form.entityId} onValue={set('entityId')} error={errors.entityId} />
        <Submit busy={busy} busyText="Loading…">
          Show entries
        </Submit>
      </form>
      {items ? items.length ? <AuditTable entries={items} /> : <p role="status">No entries match.</p> : null}
      {busy ? <Loading what="audit entries" /> : null}
      {cursor && !busy ? (
        <button type="button" class="usa-button usa-button--outline" onClick={() => void load(form, cursor)}>
          Show older entries
        </button>
      ) : null}
    </section>
  );
}

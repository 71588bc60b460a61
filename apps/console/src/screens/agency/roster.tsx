import { useEffect, useState } from 'preact/hooks';
import type { components } from '../../../../../client';
import { api, ask, download } from '../../api';
import { session } from '../../session';
import { Loading, Page, StatusBadge } from '../../ui/bits';
import { ProblemSummary, SelectField } from '../../ui/form';
import { formatDate, STATUS_LABELS } from '../../words';
import { InviteOfficer } from '../portal/invite-officer';

type Entry = components['schemas']['RosterEntryResponse'];
type RosterPage = components['schemas']['RosterPage'];
type Status = NonNullable<Entry['certificationStatus']>;
const EXPIRING_DAYS = 60;
const MAX_PAGES = 40;

const daysUntil = (iso: string | null): number =>
  iso ? Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`)) / 86_400_000) : Infinity;

/** Those whose certification ends within 60 days first (soonest first), then everyone else by name. */
export function rosterOrder(a: Entry, b: Entry): number {
  const soonA = daysUntil(a.expiresOn) <= EXPIRING_DAYS;
  const soonB = daysUntil(b.expiresOn) <= EXPIRING_DAYS;
  if (soonA !== soonB) return soonA ? -1 : 1;
  if (soonA && soonB && a.expiresOn !== b.expiresOn) return (a.expiresOn ?? '') < (b.expiresOn ?? '') ? -1 : 1;
  return a.name.localeCompare(b.name);
}

/** The agency's current employees and their certification (GET /organizations/:id/officers). */
export function RosterScreen() {
  const organizationId = session.get().me?.organizationId ?? '';
  const [status, setStatus] = useState('');
  const [items, setItems] = useState<Entry[]>();
  const [error, setError] = useState<unknown>();
  const [downloading, setDownloading] = useState(false);
  // The officer being invited to the portal (the form shows above the roster).
  const [inviting, setInviting] = useState<{ postId: string; name: string }>();

  useEffect(() => {
    let live = true;
    setItems(undefined);
    setError(undefined);
    (async () => {
      const all: Entry[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        // The route also answers text/csv, so the client types the body as either; this asks for JSON.
        const answer = (await ask(
          api.GET('/api/v1/organizations/{id}/officers', {
            params: { path: { id: organizationId }, query: { limit: 500, cursor, status: (status || undefined) as Status | undefined } },
          }),
        )) as RosterPage;
        all.push(...answer.items);
        if (!answer.nextCursor) break;
        cursor = answer.nextCursor;
      }
      if (live) setItems(all.sort(rosterOrder));
    })().catch((failure: unknown) => live && setError(failure));
    return () => {
      live = false;
    };
  }, [organizationId, status]);

  const downloadCsv = async () => {
    setDownloading(true);
    try {
      const text = await ask(
        api.GET('/api/v1/organizations/{id}/officers', {
          params: { path: { id: organizationId }, query: { limit: 500, status: (status || undefined) as Status | undefined } },
          headers: { Accept: 'text/csv' },
          parseAs: 'text',
        }),
      );
      download('roster.csv', text);
    } catch (failure) {
      setError(failure);
    } finally {
      setDownloading(false);
    }
  };

  const expiring = items?.filter((entry) => daysUntil(entry.expiresOn) <= EXPIRING_DAYS).length ?? 0;
  return (
    <Page
      title="Roster"
      intro="Everyone your agency employs now, with the state of their certification. Those whose certification ends within 60 days come first."
    >
      <div class="roster-tools">
        <SelectField
          id="roster-status"
          label="Certification status"
          value={status}
          onValue={setStatus}
          options={Object.entries(STATUS_LABELS).filter(([code]) => code !== 'under_review')}
        />
        <button type="button" class="usa-button usa-button--outline" disabled={downloading} onClick={() => void downloadCsv()}>
          {downloading ? 'Preparing…' : 'Download as CSV'}
        </button>
      </div>
      <ProblemSummary error={error} />
      {inviting ? <InviteOfficer key={inviting.postId} officer={inviting} onClose={() => setInviting(undefined)} /> : null}
      {items ? (
        items.length ? (
          <>
            <p data-testid="roster-summary">
              {items.length} {items.length === 1 ? 'officer' : 'officers'}
              {expiring ? `, ${expiring} with a certification ending within ${EXPIRING_DAYS} days` : ''}.
            </p>
            <table class="usa-table usa-table--stacked usa-table--borderless width-full" data-testid="roster">
              <caption class="usa-sr-only">Current employees, those whose certification ends soonest first</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">POST ID</th>
                  <th scope="col">Position</th>
                  <th scope="col">Since</th>
                  <th scope="col">Certification</th>
                  <th scope="col">Ends</th>
                  <th scope="col">Portal</th>
                </tr>
              </thead>
              <tbody>
                {items.map((entry) => {
                  const days = daysUntil(entry.expiresOn);
                  return (
                    <tr key={entry.postId} data-post-id={entry.postId}>
                      <th scope="row" data-label="Name">
                        {entry.name}
                      </th>
                      <td data-label="POST ID">{entry.postId}</td>
                      <td data-label="Position">{entry.position}</td>
                      <td data-label="Since">{formatDate(entry.startDate)}</td>
                      <td data-label="Certification">
                        <StatusBadge status={entry.certificationStatus} />
                        {entry.hireable ? '' : ' Not hireable'}
                      </td>
                      <td data-label="Ends">
                        {entry.expiresOn ? formatDate(entry.expiresOn) : ''}
                        {days <= EXPIRING_DAYS && days >= 0 ? <strong class="expiring"> in {days} days</strong> : null}
                      </td>
                      <td data-label="Portal">
                        <button type="button" class="usa-button usa-button--unstyled" onClick={() => setInviting({ postId: entry.postId, name: entry.name })}>
                          Invite <span class="usa-sr-only">{entry.name} </span>to the portal
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </>
        ) : (
          <p>Nobody{status ? ' with this status' : ''} on the roster.</p>
        )
      ) : error ? null : (
        <Loading what="the roster" />
      )}
    </Page>
  );
}

import { useState } from 'preact/hooks';
import { ApiError, fieldErrors } from '../../problem';
import { api, ask } from '../../api';
import { Alert, Loading, Page } from '../../ui/bits';
import { Checkbox, ProblemSummary, Submit, TextArea, submitWith } from '../../ui/form';
import { formatDate, formatInstant, humanize } from '../../words';
import { useOwnRecord, type OwnCase } from './own-record';
import { answerRefusalWords, caseActionWords, caseActorWords, caseStatusWords, noticeKindWords, sanctionWords } from './portal-words';

/**
 * The officer's commission cases (from GET /me/record): grounds, the notice and its proposed
 * sanction, the timeline, the notices sent about the case, and the answer to the notice while
 * the response window is open (POST /me/cases/:id/response).
 */
export function MyCasesScreen() {
  const { record, error, reload } = useOwnRecord();
  return (
    <Page title="My cases" intro="The commission's cases about you: the notice, your answer, the hearing and the decision, each step dated.">
      <ProblemSummary error={error} />
      {record ? (
        record.cases.length ? (
          record.cases.map((c) => <CaseCard key={c.id} item={c} onAnswered={reload} />)
        ) : (
          <p>No commission case about you.</p>
        )
      ) : error ? null : (
        <Loading what="your cases" />
      )}
    </Page>
  );
}

function CaseCard({ item, onAnswered }: { item: OwnCase; onAnswered: () => void }) {
  return (
    <section class="portal-part" aria-labelledby={`case-${item.id}`} data-testid={`case-${item.caseNumber}`}>
      <h2 id={`case-${item.id}`}>Case {item.caseNumber}</h2>
      <p>
        <strong>{caseStatusWords(item.status)}</strong> · opened {formatInstant(item.openedAt)}
      </p>
      <p>{item.summary}</p>
      <p>Grounds: {item.grounds.map((g) => humanize(g.code) + (g.mandatory ? ' (mandatory)' : '')).join('; ')}</p>
      {item.notice ? (
        <p>
          Notice issued on {formatDate(item.notice.issuedOn)}: the proposed sanction is {sanctionWords(item.notice.proposedSanction)}; your answer is due by{' '}
          {formatDate(item.notice.responseDueOn)}.
        </p>
      ) : null}
      {item.response ? (
        <p>
          Your answer was recorded on {formatDate(item.response.recordedOn)}
          {item.response.hearingRequested ? ', asking for a hearing' : item.response.waivesHearing ? ', waiving the hearing' : ''}.
        </p>
      ) : null}
      {item.hearing ? <p>Hearing {item.hearing.heldOn ? `held on ${formatDate(item.hearing.heldOn)}` : `on ${formatDate(item.hearing.hearingOn)}`}.</p> : null}
      {item.decision ? (
        <p>
          Decided on {formatDate(item.decision.decidedOn)}: {sanctionWords(item.decision.sanction)}
          {item.decision.suspensionDays ? ` (${item.decision.suspensionDays} days)` : ''}.
          {item.appealWindowEndsOn ? ` You may seek review until ${formatDate(item.appealWindowEndsOn)}.` : ''}
        </p>
      ) : null}
      {item.responseOpen ? <AnswerForm item={item} onAnswered={onAnswered} /> : null}
      <table class="usa-table usa-table--stacked usa-table--borderless width-full">
        <caption>Timeline of case {item.caseNumber}</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Step</th>
            <th scope="col">By</th>
            <th scope="col">Status after</th>
          </tr>
        </thead>
        <tbody>
          {item.timeline.map((entry) => (
            <tr key={entry.version}>
              <td data-label="Date">{formatDate(entry.occurredOn)}</td>
              <th scope="row" data-label="Step">
                {caseActionWords(entry.action)}
              </th>
              <td data-label="By">{caseActorWords(entry.actor)}</td>
              <td data-label="Status after">{caseStatusWords(entry.toStatus)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {item.notices.length ? (
        <>
          <h3>Notices sent about this case</h3>
          <ul class="usa-list">
            {item.notices.map((n) => (
              <li key={n.id}>
                {noticeKindWords(n.kind)}, {formatInstant(n.createdAt)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** The answer to the notice: a summary, and a hearing asked for or waived (not both). */
function AnswerForm({ item, onAnswered }: { item: OwnCase; onAnswered: () => void }) {
  const [summary, setSummary] = useState('');
  const [hearingRequested, setHearingRequested] = useState(false);
  const [waivesHearing, setWaivesHearing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [answered, setAnswered] = useState(false);
  const prefix = `answer-${item.id}`;
  const errors = fieldErrors(error);
  const refusal = error instanceof ApiError && error.status === 422 ? error.problem : undefined;
  // The window ended while the officer was writing: no form any more, but what they wrote stays to copy.
  const closed = refusal?.reasons?.includes('response_window_closed') === true;

  const send = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await ask(
        api.POST('/api/v1/me/cases/{id}/response', {
          params: { path: { id: item.id } },
          body: { summary, hearingRequested, ...(waivesHearing ? { waivesHearing: true } : {}) },
        }),
      );
      setAnswered(true);
      onAnswered();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  if (answered)
    return (
      <Alert type="success" heading="Your answer is recorded">
        The commission has your answer to the notice of case {item.caseNumber}.
      </Alert>
    );

  return (
    <form class="usa-form usa-form--large portal-answer" onSubmit={submitWith(send)} noValidate aria-labelledby={`${prefix}-heading`}>
      <h3 id={`${prefix}-heading`}>Answer the notice</h3>
      {closed ? null : <p>You may answer until {formatDate(item.notice?.responseDueOn)}. Your answer is recorded once and cannot be changed afterwards.</p>}
      {refusal ? (
        <div class="usa-alert usa-alert--error usa-alert--slim" role="alert" data-testid="answer-refused">
          <div class="usa-alert__body">
            <h4 class="usa-alert__heading">The registry did not record your answer</h4>
            <ul class="usa-list">
              {(refusal.reasons?.length ? refusal.reasons : [refusal.code]).map((reason, i) => (
                <li key={i}>{answerRefusalWords(reason, refusal as unknown as { responseDueOn?: unknown })}</li>
              ))}
            </ul>
          </div>
        </div>
      ) : (
        <ProblemSummary error={error} fieldIds={{ summary: `${prefix}-summary` }} />
      )}
      {closed ? (
        <>
          <h4>What you wrote (not recorded)</h4>
          <blockquote class="portal-quote">{summary}</blockquote>
        </>
      ) : (
        <AnswerFields
          prefix={prefix}
          summary={summary}
          setSummary={setSummary}
          errors={errors}
          hearing={[hearingRequested, setHearingRequested]}
          waiver={[waivesHearing, setWaivesHearing]}
          busy={busy}
        />
      )}
    </form>
  );
}

function AnswerFields({
  prefix,
  summary,
  setSummary,
  errors,
  hearing: [hearingRequested, setHearingRequested],
  waiver: [waivesHearing, setWaivesHearing],
  busy,
}: {
  prefix: string;
  summary: string;
  setSummary: (value: string) => void;
  errors: Record<string, string>;
  hearing: [boolean, (value: boolean) => void];
  waiver: [boolean, (value: boolean) => void];
  busy: boolean;
}) {
  return (
    <>
      <TextArea
        id={`${prefix}-summary`}
        label="Your answer"
        hint="What you say about the grounds and the proposed sanction."
        required
        maxLength={10000}
        value={summary}
        onValue={setSummary}
        error={errors.summary}
      />
      <fieldset class="usa-fieldset margin-top-2">
        <legend class="usa-legend">The hearing</legend>
        <Checkbox
          id={`${prefix}-hearing`}
          label="I ask for a hearing"
          checked={hearingRequested}
          onChecked={(on) => {
            setHearingRequested(on);
            if (on) setWaivesHearing(false);
          }}
        />
        <Checkbox
          id={`${prefix}-waive`}
          label="I waive the hearing"
          hint="The commission may then decide on the record and your answer."
          checked={waivesHearing}
          onChecked={(on) => {
            setWaivesHearing(on);
            if (on) setHearingRequested(false);
          }}
        />
      </fieldset>
      <Submit busy={busy} busyText="Sending…">
        Send my answer
      </Submit>
    </>
  );
}

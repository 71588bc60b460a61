import { useEffect, useRef, useState } from 'preact/hooks';
import type { components, operations } from '../../../../../client';
import { api, ask } from '../../api';
import { ApiError, fieldErrors } from '../../problem';
import { Checkbox, ProblemSummary, SelectField, Submit, TextArea, TextField, submitWith } from '../../ui/form';
import { groundName, type Ground } from './grounds';
import { caseActionLabel, caseRefusalWords, SANCTION_LABELS, TRIGGER_LABELS } from './case-words';

type Case = components['schemas']['CaseResponse'];
type ActionBody = operations['actOnCase']['requestBody']['content']['application/json'];

/**
 * The registry's refusal above a form: a 422's reasons each in a sentence (with the dates the
 * problem carries), anything else as the usual problem summary (field errors linked to fields).
 */
export function RefusalSummary({ error, fieldIds, heading }: { error: unknown; fieldIds?: Record<string, string>; heading?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const refusal = error instanceof ApiError && error.status === 422 && error.problem.reasons?.length ? error.problem : undefined;
  useEffect(() => {
    if (refusal) ref.current?.focus();
  }, [error]);
  if (!refusal) return <ProblemSummary error={error} fieldIds={fieldIds} heading={heading} />;
  const details = refusal as unknown as Record<string, unknown>;
  return (
    <div class="usa-alert usa-alert--error usa-alert--slim margin-bottom-2" role="alert" tabIndex={-1} ref={ref} data-testid="case-refused">
      <div class="usa-alert__body">
        <h2 class="usa-alert__heading font-sans-sm">{heading ?? 'The registry refused this'}</h2>
        <ul class="usa-list margin-top-1">
          {(refusal.reasons ?? []).map((reason, index) => (
            <li key={index}>{caseRefusalWords(reason, details)}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}

type Values = Record<string, string>;
type Flags = Record<string, boolean>;

const yesNo: [string, string][] = [
  ['false', 'No'],
  ['true', 'Yes'],
];

/** The fields each action sends besides `action` and `expectedVersion` (apps/api/src/discipline/dto/case-action.dto.ts). */
function bodyOf(action: string, values: Values, flags: Flags, findings: Values): Record<string, unknown> {
  const date = (key: string) => (values[key] ? { [key]: values[key] } : {});
  const flag = (key: string) => (flags[key] ? { [key]: true } : {});
  switch (action) {
    case 'interim_suspend':
      return { trigger: values.trigger, reason: values.reason };
    case 'record_interim_hearing':
      return { ...date('requestedOn'), ...flag('earlierHearingRequested'), ...date('heldOn'), ...flag('waived'), outcome: values.outcome };
    case 'issue_notice':
      return { proposedSanction: values.proposedSanction, responseDueOn: values.responseDueOn };
    case 'record_response':
      return { summary: values.summary, hearingRequested: values.hearingRequested === 'true', ...flag('waivesHearing') };
    case 'schedule_hearing':
      return { hearingOn: values.hearingOn };
    case 'record_hearing':
      return { heldOn: values.heldOn, summary: values.summary };
    case 'decide':
      return {
        sanction: values.sanction,
        findings: Object.entries(findings)
          .filter(([, sustained]) => sustained !== '')
          .map(([ground, sustained]) => ({ ground, sustained: sustained === 'true' })),
        reasoning: values.reasoning,
        ...(values.sanction === 'suspend' && values.suspensionDays ? { suspensionDays: Number(values.suspensionDays) } : {}),
      };
    case 'appeal':
      return { filedOn: values.filedOn, forum: values.forum, ...flag('stayed') };
    case 'resolve_appeal':
      return { outcome: values.outcome, summary: values.summary };
    case 'finalize':
      return flag('appealWaived');
    case 'dismiss':
      return { reason: values.reason };
    default:
      return {};
  }
}

/**
 * One action on the case, as a form with that action's fields. It sends the version the page
 * last read: a 409 (someone acted meanwhile) asks the page to reload the case and say so.
 */
export function CaseActionForm({
  record,
  grounds,
  action,
  onDone,
  onConflict,
  onCancel,
}: {
  record: Case;
  grounds?: Ground[];
  action: string;
  onDone: (updated: Case) => void;
  onConflict: () => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<Values>({});
  const [flags, setFlags] = useState<Flags>({});
  const [findings, setFindings] = useState<Values>(() => Object.fromEntries(record.grounds.map((ground) => [ground.code, ''])));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const errors = fieldErrors(error);
  const id = (field: string) => `action-${action}-${field}`;
  const value = (field: string) => values[field] ?? '';
  const set = (field: string) => (next: string) => setValues({ ...values, [field]: next });
  const setFlag = (field: string) => (next: boolean) => setFlags({ ...flags, [field]: next });

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    const body = { action, expectedVersion: record.version, ...bodyOf(action, values, flags, findings) } as unknown as ActionBody;
    try {
      onDone(await ask(api.POST('/api/v1/cases/{id}/actions', { params: { path: { id: record.id } }, body })));
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 409) onConflict();
      else setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const text = (field: string, label: string, hint?: string) => (
    <TextArea id={id(field)} label={label} hint={hint} required maxLength={20000} value={value(field)} onValue={set(field)} error={errors[field]} />
  );
  const dateField = (field: string, label: string, hint?: string, required = true) => (
    <TextField id={id(field)} label={label} hint={hint} type="date" required={required} value={value(field)} onValue={set(field)} error={errors[field]} />
  );
  const select = (field: string, label: string, options: [string, string][], hint?: string) => (
    <SelectField id={id(field)} label={label} hint={hint} required value={value(field)} onValue={set(field)} options={options} error={errors[field]} />
  );
  const check = (field: string, label: string, hint?: string) => (
    <Checkbox id={id(field)} label={label} hint={hint} checked={!!flags[field]} onChecked={setFlag(field)} />
  );

  const fieldIds = Object.fromEntries(
    [
      'trigger',
      'reason',
      'requestedOn',
      'heldOn',
      'outcome',
      'proposedSanction',
      'responseDueOn',
      'summary',
      'hearingRequested',
      'hearingOn',
      'sanction',
      'reasoning',
      'suspensionDays',
      'filedOn',
      'forum',
    ].map((field) => [field, id(field)]),
  );
  return (
    <form class="usa-form usa-form--large case-action-form" onSubmit={submitWith(submit)} noValidate aria-labelledby={id('heading')} data-action={action}>
      <h3 id={id('heading')}>{caseActionLabel(action)}</h3>
      <RefusalSummary error={error} fieldIds={fieldIds} />
      {action === 'interim_suspend' ? (
        <>
          {select('trigger', 'What the suspension rests on', Object.entries(TRIGGER_LABELS))}
          {text('reason', 'Reason', 'The certification is suspended at once; the officer may ask for a hearing within 5 days (c. 6E §9).')}
        </>
      ) : null}
      {action === 'record_interim_hearing' ? (
        <>
          {dateField('requestedOn', 'Day the officer asked for a hearing', undefined, false)}
          {check('earlierHearingRequested', 'The officer asked for a hearing sooner than 5 days after the suspension')}
          {dateField('heldOn', 'Day the hearing was held', undefined, false)}
          {check('waived', 'The officer waived the hearing')}
          {select('outcome', 'Outcome', [
            ['continued', 'Suspension continues'],
            ['lifted', 'Suspension lifted (the prior status is restored)'],
          ])}
        </>
      ) : null}
      {action === 'issue_notice' ? (
        <>
          {select(
            'proposedSanction',
            'Proposed sanction',
            Object.entries(SANCTION_LABELS).filter(([code]) => code !== 'no_action'),
          )}
          {dateField('responseDueOn', 'Response due on', 'At least 14 days from today: the officer is owed the time to answer (c. 6E §10).')}
        </>
      ) : null}
      {action === 'record_response' ? (
        <>
          {text('summary', "The officer's response")}
          {select('hearingRequested', 'Did the officer ask for a hearing?', yesNo)}
          {check('waivesHearing', 'The officer waives the hearing', 'Then the case may be decided without one.')}
        </>
      ) : null}
      {action === 'schedule_hearing' ? dateField('hearingOn', 'Hearing on') : null}
      {action === 'record_hearing' ? (
        <>
          {dateField('heldOn', 'Held on')}
          {text('summary', 'What happened at the hearing')}
        </>
      ) : null}
      {action === 'decide' ? (
        <>
          <fieldset class="usa-fieldset">
            <legend class="usa-legend">Findings: one on every ground</legend>
            {record.grounds.map((ground) => (
              <SelectField
                key={ground.code}
                id={id(`finding-${ground.code}`)}
                label={`${groundName(ground.code, grounds)}${ground.mandatory ? ', a mandatory ground: sustained, it requires revocation' : ''}`}
                required
                value={findings[ground.code] ?? ''}
                onValue={(next) => setFindings({ ...findings, [ground.code]: next })}
                options={[
                  ['true', 'Sustained'],
                  ['false', 'Not sustained'],
                ]}
              />
            ))}
          </fieldset>
          {select('sanction', 'Sanction', Object.entries(SANCTION_LABELS), 'It takes effect on the certification at once.')}
          {value('sanction') === 'suspend' ? (
            <TextField
              id={id('suspensionDays')}
              label="Days of suspension"
              type="number"
              min={1}
              max={3650}
              required
              value={value('suspensionDays')}
              onValue={set('suspensionDays')}
              error={errors.suspensionDays}
            />
          ) : null}
          {text('reasoning', 'Reasoning')}
        </>
      ) : null}
      {action === 'appeal' ? (
        <>
          {dateField('filedOn', 'Filed on')}
          <TextField id={id('forum')} label="Court" required maxLength={200} value={value('forum')} onValue={set('forum')} error={errors.forum} />
          {check('stayed', 'The court stayed the decision')}
        </>
      ) : null}
      {action === 'resolve_appeal' ? (
        <>
          {select('outcome', 'Outcome', [
            ['upheld', 'Upheld'],
            ['reversed', 'Reversed (the prior status is restored)'],
          ])}
          {text('summary', 'Summary')}
        </>
      ) : null}
      {action === 'finalize'
        ? check('appealWaived', 'The officer waived the appeal', 'Without a waiver the case is final only after the appeal window (30 days).')
        : null}
      {action === 'dismiss' ? text('reason', 'Reason for dismissal') : null}
      <div class="margin-top-2">
        <Submit busy={busy} busyText="Sending…">
          {caseActionLabel(action)}
        </Submit>
        <button type="button" class="usa-button usa-button--unstyled margin-left-2" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

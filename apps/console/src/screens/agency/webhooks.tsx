import { useEffect, useState } from 'preact/hooks';
import type { components } from '../../../../../client';
import { api, ask } from '../../api';
import { fieldErrors } from '../../problem';
import { Alert, Loading, Page } from '../../ui/bits';
import { CheckboxGroup, ProblemSummary, Submit, TextField, submitWith } from '../../ui/form';
import { formatInstant, humanize } from '../../words';

type Webhook = components['schemas']['WebhookResponse'];
type Delivery = components['schemas']['WebhookDeliveryResponse'];
type EventType = components['schemas']['CreateWebhookDto']['events'][number];
const EVENTS: [EventType, string][] = [
  ['officer.certification_changed', 'A certification changes status'],
  ['officer.separated', 'An officer is separated'],
  ['officer.case_opened', 'A commission case is opened'],
  ['officer.final_action', 'A final suspension or revocation'],
  ['officer.identity_changed', "An officer's identity changes or records merge"],
];
const STATUS_WORDS: Record<string, string> = {
  active: 'Active',
  failing: 'Failing: no delivery succeeded for 24 hours',
  disabled: 'Disabled: the receiver answered 410 Gone',
};

/** The agency's webhooks (POST/GET/DELETE /webhooks): events about its officers, signed, retried. */
export function WebhooksScreen() {
  const [webhooks, setWebhooks] = useState<Webhook[]>();
  const [error, setError] = useState<unknown>();
  const [created, setCreated] = useState<{ url: string; secret: string }>();
  const [reload, setReload] = useState(0);

  useEffect(() => {
    ask(api.GET('/api/v1/webhooks', { params: { query: { limit: 100 } } }))
      .then((page) => setWebhooks(page.items))
      .catch(setError);
  }, [reload]);

  return (
    <Page
      title="Webhooks"
      intro="Your systems learn at once when an officer you employ (or separated in the last 12 months) is suspended, revoked, separated elsewhere, or charged."
    >
      <ProblemSummary error={error} />
      {created ? (
        <Alert type="warning" heading="Copy the signing secret now">
          <p>
            It is shown this once. Your receiver checks each delivery's <code>webhook-signature</code> with it (Standard Webhooks).
          </p>
          <p>
            <code class="webhook-secret" data-testid="webhook-secret">
              {created.secret}
            </code>
          </p>
        </Alert>
      ) : null}
      <CreateWebhook
        onCreated={(url, secret) => {
          setCreated({ url, secret });
          setReload(reload + 1);
        }}
      />
      <h2>Your webhooks</h2>
      {webhooks ? (
        webhooks.length ? (
          <ul class="usa-list usa-list--unstyled">
            {webhooks.map((webhook) => (
              <WebhookItem key={webhook.id} webhook={webhook} onDeleted={() => setReload(reload + 1)} />
            ))}
          </ul>
        ) : (
          <p>None yet.</p>
        )
      ) : error ? null : (
        <Loading what="webhooks" />
      )}
    </Page>
  );
}

function CreateWebhook({ onCreated }: { onCreated: (url: string, secret: string) => void }) {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<string[]>(EVENTS.map(([event]) => event));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const errors = fieldErrors(error);
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const webhook = await ask(
        api.POST('/api/v1/webhooks', { body: { url: url.trim(), events: events as EventType[], ...(description.trim() ? { description } : {}) } }),
      );
      onCreated(webhook.url, webhook.secret);
      setUrl('');
      setDescription('');
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="usa-form usa-form--large" onSubmit={submitWith(submit)} noValidate aria-labelledby="new-webhook">
      <h2 id="new-webhook">Add a webhook</h2>
      <ProblemSummary
        error={error}
        fieldIds={{ url: 'webhook-url', events: 'webhook-events-officer.certification_changed', description: 'webhook-description' }}
      />
      <TextField
        id="webhook-url"
        label="Receiver's URL"
        hint="https:// address of your system."
        type="url"
        required
        maxLength={2048}
        value={url}
        onValue={setUrl}
        error={errors.url}
      />
      <TextField id="webhook-description" label="Description" maxLength={500} value={description} onValue={setDescription} error={errors.description} />
      <CheckboxGroup id="webhook-events" legend="Events to send" options={EVENTS} values={events} onValues={setEvents} error={errors.events} />
      <Submit busy={busy} busyText="Adding…">
        Add the webhook
      </Submit>
    </form>
  );
}

function WebhookItem({ webhook, onDeleted }: { webhook: Webhook; onDeleted: () => void }) {
  const [deliveries, setDeliveries] = useState<Delivery[]>();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<unknown>();

  const loadDeliveries = () =>
    ask(api.GET('/api/v1/webhooks/{id}/deliveries', { params: { path: { id: webhook.id }, query: { limit: 50 } } }))
      .then((page) => setDeliveries(page.items))
      .catch(setError);
  useEffect(() => {
    if (open) void loadDeliveries();
  }, [open]);

  const act = async (action: () => Promise<unknown>, done: string) => {
    setError(undefined);
    try {
      await action();
      setMessage(done);
      if (open) await loadDeliveries();
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <li class="usa-card margin-bottom-2">
      <div class="usa-card__container">
        <div class="usa-card__body">
          <h3 class="margin-y-1 webhook-url">{webhook.url}</h3>
          <p class="margin-y-05">
            <strong>{STATUS_WORDS[webhook.status] ?? humanize(webhook.status)}</strong>
            {webhook.failingSince ? `, since ${formatInstant(webhook.failingSince)}` : ''}. {webhook.description ?? ''}
          </p>
          <p class="margin-y-05 font-sans-2xs">Events: {webhook.events.map((event) => EVENTS.find(([code]) => code === event)?.[1] ?? event).join('; ')}.</p>
          {message ? <p role="status">{message}</p> : null}
          <ProblemSummary error={error} />
          <div class="usa-button-group">
            <button type="button" class="usa-button usa-button--outline" aria-expanded={open} onClick={() => setOpen(!open)}>
              {open ? 'Hide deliveries' : 'Deliveries'}
            </button>
            <button
              type="button"
              class="usa-button usa-button--outline"
              onClick={() => void act(() => ask(api.POST('/api/v1/webhooks/{id}/test', { params: { path: { id: webhook.id } } })), 'Test event queued.')}
            >
              Send a test event
            </button>
            <button
              type="button"
              class="usa-button usa-button--secondary"
              onClick={() => {
                if (confirm(`Delete the webhook to ${webhook.url}?`))
                  void act(() => ask(api.DELETE('/api/v1/webhooks/{id}', { params: { path: { id: webhook.id } } })).then(onDeleted), 'Deleted.');
              }}
            >
              Delete
            </button>
          </div>
          {open ? (
            deliveries ? (
              deliveries.length ? (
                <table class="usa-table usa-table--stacked usa-table--borderless usa-table--compact width-full">
                  <caption>Deliveries, newest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">When</th>
                      <th scope="col">Event</th>
                      <th scope="col">Attempt</th>
                      <th scope="col">Status</th>
                      <th scope="col">Answer</th>
                      <th scope="col">Action</th>
                    </tr>
                  </thead>
                  <tbody>
                    {deliveries.map((delivery) => (
                      <tr key={delivery.id}>
                        <th scope="row" data-label="When">
                          {formatInstant(delivery.at)}
                        </th>
                        <td data-label="Event">{delivery.type}</td>
                        <td data-label="Attempt">{delivery.attempt}</td>
                        <td data-label="Status">
                          {humanize(delivery.status)}
                          {delivery.nextAttemptAt ? `, next try ${formatInstant(delivery.nextAttemptAt)}` : ''}
                        </td>
                        <td data-label="Answer">
                          {delivery.responseStatus ?? 'none'}
                          {delivery.durationMs !== null ? ` in ${delivery.durationMs} ms` : ''}
                        </td>
                        <td data-label="Action">
                          {delivery.status === 'failed' ? (
                            <button
                              type="button"
                              class="usa-button usa-button--unstyled"
                              onClick={() =>
                                void act(
                                  () =>
                                    ask(
                                      api.POST('/api/v1/webhooks/{id}/deliveries/{deliveryId}/retry', {
                                        params: { path: { id: webhook.id, deliveryId: delivery.id } },
                                      }),
                                    ),
                                  'Sent again.',
                                )
                              }
                            >
                              Retry now
                            </button>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : (
                <p>No deliveries yet.</p>
              )
            ) : (
              <Loading what="deliveries" />
            )
          ) : null}
        </div>
      </div>
    </li>
  );
}

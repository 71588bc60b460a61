import { useState } from 'preact/hooks';
import { api, ask } from '../../api';
import { fieldErrors } from '../../problem';
import { session } from '../../session';
import { Alert, Page } from '../../ui/bits';
import { CheckboxGroup, ProblemSummary, Submit, TextField, submitWith } from '../../ui/form';
import { roleLabel } from '../../words';

type AgencyRole = 'agency_admin' | 'agency_hiring';
const ROLES: [AgencyRole, string][] = [
  ['agency_hiring', `${roleLabel('agency_hiring')}: hiring checks, recording hires`],
  ['agency_admin', `${roleLabel('agency_admin')}: all of that, reports, separations, webhooks, users`],
];
interface Made {
  kind: 'user' | 'key';
  id: string;
  label: string;
  roles: string[];
  state?: string;
}

/**
 * Users and API keys of the agency (POST /organizations/:id/users, /api-keys). The API has no
 * list of an organization's users or keys yet: this screen lists those made here, this session.
 */
export function UsersScreen() {
  const [made, setMade] = useState<Made[]>([]);
  const [key, setKey] = useState<string>();
  const update = (id: string, state: string) => setMade((list) => list.map((item) => (item.id === id ? { ...item, state } : item)));
  return (
    <Page title="Users and API keys" intro="Give your staff their own sign-in, and your systems an API key. Each acts for your agency only.">
      <Alert type="info" slim>
        The registry does not list an agency's users and keys yet: the ones made on this page are listed below until you leave it.
      </Alert>
      <NewUser onMade={(item) => setMade([item, ...made])} />
      <NewKey
        onMade={(item, secret) => {
          setMade([item, ...made]);
          setKey(secret);
        }}
      />
      {key ? (
        <Alert type="warning" heading="Copy the API key now">
          <p>It is shown this once; the registry keeps only its fingerprint. Your system sends it in the X-API-Key header.</p>
          <code class="webhook-secret" data-testid="api-key">
            {key}
          </code>
        </Alert>
      ) : null}
      {made.length ? (
        <>
          <h2>Made here</h2>
          <ul class="usa-list usa-list--unstyled">
            {made.map((item) => (
              <li key={item.id} class="margin-bottom-1">
                <strong>{item.label}</strong> ({item.kind === 'user' ? 'user' : 'API key'}; {item.roles.map(roleLabel).join(', ')}){' '}
                {item.state ? <em>{item.state}</em> : null}{' '}
                {item.state ? null : (
                  <button
                    type="button"
                    class="usa-button usa-button--unstyled"
                    onClick={() =>
                      void (
                        item.kind === 'user'
                          ? ask(api.POST('/api/v1/users/{id}/disable', { params: { path: { id: item.id } } }))
                          : ask(api.POST('/api/v1/api-keys/{id}/revoke', { params: { path: { id: item.id } } }))
                      )
                        .then(() => update(item.id, item.kind === 'user' ? 'disabled' : 'revoked'))
                        .catch((failure: unknown) => update(item.id, failure instanceof Error ? failure.message : 'failed'))
                    }
                  >
                    {item.kind === 'user' ? 'Disable' : 'Revoke'}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Page>
  );
}

function NewUser({ onMade }: { onMade: (item: Made) => void }) {
  const organizationId = session.get().me?.organizationId ?? '';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<string[]>(['agency_hiring']);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const errors = fieldErrors(error);
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const user = await ask(
        api.POST('/api/v1/organizations/{id}/users', { params: { path: { id: organizationId } }, body: { email, password, roles: roles as AgencyRole[] } }),
      );
      onMade({ kind: 'user', id: user.id, label: user.email, roles: user.roles });
      setEmail('');
      setPassword('');
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="usa-form usa-form--large" onSubmit={submitWith(submit)} noValidate aria-labelledby="new-user">
      <h2 id="new-user">Add a user</h2>
      <ProblemSummary error={error} fieldIds={{ email: 'user-email', password: 'user-password', roles: 'user-roles-agency_hiring' }} />
      <TextField id="user-email" label="Email" type="email" required maxLength={254} value={email} onValue={setEmail} error={errors.email} autoComplete="off" />
      <TextField
        id="user-password"
        label="First password"
        hint="At least 12 characters, not a common one. Give it to the person privately."
        type="password"
        autoComplete="new-password"
        required
        value={password}
        onValue={setPassword}
        error={errors.password}
      />
      <CheckboxGroup id="user-roles" legend="Role" options={ROLES} values={roles} onValues={setRoles} error={errors.roles} />
      <Submit busy={busy} busyText="Adding…">
        Add the user
      </Submit>
    </form>
  );
}

function NewKey({ onMade }: { onMade: (item: Made, key: string) => void }) {
  const organizationId = session.get().me?.organizationId ?? '';
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<string[]>(['agency_hiring']);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const errors = fieldErrors(error);
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const created = await ask(
        api.POST('/api/v1/organizations/{id}/api-keys', { params: { path: { id: organizationId } }, body: { name, roles: roles as AgencyRole[] } }),
      );
      onMade({ kind: 'key', id: created.id, label: created.name, roles: created.roles }, created.key);
      setName('');
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="usa-form usa-form--large" onSubmit={submitWith(submit)} noValidate aria-labelledby="new-key">
      <h2 id="new-key">Add an API key</h2>
      <ProblemSummary error={error} fieldIds={{ name: 'key-name', roles: 'key-roles-agency_hiring' }} />
      <TextField id="key-name" label="Name" hint="What uses it, e.g. HR system." required maxLength={100} value={name} onValue={setName} error={errors.name} />
      <CheckboxGroup id="key-roles" legend="Role" options={ROLES} values={roles} onValues={setRoles} error={errors.roles} />
      <Submit busy={busy} busyText="Adding…">
        Add the key
      </Submit>
    </form>
  );
}

import { useEffect, useState } from 'preact/hooks';
import type { components } from '../../../../../client';
import { api, ask } from '../../api';
import { fieldErrors } from '../../problem';
import { session } from '../../session';
import { Alert, Loading, Page } from '../../ui/bits';
import { CheckboxGroup, ProblemSummary, Submit, TextField, submitWith } from '../../ui/form';
import { formatDate, roleLabel } from '../../words';

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
}
type User = components['schemas']['UserResponse'];
type Key = components['schemas']['ApiKeyListItem'];
const MAX_PAGES = 20;

/** Every page of one of the organization's lists (a town's staff fits in one; the cap keeps a runaway list finite). */
async function allPages<T>(fetchPage: (cursor?: string) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await fetchPage(cursor);
    all.push(...answer.items);
    if (!answer.nextCursor) break;
    cursor = answer.nextCursor;
  }
  return all;
}

/** Users and API keys of the agency: GET /organizations/:id/users and /api-keys, and the forms that add them. */
export function UsersScreen() {
  const organizationId = session.get().me?.organizationId ?? '';
  const [users, setUsers] = useState<User[]>();
  const [keys, setKeys] = useState<Key[]>();
  const [loaded, setLoaded] = useState(0);
  const [error, setError] = useState<unknown>();
  const [key, setKey] = useState<string>();
  const [states, setStates] = useState<Record<string, string>>({});
  const reload = () => setLoaded((n) => n + 1);

  useEffect(() => {
    let live = true;
    setError(undefined);
    const path = { id: organizationId };
    Promise.all([
      allPages((cursor) => ask(api.GET('/api/v1/organizations/{id}/users', { params: { path, query: { limit: 500, cursor } } }))),
      allPages((cursor) => ask(api.GET('/api/v1/organizations/{id}/api-keys', { params: { path, query: { limit: 500, cursor } } }))),
    ])
      .then(([userList, keyList]) => {
        if (!live) return;
        setUsers(userList);
        setKeys(keyList);
      })
      .catch((failure: unknown) => live && setError(failure));
    return () => {
      live = false;
    };
  }, [organizationId, loaded]);

  const change = (item: Made) => {
    const request =
      item.kind === 'user'
        ? ask(api.POST('/api/v1/users/{id}/disable', { params: { path: { id: item.id } } }))
        : ask(api.POST('/api/v1/api-keys/{id}/revoke', { params: { path: { id: item.id } } }));
    void request
      .then(() => {
        setStates((all) => ({ ...all, [item.id]: '' }));
        reload();
      })
      .catch((failure: unknown) => setStates((all) => ({ ...all, [item.id]: failure instanceof Error ? failure.message : 'failed' })));
  };
  const action = (item: Made, label: string) => (
    <>
      <button type="button" class="usa-button usa-button--unstyled" onClick={() => change(item)} aria-label={`${label} ${item.label}`}>
        {label}
      </button>
      {states[item.id] ? <em> {states[item.id]}</em> : null}
    </>
  );
  return (
    <Page title="Users and API keys" intro="Give your staff their own sign-in, and your systems an API key. Each acts for your agency only.">
      <ProblemSummary error={error} />
      <h2 id="users-heading">Users</h2>
      {users ? (
        <table class="usa-table usa-table--stacked usa-table--borderless width-full" data-testid="users" aria-labelledby="users-heading">
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">State</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id} data-user-id={user.id}>
                <th scope="row" data-label="Email">
                  {user.email}
                </th>
                <td data-label="Role">{user.roles.map(roleLabel).join(', ')}</td>
                <td data-label="State">{user.disabled ? 'disabled' : user.locked ? 'locked after failed sign-ins' : 'active'}</td>
                <td data-label="Action">{user.disabled ? null : action({ kind: 'user', id: user.id, label: user.email, roles: user.roles }, 'Disable')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : error ? null : (
        <Loading what="the users" />
      )}
      <h2 id="keys-heading">API keys</h2>
      {keys ? (
        keys.length ? (
          <table class="usa-table usa-table--stacked usa-table--borderless width-full" data-testid="api-keys" aria-labelledby="keys-heading">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Made</th>
                <th scope="col">State</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((item) => (
                <tr key={item.id} data-key-id={item.id}>
                  <th scope="row" data-label="Name">
                    {item.name}
                  </th>
                  <td data-label="Role">{item.roles.map(roleLabel).join(', ')}</td>
                  <td data-label="Made">{formatDate(item.createdAt.slice(0, 10))}</td>
                  <td data-label="State">{item.revoked ? 'revoked' : 'active'}</td>
                  <td data-label="Action">{item.revoked ? null : action({ kind: 'key', id: item.id, label: item.name, roles: item.roles }, 'Revoke')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>No API keys yet.</p>
        )
      ) : error ? null : (
        <Loading what="the API keys" />
      )}
      <NewUser onMade={reload} />
      <NewKey
        onMade={(_, secret) => {
          setKey(secret);
          reload();
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

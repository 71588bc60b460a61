import { randomBytes } from 'node:crypto';
import { createOfficer } from './factories';
import { bearer, TestApp, USER_PASSWORD } from './test-app';

export interface OfficerAccount {
  postId: string;
  officerId: string;
  email: string;
  token: string;
}

/** The token of an invitation's activation link (no SMTP_URL in tests: the link comes back once). */
export function activationToken(activationUrl: string): string {
  const token = new URL(activationUrl).hash.replace(/^#token=/, '');
  return decodeURIComponent(token);
}

/**
 * An officer with an activated portal account, through the API's own flow: the commission
 * invites (POST /officers/:postId/account-invitations), the officer activates, then signs in.
 */
export async function officerAccount(t: TestApp, postId?: string): Promise<OfficerAccount> {
  const officerPostId = postId ?? (await createOfficer(t)).postId;
  const email = `officer-${randomBytes(4).toString('hex')}@example.test`;
  const invited = await t
    .http()
    .post(`/api/v1/officers/${officerPostId}/account-invitations`)
    .set(bearer(await t.adminToken()))
    .send({ email });
  if (invited.status !== 201) throw new Error(`invitation failed: ${invited.status} ${JSON.stringify(invited.body)}`);
  const activated = await t
    .http()
    .post('/api/v1/auth/activate')
    .send({ token: activationToken(invited.body.activationUrl as string), password: USER_PASSWORD });
  if (activated.status !== 204) throw new Error(`activation failed: ${activated.status} ${JSON.stringify(activated.body)}`);
  const { rows } = await t.db.query(`SELECT id FROM officer WHERE post_id = $1`, [officerPostId]);
  return { postId: officerPostId, officerId: rows[0].id as string, email, token: await t.login(email) };
}

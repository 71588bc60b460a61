import { EntityManager, IsNull } from 'typeorm';
import { MfaChallengeEntity } from './mfa-challenge.entity';
import { MfaRecoveryCodeEntity } from './mfa-recovery-code.entity';
import { MfaTotpFactorEntity } from './mfa-totp-factor.entity';

/** The second factor's rows; every write in the caller's transaction. */
export const mfaStore = {
  findFactor(manager: EntityManager, userId: string, lock = false): Promise<MfaTotpFactorEntity | null> {
    return manager.findOne(MfaTotpFactorEntity, { where: { userId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  },

  async isEnrolled(manager: EntityManager, userId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM mfa_totp_factor WHERE user_id = $1 AND confirmed_at IS NOT NULL`, [userId]);
    return rows.length > 0;
  },

  /** A new pending secret replaces a pending one (a second QR scan); the caller has checked none is confirmed. */
  async savePendingFactor(manager: EntityManager, userId: string, secretCiphertext: string): Promise<void> {
    await manager.upsert(MfaTotpFactorEntity, { userId, secretCiphertext, confirmedAt: null, lastUsedStep: null }, ['userId']);
  },

  async confirmFactor(manager: EntityManager, userId: string, confirmedAt: Date, step: number): Promise<void> {
    await manager.update(MfaTotpFactorEntity, { userId }, { confirmedAt, lastUsedStep: step });
  },

  async recordTotpStep(manager: EntityManager, userId: string, step: number): Promise<void> {
    await manager.update(MfaTotpFactorEntity, { userId }, { lastUsedStep: step });
  },

  async replaceRecoveryCodes(manager: EntityManager, userId: string, hashes: Buffer[]): Promise<void> {
    await manager.delete(MfaRecoveryCodeEntity, { userId });
    await manager.insert(
      MfaRecoveryCodeEntity,
      hashes.map((codeHash) => ({ userId, codeHash })),
    );
  },

  /** One indexed, conditional UPDATE: of two requests with one code, exactly one finds it unused. */
  async useRecoveryCode(manager: EntityManager, userId: string, codeHash: Buffer, now: Date): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(MfaRecoveryCodeEntity)
      .set({ usedAt: now })
      .where({ userId, codeHash, usedAt: IsNull() })
      .execute();
    return result.affected === 1;
  },

  unusedRecoveryCodes(manager: EntityManager, userId: string): Promise<number> {
    return manager.count(MfaRecoveryCodeEntity, { where: { userId, usedAt: IsNull() } });
  },

  /** Issues a challenge, and forgets the user's expired ones (so the table holds only what may still be used). */
  async insertChallenge(manager: EntityManager, userId: string, tokenHash: Buffer, now: Date, expiresAt: Date): Promise<void> {
    await manager.query(`DELETE FROM mfa_challenge WHERE user_id = $1 AND expires_at < $2`, [userId, now]);
    await manager.insert(MfaChallengeEntity, { userId, tokenHash, expiresAt });
  },

  findChallengeForUpdate(manager: EntityManager, tokenHash: Buffer): Promise<MfaChallengeEntity | null> {
    return manager.findOne(MfaChallengeEntity, { where: { tokenHash }, lock: { mode: 'pessimistic_write' } });
  },

  async markChallengeUsed(manager: EntityManager, id: string, now: Date): Promise<void> {
    await manager.update(MfaChallengeEntity, { id }, { usedAt: now });
  },

  /** Whatever the user had: the factor, pending or confirmed, its recovery codes, open challenges. */
  async clearFactor(manager: EntityManager, userId: string): Promise<{ hadFactor: boolean }> {
    const removed = await manager.delete(MfaTotpFactorEntity, { userId });
    await manager.delete(MfaRecoveryCodeEntity, { userId });
    await manager.delete(MfaChallengeEntity, { userId });
    return { hadFactor: (removed.affected ?? 0) > 0 };
  },
};

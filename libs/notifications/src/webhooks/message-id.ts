import { randomBytes } from 'node:crypto';

/** A `webhook-id` (Standard Webhooks: unique per message, the same on every attempt of it). */
export const newMessageId = () => `msg_${randomBytes(18).toString('base64url')}`;

/** The body every attempt of a message sends, byte for byte (API.md: `{type, timestamp, data}`). */
export const messageBody = (type: string, timestamp: Date, data: Record<string, unknown>) => JSON.stringify({ type, timestamp: timestamp.toISOString(), data });

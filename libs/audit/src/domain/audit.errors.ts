import { NotFoundError } from '@app/core';

export const auditLogEmpty = () => new NotFoundError('AUDIT.EMPTY', 'The audit log has no entries yet.');

import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Actor } from '@app/core';
import { ApiKeysService } from '@app/organizations';
import { Strategy } from 'passport-custom';

/** Machine clients: `X-API-Key: prk_…`. */
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(Strategy, 'api-key') {
  constructor(private readonly apiKeys: ApiKeysService) {
    super();
  }

  async validate(request: { id?: string; headers: Record<string, string | string[] | undefined> }): Promise<Actor | false> {
    const header = request.headers['x-api-key'];
    if (typeof header !== 'string' || header.length > 200) return false;
    const key = await this.apiKeys.authenticate(header);
    if (!key) return false;
    return { kind: 'api_key', id: key.id, organizationId: key.organizationId, organizationType: key.organizationType, roles: key.roles, requestId: request.id };
  }
}

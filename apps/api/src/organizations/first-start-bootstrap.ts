import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { BootstrapService } from '@app/organizations';

/**
 * The API's first start creates the commission and its first administrator (API.md
 * "Start-up and configuration"). A hook of the API, not of OrganizationsModule: the CLI
 * imports that module too, and a command must not create an administrator on its way.
 */
@Injectable()
export class FirstStartBootstrap implements OnApplicationBootstrap {
  constructor(private readonly bootstrap: BootstrapService) {}

  onApplicationBootstrap(): Promise<void> {
    return this.bootstrap.bootstrapFirstStart();
  }
}

import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '@app/runtime';
import { Logger } from 'nestjs-pino';
import pino, { DestinationStream } from 'pino';
import { WorkerAppModule } from './worker-app.module';

/** The worker's application context, initialised (createApplicationContext runs init(): the jobs start here). */
export async function createWorker(config: AppConfig, options: { logDestination?: DestinationStream } = {}): Promise<INestApplicationContext> {
  const logger = options.logDestination ? pino({ level: config.logLevel }, options.logDestination) : pino({ level: config.logLevel });
  const worker = await NestFactory.createApplicationContext(WorkerAppModule.register(config, logger), { bufferLogs: true, abortOnError: false });
  worker.useLogger(worker.get(Logger));
  return worker;
}

export * from './training.module';
export * from './training-facts.service';

export * from './certification-status';
export * from './certification-term';
export * from './certification-basis';
export * from './certification-commands';
export * from './certification-settlement';
export * from './certification-transitions';
export * from './certification-eligibility';
export * from './certification.errors';

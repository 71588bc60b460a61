/** Where commands write: the process's streams (processIo), or a test's buffers. Also the injection token. */
export abstract class CliIo {
  /** Results (a line, or a whole CSV file). */
  abstract out(text: string): void;
  /** Failures, notes and commander's usage messages. */
  abstract err(text: string): void;
}

export const processIo: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

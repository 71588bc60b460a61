/**
 * Preloaded into the service by `npm run bench:soak` (`node --expose-gc -r soak-probe.js main.js`,
 * with an IPC channel): on the bench's 'memory' message, a full collection (so that the heap
 * figure is what is still reachable, not garbage waiting for the next GC), then
 * process.memoryUsage() back over the channel. Nothing else of the service changes.
 */
process.on('message', (message) => {
  if (message !== 'memory') return;
  (globalThis as { gc?: () => void }).gc?.();
  process.send?.({ kind: 'memory', ...process.memoryUsage() });
});
// The channel must not keep the process alive: the service ends as it would without the probe.
process.channel?.unref();

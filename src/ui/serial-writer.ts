// Autosave writes: every change is written, in order, and a newer pending change replaces an older one
// that has not started yet. Nothing typed waits on a timer that a closing popup could cut short.
export function serialWriter<T>(write: (value: T) => Promise<void>, onError: (err: unknown) => void) {
  let running: Promise<void> | undefined;
  let queued: { value: T } | undefined;
  const pump = async (): Promise<void> => {
    while (queued) {
      const { value } = queued;
      queued = undefined;
      try {
        await write(value);
      } catch (err) {
        onError(err);
      }
    }
    running = undefined;
  };
  return {
    push(value: T): Promise<void> {
      queued = { value };
      running ??= pump();
      return running;
    },
    /** Resolves when everything pushed so far is written. */
    flush(): Promise<void> {
      return running ?? Promise.resolve();
    },
  };
}

// Work that would hold the extension host's thread for long (a 10 MB article's sources, counts,
// hover index and outline) is written as steps, a generator of ArticleView's, and run here a slice
// at a time, each slice a task of its own, so that the host's other work runs between them.

/** The longest one slice runs before letting other work in. */
export const SLICE_MS = 8;

export const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Runs `steps` to their end in slices of about SLICE_MS; undefined if `stop` says so between two
 * slices. Small work ends in the first slice, in the caller's task.
 */
export async function sliced<T>(steps: Generator<void, T, void>, stop: () => boolean = () => false): Promise<T | undefined> {
  let since = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - since < SLICE_MS) continue;
    await nextTask();
    if (stop()) return undefined;
    since = performance.now();
  }
}

import { liveQuery } from 'dexie';

/**
 * A Dexie query as rune state: re-runs when the rows it read change, in this tab or another
 * (Dexie broadcasts changes between tabs), so every tab shows the same queue. Call it during
 * component initialisation; the subscription ends with the component.
 */
export function live<T>(
  query: () => Promise<T>,
  initial: T,
  /**
   * Rune state the query depends on besides the rows (the signed-in person): read here so a
   * change re-runs the query; Dexie calls the query outside the effect, where reads are not
   * tracked.
   */
  dependsOn?: () => unknown,
): { readonly current: T } {
  let current = $state<T>(initial);
  $effect(() => {
    dependsOn?.();
    const subscription = liveQuery(query).subscribe({
      next: (value) => {
        current = value;
      },
      error: () => {
        // A failed read leaves the last value shown; the next change re-runs the query.
      },
    });
    return () => subscription.unsubscribe();
  });
  return {
    get current() {
      return current;
    },
  };
}

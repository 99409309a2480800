/** The print agent as the status bar shows it. */
export const printerState = $state<{ state: 'unpaired' | 'ready' | 'unreachable' }>({
  state: 'unpaired',
});

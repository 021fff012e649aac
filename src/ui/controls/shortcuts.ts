/** Every keyboard shortcut, as the help dialog lists it (the keyboard hook implements them). */
export interface Shortcut {
  readonly keys: readonly (readonly string[])[]
  readonly action: string
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: [['Space']], action: 'Play or pause' },
  { keys: [['→'], ['Page Down']], action: 'Step forward one event' },
  { keys: [['←'], ['Page Up']], action: 'Step back one event' },
  { keys: [['Shift', '→'], [']']], action: 'Jump to the next layer' },
  { keys: [['Shift', '←'], ['[']], action: 'Jump to the previous layer' },
  { keys: [['Home']], action: 'First step' },
  { keys: [['End']], action: 'Last step' },
  { keys: [['P']], action: 'Presentation mode: on or off' },
  { keys: [['B'], ['.']], action: 'Presenting: blank the screen (any key shows it again)' },
  { keys: [['Esc']], action: 'Presenting: leave presentation mode' },
  { keys: [['?']], action: 'Show these shortcuts' },
  { keys: [['Esc']], action: 'Close this list' },
]

/** Keys that work where the focus is: on the tabs and on the playhead. */
export const LOCAL_SHORTCUTS: readonly Shortcut[] = [
  { keys: [['←'], ['→']], action: 'On the tabs: show the previous or next panel' },
  { keys: [['←'], ['→'], ['Home'], ['End']], action: 'On the playhead: move it step by step' },
  { keys: [['Tab']], action: 'Move between controls' },
]

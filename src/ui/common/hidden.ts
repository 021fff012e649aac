/**
 * Whether an element sits in a hidden part of the page: a tab panel that is not chosen, a closed
 * menu (the `hidden` attribute). Asked from the DOM alone, so it reads no layout: a panel loaded
 * once and kept (DetailTabs) still renders every step while another tab is open, and its effects
 * asking the browser where things are (`getClientRects`, a computed style) forced a layout of the
 * whole page after each step's commit.
 */
export const inHiddenPart = (element: Element): boolean => element.closest('[hidden]') !== null

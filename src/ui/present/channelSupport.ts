/**
 * Whether this browser can link two windows (BroadcastChannel). Its own module so the header's
 * "Open presenter view" can ask without loading the channel's message schemas (channel.ts).
 */
export const channelSupported = (): boolean => typeof globalThis.BroadcastChannel === 'function'

import type { EventType } from '../../../engine'

/**
 * The Simple depth's second and third analogies, beside the letter that runs through every step
 * (DOMAIN.md names three: a letter posted to a company, ordering in a restaurant, ping-pong).
 * The restaurant fits the server's side: a host at the door, a waiter who writes the order on a
 * ticket, stations at the pass, a cook and a store room, the plate carried back. Ping-pong fits
 * the exchanges where each side must answer before the other goes on: the handshakes and the
 * round trip itself. A step gets one line at most, and only where the picture is true to it.
 */
export const ANALOGIES: Partial<Record<EventType, string>> = {
  // Ping-pong: the handshakes, one touch each way.
  'tcp:syn':
    'Like ping-pong: the browser serves first and nothing else can happen until the ball comes back.',
  'tcp:syn-ack':
    'Like ping-pong: the server returns the serve, so the browser knows someone is at the other end.',
  'tcp:ack':
    'Like ping-pong: the browser touches the ball once more; one full back-and-forth has set up the table.',
  'tls:client-hello':
    'Like ping-pong: the browser serves its list of locks it can use, then waits for the return.',
  'tls:server-hello':
    'Like ping-pong: the server hits back the lock it picked, with its ID card for the browser to check.',
  'tls:finished':
    'Like ping-pong: after the ball has crossed the net each way, both sides hold a key that nobody watching the rally could copy.',
  'client:complete':
    'Like ping-pong: the request went over and the response came back: one rally, one round trip.',

  // The restaurant: from the door to the kitchen and the plate back to the table.
  'proxy:receive':
    'In a restaurant: the host at the door meets every guest first, before any waiter or cook.',
  'proxy:rate-limit':
    'In a restaurant: the host counts how many tables one guest has asked for in the last minute.',
  'proxy:static':
    'In a restaurant: bread and water, which the host brings straight away without bothering the kitchen.',
  'proxy:forward': 'In a restaurant: the host seats you in one waiter’s section.',
  'proxy:upstream-error':
    'In a restaurant: the host finds the kitchen silent and has to come back and say so.',
  'proxy:send': 'In a restaurant: the host sees the plate out of the door on its way to you.',
  'server:queued': 'In a restaurant: every waiter is busy, so you wait before you can order.',
  'server:parse':
    'In a restaurant: the waiter copies what you said onto the kitchen’s own order ticket.',
  'server:request-object':
    'In a restaurant: your ticket gets a tray of its own, so your order never mixes with the next table’s.',
  'server:write': 'In a restaurant: the waiter carries the finished plate out of the kitchen.',
  'middleware:enter':
    'In a restaurant: on its way in the ticket passes each station at the pass, and the plate passes the same stations again, in reverse, on its way out.',
  'middleware:auth-check': 'In a restaurant: “Members only: may I see your card?”',
  'middleware:auth-reject':
    'In a restaurant: no card, no table; the kitchen never hears about your order.',
  'middleware:gzip':
    'In a restaurant: the food is packed tightly into a takeaway box so it travels light.',
  'router:match':
    'In a restaurant: the ticket goes to the right station: the grill, the salads or the desserts.',
  'router:not-found': 'In a restaurant: you asked for a dish that is not on the menu.',
  'router:method-not-allowed':
    'In a restaurant: the dish is on the menu, but not the way you asked for it; the menu says how it can be ordered.',
  'validation:ok':
    'In a restaurant: the cook reads the ticket and checks that the order makes sense before starting.',
  'validation:error':
    'In a restaurant: “Medium-rare soup?” The ticket goes back to be corrected and nothing is cooked.',
  'handler:call': 'In a restaurant: the cook starts on your dish.',
  'handler:db-query':
    'In a restaurant: the cook fetches ingredients from the store room, often the slowest part of the meal.',
  'handler:raise':
    'In a restaurant: the cook drops the dish; the waiter comes back with an apology instead of a plate.',
  'handler:return': 'In a restaurant: the dish is plated and handed over to be carried out.',
  'client:receive': 'In a restaurant: the plate arrives at your table.',
  'client:cache-hit':
    'In a restaurant: last night’s takeaway is still good in your fridge, so you do not go out at all.',
}

/** The Simple text with this step's restaurant or ping-pong line after the letter, if it has one. */
export const withAnalogy = (type: EventType, simple: string): string => {
  const line = ANALOGIES[type]
  return line ? `${simple} ${line}` : simple
}

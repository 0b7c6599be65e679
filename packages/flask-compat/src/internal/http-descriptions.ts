/**
 * werkzeug's default descriptions for the exception classes `exceptions.ts` defines from a table
 * (the classes with their own constructor keep theirs on the class).
 */
export const DESCRIPTIONS: Readonly<Record<number, string>> = {
  406: 'The resource identified by the request is only capable of generating response entities which have content characteristics not acceptable according to the accept headers sent in the request.',
  408: "The server closed the network connection because the browser didn't finish the request within the specified time.",
  409: 'A conflict happened while processing the request. The resource might have been modified while the request was being processed.',
  410: 'The requested URL is no longer available on this server and there is no forwarding address. If you followed a link from a foreign page, please contact the author of this page.',
  411: 'A request with this method requires a valid <code>Content-Length</code> header.',
  412: 'The precondition on the request for the URL failed positive evaluation.',
  414: 'The length of the requested URL exceeds the capacity limit for this server. The request cannot be processed.',
  416: 'The server cannot provide the requested range.',
  417: 'The server could not meet the requirements of the Expect header',
  418: 'This server is a teapot, not a coffee machine',
  422: 'The request was well-formed but was unable to be followed due to semantic errors.',
  423: 'The resource that is being accessed is locked.',
  424: 'The method could not be performed on the resource because the requested action depended on another action and that action failed.',
  428: 'This request is required to be conditional; try using "If-Match" or "If-Unmodified-Since".',
  431: 'One or more header fields exceeds the maximum size.',
  451: 'Unavailable for legal reasons.',
  501: 'The server does not support the action requested by the browser.',
  502: 'The proxy server received an invalid response from an upstream server.',
  503: 'The server is temporarily unable to service your request due to maintenance downtime or capacity problems. Please try again later.',
  504: 'The connection to an upstream server timed out.',
  505: 'The server does not support the HTTP protocol version used in the request.',
}

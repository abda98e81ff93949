// Twilio's standard opt-out / opt-in keywords (plus the CTIA additions OPTOUT and REVOKE).
const STOP = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT', 'REVOKE']);
const START = new Set(['START', 'YES', 'UNSTOP']);

/** Whether an inbound text opts the sender out (`stop`) or back in (`start`); only the whole message counts. */
export function detectOptOut(body: string): 'stop' | 'start' | undefined {
  const word = body
    .trim()
    .replace(/[\s.!]+$/, '')
    .toUpperCase();
  if (STOP.has(word)) return 'stop';
  if (START.has(word)) return 'start';
  return undefined;
}

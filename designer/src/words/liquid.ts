import { pathWords } from './conditions';

/** Marks a field a message prints, as the card shows it in a chip: «firstName». */
const [OPEN, CLOSE] = ['«', '»'];
const OUTPUT = /\{\{\s*([\w.$-]+)[^}]*\}\}/g;
const TAG = /\{%-?[\s\S]*?-?%\}/g;

/**
 * Message text as a marketer reads it: each printed field as «its name» (the name the
 * personalisation picker gives it, `{{ profile.firstName | default: "there" }}` -> «firstName»),
 * logic tags left out.
 */
export function liquidWords(text: string): string {
  return text
    .replace(OUTPUT, (_, path: string) => `${OPEN}${pathWords(path.replace(/^vars\./, ''))}${CLOSE}`)
    .replace(TAG, '')
    .replace(/\s{2,}/g, ' ');
}

/** Text split into plain parts and the «field» parts `liquidWords` made (brackets kept), to draw the fields as chips. */
export function chipParts(text: string): { text: string; field: boolean }[] {
  return text
    .split(/(«[^«»]+»)/)
    .filter(Boolean)
    .map((part) => ({ text: part, field: part.startsWith(OPEN) && part.endsWith(CLOSE) }));
}
